/**
 * Invoice rows. The counter is taken with an upsert that locks the (shop, year) row until the
 * transaction ends: concurrent invoices of one shop wait for each other there, and a rollback
 * gives the serial back, so the series never skips a number (rules.ts). Invoices at placement are
 * written as requests and numbered after the order's commit, in batches (migration 0026).
 */
import { type Kysely, type QueryCreator, type Selectable, sql, type Transaction } from 'kysely';
import { insertFromJson } from '../db/insert-from-json.ts';
import { precompile } from '../db/precompiled.ts';
import type { DB, InvoicesTable } from '../db/schema.ts';

export type InvoiceRow = Selectable<InvoicesTable>;

/** `insert … on conflict (shop_id, year) do update set last = invoice_counters.last + 1 returning last`. */
export function nextInvoiceSerialQuery(trx: QueryCreator<DB>, shopId: string, year: number) {
  return trx
    .insertInto('invoice_counters')
    .values({ shop_id: shopId, year, last: 1 })
    .onConflict((oc) => oc.columns(['shop_id', 'year']).doUpdateSet((eb) => ({ last: eb(eb.ref('invoice_counters.last'), '+', 1) })))
    .returning('last');
}

/** An invoice to insert, its JSON columns as text; its number made from `prefix`, the year and its next serial (`comptoir_invoice_number`, migration 0026). */
type NewInvoice = Omit<InvoiceRow, 'id' | 'number' | 'seller' | 'buyer' | 'lines' | 'totals'> & Record<'seller' | 'buyer' | 'lines' | 'totals', string> & { year: number; prefix: string; digits: number };

/**
 * The next number of the shop's series and the invoice bearing it, in one statement, inside the
 * caller's transaction (an invoice on payment, storage costs): the counter row stays locked from
 * it to the commit. Invoices at placement go through requests instead (`issueRequested`).
 */
const numberedInvoiceInsert = precompile((db, p: NewInvoice) =>
  db
    .with('counter', (w) => nextInvoiceSerialQuery(w, p.shop_id, p.year))
    .insertInto('invoices')
    .columns(['shop_id', 'number', 'order_id', 'kind', 'issued_on', 'due_on', 'seller', 'buyer', 'lines', 'totals', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('counter')
        .select([
          sql<string>`${p.shop_id}::text`.as('shop_id'),
          sql<string>`comptoir_invoice_number(${p.prefix}::text, ${p.year}::int, counter.last, ${p.digits}::int)`.as('number'),
          sql<string>`${p.order_id}::uuid`.as('order_id'),
          sql<string>`${p.kind}::text`.as('kind'),
          sql<string>`${p.issued_on}::date`.as('issued_on'),
          sql<string>`${p.due_on}::date`.as('due_on'),
          sql<string>`${p.seller}::jsonb`.as('seller'),
          sql<string>`${p.buyer}::jsonb`.as('buyer'),
          sql<string>`${p.lines}::jsonb`.as('lines'),
          sql<string>`${p.totals}::jsonb`.as('totals'),
          sql<Date>`${p.created_at}::timestamptz`.as('created_at'),
        ]),
    )
    .returning(['id', 'number']),
);

export async function insertNumberedInvoice(trx: Transaction<DB>, values: NewInvoice): Promise<{ id: string; number: string }> {
  const row = await numberedInvoiceInsert.first(trx, values);
  if (!row) throw new Error('invoice not inserted');
  return row;
}

const REQUEST_COLUMNS = ['shop_id', 'order_id', 'issued_on', 'due_on', 'seller', 'buyer', 'lines', 'totals', 'created_at'] as const;

/** The INSERT of invoice requests given in JSON (none for `[]`), as a part of the order's statement (src/db/insert-from-json.ts). */
export const invoiceRequestsInsertFromJson = (rows: unknown) => insertFromJson('invoice_requests', REQUEST_COLUMNS, rows, 'many');

/** Numbers the shop's committed invoice requests, one numberer per shop at a time (migration 0026). */
const issueRequestedStatement = precompile((_db, p: { shopId: string; prefix: string; digits: number }) =>
  sql<{ issued: number }>`select comptoir_issue_requested_invoices(${p.shopId}, ${p.prefix}, ${p.digits}) as issued`,
);

export async function issueRequested(db: Pick<Kysely<DB>, 'executeQuery'>, shopId: string, prefix: string, digits: number): Promise<number> {
  return (await issueRequestedStatement.first(db, { shopId, prefix, digits }))?.issued ?? 0;
}

/** The shops with requests left unnumbered (a process stopped between an order's commit and their numbering). */
export async function shopsWithInvoiceRequests(db: Kysely<DB>): Promise<string[]> {
  return (await db.selectFrom('invoice_requests').select('shop_id').distinct().execute()).map((r) => r.shop_id);
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
