import type { Entry } from './entry.ts';

/**
 * Invoices (issue 4 §1; LEGAL.md §A8 mandatory mentions): the PDF and the link on the order page.
 */
export const invoicingMessages = {
  'invoice.title': { fr: 'Facture', en: 'Invoice', nl: 'Factuur' },
  'invoice.link': { fr: 'Facture N° {number} (PDF)', en: 'Invoice No. {number} (PDF)', nl: 'Factuur nr. {number} (PDF)' },
  'invoice.number': { fr: 'N°', en: 'No.', nl: 'Nr.' },
  'invoice.issuedOn': { fr: 'Date de facture', en: 'Invoice date', nl: 'Factuurdatum' },
  'invoice.dueOn': { fr: 'Échéance', en: 'Due date', nl: 'Vervaldatum' },
  'invoice.order': { fr: 'Commande', en: 'Order', nl: 'Bestelling' },
  'invoice.seller': { fr: 'Vendeur', en: 'Seller', nl: 'Verkoper' },
  'invoice.buyer': { fr: 'Client', en: 'Customer', nl: 'Klant' },
  'invoice.registration.FR': { fr: 'SIREN', en: 'SIREN', nl: 'SIREN' },
  'invoice.registration.BE': { fr: 'N° d’entreprise', en: 'Enterprise number', nl: 'Ondernemingsnummer' },
  'invoice.vatNumber': { fr: 'N° TVA', en: 'VAT number', nl: 'Btw-nummer' },
  'invoice.line.description': { fr: 'Désignation', en: 'Description', nl: 'Omschrijving' },
  'invoice.line.quantity': { fr: 'Qté', en: 'Qty', nl: 'Aantal' },
  'invoice.line.unitPrice': { fr: 'PU HT', en: 'Unit price excl. VAT', nl: 'Eenheidsprijs excl. btw' },
  'invoice.line.vatRate': { fr: 'TVA', en: 'VAT', nl: 'Btw' },
  'invoice.line.total': { fr: 'Total TTC', en: 'Total incl. VAT', nl: 'Totaal incl. btw' },
  'invoice.shipping': { fr: 'Livraison', en: 'Delivery', nl: 'Levering' },
  'invoice.vat.heading': { fr: 'TVA par taux', en: 'VAT by rate', nl: 'Btw per tarief' },
  'invoice.vat.rate': { fr: 'Taux', en: 'Rate', nl: 'Tarief' },
  'invoice.vat.net': { fr: 'Base HT', en: 'Net amount', nl: 'Maatstaf excl. btw' },
  'invoice.vat.vat': { fr: 'TVA', en: 'VAT', nl: 'Btw' },
  'invoice.totalNet': { fr: 'Total HT', en: 'Total excl. VAT', nl: 'Totaal excl. btw' },
  'invoice.totalVat': { fr: 'Total TVA', en: 'Total VAT', nl: 'Totaal btw' },
  'invoice.totalGross': { fr: 'Total TTC', en: 'Total incl. VAT', nl: 'Totaal incl. btw' },
  'invoice.paid': { fr: 'Déjà payé', en: 'Paid so far', nl: 'Reeds betaald' },
  'invoice.amountDue': { fr: 'Reste à payer', en: 'Amount due', nl: 'Te betalen' },
  'invoice.transfer.heading': { fr: 'Paiement par virement', en: 'Payment by bank transfer', nl: 'Betaling via overschrijving' },
  'invoice.transfer.qr': {
    fr: 'Scannez ce QR code avec votre application bancaire : il remplit le virement.',
    en: 'Scan this QR code with your banking app: it fills in the transfer.',
    nl: 'Scan deze QR-code met uw bankapp: ze vult de overschrijving in.',
  },
  'invoice.pageOf': { fr: 'Page {page} sur {pages}', en: 'Page {page} of {pages}', nl: 'Pagina {page} van {pages}' },
} as const satisfies Record<string, Entry>;
