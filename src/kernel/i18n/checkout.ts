import type { Entry } from './entry.ts';

/** Strings of orders: confirmation e-mail, order API errors, order pages. */
export const checkoutMessages = {
  'error.terms_not_accepted': {
    fr: 'Vous devez accepter les conditions générales de vente pour commander.',
    en: 'You must accept the terms of sale to order.',
    nl: 'U moet de algemene verkoopvoorwaarden aanvaarden om te bestellen.',
  },
  'error.terms_version_outdated': {
    fr: 'Les conditions ont changé : la version en vigueur est la {current}. Relisez-la et acceptez-la pour commander.',
    en: 'The terms have changed: the version in force is {current}. Read and accept it to order.',
    nl: 'De voorwaarden zijn gewijzigd: de geldende versie is {current}. Lees en aanvaard ze om te bestellen.',
  },
  'error.terms_expired': {
    fr: 'Les conditions de vente de cette boutique ne sont plus en vigueur : les commandes sont suspendues jusqu’à la publication d’une nouvelle version.',
    en: 'This shop’s terms of sale are no longer in force: orders are suspended until a new version is published.',
    nl: 'De verkoopvoorwaarden van deze winkel zijn niet meer van kracht: bestellingen zijn opgeschort tot een nieuwe versie verschijnt.',
  },
  'error.max_per_product': {
    fr: 'Vous ne pouvez pas commander plus de {max} exemplaires d’un même produit.',
    en: 'You cannot order more than {max} of the same product.',
    nl: 'U kunt niet meer dan {max} stuks van hetzelfde product bestellen.',
  },
  'error.min_order_amount': {
    fr: 'Le montant minimum de commande est de {minCents} TTC (hors frais de livraison).',
    en: 'The minimum order is {minCents} incl. VAT (delivery not included).',
    nl: 'Het minimale bestelbedrag is {minCents} incl. btw (zonder levering).',
  },
  'error.territory_not_served': {
    fr: 'Cette boutique ne livre pas dans ce pays ({country}).',
    en: 'This shop does not deliver to this country ({country}).',
    nl: 'Deze winkel levert niet in dit land ({country}).',
  },
  'error.out_of_stock': {
    fr: 'Stock insuffisant pour le produit {sku} : la commande n’a pas été passée.',
    en: 'Not enough stock for product {sku}: the order was not placed.',
    nl: 'Onvoldoende voorraad voor product {sku}: de bestelling werd niet geplaatst.',
  },
  'error.unknown_product': {
    fr: 'Ce produit n’existe pas dans cette boutique.',
    en: 'This product does not exist in this shop.',
    nl: 'Dit product bestaat niet in deze winkel.',
  },
  'error.invalid_quantity': {
    fr: 'La quantité doit être un nombre entier d’au moins 1.',
    en: 'The quantity must be a whole number of at least 1.',
    nl: 'De hoeveelheid moet een geheel getal van minstens 1 zijn.',
  },
  'error.empty_order': {
    fr: 'La commande ne contient aucun produit.',
    en: 'The order contains no product.',
    nl: 'De bestelling bevat geen enkel product.',
  },
  'error.delivery_mode_not_offered': {
    fr: 'Ce mode de livraison ({mode}) n’est pas proposé à cette adresse ({address}).',
    en: 'This delivery mode ({mode}) is not offered at this address ({address}).',
    nl: 'Deze leveringswijze ({mode}) wordt niet aangeboden op dit adres ({address}).',
  },
  'error.unknown_pickup_point': {
    fr: 'Ce point de retrait n’existe pas.',
    en: 'This pickup point does not exist.',
    nl: 'Dit afhaalpunt bestaat niet.',
  },
  'error.payment_method_not_offered': {
    fr: 'Ce moyen de paiement ({method}) n’est pas proposé.',
    en: 'This payment method ({method}) is not offered.',
    nl: 'Dit betaalmiddel ({method}) wordt niet aangeboden.',
  },
  'error.cart_changed': {
    fr: 'Votre panier a changé : le nouveau total est de {totalCents}. Vérifiez-le et confirmez à nouveau.',
    en: 'Your cart has changed: the new total is {totalCents}. Check it and confirm again.',
    nl: 'Uw winkelmandje is gewijzigd: het nieuwe totaal is {totalCents}. Controleer het en bevestig opnieuw.',
  },
  'order.mail.subject': {
    fr: '{shop} : confirmation de votre commande {number}',
    en: '{shop}: confirmation of your order {number}',
    nl: '{shop}: bevestiging van uw bestelling {number}',
  },
  'order.mail.intro': {
    fr: 'Bonjour {name},\n\nNous avons bien reçu votre commande {number}. En voici le récapitulatif :',
    en: 'Hello {name},\n\nWe have received your order {number}. Here is its summary:',
    nl: 'Hallo {name},\n\nWe hebben uw bestelling {number} goed ontvangen. Hier is het overzicht:',
  },
  'order.mail.shipping': { fr: 'Livraison', en: 'Delivery', nl: 'Levering' },
  'order.mail.total': { fr: 'Total TTC', en: 'Total incl. VAT', nl: 'Totaal incl. btw' },
  'order.mail.vat': { fr: 'dont TVA', en: 'of which VAT', nl: 'waarvan btw' },
  'order.mail.payment': { fr: 'Paiement', en: 'Payment', nl: 'Betaling' },
  'order.mail.terms': {
    fr: 'Vous avez accepté : {terms}. Le texte des conditions générales de vente est joint à ce message en PDF ; conservez-le.',
    en: 'You accepted: {terms}. The terms of sale are attached to this message as a PDF; keep it.',
    nl: 'U hebt aanvaard: {terms}. De verkoopvoorwaarden zijn als pdf bij dit bericht gevoegd; bewaar ze.',
  },
  'order.mail.follow': {
    fr: 'Suivez votre commande : {url}',
    en: 'Follow your order: {url}',
    nl: 'Volg uw bestelling: {url}',
  },
  'payment.bank_transfer': { fr: 'virement bancaire', en: 'bank transfer', nl: 'overschrijving' },
  'payment.card': { fr: 'carte bancaire', en: 'card', nl: 'bankkaart' },
  'payment.paypal': { fr: 'PayPal', en: 'PayPal', nl: 'PayPal' },
  'payment.on_account': { fr: 'paiement à terme', en: 'payment on account', nl: 'betaling op rekening' },
} satisfies Record<string, Entry>;
