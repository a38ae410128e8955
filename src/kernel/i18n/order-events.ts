import type { Entry } from './entry.ts';

/**
 * The order's life after placement (issue 4 §1, §4): staff-recorded events and their refusals,
 * the payment window's reminder and cancellation notice, and deposits (C. consom. L214-1).
 */
export const orderEventMessages = {
  'error.event_in_future': {
    fr: 'Cet événement est daté dans le futur : on n’enregistre que ce qui a eu lieu.',
    en: 'This event is dated in the future: only what has happened can be recorded.',
    nl: 'Deze gebeurtenis is in de toekomst gedateerd: alleen wat gebeurd is, kan worden geregistreerd.',
  },
  'error.event_before_order': {
    fr: 'Cet événement est daté d’avant la commande.',
    en: 'This event is dated before the order was placed.',
    nl: 'Deze gebeurtenis is gedateerd vóór de bestelling.',
  },
  'error.transition_not_allowed': {
    fr: 'Une commande au statut « {status} » ne peut pas recevoir l’événement « {event} ».',
    en: 'An order with status “{status}” cannot take the event “{event}”.',
    nl: 'Een bestelling met status “{status}” kan de gebeurtenis “{event}” niet krijgen.',
  },
  'error.payment_blocked_off_premises': {
    fr: 'Contrat conclu hors établissement : aucun paiement ne peut être reçu avant le {date} (C. consom. L221-10).',
    en: 'Off-premises contract: no payment may be received before {date} (French Consumer Code L221-10).',
    nl: 'Overeenkomst buiten verkoopruimten: geen betaling vóór {date} (Franse Consumentenwet L221-10).',
  },
  'order.status.accepted': { fr: 'Acceptée', en: 'Accepted', nl: 'Aanvaard' },
  'order.status.preparing': { fr: 'En préparation', en: 'Being prepared', nl: 'In voorbereiding' },
  'order.status.shipped': { fr: 'Expédiée', en: 'Shipped', nl: 'Verzonden' },
  'order.status.delivered': { fr: 'Livrée', en: 'Delivered', nl: 'Geleverd' },
  'order.status.refused': { fr: 'Refusée', en: 'Refused', nl: 'Geweigerd' },
  'order.status.cancelled': { fr: 'Annulée', en: 'Cancelled', nl: 'Geannuleerd' },
  'window.reminder.subject': {
    fr: '{shop} — rappel : commande {number} en attente de votre virement',
    en: '{shop} — reminder: order {number} is awaiting your transfer',
    nl: '{shop} — herinnering: bestelling {number} wacht op uw overschrijving',
  },
  'window.reminder.intro': {
    fr: 'Bonjour {name},\n\nNous n’avons pas encore reçu le paiement de votre commande {number}. Sans virement reçu au plus tard le {due}, elle sera annulée et les produits remis en vente.',
    en: 'Hello {name},\n\nWe have not yet received the payment of your order {number}. If no transfer is received by {due}, it will be cancelled and the products put back on sale.',
    nl: 'Hallo {name},\n\nWe hebben de betaling van uw bestelling {number} nog niet ontvangen. Zonder overschrijving uiterlijk op {due} wordt ze geannuleerd en gaan de producten terug in de verkoop.',
  },
  'window.cancelled.subject': {
    fr: '{shop} — commande {number} annulée faute de paiement',
    en: '{shop} — order {number} cancelled for non-payment',
    nl: '{shop} — bestelling {number} geannuleerd wegens niet-betaling',
  },
  'window.cancelled.intro': {
    fr: 'Bonjour {name},\n\nVotre commande {number} attendait votre paiement jusqu’au {due}. Faute de paiement reçu, elle est annulée et ses produits sont remis en vente. Vous ne devez rien.',
    en: 'Hello {name},\n\nYour order {number} was awaiting your payment until {due}. As no payment was received, it is cancelled and its products put back on sale. You owe nothing.',
    nl: 'Hallo {name},\n\nUw bestelling {number} wachtte op uw betaling tot {due}. Omdat er geen betaling ontvangen werd, is ze geannuleerd en gaan de producten terug in de verkoop. U bent niets verschuldigd.',
  },
  'window.cancelled.credit': {
    fr: 'Les {amount} déjà reçus vous sont dus : ils sont inscrits à votre crédit, déduits de votre prochaine commande ou remboursés sur simple demande.',
    en: 'The {amount} already received are owed to you: they are held as your credit, deducted from your next order or refunded on request.',
    nl: 'De reeds ontvangen {amount} komen u toe: ze staan op uw tegoed en worden afgetrokken van uw volgende bestelling of op verzoek terugbetaald.',
  },
  'deposit.title': { fr: 'Acompte et solde', en: 'Deposit and balance', nl: 'Voorschot en saldo' },
  'deposit.amount': { fr: 'Somme versée d’avance', en: 'Sum paid in advance', nl: 'Vooraf betaald bedrag' },
  'deposit.kind.acompte': {
    fr: 'Acompte : premier versement d’un engagement ferme ; ni vous ni nous ne pouvons y renoncer.',
    en: 'Acompte (part payment): the first payment of a firm commitment; neither you nor we can back out of it.',
    nl: 'Acompte (voorschot): eerste betaling van een vaste verbintenis; u noch wij kunnen ervan afzien.',
  },
  'deposit.kind.arrhes': {
    fr: 'Arrhes : vous pouvez renoncer en les perdant ; si nous renonçons, nous vous en rendons le double (C. consom. L214-1).',
    en: 'Arrhes: you may back out by losing them; if we back out, we pay you back twice the amount (French Consumer Code L214-1).',
    nl: 'Arrhes: u kunt afzien door ze te verliezen; zien wij af, dan betalen we u het dubbele terug (Franse Consumentenwet L214-1).',
  },
  'deposit.balance': { fr: 'Solde', en: 'Balance', nl: 'Saldo' },
  'deposit.balanceDueOn': { fr: 'Solde dû le', en: 'Balance due on', nl: 'Saldo verschuldigd op' },
  'deposit.balanceAtDelivery': { fr: 'à la livraison', en: 'on delivery', nl: 'bij levering' },
  'order.paymentDueOn': { fr: 'À payer au plus tard le', en: 'To be paid by', nl: 'Te betalen uiterlijk op' },
  'error.off_premises_consumers_only': {
    fr: 'L’interdiction de paiement pendant sept jours ne vaut que pour un consommateur (C. consom. L221-10).',
    en: 'The seven-day payment ban applies to consumers only (C. consom. L221-10).',
    nl: 'Het betalingsverbod van zeven dagen geldt alleen voor consumenten (C. consom. L221-10).',
  },
  'order.paymentNotBefore': { fr: 'Aucun paiement avant le', en: 'No payment before', nl: 'Geen betaling vóór' },
  'order.paymentNotBefore.why': {
    fr: 'Contrat conclu hors établissement : la loi interdit tout paiement pendant sept jours (C. consom. L221-10). Les instructions de paiement apparaîtront ici ce jour-là.',
    en: 'Contract concluded off premises: the law forbids any payment for seven days (C. consom. L221-10). The payment instructions will appear here on that day.',
    nl: 'Overeenkomst buiten de verkoopruimte gesloten: de wet verbiedt elke betaling gedurende zeven dagen (C. consom. L221-10). De betalingsinstructies verschijnen hier op die dag.',
  },
} as const satisfies Record<string, Entry>;
