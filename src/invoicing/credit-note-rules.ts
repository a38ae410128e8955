/**
 * Credit-note rules, pure (STYLE.md §3): the credit note's number and what it credits.
 *
 * An issued invoice is never changed (CGI ann. II art. 242 nonies A; BE: Code TVA art. 54 and
 * AR n° 1 art. 5): cancelling or reducing it issues a credit note (avoir; note de crédit) that
 * references it, numbered in its own continuous series per shop and calendar year (LEGAL.md §A8
 * "an issued invoice is never deleted; it is cancelled through a credit note, which keeps its own
 * sequence"). A credit note credits lines of the invoice — all of what is left of them, or some
 * quantity or amount of some — and never more than the invoice minus earlier credit notes.
 */
import type { CreditNoteLineJson, InvoiceLineJson, InvoiceTotalsJson } from '../db/schema.ts';
import { totalsOf } from './rules.ts';

export const CREDIT_NOTE_PREFIX = 'AV';
const SERIAL_DIGITS = 6;

/** `AV-2026-000001`. The serial is 1 or more; past 999 999 it simply grows a digit. */
export function creditNoteNumber(year: number, serial: number): string {
  if (!Number.isSafeInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Not a calendar year: ${year}`);
  if (!Number.isSafeInteger(serial) || serial < 1) throw new RangeError(`A credit-note serial starts at 1: ${serial}`);
  return `${CREDIT_NOTE_PREFIX}-${year}-${String(serial).padStart(SERIAL_DIGITS, '0')}`;
}

/** The year and serial of a number this module made, or null. */
export function parseCreditNoteNumber(number: string): { year: number; serial: number } | null {
  const m = /^AV-(\d{4})-(\d{6,})$/.exec(number);
  return m ? { year: Number(m[1]), serial: Number(m[2]) } : null;
}

/**
 * What to credit. `full`: everything the invoice still has uncredited. `lines`: invoice lines by
 * index (0-based, the invoice's order: the order's lines by number, then delivery), each for a
 * quantity (its unit price × quantity; the last units take what is left of the line, to the cent)
 * or for an amount (a price reduction on that line).
 */
export type CreditScope = { full: true } | { lines: readonly CreditRequestLine[] };
export type CreditRequestLine = { invoiceLine: number; quantity?: number; amountCents?: number };

/** What earlier credit notes of the invoice already credited, per invoice line. */
export type Credited = ReadonlyMap<number, { quantity: number; cents: number }>;

export function creditedSoFar(earlier: readonly (readonly CreditNoteLineJson[])[]): Map<number, { quantity: number; cents: number }> {
  const sums = new Map<number, { quantity: number; cents: number }>();
  for (const lines of earlier) {
    for (const l of lines) {
      const s = sums.get(l.invoiceLine) ?? { quantity: 0, cents: 0 };
      sums.set(l.invoiceLine, { quantity: s.quantity + l.quantity, cents: s.cents + l.totalCents });
    }
  }
  return sums;
}

export class CreditExceedsInvoice extends RangeError {
  constructor(
    readonly invoiceLine: number,
    readonly leftCents: number,
  ) {
    super(`Invoice line ${invoiceLine}: only ${leftCents} cents left to credit`);
  }
}

/**
 * The lines and totals of the credit note; empty lines when nothing is left to credit. Refuses
 * (CreditExceedsInvoice) a line not on the invoice, a quantity beyond what is left of a line, or
 * an amount beyond what is left of it.
 */
export function creditNoteContent(invoiceLines: readonly InvoiceLineJson[], credited: Credited, scope: CreditScope): { lines: CreditNoteLineJson[]; totals: InvoiceTotalsJson } {
  const left = (i: number) => {
    const line = invoiceLines[i];
    if (!line) throw new CreditExceedsInvoice(i, 0);
    const done = credited.get(i) ?? { quantity: 0, cents: 0 };
    return { line, quantity: Math.max(0, line.quantity - done.quantity), cents: Math.max(0, line.totalCents - done.cents) };
  };
  const out: CreditNoteLineJson[] = [];
  const requested: readonly CreditRequestLine[] = 'full' in scope ? invoiceLines.map((_, i) => ({ invoiceLine: i })) : mergeRequests(scope.lines);
  for (const r of requested) {
    const { line, quantity, cents } = left(r.invoiceLine);
    let credit: { quantity: number; cents: number };
    if (r.amountCents !== undefined) {
      if (!Number.isSafeInteger(r.amountCents) || r.amountCents < 0 || r.amountCents > cents) throw new CreditExceedsInvoice(r.invoiceLine, cents);
      // A price reduction credits an amount, not goods: no quantity comes back.
      credit = { quantity: r.quantity ?? 0, cents: r.amountCents };
    } else if (r.quantity === undefined) credit = { quantity, cents };
    else {
      if (!Number.isSafeInteger(r.quantity) || r.quantity < 0 || r.quantity > quantity) throw new CreditExceedsInvoice(r.invoiceLine, cents);
      credit = { quantity: r.quantity, cents: r.quantity === quantity ? cents : Math.min(cents, r.quantity * line.unitPriceCents) };
    }
    if (credit.cents === 0 && credit.quantity === 0) continue;
    out.push({ sku: line.sku, name: line.name, quantity: credit.quantity, unitPriceCents: line.unitPriceCents, vatRateBp: line.vatRateBp, totalCents: credit.cents, invoiceLine: r.invoiceLine });
  }
  return { lines: out, totals: totalsOf(out) };
}

/** Two requests for one line add up (a withdrawal of 1 then 1 more of the same line, in one call). */
function mergeRequests(lines: readonly CreditRequestLine[]): CreditRequestLine[] {
  const byLine = new Map<number, CreditRequestLine>();
  for (const l of lines) {
    const prev = byLine.get(l.invoiceLine);
    if (!prev) byLine.set(l.invoiceLine, { ...l });
    else if (prev.amountCents === undefined && l.amountCents === undefined && prev.quantity !== undefined && l.quantity !== undefined) byLine.set(l.invoiceLine, { invoiceLine: l.invoiceLine, quantity: prev.quantity + l.quantity });
    else byLine.set(l.invoiceLine, { invoiceLine: l.invoiceLine, amountCents: (prev.amountCents ?? 0) + (l.amountCents ?? 0) });
  }
  return [...byLine.values()].sort((a, b) => a.invoiceLine - b.invoiceLine);
}

/**
 * An amount spread over invoice lines (a price reduction or a partial refund on the claimed
 * lines): each line in turn takes what is left of it until the amount is placed. Refuses an amount
 * above what is left of those lines together.
 */
export function spreadAmount(invoiceLines: readonly InvoiceLineJson[], credited: Credited, indexes: readonly number[], amountCents: number): CreditRequestLine[] {
  let left = amountCents;
  const out: CreditRequestLine[] = [];
  for (const i of indexes) {
    const line = invoiceLines[i];
    if (!line || left <= 0) continue;
    const room = Math.max(0, line.totalCents - (credited.get(i)?.cents ?? 0));
    const take = Math.min(room, left);
    if (take > 0) out.push({ invoiceLine: i, amountCents: take });
    left -= take;
  }
  if (left > 0) throw new CreditExceedsInvoice(indexes[0] ?? -1, amountCents - left);
  return out;
}
