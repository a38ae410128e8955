/**
 * Invoicing rules, pure (STYLE.md §3): the invoice number, when an invoice is issued, its due
 * date, and its lines and totals from the order's lines.
 *
 * Numbering (CGI ann. II art. 242 nonies A 7°, LEGAL.md §A8): "un numéro unique basé sur une
 * séquence chronologique et continue" — one series per shop and calendar year of the shop-local
 * issue date, no gap, no duplicate. The serial comes from `invoice_counters`, incremented in the
 * statement that inserts the invoice (queries.ts `insertNumberedInvoice`, or numbers a batch of
 * requests after the orders' commit: migration 0026), so a rolled-back invoice
 * gives its number back.
 */
import type { Temporal } from 'temporal-polyfill';
import type { InvoiceLineJson, InvoiceTotalsJson } from '../db/schema.ts';
import { cents, totalsByRate } from '../kernel/money.ts';
import type { Invoicing } from '../shops/profile/schema/payments.ts';

export const INVOICE_PREFIX = 'F';
export const SERIAL_DIGITS = 6;

/** `F-2026-000001`. The serial is 1 or more; past 999 999 it simply grows a digit (as `comptoir_invoice_number`, migration 0026). */
export function invoiceNumber(year: number, serial: number): string {
  if (!Number.isSafeInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Not a calendar year: ${year}`);
  if (!Number.isSafeInteger(serial) || serial < 1) throw new RangeError(`An invoice serial starts at 1: ${serial}`);
  return `${INVOICE_PREFIX}-${year}-${String(serial).padStart(SERIAL_DIGITS, '0')}`;
}

/** The series an invoice issued on that (shop-local) day belongs to. */
export const invoiceSeries = (issuedOn: Temporal.PlainDate): number => issuedOn.year;

/** The year and serial of a number this module made, or null. */
export function parseInvoiceNumber(number: string): { year: number; serial: number } | null {
  const m = /^F-(\d{4})-(\d{6,})$/.exec(number);
  return m ? { year: Number(m[1]), serial: Number(m[2]) } : null;
}

/** 004 art.3 O8: some shops invoice when the payment is received; the default is at order. */
export type IssueMoment = NonNullable<Invoicing['issuedAt']>;
export const issueMoment = (invoicing: Invoicing | undefined): IssueMoment => invoicing?.issuedAt ?? 'order';

/**
 * The due date printed on the invoice: the last day of the payment window fixed at placement
 * (`orders.payment_due_on`), else the issue date (payable at once).
 */
export function invoiceDueOn(order: { payment_due_on: string | null }, issuedOn: Temporal.PlainDate): string {
  return order.payment_due_on ?? issuedOn.toString();
}

type OrderLine = { sku: string; name: string; quantity: number; unit_price_cents: number; vat_rate_bp: number; total_cents: number };

/**
 * The invoice's lines (the order's, then delivery) and totals per VAT rate. Delivery is taxed at
 * the shop's standard rate, or at 0 % on an export (src/checkout/quote.ts): the rate kept is the
 * one that gives back the order's stored totals, so the invoice never disagrees with the order.
 */
export function invoiceLinesAndTotals(
  lines: readonly OrderLine[],
  order: { shipping_cents: number; net_cents: number; vat_cents: number; gross_cents: number },
  standardVatBp: number,
  shippingLabel: string,
): { lines: InvoiceLineJson[]; totals: InvoiceTotalsJson } {
  const products: InvoiceLineJson[] = lines.map((l) => ({ sku: l.sku, name: l.name, quantity: l.quantity, unitPriceCents: l.unit_price_cents, vatRateBp: l.vat_rate_bp, totalCents: l.total_cents }));
  const shipping = (vatRateBp: number): InvoiceLineJson[] =>
    order.shipping_cents > 0 ? [{ sku: '', name: shippingLabel, quantity: 1, unitPriceCents: order.shipping_cents, vatRateBp, totalCents: order.shipping_cents }] : [];
  const build = (rate: number) => {
    const all = [...products, ...shipping(rate)];
    return { lines: all, totals: totalsOf(all) };
  };
  const matches = (c: { totals: InvoiceTotalsJson }) => c.totals.vatCents === order.vat_cents && c.totals.grossCents === order.gross_cents;
  const standard = build(standardVatBp);
  if (matches(standard)) return standard;
  const exported = build(0);
  return matches(exported) ? exported : standard;
}

/** Totals per VAT rate of TTC lines (VAT per line, half-up): the invoice's, and a credit note's. */
export function totalsOf(lines: readonly InvoiceLineJson[]): InvoiceTotalsJson {
  const t = totalsByRate(lines.map((l) => ({ grossCents: cents(l.totalCents), vatRateBp: l.vatRateBp })));
  return {
    netCents: t.total.net,
    vatCents: t.total.vat,
    grossCents: t.total.gross,
    byRate: t.byRate.map((r) => ({ rateBp: r.rateBp, netCents: r.net, vatCents: r.vat, grossCents: r.gross })),
  };
}
