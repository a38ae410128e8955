import { type Kysely, sql, type Transaction } from 'kysely';
import { insertFromJson } from '../db/insert-from-json.ts';
import type { DB, OrderLinesTable, OrdersTable, ProductRow } from '../db/schema.ts';
import { paidCentsColumn } from '../db/paid-cents.ts';
import { precompile } from '../db/precompiled.ts';

type Exec = Kysely<DB> | Transaction<DB>;

// One array parameter, so one statement serves any number of ids.
const activeProductsQuery = (db: Kysely<DB>, p: { shopId: string; ids: readonly string[] }) =>
  db.selectFrom('products').selectAll().where('shop_id', '=', p.shopId).where(sql<boolean>`id = any(${p.ids}::uuid[])`).where('active', '=', true);

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
const customerQuery = (db: Kysely<DB>, p: { shopId: string; customerId: string }) =>
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
    .where('id', '=', p.customerId);

const customerForOrder = precompile(customerQuery);

export function findCustomerForOrder(db: Exec, shopId: string, customerId: string) {
  return customerForOrder.first(db, { shopId, customerId });
}

export type CustomerForOrder = NonNullable<Awaited<ReturnType<typeof findCustomerForOrder>>>;

/**
 * The customer placing the order and the products ordered, in one round trip (issue 9): the
 * customer as JSON on each product row, or on one row with no product when none is found.
 */
const customerAndProducts = precompile((db, p: { shopId: string; customerId: string; ids: readonly string[] }) =>
  sql<{ customer: CustomerForOrder | null } & (ProductRow | { id: null })>`
    select c.customer, p.* from (select (select to_jsonb(x) from (${customerQuery(db, p)}) x) as customer) c
    left join lateral (${activeProductsQuery(db, p)}) p on true`,
);

export async function customerAndProductsForOrder(db: Exec, shopId: string, customerId: string, ids: readonly string[]): Promise<{ customer: CustomerForOrder | null; products: ProductRow[] }> {
  const rows = await customerAndProducts.all(db, { shopId, customerId, ids });
  const products = rows.flatMap(({ customer: _, ...product }) => (product.id === null ? [] : [product as ProductRow]));
  return { customer: rows[0]?.customer ?? null, products };
}

/** The order as just written, with what has been paid of it (a customer credit at placement). */
export async function orderWithPaid(trx: Transaction<DB>, shopId: string, orderId: string) {
  const order = await trx.selectFrom('orders').selectAll().select(paidCentsColumn).where('shop_id', '=', shopId).where('id', '=', orderId).executeTakeFirstOrThrow();
  return { ...order, paid_cents: Number(order.paid_cents ?? 0) };
}
