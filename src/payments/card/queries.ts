/**
 * Card checkouts (one row per Stripe Checkout Session) and the Stripe events received, each
 * recorded once by its id (issue 4 §3).
 */
import { paidCentsColumn } from '../../db/paid-cents.ts';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CardCheckoutsTable, DB } from '../../db/schema.ts';

export type CardCheckoutRow = Selectable<CardCheckoutsTable>;
export type CheckoutStatus = CardCheckoutRow['status'];

/** What a customer needs to pay by card: the order, what is still due, and where to e-mail. */
export async function orderToPay(db: Kysely<DB>, shopId: string, orderId: string) {
  const row = await db
    .selectFrom('orders')
    .innerJoin('customers', (j) => j.onRef('customers.shop_id', '=', 'orders.shop_id').onRef('customers.id', '=', 'orders.customer_id'))
    .select(['orders.id', 'orders.number', 'orders.status', 'orders.payment_method', 'orders.gross_cents', 'orders.deposit_cents', 'customers.email'])
    .select(paidCentsColumn)
    .where('orders.shop_id', '=', shopId)
    .where('orders.id', '=', orderId)
    .executeTakeFirst();
  return row && { ...row, paid_cents: Number(row.paid_cents ?? 0) };
}

export function checkoutsOf(db: Kysely<DB> | Transaction<DB>, shopId: string, orderId: string): Promise<CardCheckoutRow[]> {
  return db.selectFrom('card_checkouts').selectAll().where('shop_id', '=', shopId).where('order_id', '=', orderId).orderBy('created_at', 'desc').orderBy('session_id').execute();
}

export async function insertCheckout(trx: Transaction<DB>, row: Omit<CardCheckoutRow, 'payment_intent_id'>): Promise<void> {
  await trx.insertInto('card_checkouts').values({ ...row, payment_intent_id: null }).onConflict((oc) => oc.columns(['shop_id', 'session_id']).doNothing()).execute();
}

/**
 * Claims a Stripe event id: false when it was already recorded. Inside the transaction of its
 * effect, so a concurrent delivery of the same event waits on the key and then sees it taken.
 */
export async function claimEvent(
  trx: Transaction<DB>,
  event: { id: string; type: string; createdAt: Date; receivedAt: Date; shopId: string | null; orderId: string | null },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('stripe_events')
    .values({ event_id: event.id, type: event.type, created_at: event.createdAt, received_at: event.receivedAt, shop_id: event.shopId, order_id: event.orderId, outcome: 'processing' })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function setEventOutcome(trx: Transaction<DB>, eventId: string, outcome: string): Promise<void> {
  await trx.updateTable('stripe_events').set({ outcome }).where('event_id', '=', eventId).execute();
}

/** A checkout only moves forward: open → authorized → captured; an expired one may still be paid late. */
const RANK: Record<CheckoutStatus, number> = { open: 0, expired: 1, canceled: 1, authorized: 2, captured: 3 };

/**
 * Moves one checkout to `status`, binding it to its PaymentIntent; returns the status it had, or
 * null when nothing moved. The checkout is the session's when known; otherwise (a PaymentIntent
 * event arriving first) the one already bound to the intent, else the order's latest open one.
 */
export async function advanceCheckout(
  trx: Transaction<DB>,
  at: { shopId: string; orderId: string; sessionId: string | null; paymentIntentId: string | null },
  status: CheckoutStatus,
  now: Date,
): Promise<CheckoutStatus | null> {
  const all = await checkoutsOf(trx, at.shopId, at.orderId);
  const target = at.sessionId
    ? all.find((c) => c.session_id === at.sessionId)
    : (all.find((c) => at.paymentIntentId !== null && c.payment_intent_id === at.paymentIntentId) ?? all.find((c) => c.payment_intent_id === null && c.status === 'open'));
  if (!target) return null;
  const intent = at.paymentIntentId ?? target.payment_intent_id;
  if (intent && intent !== target.payment_intent_id) {
    // A guess made on a PaymentIntent event is corrected by the session's own event.
    await trx.updateTable('card_checkouts').set({ payment_intent_id: null, status: 'open', updated_at: now }).where('shop_id', '=', at.shopId).where('payment_intent_id', '=', intent).where('session_id', '<>', target.session_id).execute();
  }
  const moves = RANK[status] > RANK[target.status];
  if (!moves && intent === target.payment_intent_id) return null;
  await trx
    .updateTable('card_checkouts')
    .set({ payment_intent_id: intent, ...(moves && { status }), updated_at: now })
    .where('shop_id', '=', at.shopId)
    .where('session_id', '=', target.session_id)
    .execute();
  return moves ? target.status : null;
}
