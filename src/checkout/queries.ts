import { type Kysely, sql, type Transaction } from 'kysely';
import { insertFromJson } from '../db/insert-from-json.ts';
import type { DB, OrderLinesTable, OrdersTable } from '../db/schema.ts';
import { paidCentsColumn } from '../db/paid-cents.ts';
import { precompile } from '../db/precompiled.ts';

type Exec = Kysely<DB> | Transaction<DB>;

// Compiled once (src/db/precompiled.ts), like the customer below: both run on every order. One
// array parameter, so one statement serves any number of ids.
const activeProductsByIds = precompile((db, p: { shopId: string; ids: readonly string[] }) =>
  db.selectFrom('products').selectAll().where('shop_id', '=', p.shopId).where(sql<boolean>`id = any(${p.ids}::uuid[])`).where('active', '=', true),
);

export function productsByIds(db: Exec, shopId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return activeProductsByIds.all(db, { shopId, ids });
}

export function partsOf(db: Exec, shopId: string, bundleIds: readonly string[]) {
  if (bundleIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('product_parts').selectAll().where('shop_id', '=', shopId).where('bundle_id', 'in', bundleIds).execute();
}

/** Every column of a table, as a new order writes them all: the compiler finds one left out. */
const columnsOf = <T>(columns: Record<keyof T & string, true>) => Object.keys(columns) as (keyof T & string)[];

const ORDER_COLUMNS = columnsOf<OrdersTable>({
  shop_id: true, id: true, number: true, customer_id: true, customer_kind: true, status: true, placed_at: true,
  net_cents: true, vat_cents: true, gross_cents: true, shipping_cents: true, fees_cents: true, delivery: true,
  payment_method: true, payment_status: true, accepted_terms: true, payment_reference: true, payment_due_on: true,
  payment_reminded_at: true, deposit_cents: true, deposit_kind: true, balance_due_on: true, payment_not_before: true,
  stock_taken: true, evidence_head: true, evidence_count: true, service_start_requested_at: true, service_started_on: true,
});
const LINE_COLUMNS = columnsOf<OrderLinesTable>({
  shop_id: true, order_id: true, line_no: true, product_id: true, sku: true, name: true, quantity: true, unit_price_cents: true,
  vat_rate_bp: true, total_cents: true, withdrawable: true, withdrawal_exception: true, service_days: true, special_order: true,
});

/** The INSERT of a new order's row given in JSON, as a part of the caller's statement (src/db/insert-from-json.ts). */
export const orderInsertFromJson = (row: unknown) => insertFromJson('orders', ORDER_COLUMNS, row, 'one');
/** The INSERT of its lines given in JSON, likewise. */
export const orderLinesInsertFromJson = (rows: unknown) => insertFromJson('order_lines', LINE_COLUMNS, rows, 'many');

/**
 * The shop's next order serial for `year` (issue 11 §9: each shop numbers its own orders, from 1
 * each calendar year), from the series' sequence (migration 0025): no lock, so orders of one shop
 * never wait on each other for it; an order rolled back leaves its number unused.
 */
export const nextOrderSerialExpression = (shopId: unknown, year: unknown) => sql<number>`comptoir_next_order_serial(${shopId}, ${year})`;

// With the customer's credit balance (an earlier overpayment), read in the same round trip.
const customerForOrder = precompile((db, p: { shopId: string; customerId: string }) =>
  db
    .selectFrom('customers')
    .select(['id', 'kind', 'email', 'first_name', 'last_name', 'address', 'language', 'company_name', 'vat_number', 'siret'])
    .select((eb) =>
      eb
        .selectFrom('customer_credits')
        .select(sql<number>`coalesce(sum(amount_cents), 0)::int8`.as('balance'))
        .whereRef('customer_credits.shop_id', '=', 'customers.shop_id')
        .whereRef('customer_credits.customer_id', '=', 'customers.id')
        .as('credit_balance'),
    )
    .where('shop_id', '=', p.shopId)
    .where('id', '=', p.customerId),
);

export function findCustomerForOrder(db: Exec, shopId: string, customerId: string) {
  return customerForOrder.first(db, { shopId, customerId });
}

/** The order as just written, with what has been paid of it (a customer credit at placement). */
export async function orderWithPaid(trx: Transaction<DB>, shopId: string, orderId: string) {
  const order = await trx.selectFrom('orders').selectAll().select(paidCentsColumn).where('shop_id', '=', shopId).where('id', '=', orderId).executeTakeFirstOrThrow();
  return { ...order, paid_cents: Number(order.paid_cents ?? 0) };
}
