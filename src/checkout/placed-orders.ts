/**
 * The orders a customer placed, as the checkout pages and the account page list them. Always
 * scoped by shop and customer: nobody lists or finds another customer's orders here.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { isUuid } from '../kernel/ids.ts';

export type OrderSummary = { id: string; number: string; placedAt: Date; status: string; grossCents: number };

export async function customerOrders(db: Kysely<DB>, shopId: string, customerId: string, limit = 50): Promise<OrderSummary[]> {
  const rows = await db
    .selectFrom('orders')
    .select(['id', 'number', 'placed_at', 'status', 'gross_cents'])
    .where('shop_id', '=', shopId)
    .where('customer_id', '=', customerId)
    .orderBy('placed_at', 'desc')
    .orderBy('number', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, number: r.number, placedAt: r.placed_at, status: r.status, grossCents: r.gross_cents }));
}

/** The customer's order with this id, if the checkout token was already used to place one. */
export async function placedWithToken(db: Kysely<DB>, shopId: string, customerId: string, token: string): Promise<string | null> {
  if (!isUuid(token)) return null;
  const row = await db.selectFrom('orders').select('id').where('shop_id', '=', shopId).where('customer_id', '=', customerId).where('id', '=', token).executeTakeFirst();
  return row?.id ?? null;
}
