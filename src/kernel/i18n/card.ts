import type { Entry } from './index.ts';

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
} satisfies Record<string, Entry>;
