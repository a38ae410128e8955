import type { Entry } from './entry.ts';

/**
 * Special orders not collected (issue 11 §6; 003 art.7.2): the catalogue's flag, the refusals,
 * the order pages' section, the staff form for storage costs and the e-mail.
 */
export const specialOrderMessages = {
  'error.not_a_special_order': {
    fr: 'Cette commande ne contient aucune marchandise commandée spécialement : la procédure de non-enlèvement ordinaire s’applique.',
    en: 'This order holds no goods ordered specially: the ordinary non-collection procedure applies.',
    nl: 'Deze bestelling bevat geen speciaal bestelde goederen: de gewone procedure bij niet-afhaling is van toepassing.',
  },
  'error.special_order_full_price_due': {
    fr: 'Cette commande contient une marchandise commandée spécialement : elle n’est pas annulée, le client reste redevable de la totalité du prix et des frais de stockage. Clôturez-la par le décompte de commande spéciale.',
    en: 'This order holds goods ordered specially: it is not cancelled, the customer stays liable for the whole price and the storage costs. Close it with the special-order settlement.',
    nl: 'Deze bestelling bevat speciaal bestelde goederen: ze wordt niet geannuleerd, de klant blijft de volledige prijs en de opslagkosten verschuldigd. Sluit ze af met de afrekening van de speciale bestelling.',
  },
  'error.order_not_waiting_for_collection': {
    fr: 'La marchandise de cette commande n’attend plus d’être retirée (statut : {status}).',
    en: 'The goods of this order are no longer waiting to be collected (status: {status}).',
    nl: 'De goederen van deze bestelling wachten niet meer op afhaling (status: {status}).',
  },
  'product.specialOrder': {
    fr: 'Commande spéciale : article commandé spécialement pour vous. Non retiré après mise en demeure, son prix reste dû en totalité, avec les frais de stockage.',
    en: 'Special order: ordered specially for you. If not collected after formal notice, its whole price stays due, with the storage costs.',
    nl: 'Speciale bestelling: speciaal voor u besteld. Wordt het na ingebrekestelling niet afgehaald, dan blijft de volledige prijs verschuldigd, met de opslagkosten.',
  },
  'product.specialOrderField': { fr: 'Commande spéciale (art. 7.2 : prix dû en totalité si non retiré)', en: 'Special order (art. 7.2: whole price due if not collected)', nl: 'Speciale bestelling (art. 7.2: volledige prijs verschuldigd bij niet-afhaling)' },
  'formalNotice.letter.non_collection_special': {
    fr: 'Madame, Monsieur,\n\nLa marchandise de la commande {number} du {placedOn}, commandée spécialement pour vous, est à votre disposition et n’a pas été retirée. Nous vous mettons en demeure d’en prendre livraison. À défaut dans un délai de {days} jours à compter de la première présentation de la présente lettre, nous pourrons en disposer, et vous resterez redevable de la totalité du prix de vente et des frais de stockage, conformément à l’article 7.2 de nos conditions générales de vente.\n\nVeuillez agréer, Madame, Monsieur, nos salutations distinguées.',
    en: 'Dear Sir or Madam,\n\nThe goods of order {number} of {placedOn}, ordered specially for you, are at your disposal and have not been collected. We hereby give you formal notice to take delivery of them. Failing this within {days} days of the first presentation of this letter, we may dispose of them, and you will remain liable for the whole sale price and the storage costs, under article 7.2 of our general terms of sale.\n\nYours faithfully,',
    nl: 'Geachte mevrouw, geachte heer,\n\nDe goederen van bestelling {number} van {placedOn}, speciaal voor u besteld, staan te uwer beschikking en werden niet afgehaald. Wij stellen u hierbij in gebreke ze in ontvangst te nemen. Gebeurt dat niet binnen {days} dagen na de eerste aanbieding van deze brief, dan mogen wij erover beschikken en blijft u de volledige verkoopprijs en de opslagkosten verschuldigd, volgens artikel 7.2 van onze algemene verkoopvoorwaarden.\n\nMet vriendelijke groeten,',
  },
  'specialOrder.creditNote': {
    fr: 'Marchandises non commandées spécialement, non retirées : le vendeur en dispose (art. 7.2), leur prix n’est pas réclamé.',
    en: 'Goods not ordered specially, not collected: the seller disposes of them (art. 7.2), their price is not claimed.',
    nl: 'Niet speciaal bestelde goederen, niet afgehaald: de verkoper beschikt erover (art. 7.2), hun prijs wordt niet gevorderd.',
  },
  'today.kind.special_order_to_close': { fr: 'Commande spéciale non retirée : à clore', en: 'Special order not collected: to close', nl: 'Speciale bestelling niet afgehaald: af te sluiten' },
  'staffOrders.type.storage_cost_recorded': { fr: 'Frais de stockage enregistrés', en: 'Storage costs recorded', nl: 'Opslagkosten geregistreerd' },
  'staffOrders.type.special_order_settled': { fr: 'Commande spéciale close pour non-enlèvement et facturée', en: 'Special order closed for non-collection and invoiced', nl: 'Speciale bestelling afgesloten wegens niet-afhaling en gefactureerd' },
  'tracking.event.special_order_settled': { fr: 'Commande close pour non-enlèvement : prix et frais de stockage facturés', en: 'Order closed for non-collection: price and storage costs invoiced', nl: 'Bestelling afgesloten wegens niet-afhaling: prijs en opslagkosten gefactureerd' },
  'specialOrder.title': { fr: 'Commande spéciale', en: 'Special order', nl: 'Speciale bestelling' },
  'specialOrder.lines': { fr: 'Marchandises commandées spécialement : {lines}.', en: 'Goods ordered specially: {lines}.', nl: 'Speciaal bestelde goederen: {lines}.' },
  'specialOrder.rule': {
    fr: 'Si la marchandise n’est pas retirée huit jours après la première présentation d’une mise en demeure par lettre recommandée, la commande n’est pas annulée : le prix reste dû en totalité, avec les frais de stockage (art. 7.2 des conditions générales).',
    en: 'If the goods are not collected eight days after a formal notice by registered letter is first presented, the order is not cancelled: the whole price stays due, with the storage costs (art. 7.2 of the terms).',
    nl: 'Worden de goederen niet afgehaald acht dagen na de eerste aanbieding van een aangetekende ingebrekestelling, dan wordt de bestelling niet geannuleerd: de volledige prijs blijft verschuldigd, met de opslagkosten (art. 7.2 van de voorwaarden).',
  },
  'specialOrder.notice': { fr: 'Mise en demeure envoyée le {sentOn} ; disposition possible à partir du {from}.', en: 'Formal notice sent on {sentOn}; disposal possible from {from}.', nl: 'Ingebrekestelling verstuurd op {sentOn}; beschikking mogelijk vanaf {from}.' },
  'specialOrder.noticeNotPresented': { fr: 'Mise en demeure envoyée le {sentOn}, date de première présentation pas encore connue.', en: 'Formal notice sent on {sentOn}, day of first presentation not known yet.', nl: 'Ingebrekestelling verstuurd op {sentOn}, dag van eerste aanbieding nog niet gekend.' },
  'specialOrder.storageCosts': { fr: 'Frais de stockage', en: 'Storage costs', nl: 'Opslagkosten' },
  'specialOrder.noStorageCosts': { fr: 'Aucun frais de stockage enregistré.', en: 'No storage costs recorded.', nl: 'Geen opslagkosten geregistreerd.' },
  'specialOrder.description': { fr: 'Description', en: 'Description', nl: 'Omschrijving' },
  'specialOrder.amountExclVat': { fr: 'Montant HT', en: 'Amount excl. VAT', nl: 'Bedrag excl. btw' },
  'specialOrder.amountInclVat': { fr: 'Montant TTC', en: 'Amount incl. VAT', nl: 'Bedrag incl. btw' },
  'specialOrder.document': { fr: 'Justificatif', en: 'Justification', nl: 'Verantwoording' },
  'specialOrder.vatRate': { fr: 'Taux de TVA (%)', en: 'VAT rate (%)', nl: 'Btw-tarief (%)' },
  'specialOrder.record': { fr: 'Enregistrer les frais de stockage', en: 'Record the storage costs', nl: 'Opslagkosten registreren' },
  'specialOrder.recorded': { fr: 'Frais de stockage enregistrés.', en: 'Storage costs recorded.', nl: 'Opslagkosten geregistreerd.' },
  'specialOrder.priceDue': { fr: 'Prix dû en totalité', en: 'Whole price due', nl: 'Volledige prijs verschuldigd' },
  'specialOrder.totalDue': { fr: 'Total dû', en: 'Total due', nl: 'Totaal verschuldigd' },
  'specialOrder.paid': { fr: 'Déjà payé', en: 'Already paid', nl: 'Reeds betaald' },
  'specialOrder.balance': { fr: 'Reste à payer', en: 'Still to pay', nl: 'Nog te betalen' },
  'specialOrder.owedBack': { fr: 'À rembourser au client', en: 'To refund to the customer', nl: 'Terug te betalen aan de klant' },
  'specialOrder.settled': {
    fr: 'Commande close le {on} pour non-enlèvement : la marchandise commandée spécialement reste due en totalité avec les frais de stockage (facture {invoices}).',
    en: 'Order closed on {on} for non-collection: the goods ordered specially stay due in full with the storage costs (invoice {invoices}).',
    nl: 'Bestelling afgesloten op {on} wegens niet-afhaling: de speciaal bestelde goederen blijven volledig verschuldigd met de opslagkosten (factuur {invoices}).',
  },
  'specialOrder.settle': { fr: 'Clore pour non-enlèvement et facturer', en: 'Close for non-collection and invoice', nl: 'Afsluiten wegens niet-afhaling en factureren' },
  'specialOrder.settleConfirm': {
    fr: 'Je confirme : la commande est close, le prix et les frais de stockage sont facturés et le client en est informé par courriel.',
    en: 'I confirm: the order is closed, the price and storage costs are invoiced and the customer is told by e-mail.',
    nl: 'Ik bevestig: de bestelling wordt afgesloten, de prijs en de opslagkosten worden gefactureerd en de klant wordt per e-mail verwittigd.',
  },
  'specialOrder.settledNotice': { fr: 'Commande close et facturée ; le client a été informé.', en: 'Order closed and invoiced; the customer was told.', nl: 'Bestelling afgesloten en gefactureerd; de klant werd verwittigd.' },
  'specialOrder.mail.subject': { fr: 'Commande {number} : marchandise commandée spécialement non retirée', en: 'Order {number}: goods ordered specially not collected', nl: 'Bestelling {number}: speciaal bestelde goederen niet afgehaald' },
  'specialOrder.mail.text': {
    fr: 'Bonjour {name},\n\nLa marchandise commandée spécialement pour vous (commande {number}) n’a pas été retirée à la suite de notre mise en demeure du {sentOn}. Conformément à l’article 7.2 de nos conditions générales, la commande est close le {on} et vous restez redevable de la totalité du prix et des frais de stockage :\n\nPrix : {price}\nFrais de stockage : {storage}\nTotal dû : {total}\nDéjà payé : {paid}\nReste à payer : {balance}\n\nFacture(s) : {invoices}\n\n{shop}',
    en: 'Hello {name},\n\nThe goods ordered specially for you (order {number}) were not collected after our formal notice of {sentOn}. Under article 7.2 of our terms, the order was closed on {on} and you remain liable for the whole price and the storage costs:\n\nPrice: {price}\nStorage costs: {storage}\nTotal due: {total}\nAlready paid: {paid}\nStill to pay: {balance}\n\nInvoice(s): {invoices}\n\n{shop}',
    nl: 'Beste {name},\n\nDe speciaal voor u bestelde goederen (bestelling {number}) werden niet afgehaald na onze ingebrekestelling van {sentOn}. Volgens artikel 7.2 van onze voorwaarden werd de bestelling op {on} afgesloten en blijft u de volledige prijs en de opslagkosten verschuldigd:\n\nPrijs: {price}\nOpslagkosten: {storage}\nTotaal verschuldigd: {total}\nReeds betaald: {paid}\nNog te betalen: {balance}\n\nFactuur/facturen: {invoices}\n\n{shop}',
  },
  'specialOrder.mail.textOwedBack': {
    fr: 'Bonjour {name},\n\nLa marchandise commandée spécialement pour vous (commande {number}) n’a pas été retirée à la suite de notre mise en demeure du {sentOn}. Conformément à l’article 7.2 de nos conditions générales, la commande est close le {on} ; le prix des articles commandés spécialement et les frais de stockage restent dus :\n\nPrix : {price}\nFrais de stockage : {storage}\nTotal dû : {total}\nDéjà payé : {paid}\nSomme qui vous sera remboursée : {balance}\n\nFacture(s) : {invoices}\n\n{shop}',
    en: 'Hello {name},\n\nThe goods ordered specially for you (order {number}) were not collected after our formal notice of {sentOn}. Under article 7.2 of our terms, the order was closed on {on}; the price of the goods ordered specially and the storage costs stay due:\n\nPrice: {price}\nStorage costs: {storage}\nTotal due: {total}\nAlready paid: {paid}\nSum to be refunded to you: {balance}\n\nInvoice(s): {invoices}\n\n{shop}',
    nl: 'Beste {name},\n\nDe speciaal voor u bestelde goederen (bestelling {number}) werden niet afgehaald na onze ingebrekestelling van {sentOn}. Volgens artikel 7.2 van onze voorwaarden werd de bestelling op {on} afgesloten; de prijs van de speciaal bestelde goederen en de opslagkosten blijven verschuldigd:\n\nPrijs: {price}\nOpslagkosten: {storage}\nTotaal verschuldigd: {total}\nReeds betaald: {paid}\nAan u terug te betalen bedrag: {balance}\n\nFactuur/facturen: {invoices}\n\n{shop}',
  },
} satisfies Record<string, Entry>;
