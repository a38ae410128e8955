/**
 * French words for the free-text identifiers the profiles write in English (data-set names,
 * fields, purposes, processors' roles, partner categories). A value missing here is printed as
 * the profile writes it, with underscores turned into spaces, so a new profile never breaks a text.
 */
const FR: Readonly<Record<string, string>> = {
  // data sets
  orders: 'Commandes et factures',
  contact_form: 'Formulaire de contact',
  newsletter: 'Lettre d’information',
  customers: 'Clients',
  navigation: 'Navigation sur le site',
  customers_and_prospects: 'Clients et prospects',
  // fields
  name: 'nom',
  last_name: 'nom',
  first_name: 'prénom',
  postal_address: 'adresse postale',
  address: 'adresse',
  email: 'adresse e-mail',
  phone: 'téléphone',
  fax: 'télécopie',
  status: 'qualité',
  organisation: 'organisation',
  contact_details: 'coordonnées',
  order_and_invoice_data: 'données des commandes et des factures',
  pupil_first_name: 'prénom de l’élève',
  school: 'école et classe',
  domain: 'nom de domaine',
  host: 'hôte',
  ip_address: 'adresse IP',
  visit_time: 'date et heure de la visite',
  referring_url: 'page de provenance',
  // purposes
  'processing orders and issuing invoices': 'traiter les commandes et établir les factures',
  'answering the contact request only': 'répondre à la demande de contact, et à rien d’autre',
  'commercial and promotional communications': 'envoyer des informations commerciales et promotionnelles',
  'performing and following up orders (class grouping of school kits)': 'exécuter et suivre les commandes (regroupement des kits scolaires par classe)',
  'audience measurement': 'mesure d’audience',
  'customer and prospect relations, performing orders': 'gérer la relation avec les clients et les prospects, exécuter les commandes',
  // processors
  hosting: 'hébergement du site',
  'cookie management': 'gestion du consentement aux cookies',
  'contact form': 'formulaire de contact',
  // partner categories
  'energy (gas, electricity, heating oil, firewood, pellets)': 'énergie (gaz, électricité, mazout, bois de chauffage, pellets)',
};

export function fr(text: string): string {
  return FR[text] ?? text.replace(/_/g, ' ');
}
