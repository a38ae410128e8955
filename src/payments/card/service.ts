/**
 * What other modules read about card payments (STYLE.md §5: they call this, not queries.ts).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { viaStripe } from './availability.ts';
import { checkoutsOf } from './queries.ts';

/**
 * API.md `payment.checkoutUrl`: the open Stripe payment page of an order paid through Stripe,
 * while it awaits payment (null when there is none: Stripe failed, or the session expired);
 * undefined for other methods, so their JSON is unchanged.
 */
export async function checkoutUrlOf(db: Kysely<DB>, order: { shop_id: string; id: string; status: string; payment_method: string }): Promise<string | null | undefined> {
  if (!viaStripe(order.payment_method)) return undefined;
  if (order.status !== 'awaiting_payment') return null;
  const open = (await checkoutsOf(db, order.shop_id, order.id)).find((c) => c.status === 'open');
  return open?.url ?? null;
}

/**
 * The card authorisations still waiting for their capture at shipment (004 art.4 O9b), the
 * newest of each order awaiting payment, with the instant each was given (SPEC.md A-63).
 */
export async function pendingAuthorisations(db: Kysely<DB>): Promise<{ shopId: string; orderId: string; paymentIntentId: string; authorisedAt: Date }[]> {
  const rows = await db
    .selectFrom('card_checkouts')
    .innerJoin('orders', (j) => j.onRef('orders.shop_id', '=', 'card_checkouts.shop_id').onRef('orders.id', '=', 'card_checkouts.order_id'))
    .select(['card_checkouts.shop_id', 'card_checkouts.order_id', 'card_checkouts.payment_intent_id', 'card_checkouts.updated_at'])
    .where('card_checkouts.status', '=', 'authorized')
    .where('card_checkouts.capture', '=', 'manual')
    .where('card_checkouts.payment_intent_id', 'is not', null)
    .where('orders.status', '=', 'awaiting_payment')
    .orderBy('card_checkouts.updated_at', 'desc')
    .execute();
  const newest = new Map<string, { shopId: string; orderId: string; paymentIntentId: string; authorisedAt: Date }>();
  for (const r of rows) {
    const key = `${r.shop_id}/${r.order_id}`;
    if (!newest.has(key) && r.payment_intent_id) newest.set(key, { shopId: r.shop_id, orderId: r.order_id, paymentIntentId: r.payment_intent_id, authorisedAt: r.updated_at });
  }
  return [...newest.values()];
}
