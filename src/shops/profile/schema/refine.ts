/**
 * Checks that need more than one field: a value only makes sense given another (a holiday zone
 * for a French shop, a BCE number for a Belgian one, a checkout asking to accept a document the
 * shop does not have…). Zod runs them once every field is individually valid.
 *
 * These are *consistency* errors: the profile cannot be loaded. Values weaker than the law are
 * not errors here; `check.ts` reports them and the law applies.
 */
import type { z } from 'zod';
import type { ProfileFields as Shape } from './fields.ts';

type Ctx = z.RefinementCtx;
type Path = (string | number)[];

function fail(ctx: Ctx, path: Path, message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

const digitsOf = (text: string) => text.replace(/[\s.]/g, '');

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** BCE/KBO: 10 digits starting 0 or 1; the last two = 97 − (first eight mod 97). */
function isBceNumber(digits: string): boolean {
  if (!/^[01]\d{9}$/.test(digits)) return false;
  return 97 - (Number(digits.slice(0, 8)) % 97) === Number(digits.slice(8));
}

function isSirenOrSiret(digits: string): boolean {
  return /^(\d{9}|\d{14})$/.test(digits) && luhn(digits);
}

function isVatNumber(system: 'FR' | 'BE', raw: string): boolean {
  const text = digitsOf(raw).toUpperCase();
  if (system === 'BE') return /^BE\d{10}$/.test(text) && isBceNumber(text.slice(2));
  const m = /^FR(\d{2})(\d{9})$/.exec(text);
  if (!m || !isSirenOrSiret(m[2] as string)) return false;
  return (12 + 3 * (Number(m[2]) % 97)) % 97 === Number(m[1]);
}

// Rates a demo product may carry (LEGAL §A9): FR 20 / 10 / 5.5 / 2.1 %, BE 21 / 12 / 6 / 0 %.
const VAT_RATES_BP = { FR: [2000, 1000, 550, 210], BE: [2100, 1200, 600, 0] } as const;

export function refineProfile(p: Shape, ctx: Ctx): void {
  if (p.holidayZone && p.legalSystem !== 'FR') {
    fail(ctx, ['holidayZone'], `is only for French shops (Alsace-Moselle); this shop's legalSystem is ${p.legalSystem}`);
  }
  checkRegistration(p, ctx);
  if (p.customers.blockProfessionalPurpose && p.customers.kinds.includes('professional')) {
    fail(ctx, ['customers', 'blockProfessionalPurpose'], 'cannot be true while customers.kinds includes "professional"');
  }
  const documents = new Set(p.terms.documents.map((d) => d.kind));
  p.checkout.termsToAccept.forEach((kind, i) => {
    if (!documents.has(kind)) {
      fail(ctx, ['checkout', 'termsToAccept', i], `names "${kind}", which is not among terms.documents`);
    }
  });
  if ((p.checkout.minOrderCents === undefined) !== (p.checkout.minOrderBasis === undefined)) {
    fail(ctx, ['checkout', 'minOrderBasis'], 'must be set together with checkout.minOrderCents (A-67)');
  }
  if (p.payments?.capture === 'after_delivery' && !p.payments.dueAfterDelivery) {
    fail(ctx, ['payments', 'dueAfterDelivery'], 'is missing: capture "after_delivery" needs the payment delay');
  }
  if (p.disputes && p.disputes.law !== p.legalSystem) {
    fail(ctx, ['disputes', 'law'], `must match legalSystem (${p.legalSystem}); the rules engine applies that law`);
  }
  checkDeliveryZones(p, ctx);
  checkDemo(p, ctx);
}

function checkRegistration(p: Shape, ctx: Ctx): void {
  const { registrationNumber, vatNumber } = p.identity;
  if (registrationNumber) {
    const ok =
      p.legalSystem === 'BE' ? isBceNumber(digitsOf(registrationNumber)) : isSirenOrSiret(digitsOf(registrationNumber));
    if (!ok) {
      const expected = p.legalSystem === 'BE' ? 'a BCE/KBO number (10 digits, valid check digits)' : 'a SIREN (9 digits) or SIRET (14 digits) with a valid check digit';
      fail(ctx, ['identity', 'registrationNumber'], `must be ${expected} (got "${registrationNumber}")`);
    }
  }
  if (vatNumber && !isVatNumber(p.legalSystem, vatNumber)) {
    fail(ctx, ['identity', 'vatNumber'], `must be a valid ${p.legalSystem} VAT number (got "${vatNumber}")`);
  }
}

function checkDeliveryZones(p: Shape, ctx: Ctx): void {
  const modes = p.delivery?.modes ?? [];
  const seen = new Map<string, number>();
  modes.forEach((mode, i) => {
    for (const commune of mode.communes ?? []) {
      const other = seen.get(commune.toLowerCase());
      if (other !== undefined) {
        fail(ctx, ['delivery', 'modes', i, 'communes'], `lists "${commune}", already served by delivery.modes[${other}]`);
      }
      seen.set(commune.toLowerCase(), i);
    }
  });
  if (modes.filter((m) => m.otherCommunes).length > 1) {
    fail(ctx, ['delivery', 'modes'], 'only one mode may serve the other communes (otherCommunes: true)');
  }
  // Issue 12 §2: a postcode belongs to one zone only, and a pickup point's id to one point.
  const ranges = modes.flatMap((m, i) => (m.postcodes ?? []).map((r, j) => ({ r, i, j })));
  for (const a of ranges) {
    const b = ranges.find((x) => x !== a && x.r.country === a.r.country && x.r.from.length === a.r.from.length && x.r.from <= a.r.to && a.r.from <= x.r.to && (x.i < a.i || (x.i === a.i && x.j < a.j)));
    if (b) fail(ctx, ['delivery', 'modes', a.i, 'postcodes', a.j], `${a.r.from}–${a.r.to} overlaps ${b.r.from}–${b.r.to} of delivery.modes[${b.i}]`);
  }
  const pointIds = modes.flatMap((m) => (m.mode === 'pickup' ? m.points.map((p, k) => p.id ?? String(k)) : []));
  if (new Set(pointIds).size !== pointIds.length) fail(ctx, ['delivery', 'modes'], 'two pickup points have the same id');
}

function checkDemo(p: Shape, ctx: Ctx): void {
  const rates: readonly number[] = VAT_RATES_BP[p.legalSystem];
  const regulated = new Set((p.regulated?.rules ?? []).map((r) => r.flag));
  p.demo.products.forEach((product, i) => {
    if (!rates.includes(product.vatRateBp)) {
      fail(ctx, ['demo', 'products', i, 'vatRateBp'], `must be a ${p.legalSystem} VAT rate in basis points: ${rates.join(', ')} (got ${product.vatRateBp})`);
    }
    for (const flag of product.regulated ?? []) {
      if (!regulated.has(flag)) {
        fail(ctx, ['demo', 'products', i, 'regulated'], `flags "${flag}", but regulated.rules has no rule for it`);
      }
    }
  });
}
