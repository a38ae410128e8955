/**
 * Reading invoices (API.md `GET /shops/{shop}/invoices…`) for the order's customer or the shop's
 * staff: invoicing holds the invoice, orders decides who may read it (the order's access rule —
 * another customer's invoice is "not found"), payments says how its balance is paid (the
 * transfer's reference and account).
 */
import type { Kysely } from 'kysely';
import { type Actor, requireAccess } from '../accounts/actor.ts';
import type { DB } from '../db/schema.ts';
import { type CreditNote, creditNoteById, creditNoteJsonOf, creditNotesOfOrder } from '../invoicing/credit-notes.ts';
import type { InvoiceRow } from '../invoicing/queries.ts';
import { type Invoice, invoiceAmountDueCents, invoiceById, invoiceJsonOf, invoiceOfOrder } from '../invoicing/service.ts';
import { DomainError, notFound } from '../kernel/errors.ts';
import { findOrderFor, type OrderRow } from '../orders/service.ts';
import { transferInstructions } from '../payments/transfer.ts';
import type { Shop } from '../shops/service.ts';

function invoiceJson(shop: Shop, row: InvoiceRow, order: OrderRow): Invoice {
  // A storage-costs invoice is paid by what was paid beyond the order's price (003 art.7.2).
  const paid = row.kind === 'storage_costs' ? { ...order, paid_cents: Math.max(0, order.paid_cents - order.gross_cents) } : order;
  const amountDueCents = invoiceAmountDueCents(row, paid.paid_cents);
  const transfer = transferInstructions(shop.profile, { paymentMethod: order.payment_method, paymentReference: order.payment_reference, amountDueCents });
  return invoiceJsonOf(row, paid, { method: order.payment_method, reference: transfer?.referenceText ?? null, iban: transfer?.iban ?? null, bic: transfer?.bic ?? null, beneficiary: transfer?.beneficiary ?? null });
}

/** The order of a document, or 404 `invoice` (another customer's document is "not found"). */
async function orderOf(db: Kysely<DB>, actor: Actor, shop: Shop, orderId: string): Promise<OrderRow> {
  return findOrderFor(db, actor, shop.slug, orderId).catch((e: unknown) => {
    throw e instanceof DomainError && e.kind === 'not_found' ? notFound('invoice') : e;
  });
}

/** The invoice with its order (for the transfer still to make), or 404 `invoice`. */
export async function findInvoiceFor(db: Kysely<DB>, actor: Actor, shop: Shop, invoiceId: string): Promise<{ invoice: Invoice; order: OrderRow }> {
  if (actor.kind === 'anonymous') requireAccess(actor, 'customer.self', shop.slug);
  const row = await invoiceById(db, shop.slug, invoiceId);
  if (!row) throw notFound('invoice');
  const order = await orderOf(db, actor, shop, row.order_id);
  return { invoice: invoiceJson(shop, row, order), order };
}

/**
 * An invoice or a credit note by its id (API.md: both are read at `…/invoices/{id}`, told apart by
 * `kind`), with its order; 404 `invoice` otherwise.
 */
export async function findInvoiceOrCreditNoteFor(db: Kysely<DB>, actor: Actor, shop: Shop, id: string): Promise<{ invoice: Invoice; order: OrderRow } | { creditNote: CreditNote; order: OrderRow }> {
  if (actor.kind === 'anonymous') requireAccess(actor, 'customer.self', shop.slug);
  const note = await creditNoteById(db, shop.slug, id);
  if (!note) return findInvoiceFor(db, actor, shop, id);
  const order = await orderOf(db, actor, shop, note.order_id);
  const invoice = await invoiceOfOrder(db, shop.slug, order.id);
  return { creditNote: creditNoteJsonOf(note, order, invoice?.number ?? ''), order };
}

/** The invoices and credit notes of an order the actor may read (404 `order` otherwise): the invoice first, then its credit notes by number. */
export async function invoicesOfOrderFor(db: Kysely<DB>, actor: Actor, shop: Shop, orderId: string): Promise<(Invoice | CreditNote)[]> {
  const order = await findOrderFor(db, actor, shop.slug, orderId);
  const row = await invoiceOfOrder(db, shop.slug, order.id);
  if (!row) return [];
  const notes = await creditNotesOfOrder(db, shop.slug, order.id);
  return [invoiceJson(shop, row, order), ...notes.map((n) => creditNoteJsonOf(n, order, row.number))];
}
