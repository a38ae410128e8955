import type { Entry } from './entry.ts';

/** Strings of delivery zones, fees, pickup points and slots (issue 12 §2, §3, §7, §8). */
export const deliveryMessages = {
  'error.unknown_postcode': {
    fr: 'Ce code postal ({postalCode}) n’existe pas en {country} : vérifiez l’adresse.',
    en: 'This postcode ({postalCode}) does not exist in {country}: check the address.',
    nl: 'Deze postcode ({postalCode}) bestaat niet in {country}: controleer het adres.',
  },
  'error.address_not_served': {
    fr: 'Cette boutique ne livre pas à cette adresse ({address}).',
    en: 'This shop does not deliver to this address ({address}).',
    nl: 'Deze winkel levert niet op dit adres ({address}).',
  },
  'error.slot_full': {
    fr: 'Ce créneau de retrait ({point}) est complet : choisissez-en un autre.',
    en: 'This pickup slot ({point}) is full: choose another one.',
    nl: 'Dit afhaalmoment ({point}) is volzet: kies een ander.',
  },
  'error.slot_in_past': {
    fr: 'Ce créneau de retrait ne peut plus être réservé : choisissez-en un plus tard.',
    en: 'This pickup slot can no longer be booked: choose a later one.',
    nl: 'Dit afhaalmoment kan niet meer worden gereserveerd: kies een later moment.',
  },
  'error.unknown_slot': {
    fr: 'Ce créneau de retrait n’existe pas à ce point de retrait.',
    en: 'This pickup slot does not exist at this pickup point.',
    nl: 'Dit afhaalmoment bestaat niet in dit afhaalpunt.',
  },
  'error.slot_outside_promise': {
    fr: 'Ce créneau ne tombe pas dans les dates de livraison promises pour cette commande (du {from} au {latestOn}).',
    en: 'This slot is outside the delivery dates promised for this order ({from} to {latestOn}).',
    nl: 'Dit moment valt buiten de beloofde leverdata voor deze bestelling ({from} tot {latestOn}).',
  },
  'error.choose_slot': { fr: 'Choisissez un créneau de retrait.', en: 'Choose a pickup slot.', nl: 'Kies een afhaalmoment.' },
  'delivery.slot.legend': { fr: 'Jour et heure de retrait à {point}', en: 'Pickup day and time at {point}', nl: 'Afhaaldag en -uur in {point}' },
  'delivery.slot.hint': {
    fr: 'Choisissez quand vous viendrez chercher votre commande. Les créneaux complets ne sont pas proposés.',
    en: 'Choose when you will collect your order. Full slots are not offered.',
    nl: 'Kies wanneer u uw bestelling komt afhalen. Volzette momenten worden niet aangeboden.',
  },
  'delivery.slot.remaining': { fr: '{n} place(s) libre(s)', en: '{n} place(s) left', nl: 'nog {n} plaats(en)' },
  'delivery.slot.none': {
    fr: 'Plus aucun créneau libre à ce point pour le moment.',
    en: 'No slot left at this point for now.',
    nl: 'Momenteel geen vrij moment meer in dit punt.',
  },
  'delivery.slot.fact': { fr: 'Créneau : {slot}', en: 'Slot: {slot}', nl: 'Moment: {slot}' },
  'delivery.slot.earliest': {
    fr: 'Sans choix de votre part, le premier créneau libre vous est réservé.',
    en: 'If you choose none, the first free slot is booked for you.',
    nl: 'Kiest u niets, dan wordt het eerste vrije moment voor u gereserveerd.',
  },
  'delivery.fees.title': { fr: 'Livraison et frais de livraison', en: 'Delivery and delivery fees', nl: 'Levering en leveringskosten' },
  'delivery.fees.intro': {
    fr: 'Le mode de livraison dépend de votre commune ; les frais sont à votre charge et sont affichés avant la commande.',
    en: 'The delivery mode depends on your commune; the fees are yours to pay and are shown before you order.',
    nl: 'De leveringswijze hangt af van uw gemeente; de kosten zijn voor uw rekening en worden vóór de bestelling getoond.',
  },
  'delivery.fees.where': { fr: 'pour {where}', en: 'for {where}', nl: 'voor {where}' },
  'delivery.fees.elsewhere': { fr: 'pour les autres communes', en: 'for other communes', nl: 'voor de andere gemeenten' },
  'delivery.fees.free': { fr: 'sans frais', en: 'free', nl: 'gratis' },
  'delivery.staff.title': { fr: 'Points de retrait et créneaux', en: 'Pickup points and slots', nl: 'Afhaalpunten en momenten' },
  'delivery.staff.intro': {
    fr: 'Les créneaux des {weeks} prochaines semaines, avec les commandes à remettre dans chacun.',
    en: 'The slots of the next {weeks} weeks, with the orders to hand over in each.',
    nl: 'De momenten van de komende {weeks} weken, met de bestellingen die in elk moeten worden afgegeven.',
  },
  'delivery.staff.slot': { fr: 'Créneau', en: 'Slot', nl: 'Moment' },
  'delivery.staff.filled': { fr: 'Réservé', en: 'Booked', nl: 'Gereserveerd' },
  'delivery.staff.orders': { fr: 'Commandes', en: 'Orders', nl: 'Bestellingen' },
  'delivery.staff.closed': { fr: 'fermé', en: 'closed', nl: 'gesloten' },
  'delivery.staff.action': { fr: 'Fermeture', en: 'Closure', nl: 'Sluiting' },
  'delivery.staff.reason': { fr: 'Motif (facultatif)', en: 'Reason (optional)', nl: 'Reden (facultatief)' },
  'delivery.staff.close': { fr: 'Fermer ce créneau', en: 'Close this slot', nl: 'Dit moment sluiten' },
  'delivery.staff.reopen': { fr: 'Rouvrir ce créneau', en: 'Reopen this slot', nl: 'Dit moment heropenen' },
  'delivery.staff.noSlots': { fr: 'Aucun créneau sur cette période.', en: 'No slot in this period.', nl: 'Geen moment in deze periode.' },
  'delivery.staff.link': { fr: 'Points de retrait et créneaux', en: 'Pickup points and slots', nl: 'Afhaalpunten en momenten' },
  'delivery.mail.pickup': {
    fr: 'Retrait : {point}, {slot}.',
    en: 'Pickup: {point}, {slot}.',
    nl: 'Afhalen: {point}, {slot}.',
  },
  // Issue 12 §5: the reminder of a pickup not collected (src/flows/uncollected-pickups.ts).
  'delivery.mail.uncollected.subject': {
    fr: '{shop} — votre commande {number} vous attend',
    en: '{shop} — your order {number} is waiting for you',
    nl: '{shop} — uw bestelling {number} wacht op u',
  },
  'delivery.mail.uncollected.text': {
    fr: 'Bonjour {name},\n\nVotre commande {number} vous attendait le {on} à {point} et n’a pas encore été retirée. Merci de venir la chercher au plus vite, ou de nous écrire pour convenir d’un autre créneau.\n\nSans nouvelles de votre part, nous déciderons de la suite de votre commande à partir du {decideOn}.',
    en: 'Hello {name},\n\nYour order {number} was ready for you on {on} at {point} and has not been collected yet. Please collect it soon, or write to us to agree on another slot.\n\nIf we do not hear from you, we will decide what happens to your order from {decideOn}.',
    nl: 'Beste {name},\n\nUw bestelling {number} lag op {on} voor u klaar bij {point} en is nog niet afgehaald. Kom ze zo snel mogelijk ophalen, of schrijf ons om een ander moment af te spreken.\n\nZonder bericht van u beslissen wij vanaf {decideOn} wat er met uw bestelling gebeurt.',
  },
} as const satisfies Record<string, Entry>;
