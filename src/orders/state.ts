/**
 * The order's state in the `orders` table, written only here (STYLE.md §5: a capability's
 * service is the only writer of its tables; orders owns the order's state). Payments, the payment
 * window and staff facts change it through these functions, called by the flows that span them
 * (src/flows/). Each runs in the caller's transaction, which has locked the order row first.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, OrdersTable } from '../db/schema.ts';

export type OrderRow = Selectable<OrdersTable>;

/** The order, locked until the caller's transaction ends: two facts of one order apply one after the other. */
export function lockOrder(trx: Transaction<DB>, shopId: string, orderId: string): Promise<OrderRow | undefined> {
  return trx.selectFrom('orders').selectAll().where('shop_id', '=', shopId).where('id', '=', orderId).forUpdate().executeTakeFirst();
}

/** The order, locked, if it still awaits its payment; undefined if it was paid meanwhile, or is being paid right now (SKIP LOCKED). */
export function lockAwaitingPayment(trx: Transaction<DB>, shopId: string, orderId: string): Promise<OrderRow | undefined> {
  return trx.selectFrom('orders').selectAll().where('shop_id', '=', shopId).where('id', '=', orderId).where('status', '=', 'awaiting_payment').forUpdate().skipLocked().executeTakeFirst();
}

/** Orders awaiting a payment with a due date: those due before `dueBefore`, or those placed by `placedBy` and not reminded yet. */
export function awaitingPaymentIds(db: Kysely<DB>, shopId: string, which: { dueBefore: string } | { placedBy: Date }): Promise<{ id: string }[]> {
  const awaiting = db.selectFrom('orders').select('id').where('shop_id', '=', shopId).where('status', '=', 'awaiting_payment').where('payment_due_on', 'is not', null);
  if ('dueBefore' in which) return awaiting.where('payment_due_on', '<', which.dueBefore).execute();
  return awaiting.where('payment_reminded_at', 'is', null).where('placed_at', '<=', which.placedBy).execute();
}

const update = (trx: Transaction<DB>, shopId: string, orderId: string) => trx.updateTable('orders').where('shop_id', '=', shopId).where('id', '=', orderId);

/** Cancelled. The payment status stays as it is: it says what was received, not what is owed. */
export async function markCancelled(trx: Transaction<DB>, shopId: string, orderId: string): Promise<void> {
  await update(trx, shopId, orderId).set({ status: 'cancelled' }).execute();
}

/** The one payment reminder of the payment window has been sent. */
export async function markReminded(trx: Transaction<DB>, shopId: string, orderId: string, at: Date): Promise<void> {
  await update(trx, shopId, orderId).set({ payment_reminded_at: at }).execute();
}

/** The dates a fact fixes: the balance's due date, the first day a payment may come, the payment window's end. */
export type FactDates = { balance_due_on?: string; payment_not_before?: string; payment_due_on?: string };

/** A staff fact's new status (state-machine.ts) and the dates it fixes. */
export async function applyFact(trx: Transaction<DB>, shopId: string, orderId: string, statusTo: string, dates: FactDates): Promise<void> {
  await update(trx, shopId, orderId).set({ status: statusTo, ...dates }).execute();
}

/** The order's payment status after its refunds (payments computes it: refunds/rules.ts). */
export async function setPaymentStatus(trx: Transaction<DB>, shopId: string, orderId: string, paymentStatus: string): Promise<void> {
  await update(trx, shopId, orderId).set({ payment_status: paymentStatus }).execute();
}

/**
 * A payment's effect on the order: what its payments amount to (`payment_status`), and an order
 * awaiting payment accepted once the deposit or the price is in — execution is suspended until
 * then (001 online §2.3, 003 art.2.6). Resolves to the order's status after.
 */
export async function applyPayment(trx: Transaction<DB>, order: Pick<OrderRow, 'shop_id' | 'id' | 'status'>, change: { paymentStatus: string; confirmed: boolean }): Promise<string> {
  const statusTo = change.confirmed && order.status === 'awaiting_payment' ? 'accepted' : order.status;
  await update(trx, order.shop_id, order.id).set({ payment_status: change.paymentStatus, status: statusTo }).execute();
  return statusTo;
}
