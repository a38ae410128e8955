import type { Entry } from './entry.ts';

/**
 * The order's lifecycle (issue 11 §1, §2): the seller's refusal and its window, grounds and
 * override, seller cancellations, payment disputes, and the facts added to the state machine.
 */
export const lifecycleMessages = {
  'error.refusal_window_over': {
    fr: 'Le délai pour refuser cette commande a expiré le {refusalUntil} : elle est réputée acceptée. Seul un opérateur peut encore la refuser, en indiquant pourquoi.',
    en: 'The time to refuse this order ended on {refusalUntil}: it is deemed accepted. Only an operator may still refuse it, stating why.',
    nl: 'De termijn om deze bestelling te weigeren is verstreken op {refusalUntil}: ze wordt geacht aanvaard te zijn. Alleen een operator kan ze nog weigeren, met opgave van de reden.',
  },
  'staffOrders.event.overrideReason': { fr: 'Motif de dérogation', en: 'Reason for the override', nl: 'Reden van de afwijking' },
  'staffOrders.event.overrideHint': {
    fr: 'Le délai de refus a expiré le {refusalUntil}. En tant qu’opérateur, vous pouvez encore refuser cette commande : indiquez pourquoi le délai est dépassé (obligatoire pour un refus, enregistré dans l’historique).',
    en: 'The time to refuse ended on {refusalUntil}. As an operator you may still refuse this order: state why the time limit is overridden (required for a refusal, kept in the history).',
    nl: 'De weigeringstermijn is verstreken op {refusalUntil}. Als operator kunt u deze bestelling nog weigeren: geef aan waarom de termijn wordt overschreden (verplicht voor een weigering, bewaard in de geschiedenis).',
  },
  'staffOrders.event.refusalOver': {
    fr: 'Refus impossible : le délai pour refuser cette commande a expiré le {refusalUntil} et elle est réputée acceptée. Seul un opérateur de la plateforme peut encore la refuser, avec un motif de dérogation.',
    en: 'Refusal no longer possible: the time to refuse this order ended on {refusalUntil} and it is deemed accepted. Only a platform operator may still refuse it, with a reason for the override.',
    nl: 'Weigeren is niet meer mogelijk: de termijn om deze bestelling te weigeren is verstreken op {refusalUntil} en ze wordt geacht aanvaard te zijn. Alleen een operator van het platform kan ze nog weigeren, met een reden voor de afwijking.',
  },
  'error.refusal_override_reason_required': {
    fr: 'Refuser après le délai demande la raison de ce dépassement.',
    en: 'Refusing after the time limit needs the reason for overriding it.',
    nl: 'Weigeren na de termijn vereist de reden van de overschrijding.',
  },
  'error.refusal_reason_not_allowed': {
    fr: 'Les conditions de la boutique ne permettent de refuser une commande que pour ces motifs : {reasons}.',
    en: 'The shop’s terms allow refusing an order only on these grounds: {reasons}.',
    nl: 'De voorwaarden van de winkel staan een weigering alleen toe om deze redenen: {reasons}.',
  },
  'error.refusal_customer_kind': {
    fr: 'Les conditions de la boutique ne prévoient pas de refus pour ce type de client.',
    en: 'The shop’s terms provide no refusal for this kind of customer.',
    nl: 'De voorwaarden van de winkel voorzien geen weigering voor dit soort klant.',
  },
  'error.no_payment_dispute': {
    fr: 'Aucun litige de paiement n’est en cours pour ce client sur une autre commande.',
    en: 'This customer has no payment dispute open on another order.',
    nl: 'Deze klant heeft geen lopend betalingsgeschil over een andere bestelling.',
  },
  'error.payment_dispute_open': {
    fr: 'Un litige de paiement est déjà en cours sur cette commande.',
    en: 'A payment dispute is already open on this order.',
    nl: 'Er loopt al een betalingsgeschil over deze bestelling.',
  },
  'error.cancellation_reason_not_allowed': {
    fr: 'Les conditions de la boutique ne permettent au vendeur d’annuler une commande que dans ces cas : {reasons}.',
    en: 'The shop’s terms allow the seller to cancel an order only in these cases: {reasons}.',
    nl: 'De voorwaarden van de winkel staan de verkoper alleen in deze gevallen toe een bestelling te annuleren: {reasons}.',
  },
  'error.event_already_recorded': {
    fr: 'Ce fait (« {event} ») est déjà enregistré pour cette commande.',
    en: 'This fact (“{event}”) is already recorded for this order.',
    nl: 'Dit feit (“{event}”) is al geregistreerd voor deze bestelling.',
  },
  'error.order_not_paid': {
    fr: 'La commande n’est pas entièrement payée : elle ne peut pas être clôturée.',
    en: 'The order is not fully paid: it cannot be completed.',
    nl: 'De bestelling is niet volledig betaald: ze kan niet worden afgesloten.',
  },
  'staffOrders.type.preparing': { fr: 'Préparation', en: 'Preparation', nl: 'Voorbereiding' },
  'staffOrders.type.completed': { fr: 'Commande terminée', en: 'Order completed', nl: 'Bestelling afgerond' },
  'staffOrders.type.payment_disputed': { fr: 'Litige de paiement ouvert', en: 'Payment dispute opened', nl: 'Betalingsgeschil geopend' },
  'staffOrders.type.payment_dispute_settled': { fr: 'Litige de paiement réglé', en: 'Payment dispute settled', nl: 'Betalingsgeschil geregeld' },
} as const satisfies Record<string, Entry>;
