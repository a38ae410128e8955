/**
 * The back-office product form speaks euros and percents; the catalogue stores cents and basis
 * points. Converts one to the other without floats ("12,50" → 1250, "5,5" % → 550).
 */
import { parseEuros } from '../kernel/money.ts';
import type { Product } from './service.ts';

/** "12,50", "12.5", "12" → 1250; anything else is left for the schema to refuse. */
export function eurosToCents(text: string | undefined): number | string {
  // Not an amount: the text goes on to the schema, which names the field in error.
  return parseEuros(text) ?? text ?? '';
}

/** "20", "5,5", "2.1" → basis points. */
export function percentToBp(text: string | undefined): number | string {
  const m = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*$/.exec(text ?? '');
  if (!m) return text ?? '';
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

const int = (text: string | undefined) => (/^\s*\d{1,9}\s*$/.test(text ?? '') ? Number(text) : (text ?? ''));

export function formToProductInput(f: Record<string, string>) {
  const images = (f.images ?? '').split(/\s+/).filter(Boolean);
  return {
    sku: f.sku ?? '',
    name: { fr: f['name.fr'] ?? '', ...(f['name.en'] && { en: f['name.en'] }), ...(f['name.nl'] && { nl: f['name.nl'] }) },
    description: { fr: f['description.fr'] ?? '' },
    unitPriceCents: eurosToCents(f.price),
    vatRateBp: percentToBp(f.vatRate),
    stock: int(f.stock),
    maxPerOrder: f.maxPerOrder ? int(f.maxPerOrder) : null,
    withdrawable: !f.withdrawalException,
    withdrawalException: f.withdrawalException || null,
    regulated: f.regulated === 'on',
    specialOrder: f.specialOrder === 'on',
    unit: f.unit || 'unit',
    condition: f.condition || 'new',
    images,
    // A service, by the days its contract covers (issue 10 §2); asked at creation only.
    ...(f.serviceDays?.trim() && { kind: 'service', serviceDays: int(f.serviceDays) }),
  };
}

const euros = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
const percent = (bp: number) => (bp % 100 === 0 ? String(bp / 100) : `${Math.floor(bp / 100)},${String(bp % 100).padStart(2, '0').replace(/0$/, '')}`);

export function productToForm(p: Product): Record<string, string> {
  return {
    sku: p.sku,
    'name.fr': p.name.fr,
    'name.en': p.name.en ?? '',
    'name.nl': p.name.nl ?? '',
    'description.fr': p.description.fr,
    price: euros(p.unitPriceCents),
    vatRate: percent(p.vatRateBp),
    stock: String(p.stock),
    maxPerOrder: p.maxPerOrder === null ? '' : String(p.maxPerOrder),
    withdrawalException: p.withdrawalException ?? '',
    regulated: p.regulated ? 'on' : '',
    specialOrder: p.specialOrder ? 'on' : '',
    unit: p.unit,
    condition: p.condition,
    images: p.images.join('\n'),
    active: p.active ? 'on' : '',
  };
}

/** Schema paths → the form field showing them, so each error sits next to what the user typed. */
const FIELD_OF: Record<string, string> = { unitPriceCents: 'price', vatRateBp: 'vatRate', name: 'name.fr', 'name.fr': 'name.fr', 'description.fr': 'description.fr', maxPerOrder: 'maxPerOrder' };

export function toFormFields(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const field = FIELD_OF[path] ?? path.replace(/\.\d+$/, '');
    out[field] ??= message;
  }
  return out;
}
