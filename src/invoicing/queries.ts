/**
 * Invoice rows. The counter is taken with an upsert that locks the (shop, year) row until the
 * transaction ends: concurrent invoices of one shop wait for each other there, and a rollback
 * gives the serial back, so the series never skips a number (rules.ts).
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
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

export async function nextInvoiceSerial(trx: Transaction<DB>, shopId: string, year: number): Promise<number> {
  const row = await nextInvoiceSerialQuery(trx, shopId, year).executeTakeFirstOrThrow();
  return Number(row.last);
}

export async function insertInvoice(trx: Transaction<DB>, values: Omit<InvoiceRow, 'id' | 'seller' | 'buyer' | 'lines' | 'totals'> & Record<'seller' | 'buyer' | 'lines' | 'totals', string>): Promise<InvoiceRow> {
  return trx.insertInto('invoices').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function invoiceOfOrder(db: Kysely<DB>, shopId: string, orderId: string): Promise<InvoiceRow | undefined> {
  return db.selectFrom('invoices').selectAll().where('shop_id', '=', shopId).where('order_id', '=', orderId).executeTakeFirst();
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
