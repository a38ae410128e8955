import type { Entry } from './entry.ts';

/** Bank-statement import: its refusals and the e-mail telling a customer their transfer arrived. */
export const reconcileMessages = {
  'error.statement_currency': {
    fr: 'Ce relevé est en {currency}, pas en EUR ; rien n’a été importé.',
    en: 'This statement is in {currency}, not EUR; nothing was imported.',
    nl: 'Dit uittreksel is in {currency}, niet in EUR; er werd niets geïmporteerd.',
  },
  'payment.mail.subject': {
    fr: '{shop} : paiement reçu pour la commande {number}',
    en: '{shop}: payment received for order {number}',
    nl: '{shop}: betaling ontvangen voor bestelling {number}',
  },
  'payment.mail.received': {
    fr: 'Bonjour {name},\n\nNous avons reçu votre virement de {amount} (extrait du {date}) pour la commande {number}.',
    en: 'Hello {name},\n\nWe have received your transfer of {amount} (statement of {date}) for order {number}.',
    nl: 'Beste {name},\n\nWe hebben uw overschrijving van {amount} (uittreksel van {date}) voor bestelling {number} ontvangen.',
  },
  'payment.mail.paid': {
    fr: 'Votre commande est entièrement payée : nous la préparons.',
    en: 'Your order is paid in full: we are preparing it.',
    nl: 'Uw bestelling is volledig betaald: we maken ze klaar.',
  },
  'payment.mail.balance': {
    fr: 'Il reste {balance} à payer, avec la même communication structurée {reference}. Votre commande sera préparée dès réception du solde.',
    en: '{balance} remains to be paid, with the same structured reference {reference}. Your order will be prepared once the balance arrives.',
    nl: 'Er moet nog {balance} betaald worden, met dezelfde gestructureerde mededeling {reference}. Uw bestelling wordt klaargemaakt zodra het saldo binnen is.',
  },
  'payment.mail.credit': {
    fr: 'Vous avez payé {credit} de trop : ce montant est porté à votre crédit, déductible d’une prochaine commande ou remboursable sur simple demande.',
    en: 'You paid {credit} too much: this amount is credited to you, to be deducted from a later order or refunded on request.',
    nl: 'U hebt {credit} te veel betaald: dit bedrag staat op uw tegoed, aftrekbaar van een volgende bestelling of terugbetaalbaar op verzoek.',
  },
  'payment.mail.closed': {
    fr: 'Cette commande avait déjà été annulée : la somme de {credit} est portée à votre crédit, remboursable sur simple demande ou déductible d’une prochaine commande.',
    en: 'This order had already been cancelled: the sum of {credit} is credited to you, refunded on request or deducted from a later order.',
    nl: 'Deze bestelling was al geannuleerd: het bedrag van {credit} staat op uw tegoed, terugbetaalbaar op verzoek of aftrekbaar van een volgende bestelling.',
  },
} satisfies Record<string, Entry>;
