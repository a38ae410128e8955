/**
 * The pickup orders whose goods may still wait at their point (issue 12 §5): pickup mode, in a
 * status a `non_collection` cancellation may end. The rules that pick the day are
 * uncollected-pickup-rules.ts.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { WAITING_FOR_PICKUP } from './uncollected-pickup-rules.ts';

export async function waitingPickups(db: Kysely<DB>, shopId: string) {
  return db
    .selectFrom('orders')
    .select(['id', 'status', 'delivery'])
    .where('shop_id', '=', shopId)
    .where('status', 'in', [...WAITING_FOR_PICKUP])
    .where(sql<string>`delivery->>'mode'`, '=', 'pickup')
    .orderBy('placed_at')
    .execute();
}

/** Whether the order's customer was already reminded to collect it (its evidence says so). */
export async function pickupReminded(db: Kysely<DB>, shopId: string, orderId: string): Promise<boolean> {
  const row = await db.selectFrom('order_events').select('seq').where('shop_id', '=', shopId).where('order_id', '=', orderId).where('type', '=', 'pickup_reminder_sent').limit(1).executeTakeFirst();
  return row !== undefined;
}
