/**
 * French wording of profile values, shared by the document generators: durations, dates,
 * addresses, lists, countries, customer kinds, means of payment and delivery modes.
 * Every function is pure, so the same profile always gives the same text (and the same hash).
 */
import { parseDuration } from '../../../shops/profile/duration.ts';
import type { Profile } from '../../../shops/profile/schema.ts';

type Address = { line1: string; line2?: string | undefined; postalCode: string; city: string; country: string };

const UNITS_FR = [
  ['years', 'an', 'ans'],
  ['months', 'mois', 'mois'],
  ['weeks', 'semaine', 'semaines'],
  ['days', 'jour', 'jours'],
  ['hours', 'heure', 'heures'],
  ['minutes', 'minute', 'minutes'],
] as const;

/** "P14D" → "14 jours", "P2Y" → "2 ans", "PT48H" → "48 heures", "P1Y6M" → "1 an et 6 mois". */
export function duree(iso: string): string {
  const parts = parseDuration(iso);
  const words = UNITS_FR.filter(([key]) => parts[key] > 0).map(([key, one, many]) => `${parts[key]} ${parts[key] === 1 ? one : many}`);
  return enumerate(words);
}

/** Whole days of a duration made of weeks and days only, else undefined. */
export function wholeDays(iso: string): number | undefined {
  const p = parseDuration(iso);
  return p.years || p.months || p.hours || p.minutes ? undefined : p.weeks * 7 + p.days;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "2027-01-01" → "1er janvier 2027". */
export function dateFr(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d === 1 ? '1er' : d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** "08-20" → "20 août". */
export function dayOfYearFr(monthDay: string): string {
  const [m, d] = monthDay.split('-').map(Number);
  return `${d === 1 ? '1er' : d} ${MONTHS[(m ?? 1) - 1]}`;
}

/** "a", "a et b", "a, b et c". */
export function enumerate(items: readonly string[], last = 'et'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

export function addressFr(a: Address): string {
  return [a.line1, a.line2, `${a.postalCode} ${a.city}`, a.country === 'FR' ? 'France' : a.country === 'BE' ? 'Belgique' : a.country]
    .filter(Boolean)
    .join(', ');
}

const REGIONS: Readonly<Record<string, string>> = {
  EU: 'les États membres de l’Union européenne',
  FR: 'la France',
  BE: 'la Belgique',
  CH: 'la Suisse',
  LU: 'le Luxembourg',
};

const displayNames = new Intl.DisplayNames(['fr'], { type: 'region' });

export function regionFr(code: string): string {
  return REGIONS[code] ?? displayNames.of(code) ?? code;
}

const KINDS: Readonly<Record<string, [string, string]>> = {
  consumer: ['consommateur', 'consommateurs'],
  non_professional: ['non-professionnel', 'non-professionnels'],
  professional: ['professionnel', 'professionnels'],
};

/** "consommateurs et non-professionnels"; with an article: "aux consommateurs et aux non-professionnels". */
export function customerKindsFr(kinds: readonly string[], article = ''): string {
  return enumerate(kinds.map((k) => `${article ? `${article} ` : ''}${KINDS[k]?.[1] ?? k}`));
}

export const sellsToConsumers = (p: Profile) => p.customers.kinds.includes('consumer');
export const sellsToProfessionals = (p: Profile) => p.customers.kinds.includes('professional');

export function lawFr(system: 'FR' | 'BE'): string {
  return system === 'FR' ? 'droit français' : 'droit belge';
}

const BRANDS: Readonly<Record<string, string>> = { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', cb: 'CB' };

type Method = NonNullable<Profile['payments']>['methods'][number];

export function paymentMethodFr(m: Method): string {
  const who = m.customerKinds ? ` (réservé ${customerKindsFr(m.customerKinds, 'aux')})` : '';
  switch (m.method) {
    case 'bank_transfer':
      return `virement bancaire, avec la communication structurée indiquée lors de la commande${who}`;
    case 'card':
      return `carte bancaire (${enumerate(m.brands.map((b) => BRANDS[b] ?? b))}) sur la page de paiement sécurisée de Stripe${who}`;
    case 'paypal':
      return `PayPal, par l’intermédiaire de Stripe${who}`;
    case 'on_account':
      return `paiement à terme ${m.instrument === 'lcr' ? 'par lettre de change relevé (LCR)' : 'par virement'}, pour les comptes ouverts par le vendeur${who}`;
  }
}

type Mode = NonNullable<Profile['delivery']>['modes'][number];

const MODE_WORDS: Readonly<Record<Mode['mode'], string>> = {
  carrier: 'livraison à l’adresse indiquée par un transporteur',
  volunteer: 'livraison à domicile par des membres bénévoles de la coopérative',
  pickup: 'retrait dans un point de distribution',
  ex_works: 'enlèvement au dépôt du vendeur (Ex Works, Incoterms 2020)',
  seller_delivery: 'livraison par le vendeur lui-même',
  manufacturer_direct: 'livraison directe par le fabricant',
  customer_carrier: 'enlèvement par un transporteur choisi et mandaté par le client',
};

export function deliveryModeFr(m: Mode): string {
  let text = m.label ? `${m.label} : ${MODE_WORDS[m.mode]}` : MODE_WORDS[m.mode];
  if (m.mode === 'pickup') text += ` (${enumerate(m.points.map((p) => p.name))}), aux jours et heures choisis lors de la commande`;
  const parts = [text];
  if (m.communes?.length) parts.push(`pour ${m.communes.length === 1 ? 'la commune' : 'les communes'} de ${enumerate(m.communes)}`);
  if (m.otherCommunes) parts.push('pour les autres communes');
  if (m.customerKinds) parts.push(`réservé ${customerKindsFr(m.customerKinds, 'aux')}`);
  if (m.fee?.rule === 'free') parts.push('sans frais');
  if (m.fee?.rule === 'carriage_forward') parts.push('en port dû');
  if (m.fee?.freeFrom) parts.push(`franco de port à partir de ${euros(m.fee.freeFrom.amountCents)} ${m.fee.freeFrom.vat === 'excl' ? 'HT' : 'TTC'}`);
  return parts.join(', ');
}

/** 25000 → "250 €", 750 → "7,50 €". */
export function euros(cents: number): string {
  const whole = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  return `${whole}${rest ? `,${String(rest).padStart(2, '0')}` : ''} €`;
}

/** 3000 → "30 %". */
export function percent(bp: number): string {
  return `${String(bp / 100).replace('.', ',')} %`;
}

/** Joins the parts that are text with blank lines; `cond && 'text'` parts that are not text drop out. */
export function paragraphs(...parts: (string | number | boolean | null | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join('\n\n');
}

export function bullets(items: readonly string[]): string {
  return items.map((i) => `- ${i}`).join('\n');
}
