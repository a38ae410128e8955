import type { Entry } from './entry.ts';

/** Card payments through Stripe Checkout (issue 4 §3): the order page, the checkout line, errors. */
export const cardMessages = {
  'card.checkout.line': { fr: 'Commande N° {number}', en: 'Order No. {number}', nl: 'Bestelling nr. {number}' },
  'card.pay.title': { fr: 'Paiement par carte', en: 'Card payment', nl: 'Betaling met kaart' },
  'card.pay.pending': {
    fr: 'Votre commande attend votre paiement de {amount}. Le paiement se fait sur la page sécurisée de notre prestataire Stripe : vos données de carte ne nous sont jamais transmises.',
    en: 'Your order awaits your payment of {amount}. You pay on the secure page of our provider Stripe: your card details are never sent to us.',
    nl: 'Uw bestelling wacht op uw betaling van {amount}. U betaalt op de beveiligde pagina van onze dienstverlener Stripe: uw kaartgegevens worden nooit aan ons bezorgd.',
  },
  'card.pay.button': { fr: 'Payer par carte', en: 'Pay by card', nl: 'Betalen met kaart' },
  'card.pay.authorized': {
    fr: 'Votre paiement par carte est autorisé : votre carte sera débitée à l’expédition de la commande.',
    en: 'Your card payment is authorised: your card will be charged when the order ships.',
    nl: 'Uw kaartbetaling is goedgekeurd: uw kaart wordt gedebiteerd bij de verzending van de bestelling.',
  },
  'card.pay.cancelled': {
    fr: 'Le paiement n’a pas abouti. Vous pouvez réessayer.',
    en: 'The payment was not completed. You may try again.',
    nl: 'De betaling is niet voltooid. U kunt het opnieuw proberen.',
  },
  'card.pay.returned': {
    fr: 'Merci : dès que Stripe nous confirme votre paiement, votre commande est acceptée et vous recevez un e-mail.',
    en: 'Thank you: as soon as Stripe confirms your payment, your order is accepted and you receive an e-mail.',
    nl: 'Dank u: zodra Stripe uw betaling bevestigt, wordt uw bestelling aanvaard en ontvangt u een e-mail.',
  },
  'card.noMethod': {
    fr: 'Aucun moyen de paiement n’est disponible pour le moment dans cette boutique : la commande en ligne est impossible. Contactez la boutique.',
    en: 'No means of payment is available in this shop for now: ordering online is not possible. Please contact the shop.',
    nl: 'Er is momenteel geen betaalmiddel beschikbaar in deze winkel: online bestellen is niet mogelijk. Neem contact op met de winkel.',
  },
  // The development payment provider (issue 8 §12): never offered in production.
  'card.simulated.label': { fr: 'Paiement simulé (démonstration)', en: 'Simulated payment (demonstration)', nl: 'Gesimuleerde betaling (demonstratie)' },
  'card.simulated.hint': {
    fr: 'Paiement simulé (démonstration) : aucune somme n’est débitée',
    en: 'Simulated payment (demonstration): no money is taken',
    nl: 'Gesimuleerde betaling (demonstratie): er wordt geen geld afgeschreven',
  },
  'card.simulated.intro': {
    fr: 'Cette installation de démonstration n’est reliée à aucun prestataire de paiement. Cette page remplace la page de paiement par carte : aucune carte n’est demandée et aucune somme n’est débitée. Choisissez l’issue du paiement.',
    en: 'This demonstration installation is connected to no payment provider. This page stands in for the card payment page: no card is asked for and no money is taken. Choose how the payment ends.',
    nl: 'Deze demonstratie-installatie is met geen enkele betaaldienstverlener verbonden. Deze pagina vervangt de kaartbetaalpagina: er wordt geen kaart gevraagd en geen geld afgeschreven. Kies hoe de betaling afloopt.',
  },
  'card.simulated.amount': { fr: 'Montant à payer', en: 'Amount to pay', nl: 'Te betalen bedrag' },
  'card.simulated.pay': { fr: 'Payer', en: 'Pay', nl: 'Betalen' },
  'card.simulated.refuse': { fr: 'Refuser le paiement', en: 'Decline the payment', nl: 'Betaling weigeren' },
  'card.simulated.back': { fr: 'Retour à la commande', en: 'Back to the order', nl: 'Terug naar de bestelling' },
  'card.simulated.pending': {
    fr: 'Votre commande attend votre paiement de {amount}. Paiement simulé (démonstration) : aucune somme n’est débitée.',
    en: 'Your order awaits your payment of {amount}. Simulated payment (demonstration): no money is taken.',
    nl: 'Uw bestelling wacht op uw betaling van {amount}. Gesimuleerde betaling (demonstratie): er wordt geen geld afgeschreven.',
  },
  'card.simulated.button': { fr: 'Payer (paiement simulé)', en: 'Pay (simulated payment)', nl: 'Betalen (gesimuleerde betaling)' },
  'card.simulated.paid': {
    fr: 'Paiement simulé accepté : votre commande est payée.',
    en: 'Simulated payment accepted: your order is paid.',
    nl: 'Gesimuleerde betaling aanvaard: uw bestelling is betaald.',
  },
  'card.simulated.authorized': {
    fr: 'Paiement simulé autorisé : il sera encaissé à l’expédition de la commande.',
    en: 'Simulated payment authorised: it will be taken when the order ships.',
    nl: 'Gesimuleerde betaling goedgekeurd: ze wordt geïnd bij de verzending van de bestelling.',
  },
  'card.simulated.refused': {
    fr: 'Le paiement a été refusé (paiement simulé). Votre commande attend toujours son paiement : vous pouvez réessayer.',
    en: 'The payment was declined (simulated payment). Your order still awaits its payment: you may try again.',
    nl: 'De betaling werd geweigerd (gesimuleerde betaling). Uw bestelling wacht nog steeds op betaling: u kunt het opnieuw proberen.',
  },
  'card.simulated.shopNotice': {
    fr: 'Démonstration : le paiement par carte est simulé dans cette boutique, aucune somme n’est débitée.',
    en: 'Demonstration: card payment is simulated in this shop, no money is taken.',
    nl: 'Demonstratie: betalen met kaart wordt in deze winkel gesimuleerd, er wordt geen geld afgeschreven.',
  },
  'error.webhook_signature_invalid': {
    fr: 'Signature du webhook Stripe invalide ou périmée ; rien n’a été fait.',
    en: 'Invalid or stale Stripe webhook signature; nothing was done.',
    nl: 'Ongeldige of verouderde handtekening van de Stripe-webhook; er werd niets gedaan.',
  },
  'error.card_payments_unavailable': {
    fr: 'Le paiement par carte n’est pas disponible pour le moment.',
    en: 'Card payment is not available for now.',
    nl: 'Betalen met kaart is momenteel niet beschikbaar.',
  },
  'error.card_payment_not_due': {
    fr: 'Cette commande n’attend pas de paiement par carte.',
    en: 'This order is not awaiting a card payment.',
    nl: 'Deze bestelling wacht niet op een kaartbetaling.',
  },
  'error.card_provider_failed': {
    fr: 'Notre prestataire de paiement n’a pas répondu ({reason}). Réessayez dans un instant.',
    en: 'Our payment provider did not answer ({reason}). Please try again in a moment.',
    nl: 'Onze betaaldienstverlener antwoordde niet ({reason}). Probeer het zo meteen opnieuw.',
  },
  'error.card_authorisation_expired': {
    fr: 'L’autorisation de paiement par carte de cette commande a expiré le {expiredOn} : rien ne peut être débité. Le client doit payer à nouveau depuis la page de sa commande avant l’expédition.',
    en: 'The card authorisation of this order expired on {expiredOn}: nothing can be charged. The customer must pay again from their order page before shipping.',
    nl: 'De kaartautorisatie van deze bestelling is verlopen op {expiredOn}: er kan niets worden afgeschreven. De klant moet vóór de verzending opnieuw betalen via de pagina van zijn bestelling.',
  },
  'card.reauthorise.subject': {
    fr: '{shop} – commande N° {number} : merci de payer à nouveau par carte',
    en: '{shop} – order No. {number}: please pay again by card',
    nl: '{shop} – bestelling nr. {number}: gelieve opnieuw met kaart te betalen',
  },
  'card.reauthorise.body': {
    fr: 'Bonjour,\n\nVotre commande N° {number} sera expédiée vers le {shipOn}. Le paiement par carte que vous avez autorisé n’est réservé que 7 jours et expire le {expiresOn} : il ne pourra pas être débité à l’expédition.\n\nMerci de payer à nouveau par carte sur la page de votre commande ; rien n’est débité avant l’expédition :\n{url}\n\n{shop}',
    en: 'Hello,\n\nYour order No. {number} will ship around {shipOn}. The card payment you authorised is only held for 7 days and expires on {expiresOn}: it cannot be charged at shipment.\n\nPlease pay again by card on your order page; nothing is charged before shipment:\n{url}\n\n{shop}',
    nl: 'Goeddag,\n\nUw bestelling nr. {number} wordt rond {shipOn} verzonden. De kaartbetaling die u hebt goedgekeurd, blijft slechts 7 dagen gereserveerd en verloopt op {expiresOn}: ze kan bij de verzending niet worden afgeschreven.\n\nGelieve opnieuw met kaart te betalen op de pagina van uw bestelling; er wordt niets afgeschreven vóór de verzending:\n{url}\n\n{shop}',
  },
} satisfies Record<string, Entry>;
