import type { Entry } from './entry.ts';

/** Error messages of payments: bank statements, references, EPC QR codes. */
export const paymentMessages = {
  'error.statement_malformed': {
    fr: 'Ce relevé bancaire est illisible ou mal formé ({reason}) ; rien n’a été importé.',
    en: 'This bank statement is unreadable or malformed ({reason}); nothing was imported.',
    nl: 'Dit rekeninguittreksel is onleesbaar of misvormd ({reason}); er werd niets geïmporteerd.',
  },
  'error.statement_too_large': {
    fr: 'Ce relevé bancaire est trop volumineux ; rien n’a été importé.',
    en: 'This bank statement is too large; nothing was imported.',
    nl: 'Dit rekeninguittreksel is te groot; er werd niets geïmporteerd.',
  },
  'error.statement_not_camt053': {
    fr: 'Ce fichier n’est pas un relevé CAMT.053 ; rien n’a été importé.',
    en: 'This file is not a CAMT.053 statement; nothing was imported.',
    nl: 'Dit bestand is geen CAMT.053-uittreksel; er werd niets geïmporteerd.',
  },
  'error.statement_entities_forbidden': {
    fr: 'Ce relevé contient des déclarations XML interdites (DOCTYPE ou entités) ; rien n’a été importé.',
    en: 'This statement contains forbidden XML declarations (DOCTYPE or entities); nothing was imported.',
    nl: 'Dit uittreksel bevat verboden XML-declaraties (DOCTYPE of entiteiten); er werd niets geïmporteerd.',
  },
  'error.statement_empty': {
    fr: 'Ce fichier CAMT.053 ne contient aucun relevé ; rien n’a été importé.',
    en: 'This CAMT.053 file contains no statement; nothing was imported.',
    nl: 'Dit CAMT.053-bestand bevat geen uittreksel; er werd niets geïmporteerd.',
  },
  'error.statement_wrong_account': {
    fr: 'Le relevé {statement} porte sur le compte {account}, qui n’est pas celui de la boutique ({expected}) ; rien n’a été importé.',
    en: 'Statement {statement} is for account {account}, which is not the shop’s ({expected}); nothing was imported.',
    nl: 'Uittreksel {statement} betreft rekening {account}, die niet die van de winkel is ({expected}); er werd niets geïmporteerd.',
  },
  'error.invalid_iban': { fr: 'Cet IBAN n’est pas valide.', en: 'This IBAN is not valid.', nl: 'Dit IBAN is ongeldig.' },
  'error.invalid_bic': { fr: 'Ce BIC n’est pas valide.', en: 'This BIC is not valid.', nl: 'Deze BIC is ongeldig.' },
  'error.invalid_payment_reference': {
    fr: 'Cette référence de paiement n’est pas valide (chiffres de contrôle incorrects).',
    en: 'This payment reference is not valid (wrong check digits).',
    nl: 'Deze betalingsreferentie is ongeldig (verkeerde controlecijfers).',
  },
  'error.amount_out_of_range': {
    fr: 'Le montant doit être compris entre 0,01 € et 999 999 999,99 €.',
    en: 'The amount must be between €0.01 and €999,999,999.99.',
    nl: 'Het bedrag moet tussen € 0,01 en € 999.999.999,99 liggen.',
  },
  'error.epc_payload_too_large': {
    fr: 'Les données du QR code de virement dépassent 331 octets.',
    en: 'The transfer QR code data exceed 331 bytes.',
    nl: 'De gegevens van de QR-code voor overschrijving zijn groter dan 331 bytes.',
  },
} satisfies Record<string, Entry>;
