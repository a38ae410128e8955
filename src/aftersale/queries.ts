/**
 * SQL of withdrawals. The after-sale capability writes only `withdrawals` (and the order's
 * evidence log, through legal/evidence); it reads the order, its lines, its delivery events and
 * its customer. Functions that lock take a `Transaction`, so the compiler requires one.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AddressJson, DB, WithdrawalsTable } from '../db/schema.ts';

export type WithdrawalRow = Selectable<WithdrawalsTable>;
type Db = Kysely<DB> | Transaction<DB>;

const ORDER_COLUMNS = ['id', 'shop_id', 'number', 'customer_id', 'customer_kind', 'status', 'placed_at', 'shipping_cents', 'gross_cents', 'accepted_terms', 'service_start_requested_at', 'service_started_on'] as const;

export function findOrder(db: Db, shopId: string, orderId: string) {
  return db.selectFrom('orders').select(ORDER_COLUMNS).where('shop_id', '=', shopId).where('id', '=', orderId).executeTakeFirst();
}
export type OrderFacts = NonNullable<Awaited<ReturnType<typeof findOrder>>>;

/** The order row, locked: withdrawals of one order are decided one after the other, and its evidence appended. */
export function lockOrder(trx: Transaction<DB>, shopId: string, orderId: string) {
  return trx.selectFrom('orders').select(ORDER_COLUMNS).where('shop_id', '=', shopId).where('id', '=', orderId).forUpdate().executeTakeFirst();
}

export function orderLines(db: Db, shopId: string, orderId: string) {
  return db
    .selectFrom('order_lines')
    .select(['line_no', 'product_id', 'sku', 'name', 'quantity', 'unit_price_cents', 'total_cents', 'withdrawable', 'withdrawal_exception', 'service_days'])
    .where('shop_id', '=', shopId)
    .where('order_id', '=', orderId)
    .orderBy('line_no')
    .execute();
}
export type OrderLineFacts = Awaited<ReturnType<typeof orderLines>>[number];

/** The instants the goods were handed over (`delivered`, `picked_up`): the period starts from the last. */
export async function possessionInstants(db: Db, shopId: string, orderId: string): Promise<Date[]> {
  const rows = await db.selectFrom('order_events').select('at').where('shop_id', '=', shopId).where('order_id', '=', orderId).where('type', 'in', ['delivered', 'picked_up']).orderBy('seq').execute();
  return rows.map((r) => r.at);
}

export async function customerOf(db: Db, shopId: string, customerId: string) {
  const row = await db.selectFrom('customers').select(['email', 'first_name', 'last_name', 'company_name', 'address', 'language']).where('shop_id', '=', shopId).where('id', '=', customerId).executeTakeFirst();
  return row && { ...row, address: (row.address as unknown as AddressJson | null) ?? null };
}

export function withdrawalsOfOrder(db: Db, shopId: string, orderId: string) {
  return db.selectFrom('withdrawals').selectAll().where('shop_id', '=', shopId).where('order_id', '=', orderId).orderBy('recorded_at').execute();
}

export function findWithdrawal(db: Db, shopId: string, id: string) {
  return db.selectFrom('withdrawals').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
}

export function insertWithdrawal(trx: Transaction<DB>, values: Omit<WithdrawalRow, 'statement' | 'goods_received_on' | 'proof_of_shipment_on' | 'refunded_on' | 'refunded_cents' | 'alerted_days_before' | 'depreciation_cents' | 'depreciation_reason'> & { statement: string }) {
  return trx.insertInto('withdrawals').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateWithdrawal(trx: Transaction<DB>, shopId: string, id: string, set: Partial<Pick<WithdrawalRow, 'goods_received_on' | 'proof_of_shipment_on' | 'refunded_on' | 'refunded_cents' | 'alerted_days_before' | 'due_cents' | 'depreciation_cents' | 'depreciation_reason'>>) {
  return trx.updateTable('withdrawals').set(set).where('shop_id', '=', shopId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** What the order's customer has paid so far: a refund never gives back more. */
export async function paidCents(db: Db, shopId: string, orderId: string): Promise<number> {
  const row = await db.selectFrom('order_payments').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('paid')).where('shop_id', '=', shopId).where('order_id', '=', orderId).executeTakeFirst();
  return Number(row?.paid ?? 0);
}

/** On-time withdrawals of the shop not refunded yet: the refund alerts' candidates. */
export function openRefunds(db: Db, shopId: string) {
  return db.selectFrom('withdrawals').selectAll().where('shop_id', '=', shopId).where('on_time', '=', true).where('refunded_on', 'is', null).execute();
}

/** The shop's staff addresses: where refund alerts go. */
export function staffEmails(db: Db, shopId: string) {
  return db.selectFrom('staff').select(['email']).where('shop_id', '=', shopId).orderBy('email').execute();
}
