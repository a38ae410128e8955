import type { Entry } from './entry.ts';

/**
 * Bank-transfer instructions on the order page and in the confirmation e-mail (issue 4 §1). The
 * order is executed only once the transfer is received (seed 001 online §2.3).
 */
export const transferMessages = {
  'transfer.title': { fr: 'Payer par virement', en: 'Pay by bank transfer', nl: 'Betalen via overschrijving' },
  'transfer.awaiting': {
    fr: 'Votre commande attend votre paiement : elle sera exécutée dès réception de votre virement.',
    en: 'Your order is awaiting payment: it will be carried out once your transfer is received.',
    nl: 'Uw bestelling wacht op betaling: ze wordt uitgevoerd zodra uw overschrijving ontvangen is.',
  },
  'transfer.beneficiary': { fr: 'Bénéficiaire', en: 'Beneficiary', nl: 'Begunstigde' },
  'transfer.iban': { fr: 'IBAN', en: 'IBAN', nl: 'IBAN' },
  'transfer.bic': { fr: 'BIC', en: 'BIC', nl: 'BIC' },
  'transfer.amount': { fr: 'Montant', en: 'Amount', nl: 'Bedrag' },
  'transfer.reference.ogm': { fr: 'Communication structurée', en: 'Structured communication', nl: 'Gestructureerde mededeling' },
  'transfer.reference.rf': { fr: 'Référence de paiement', en: 'Payment reference', nl: 'Betalingsreferentie' },
  'transfer.referenceHint': {
    fr: 'Indiquez exactement cette référence, sans autre texte : elle identifie votre commande.',
    en: 'Quote exactly this reference, with no other text: it identifies your order.',
    nl: 'Vermeld precies deze referentie, zonder andere tekst: ze identificeert uw bestelling.',
  },
  'transfer.qr.alt': {
    fr: 'QR code de virement : {amount} à {beneficiary}, IBAN {iban}, référence {reference}',
    en: 'Transfer QR code: {amount} to {beneficiary}, IBAN {iban}, reference {reference}',
    nl: 'QR-code voor overschrijving: {amount} aan {beneficiary}, IBAN {iban}, referentie {reference}',
  },
  'transfer.qr.help': {
    fr: 'Scannez ce code avec votre application bancaire : il remplit le virement pour vous.',
    en: 'Scan this code with your banking app: it fills in the transfer for you.',
    nl: 'Scan deze code met uw bankapp: ze vult de overschrijving voor u in.',
  },
  'transfer.mail.heading': {
    fr: 'Pour payer par virement :',
    en: 'To pay by bank transfer:',
    nl: 'Om via overschrijving te betalen:',
  },
  'transfer.mail.qr': {
    fr: 'Le QR code joint ({file}) remplit le virement dans votre application bancaire.',
    en: 'The attached QR code ({file}) fills in the transfer in your banking app.',
    nl: 'De bijgevoegde QR-code ({file}) vult de overschrijving in uw bankapp in.',
  },
} as const satisfies Record<string, Entry>;
