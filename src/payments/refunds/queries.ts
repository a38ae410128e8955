/**
 * SQL of refunds. Functions that lock take a `Transaction`, so the compiler requires one.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, RefundsTable } from '../../db/schema.ts';
import { type Cents, cents } from '../../kernel/money.ts';
import type { PaymentFact, RefundFact, RefundStatus } from './rules.ts';

export type RefundRow = Selectable<RefundsTable>;

/** The order row, locked: refunds of one order are decided one after the other. */
export function lockOrder(trx: Transaction<DB>, shopId: string, orderId: string) {
  return trx
    .selectFrom('orders')
    .select(['id', 'number', 'customer_id', 'gross_cents', 'payment_status'])
    .where('shop_id', '=', shopId)
    .where('id', '=', orderId)
    .forUpdate()
    .executeTakeFirst();
}

export async function paymentFacts(trx: Transaction<DB>, shopId: string, orderId: string): Promise<PaymentFact[]> {
  const rows = await trx
    .selectFrom('order_payments as p')
    .leftJoin('bank_entries as b', (j) => j.onRef('b.shop_id', '=', 'p.shop_id').onRef('b.external_id', '=', 'p.bank_entry_external_id'))
    .select(['p.method', 'p.amount_cents', 'p.provider_ref', 'b.debtor_iban', 'b.debtor_name'])
    .where('p.shop_id', '=', shopId)
    .where('p.order_id', '=', orderId)
    .orderBy('p.recorded_at')
    .execute();
  return rows.map((r) => ({ method: r.method, amountCents: cents(Number(r.amount_cents)), providerRef: r.provider_ref, debtorIban: r.debtor_iban ?? null, debtorName: r.debtor_name ?? null }));
}

/** The customer credit an order produced (overpayments, money owed back after a cancellation). */
export async function creditedFrom(db: Kysely<DB> | Transaction<DB>, shopId: string, orderId: string): Promise<Cents> {
  const row = await db
    .selectFrom('customer_credits')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('credited'))
    .where('shop_id', '=', shopId)
    .where('order_id', '=', orderId)
    .where('kind', '=', 'overpayment')
    .executeTakeFirst();
  return cents(Number(row?.credited ?? 0));
}

export async function refundFacts(trx: Transaction<DB>, shopId: string, orderId: string): Promise<RefundFact[]> {
  const rows = await trx.selectFrom('refunds').select(['amount_cents', 'status', 'from_credit']).where('shop_id', '=', shopId).where('order_id', '=', orderId).execute();
  return rows.map((r) => ({ amountCents: cents(Number(r.amount_cents)), status: r.status, fromCredit: r.from_credit }));
}

export function customerOf(db: Kysely<DB> | Transaction<DB>, shopId: string, customerId: string) {
  return db.selectFrom('customers').select(['id', 'email', 'first_name', 'last_name']).where('shop_id', '=', shopId).where('id', '=', customerId).executeTakeFirst();
}

export function insertRefund(trx: Transaction<DB>, values: Omit<RefundRow, 'provider_ref' | 'payment_file_id' | 'bank_entry_external_id' | 'exported_at' | 'confirmed_at'>) {
  return trx.insertInto('refunds').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateRefund(trx: Transaction<DB>, shopId: string, id: string, set: Partial<Pick<RefundRow, 'status' | 'provider_ref' | 'payment_file_id' | 'exported_at' | 'confirmed_at' | 'bank_entry_external_id'>>) {
  return trx.updateTable('refunds').set(set).where('shop_id', '=', shopId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Pending transfer refunds of the shop, locked, oldest first: the next pain.001 file. */
export function lockPendingTransfers(trx: Transaction<DB>, shopId: string) {
  return trx
    .selectFrom('refunds')
    .innerJoin('orders', (j) => j.onRef('orders.shop_id', '=', 'refunds.shop_id').onRef('orders.id', '=', 'refunds.order_id'))
    .selectAll('refunds')
    .select('orders.number as order_number')
    .where('refunds.shop_id', '=', shopId)
    .where('refunds.method', '=', 'bank_transfer')
    .where('refunds.status', '=', 'pending')
    .orderBy('refunds.requested_at')
    .orderBy('refunds.id')
    .forUpdate()
    .execute();
}

/** The exported refund a statement debit pays out, locked; its order row is locked first. */
export async function lockExportedByEndToEnd(trx: Transaction<DB>, shopId: string, endToEndId: string) {
  const found = await trx.selectFrom('refunds').select('order_id').where('shop_id', '=', shopId).where('end_to_end_id', '=', endToEndId).executeTakeFirst();
  if (!found) return undefined;
  await lockOrder(trx, shopId, found.order_id);
  return trx.selectFrom('refunds').selectAll().where('shop_id', '=', shopId).where('end_to_end_id', '=', endToEndId).where('status', '=', 'exported').forUpdate().executeTakeFirst();
}

export function listRefunds(db: Kysely<DB>, shopId: string, filter: { status?: RefundStatus; orderId?: string }) {
  let q = db
    .selectFrom('refunds')
    .innerJoin('orders', (j) => j.onRef('orders.shop_id', '=', 'refunds.shop_id').onRef('orders.id', '=', 'refunds.order_id'))
    .selectAll('refunds')
    .select('orders.number as order_number')
    .where('refunds.shop_id', '=', shopId);
  if (filter.status) q = q.where('refunds.status', '=', filter.status);
  if (filter.orderId) q = q.where('refunds.order_id', '=', filter.orderId);
  return q.orderBy('refunds.requested_at', 'desc').limit(500).execute();
}
