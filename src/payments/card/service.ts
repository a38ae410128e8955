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
