/**
 * Money as integer euro cents, and the platform's single VAT rounding rule.
 *
 * Rounding rule (SPEC §0.3, A-71): every VAT amount is rounded to the cent
 * HALF-UP, i.e. a remainder of exactly half a cent is rounded away from zero
 * (0.005 → 0.01, −0.005 → −0.01). It is applied once per invoice line; invoice
 * totals are the sums of the rounded lines, never recomputed from the totals.
 * The rounding is done on BigInt numerators, never on binary floats.
 *
 * VAT is the rounded quantity; the other side of the line is derived by
 * subtraction so that net + vat = gross holds exactly on every line. A
 * consequence: when gross/(1 + rate) lands exactly on half a cent, VAT rounds
 * up and the net is therefore the lower cent (e.g. 0.03 TTC at 20 % →
 * 0.02 HT + 0.01 VAT).
 */

import { numberFormat } from './intl.ts';

export type Cents = number & { readonly __brand: 'Cents' };

/**
 * A VAT rate in basis points: 2000 = 20 %, 550 = 5.5 %, 210 = 2.1 %. Rates
 * are data with validity dates (LEGAL §A9); the functions below only check
 * the shape (a non-negative whole number) at run time.
 */
export type BasisPoints = number;

const BP_PER_UNIT = 10_000n;

/**
 * The only way to make a Cents value: rejects fractions, NaN and unsafe
 * integers, and turns -0 into 0 (so it never prints as "-0,00 €").
 */
export function cents(n: number): Cents {
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`Not a whole number of cents: ${n}`);
  }
  return (n === 0 ? 0 : n) as Cents;
}

function rate(rateBp: BasisPoints): bigint {
  if (!Number.isSafeInteger(rateBp) || rateBp < 0) {
    throw new RangeError(`Not a VAT rate in basis points: ${rateBp}`);
  }
  return BigInt(rateBp);
}

/** numerator / denominator rounded half away from zero; denominator > 0. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const magnitude = numerator < 0n ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  return numerator < 0n ? -rounded : rounded;
}

function toCents(value: bigint): Cents {
  return cents(Number(value));
}

/** VAT on an excl.-VAT (HT) amount: round(net × rate), half-up. */
export function vatFromNet(net: Cents, rateBp: BasisPoints): Cents {
  return toCents(divideHalfUp(BigInt(net) * rate(rateBp), BP_PER_UNIT));
}

/** VAT contained in an incl.-VAT (TTC) amount: round(gross × rate / (1 + rate)), half-up. */
export function vatFromGross(gross: Cents, rateBp: BasisPoints): Cents {
  const r = rate(rateBp);
  return toCents(divideHalfUp(BigInt(gross) * r, BP_PER_UNIT + r));
}

/** Excl.-VAT part of a TTC amount: gross − vatFromGross, so net + vat = gross exactly. */
export function netFromGross(gross: Cents, rateBp: BasisPoints): Cents {
  return cents(gross - vatFromGross(gross, rateBp));
}

/**
 * unit price × quantity. Quantities are whole units; sales by weight must
 * price a whole unit (e.g. per 100 g) so the product stays exact.
 */
export function lineTotal(unitCents: Cents, qty: number): Cents {
  if (!Number.isSafeInteger(qty)) {
    throw new RangeError(`Quantity must be a whole number: ${qty}`);
  }
  return toCents(BigInt(unitCents) * BigInt(qty));
}

export type VatBreakdown = { net: Cents; vat: Cents; gross: Cents };
export type RateTotals = VatBreakdown & { rateBp: BasisPoints };
export type InvoiceTotals = { byRate: RateTotals[]; total: VatBreakdown };

/**
 * Per-rate and overall totals of TTC lines (SPEC A-71: VAT per line, half-up;
 * totals are sums of lines). byRate is sorted by ascending rate.
 */
export function totalsByRate(
  lines: readonly { grossCents: Cents; vatRateBp: BasisPoints }[],
): InvoiceTotals {
  const sums = new Map<BasisPoints, { net: bigint; vat: bigint; gross: bigint }>();
  for (const line of lines) {
    const vat = vatFromGross(line.grossCents, line.vatRateBp);
    const sum = sums.get(line.vatRateBp) ?? { net: 0n, vat: 0n, gross: 0n };
    sum.vat += BigInt(vat);
    sum.net += BigInt(line.grossCents - vat);
    sum.gross += BigInt(line.grossCents);
    sums.set(line.vatRateBp, sum);
  }
  const byRate = [...sums.entries()]
    .sort(([a], [b]) => a - b)
    .map(([rateBp, s]) => ({
      rateBp,
      net: toCents(s.net),
      vat: toCents(s.vat),
      gross: toCents(s.gross),
    }));
  const total = byRate.reduce<VatBreakdown>(
    (acc, r) => ({
      net: cents(acc.net + r.net),
      vat: cents(acc.vat + r.vat),
      gross: cents(acc.gross + r.gross),
    }),
    { net: cents(0), vat: cents(0), gross: cents(0) },
  );
  return { byRate, total };
}

/**
 * Locale-formatted euros: "12,50 €" (fr), "€12.50" (en), "€ 12,50" (nl).
 * The amount is passed to Intl as a decimal string, so no float is involved.
 * Intl may use no-break spaces (U+00A0, U+202F) as separators.
 */
/** A euro amount typed in a form ("12,50", "12.5", "1999") in cents; null when it is not one. */
export function parseEuros(text: string | undefined): number | null {
  const m = /^\s*(\d{1,11})(?:[.,](\d{1,2}))?\s*$/.exec(text ?? '');
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

/** The formatter is built once per locale (kernel/intl.ts): building it per price was 19 % of a catalogue page. */
export function formatEuros(amount: Cents, locale: string): string {
  const format = numberFormat(locale, { style: 'currency', currency: 'EUR' });
  return format.format(centsToDecimalString(amount));
}

/** 1250 → "12.50", −5 → "-0.05": exact decimal text of a cent amount. */
export function centsToDecimalString(amount: Cents): `${number}` {
  const magnitude = BigInt(Math.abs(amount));
  const euros = magnitude / 100n;
  const rest = String(magnitude % 100n).padStart(2, '0');
  return `${amount < 0 ? '-' : ''}${euros}.${rest}` as `${number}`;
}
