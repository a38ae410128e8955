/**
 * Invoice rows. The counter is taken with an upsert that locks the (shop, year) row until the
 * transaction ends: concurrent invoices of one shop wait for each other there, and a rollback
 * gives the serial back, so the series never skips a number (rules.ts).
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { precompile } from '../db/precompiled.ts';
import type { DB, InvoicesTable } from '../db/schema.ts';

export type InvoiceRow = Selectable<InvoicesTable>;

/** `insert … on conflict (shop_id, year) do update set last = invoice_counters.last + 1 returning last`. */
export function nextInvoiceSerialQuery(trx: Transaction<DB> | Kysely<DB>, shopId: string, year: number) {
  return trx
    .insertInto('invoice_counters')
    .values({ shop_id: shopId, year, last: 1 })
    .onConflict((oc) => oc.columns(['shop_id', 'year']).doUpdateSet((eb) => ({ last: eb(eb.ref('invoice_counters.last'), '+', 1) })))
    .returning('last');
}

// Both compiled once (src/db/precompiled.ts): they run on every order of a shop invoicing at placement.
const nextSerial = precompile((db, p: { shopId: string; year: number }) => nextInvoiceSerialQuery(db, p.shopId, p.year));

export async function nextInvoiceSerial(trx: Transaction<DB>, shopId: string, year: number): Promise<number> {
  const row = await nextSerial.first(trx, { shopId, year });
  if (!row) throw new Error(`no invoice serial for ${shopId} ${year}`);
  return Number(row.last);
}

type NewInvoice = Omit<InvoiceRow, 'id' | 'seller' | 'buyer' | 'lines' | 'totals'> & Record<'seller' | 'buyer' | 'lines' | 'totals', string>;

// Only the id comes back: the caller has every other value, and parsing the row's JSON back cost more than the insert.
const invoiceInsert = precompile((db, p: NewInvoice) =>
  db
    .insertInto('invoices')
    .values({ shop_id: p.shop_id, number: p.number, order_id: p.order_id, kind: p.kind, issued_on: p.issued_on, due_on: p.due_on, seller: p.seller, buyer: p.buyer, lines: p.lines, totals: p.totals, created_at: p.created_at })
    .returning('id'),
);

export async function insertInvoice(trx: Transaction<DB>, values: NewInvoice): Promise<{ id: string }> {
  const row = await invoiceInsert.first(trx, values);
  if (!row) throw new Error('invoice not inserted');
  return row;
}

export async function invoiceOfOrder(db: Kysely<DB>, shopId: string, orderId: string): Promise<InvoiceRow | undefined> {
  return db.selectFrom('invoices').selectAll().where('shop_id', '=', shopId).where('order_id', '=', orderId).where('kind', '=', 'invoice').executeTakeFirst();
}

export async function invoiceById(db: Kysely<DB>, shopId: string, id: string): Promise<InvoiceRow | undefined> {
  return db.selectFrom('invoices').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
}

export async function orderForInvoice(trx: Transaction<DB>, shopId: string, orderId: string) {
  return trx.selectFrom('orders').selectAll().where('shop_id', '=', shopId).where('id', '=', orderId).executeTakeFirstOrThrow();
}

export async function orderLinesForInvoice(trx: Transaction<DB>, shopId: string, orderId: string) {
  return trx.selectFrom('order_lines').selectAll().where('shop_id', '=', shopId).where('order_id', '=', orderId).orderBy('line_no').execute();
}

export async function buyerOf(trx: Transaction<DB>, shopId: string, customerId: string) {
  return trx
    .selectFrom('customers')
    .select(['first_name', 'last_name', 'company_name', 'vat_number', 'siret', 'address'])
    .where('shop_id', '=', shopId)
    .where('id', '=', customerId)
    .executeTakeFirstOrThrow();
}
