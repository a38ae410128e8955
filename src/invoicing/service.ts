/**
 * Reading invoices (API.md `GET /shops/{shop}/invoices…`). Who may read one (the order's access
 * rule) and how its balance is paid (payments) span capabilities: src/flows/invoice-json.ts.
 */
import type { Kysely } from 'kysely';
import type { DB, InvoiceLineJson, InvoiceParty, InvoiceTotalsJson } from '../db/schema.ts';
import { isUuid } from '../kernel/ids.ts';
import { creditNoteLinksOf } from './credit-notes.ts';
import * as q from './queries.ts';

type CreditNoteLink = Awaited<ReturnType<typeof creditNoteLinksOf>>[number];

export type Invoice = {
  id: string;
  number: string;
  /** The order's invoice, or the storage costs of a special order not collected (003 art.7.2). */
  kind: 'invoice' | 'storage_costs';
  issuedOn: string;
  dueOn: string | null;
  orderId: string;
  orderNumber: string;
  seller: InvoiceParty;
  buyer: InvoiceParty;
  lines: InvoiceLineJson[];
  totals: InvoiceTotalsJson;
  paidCents: number;
  amountDueCents: number;
  payment: { method: string; reference: string | null; iban: string | null; bic: string | null; beneficiary: string | null };
};

/** What is still due on the invoice once `paidCents` has been received. */
export const invoiceAmountDueCents = (row: q.InvoiceRow, paidCents: number): number => Math.max(0, row.totals.grossCents - paidCents);

/**
 * The invoice as API.md shows it. `order`: its number and what has been paid of it (orders);
 * `payment`: how to pay what is due — the transfer's reference and account (payments). Composed
 * by src/flows/invoice-json.ts.
 */
export function invoiceJsonOf(row: q.InvoiceRow, order: { number: string; paid_cents: number }, payment: Invoice['payment']): Invoice {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    issuedOn: row.issued_on,
    dueOn: row.due_on,
    orderId: row.order_id,
    orderNumber: order.number,
    seller: row.seller,
    buyer: row.buyer,
    lines: row.lines,
    totals: row.totals,
    paidCents: order.paid_cents,
    amountDueCents: invoiceAmountDueCents(row, order.paid_cents),
    payment,
  };
}

/** The invoice by its id (before access to its order is checked), or undefined. */
export async function invoiceById(db: Kysely<DB>, shopId: string, invoiceId: string): Promise<q.InvoiceRow | undefined> {
  return isUuid(invoiceId) ? q.invoiceById(db, shopId, invoiceId) : undefined;
}

/** The invoice of an order, if it has one (the caller has checked access to the order). */
export const invoiceOfOrder = (db: Kysely<DB>, shopId: string, orderId: string) => q.invoiceOfOrder(db, shopId, orderId);

/** The PDF for a signed-in browser (routes.ts); the API serves the same at `/api/v1` + this path. */
export const invoicePdfUrl = (shopId: string, invoiceId: string) => `/shops/${shopId}/invoices/${invoiceId}.pdf`;

/** For the order page, whose route has already checked access to the order: the invoice, and the credit notes that cancel or reduce it. */
export async function invoiceLinkOf(db: Kysely<DB>, shopId: string, orderId: string): Promise<{ id: string; number: string; creditNotes: CreditNoteLink[] } | null> {
  const row = await q.invoiceOfOrder(db, shopId, orderId);
  return row ? { id: row.id, number: row.number, creditNotes: await creditNoteLinksOf(db, shopId, orderId) } : null;
}
