import type { Entry } from './entry.ts';

/**
 * Customer changes (issue 11 §3, C11): the refusals of `POST …/cancellation` and `…/modification`,
 * the order page's section, the staff section and the e-mails of a request and its answer.
 */
export const customerChangesMessages = {
  'error.order_already_shipped': {
    fr: 'La commande est déjà expédiée : elle ne peut plus être annulée ni modifiée. Après réception, la rétractation ou la garantie prennent le relais.',
    en: 'The order has already been shipped: it can no longer be cancelled or changed. Once received, withdrawal or the warranty take over.',
    nl: 'De bestelling is al verzonden: ze kan niet meer worden geannuleerd of gewijzigd. Na ontvangst nemen de herroeping of de garantie het over.',
  },
  'error.order_already_closed': {
    fr: 'Cette commande est close : il n’y a plus rien à annuler ni à modifier.',
    en: 'This order is closed: there is nothing left to cancel or change.',
    nl: 'Deze bestelling is afgesloten: er valt niets meer te annuleren of te wijzigen.',
  },
  'error.change_request_pending': {
    fr: 'Une demande attend déjà la réponse de la boutique pour cette commande.',
    en: 'A request for this order is already waiting for the shop’s answer.',
    nl: 'Voor deze bestelling wacht al een verzoek op het antwoord van de winkel.',
  },
  'error.modification_window_over': {
    fr: 'Le délai de modification a pris fin le {lastDay} : une modification doit parvenir 1 jour au moins avant l’expédition prévue le {plannedShipOn}.',
    en: 'The time to change the order ended on {lastDay}: a change must reach the shop at least 1 day before the shipment planned on {plannedShipOn}.',
    nl: 'De termijn om te wijzigen liep af op {lastDay}: een wijziging moet de winkel ten minste 1 dag vóór de geplande verzending op {plannedShipOn} bereiken.',
  },
  'error.cancellation_cost_not_accepted': {
    fr: 'Annuler maintenant coûte {costCents} : confirmez ce montant pour annuler.',
    en: 'Cancelling now costs {costCents}: confirm this amount to cancel.',
    nl: 'Nu annuleren kost {costCents}: bevestig dit bedrag om te annuleren.',
  },
  'error.change_request_already_decided': {
    fr: 'Cette demande a déjà reçu une réponse.',
    en: 'This request has already been answered.',
    nl: 'Dit verzoek is al beantwoord.',
  },
  'changes.kind.cancellation': { fr: 'Annulation', en: 'Cancellation', nl: 'Annulering' },
  'changes.kind.modification': { fr: 'Modification', en: 'Change', nl: 'Wijziging' },
  'changes.decision.accepted': { fr: 'acceptée', en: 'accepted', nl: 'aanvaard' },
  'changes.decision.declined': { fr: 'refusée', en: 'declined', nl: 'geweigerd' },
  'changes.decision.pending': { fr: 'en attente de la réponse de la boutique', en: 'waiting for the shop’s answer', nl: 'wacht op het antwoord van de winkel' },
  'changes.staffMail.subject': {
    fr: 'Commande {number} : demande du client ({kind})',
    en: 'Order {number}: customer request ({kind})',
    nl: 'Bestelling {number}: verzoek van de klant ({kind})',
  },
  'changes.staffMail.body': {
    fr: 'Le client de la commande {number} demande : {kind}.\n\n{message}\n\nAcceptez ou refusez la demande sur la page de la commande.',
    en: 'The customer of order {number} asks for: {kind}.\n\n{message}\n\nAccept or decline the request on the order’s page.',
    nl: 'De klant van bestelling {number} vraagt: {kind}.\n\n{message}\n\nAanvaard of weiger het verzoek op de pagina van de bestelling.',
  },
  'changes.customerMail.subject': {
    fr: 'Commande {number} : votre demande ({kind}) est {decision}',
    en: 'Order {number}: your request ({kind}) is {decision}',
    nl: 'Bestelling {number}: uw verzoek ({kind}) is {decision}',
  },
  'changes.customerMail.body': {
    fr: 'Bonjour,\n\nVotre demande ({kind}) pour la commande {number} est {decision}.{refund}\n\nLe détail figure sur la page de votre commande.',
    en: 'Hello,\n\nYour request ({kind}) for order {number} is {decision}.{refund}\n\nThe details are on your order’s page.',
    nl: 'Goedendag,\n\nUw verzoek ({kind}) voor bestelling {number} is {decision}.{refund}\n\nDe details staan op de pagina van uw bestelling.',
  },
  'changes.customerMail.refund': {
    fr: ' La commande est annulée ; les sommes versées vous sont dues au plus tard le {date}.',
    en: ' The order is cancelled; the sums paid are due back to you by {date}.',
    nl: ' De bestelling is geannuleerd; de betaalde bedragen moeten u uiterlijk op {date} worden terugbetaald.',
  },
  'changes.title': { fr: 'Annuler ou modifier la commande', en: 'Cancel or change the order', nl: 'De bestelling annuleren of wijzigen' },
  'changes.cancel.title': { fr: 'Annulation', en: 'Cancellation', nl: 'Annulering' },
  'changes.modify.title': { fr: 'Modification', en: 'Change', nl: 'Wijziging' },
  'changes.cancel.not_binding_yet': {
    fr: 'Vous pouvez annuler cette commande sans frais tant qu’elle n’est ni payée ni acceptée.',
    en: 'You may cancel this order free of charge as long as it is neither paid nor accepted.',
    nl: 'U kunt deze bestelling kosteloos annuleren zolang ze niet betaald noch aanvaard is.',
  },
  'changes.cancel.withdrawal_right': {
    fr: 'Vous pouvez annuler cette commande sans frais jusqu’à son expédition : c’est votre droit de rétractation, exercé avant la livraison. Les sommes versées ({refund}) vous sont remboursées dans les 14 jours.',
    en: 'You may cancel this order free of charge until it is shipped: it is your right of withdrawal, used before delivery. The sums paid ({refund}) are refunded within 14 days.',
    nl: 'U kunt deze bestelling kosteloos annuleren tot ze verzonden is: dat is uw herroepingsrecht, uitgeoefend vóór de levering. De betaalde bedragen ({refund}) worden binnen 14 dagen terugbetaald.',
  },
  'changes.cancel.before_deadline': {
    fr: 'Vous pouvez annuler sans frais jusqu’au {date} inclus. Après, l’expédition étant prévue le {planned}, une annulation coûtera {cost}.',
    en: 'You may cancel free of charge until {date} inclusive. After that, with the shipment planned on {planned}, a cancellation will cost {cost}.',
    nl: 'U kunt kosteloos annuleren tot en met {date}. Daarna, met de verzending gepland op {planned}, kost een annulering {cost}.',
  },
  'changes.cancel.before_deadline_free': {
    fr: 'Vous pouvez annuler sans frais jusqu’à l’expédition.',
    en: 'You may cancel free of charge until the shipment.',
    nl: 'U kunt kosteloos annuleren tot de verzending.',
  },
  'changes.cancel.late_cancellation': {
    fr: 'L’annulation sans frais était possible jusqu’au {date}. Annuler maintenant coûte {cost} (conditions de vente) : {kept} restent acquis à la boutique, {refund} vous sont remboursés{owed}.',
    en: 'Free cancellation was possible until {date}. Cancelling now costs {cost} (terms of sale): the shop keeps {kept}, {refund} is refunded to you{owed}.',
    nl: 'Kosteloos annuleren kon tot {date}. Nu annuleren kost {cost} (verkoopvoorwaarden): de winkel houdt {kept}, u krijgt {refund} terug{owed}.',
  },
  'changes.cancel.force_majeure': {
    fr: 'Un cas de force majeure est en cours : vous pouvez annuler sans frais (conditions de vente). Les sommes versées ({refund}) vous sont remboursées dans les 14 jours.',
    en: 'Force majeure is under way: you may cancel free of charge (terms of sale). The sums paid ({refund}) are refunded within 14 days.',
    nl: 'Er loopt een geval van overmacht: u kunt kosteloos annuleren (verkoopvoorwaarden). De betaalde bedragen ({refund}) worden binnen 14 dagen terugbetaald.',
  },
  'changes.cancel.owed': { fr: ' et {owed} restent à payer', en: ' and {owed} remains to pay', nl: ' en {owed} blijft te betalen' },
  'changes.cancel.request': {
    fr: 'Les conditions de vente ne permettent d’annuler qu’avec l’accord écrit de la boutique : vous pouvez lui en faire la demande. Si elle l’accepte : {cost} restent acquis à la boutique, {refund} vous sont remboursés.',
    en: 'The terms of sale allow a cancellation only with the shop’s written agreement: you may ask for it. If accepted: the shop keeps {cost}, {refund} is refunded to you.',
    nl: 'De verkoopvoorwaarden staan een annulering enkel toe met het schriftelijk akkoord van de winkel: u kunt erom vragen. Indien aanvaard: de winkel houdt {cost}, u krijgt {refund} terug.',
  },
  'changes.cancel.button': { fr: 'Annuler la commande', en: 'Cancel the order', nl: 'De bestelling annuleren' },
  'changes.cancel.requestButton': { fr: 'Demander l’annulation', en: 'Ask for the cancellation', nl: 'Om annulering vragen' },
  'changes.cancel.confirmTitle': { fr: 'Confirmer l’annulation de la commande {number}', en: 'Confirm the cancellation of order {number}', nl: 'De annulering van bestelling {number} bevestigen' },
  'changes.cancel.confirmText': {
    fr: 'L’annulation est définitive. Coût : {cost}. Remboursement : {refund}.',
    en: 'The cancellation is final. Cost: {cost}. Refund: {refund}.',
    nl: 'De annulering is definitief. Kosten: {cost}. Terugbetaling: {refund}.',
  },
  'changes.cancel.confirmButton': { fr: 'Confirmer l’annulation', en: 'Confirm the cancellation', nl: 'De annulering bevestigen' },
  'changes.cancel.back': { fr: 'Revenir à la commande sans annuler', en: 'Back to the order without cancelling', nl: 'Terug naar de bestelling zonder te annuleren' },
  'changes.reason': { fr: 'Motif (facultatif)', en: 'Reason (optional)', nl: 'Reden (optioneel)' },
  'changes.modify.within_possibilities': {
    fr: 'Vous pouvez demander une modification jusqu’au {date} inclus (1 jour au moins avant l’expédition prévue le {planned}). La boutique l’accepte dans la limite de ses possibilités ; sinon, la commande est annulée et les sommes versées vous sont remboursées sous {days} jours, ou portées en avoir si vous le préférez.',
    en: 'You may ask for a change until {date} inclusive (at least 1 day before the shipment planned on {planned}). The shop accepts it as far as it can; otherwise the order is cancelled and the sums paid are refunded within {days} days, or kept as a credit if you prefer.',
    nl: 'U kunt tot en met {date} om een wijziging vragen (ten minste 1 dag vóór de geplande verzending op {planned}). De winkel aanvaardt ze binnen haar mogelijkheden; anders wordt de bestelling geannuleerd en worden de betaalde bedragen binnen {days} dagen terugbetaald, of als tegoed bewaard als u dat verkiest.',
  },
  'changes.modify.request': {
    fr: 'Toute modification demande l’accord écrit de la boutique : décrivez-la, elle vous répondra.',
    en: 'Any change needs the shop’s written agreement: describe it, the shop will answer.',
    nl: 'Elke wijziging vereist het schriftelijk akkoord van de winkel: beschrijf ze, de winkel antwoordt u.',
  },
  'changes.modify.message': { fr: 'Modification souhaitée', en: 'Change wanted', nl: 'Gewenste wijziging' },
  'changes.modify.button': { fr: 'Envoyer la demande de modification', en: 'Send the change request', nl: 'Het wijzigingsverzoek versturen' },
  'changes.refused.order_already_shipped': {
    fr: 'La commande est expédiée : elle ne peut plus être annulée ni modifiée. Après réception, la rétractation ou la garantie prennent le relais.',
    en: 'The order has been shipped: it can no longer be cancelled or changed. Once received, withdrawal or the warranty take over.',
    nl: 'De bestelling is verzonden: ze kan niet meer worden geannuleerd of gewijzigd. Na ontvangst nemen de herroeping of de garantie het over.',
  },
  'changes.refused.order_already_closed': {
    fr: 'Cette commande est close : il n’y a plus rien à annuler ni à modifier.',
    en: 'This order is closed: there is nothing left to cancel or change.',
    nl: 'Deze bestelling is afgesloten: er valt niets meer te annuleren of te wijzigen.',
  },
  'changes.refused.change_request_pending': {
    fr: 'Votre demande attend la réponse de la boutique : vous ne pouvez pas en envoyer une autre d’ici là.',
    en: 'Your request is waiting for the shop’s answer: you cannot send another one until then.',
    nl: 'Uw verzoek wacht op het antwoord van de winkel: tot dan kunt u geen ander versturen.',
  },
  'changes.refused.modification_window_over': {
    fr: 'Plus de modification possible : le délai a pris fin le {date}, car une modification doit parvenir 1 jour au moins avant l’expédition prévue le {planned}.',
    en: 'No more changes possible: the time ended on {date}, since a change must reach the shop at least 1 day before the shipment planned on {planned}.',
    nl: 'Geen wijziging meer mogelijk: de termijn liep af op {date}, want een wijziging moet de winkel ten minste 1 dag vóór de geplande verzending op {planned} bereiken.',
  },
  'changes.requests.title': { fr: 'Vos demandes', en: 'Your requests', nl: 'Uw verzoeken' },
  'changes.requests.item': { fr: '{kind} demandée le {date} : {status}', en: '{kind} asked on {date}: {status}', nl: '{kind} gevraagd op {date}: {status}' },
  'changes.requests.refundDue': { fr: 'Sommes versées dues au plus tard le {date}.', en: 'Sums paid due back by {date}.', nl: 'Betaalde bedragen terug te betalen uiterlijk op {date}.' },
  'changes.done.cancelled': {
    fr: 'Commande annulée. {refund} vous sont remboursés au plus tard le {date}.',
    en: 'Order cancelled. {refund} is refunded to you by {date} at the latest.',
    nl: 'Bestelling geannuleerd. {refund} wordt u uiterlijk op {date} terugbetaald.',
  },
  'changes.done.requested': { fr: 'Demande envoyée à la boutique.', en: 'Request sent to the shop.', nl: 'Verzoek naar de winkel verstuurd.' },
  'changes.staff.title': { fr: 'Demandes du client', en: 'Customer requests', nl: 'Verzoeken van de klant' },
  'changes.staff.note': { fr: 'Note au client (facultative)', en: 'Note to the customer (optional)', nl: 'Nota voor de klant (optioneel)' },
  'changes.staff.accept': { fr: 'Accepter', en: 'Accept', nl: 'Aanvaarden' },
  'changes.staff.decline': { fr: 'Refuser', en: 'Decline', nl: 'Weigeren' },
  'changes.staff.done': { fr: 'Réponse enregistrée et envoyée au client.', en: 'Answer recorded and sent to the customer.', nl: 'Antwoord geregistreerd en naar de klant verstuurd.' },
  'changes.staff.declineVoids': {
    fr: 'Refuser cette modification annule la commande : les sommes versées sont dues sous {days} jours (conditions de vente).',
    en: 'Declining this change cancels the order: the sums paid are due back within {days} days (terms of sale).',
    nl: 'Deze wijziging weigeren annuleert de bestelling: de betaalde bedragen zijn binnen {days} dagen terug te betalen (verkoopvoorwaarden).',
  },
  'error.planned_before_order': {
    fr: 'L’expédition ne peut pas être prévue avant le jour de la commande ({placedOn}).',
    en: 'The shipment cannot be planned before the day of the order ({placedOn}).',
    nl: 'De verzending kan niet vóór de dag van de bestelling ({placedOn}) worden gepland.',
  },
  'changes.staff.planned': {
    fr: 'Expédition prévue le {date} ({by}).',
    en: 'Shipment planned on {date} ({by}).',
    nl: 'Verzending gepland op {date} ({by}).',
  },
  'changes.staff.plannedBy.staff': { fr: 'date fixée par la boutique', en: 'date set by the shop', nl: 'datum vastgelegd door de winkel' },
  'changes.staff.plannedBy.promise': {
    fr: 'par défaut : dernier jour compatible avec la livraison promise',
    en: 'by default: the last day that keeps the delivery promise',
    nl: 'standaard: laatste dag die de beloofde levering haalt',
  },
  'changes.staff.plannedLabel': { fr: 'Date d’expédition prévue', en: 'Planned shipment date', nl: 'Geplande verzenddatum' },
  'changes.staff.plannedSave': { fr: 'Enregistrer la date d’expédition', en: 'Save the shipment date', nl: 'De verzenddatum opslaan' },
  'changes.staff.back': { fr: 'Revenir à la commande', en: 'Back to the order', nl: 'Terug naar de bestelling' },
  'changes.staff.plannedDone': { fr: 'Date d’expédition prévue enregistrée.', en: 'Planned shipment date saved.', nl: 'Geplande verzenddatum opgeslagen.' },
} satisfies Record<string, Entry>;
