/**
 * Payment disputes (004 art.2: the seller may refuse or cancel an order of a customer "avec
 * lequel existerait un litige relatif au paiement d'une commande antérieure"; 003 art.2.6): staff
 * record one on the order whose payment is disputed (`payment_disputed`), and its end
 * (`payment_dispute_settled`), through the order's events. Orders owns `payment_disputes`; each
 * function runs in the fact's transaction, which has locked the order row.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../kernel/errors.ts';
import type { OrderRow } from './state.ts';

type Exec = Kysely<DB> | Transaction<DB>;

const openOn = (db: Exec, shopId: string, orderId: string) =>
  db.selectFrom('payment_disputes').select(['order_id', 'opened_at']).where('shop_id', '=', shopId).where('order_id', '=', orderId).where('settled_at', 'is', null).executeTakeFirst();

/** Opens the order's dispute; one open at a time (the same fact twice: 409 `payment_dispute_open`). */
export async function openDispute(trx: Transaction<DB>, order: OrderRow, at: Date, actor: string, note: string | undefined): Promise<void> {
  const existing = await trx.selectFrom('payment_disputes').select(['settled_at']).where('shop_id', '=', order.shop_id).where('order_id', '=', order.id).executeTakeFirst();
  if (existing && existing.settled_at === null) throw new DomainError('payment_dispute_open', 'conflict', {}, 'type');
  if (existing) {
    // A new dispute on an order whose earlier one was settled: the row is reopened, the history is in the evidence log.
    await trx.updateTable('payment_disputes').set({ opened_at: at, opened_by: actor, note: note ?? null, settled_at: null, settled_by: null }).where('shop_id', '=', order.shop_id).where('order_id', '=', order.id).execute();
    return;
  }
  await trx.insertInto('payment_disputes').values({ shop_id: order.shop_id, order_id: order.id, customer_id: order.customer_id, opened_at: at, opened_by: actor, note: note ?? null }).execute();
}

/** Settles the order's open dispute; none open: 422 `no_payment_dispute`. */
export async function settleDispute(trx: Transaction<DB>, order: OrderRow, at: Date, actor: string): Promise<void> {
  const open = await openOn(trx, order.shop_id, order.id);
  if (!open) throw new DomainError('no_payment_dispute', 'refused', {}, 'type');
  if (at < open.opened_at) throw new DomainError('event_before_order', 'refused', {}, 'at');
  await trx.updateTable('payment_disputes').set({ settled_at: at, settled_by: actor }).where('shop_id', '=', order.shop_id).where('order_id', '=', order.id).execute();
}

/** Whether the customer has a dispute open on another of their orders (004 art.2 "une commande antérieure"). */
export async function customerInDispute(db: Exec, shopId: string, customerId: string, exceptOrderId: string): Promise<boolean> {
  const row = await db
    .selectFrom('payment_disputes')
    .select('order_id')
    .where('shop_id', '=', shopId)
    .where('customer_id', '=', customerId)
    .where('settled_at', 'is', null)
    .where('order_id', '<>', exceptOrderId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
