/**
 * Reading invoices (API.md `GET /shops/{shop}/invoices…`): for the order's customer or the shop's
 * staff, by the order's access rule — another customer's invoice is "not found".
 */
import type { Kysely } from 'kysely';
import { type Actor, requireAccess } from '../accounts/actor.ts';
import type { DB, InvoiceLineJson, InvoiceParty, InvoiceTotalsJson } from '../db/schema.ts';
import { DomainError, notFound } from '../kernel/errors.ts';
import { isUuid } from '../kernel/ids.ts';
import { findOrderFor } from '../orders/service.ts';
import { transferInstructions } from '../payments/transfer.ts';
import type { Shop } from '../shops/service.ts';
import * as q from './queries.ts';

type OrderRow = Awaited<ReturnType<typeof findOrderFor>>;

export type Invoice = {
  id: string;
  number: string;
  kind: 'invoice';
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

function rowToInvoice(shop: Shop, row: q.InvoiceRow, order: OrderRow): Invoice {
  const totals = row.totals;
  const amountDueCents = Math.max(0, totals.grossCents - order.paid_cents);
  const transfer = transferInstructions(shop.profile, { paymentMethod: order.payment_method, paymentReference: order.payment_reference, amountDueCents });
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
    totals,
    paidCents: order.paid_cents,
    amountDueCents,
    payment: { method: order.payment_method, reference: transfer?.referenceText ?? null, iban: transfer?.iban ?? null, bic: transfer?.bic ?? null, beneficiary: transfer?.beneficiary ?? null },
  };
}

/** The invoice with its order (for the transfer still to make), or 404 `invoice`. */
export async function findInvoiceFor(db: Kysely<DB>, actor: Actor, shop: Shop, invoiceId: string): Promise<{ invoice: Invoice; order: OrderRow }> {
  if (actor.kind === 'anonymous') requireAccess(actor, 'customer.self', shop.slug);
  const row = isUuid(invoiceId) ? await q.invoiceById(db, shop.slug, invoiceId) : undefined;
  if (!row) throw notFound('invoice');
  const order = await findOrderFor(db, actor, shop.slug, row.order_id).catch((e: unknown) => {
    throw e instanceof DomainError && e.kind === 'not_found' ? notFound('invoice') : e;
  });
  return { invoice: rowToInvoice(shop, row, order), order };
}

/** The invoices of an order the actor may read (404 `order` otherwise). */
export async function invoicesOfOrderFor(db: Kysely<DB>, actor: Actor, shop: Shop, orderId: string): Promise<Invoice[]> {
  const order = await findOrderFor(db, actor, shop.slug, orderId);
  const row = await q.invoiceOfOrder(db, shop.slug, order.id);
  return row ? [rowToInvoice(shop, row, order)] : [];
}

/** The PDF for a signed-in browser (routes.ts); the API serves the same at `/api/v1` + this path. */
export const invoicePdfUrl = (shopId: string, invoiceId: string) => `/shops/${shopId}/invoices/${invoiceId}.pdf`;

/** For the order page, whose route has already checked access to the order. */
export async function invoiceLinkOf(db: Kysely<DB>, shopId: string, orderId: string): Promise<{ id: string; number: string } | null> {
  const row = await q.invoiceOfOrder(db, shopId, orderId);
  return row ? { id: row.id, number: row.number } : null;
}
