/**
 * What the customer's order page needs beyond the order's JSON (issue 11 §7): the reason staff
 * gave when they refused or cancelled it, read from its evidence event (`note`).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export async function endReasonOf(db: Kysely<DB>, shopId: string, order: { id: string; status: string }): Promise<string | null> {
  if (order.status !== 'refused' && order.status !== 'cancelled') return null;
  const event = await db.selectFrom('order_events').select('data').where('shop_id', '=', shopId).where('order_id', '=', order.id).where('type', '=', order.status).orderBy('seq', 'desc').executeTakeFirst();
  const note = (event?.data as { note?: unknown } | undefined)?.note;
  return typeof note === 'string' && note.trim() ? note : null;
}
