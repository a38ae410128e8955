/**
 * The orders the staff "today" view looks at (issue 11 §7): those still running, and those ended
 * in the last 90 days (a refund may still be due on a cancelled or refused order), with their
 * customer's name. The rules that pick the deadlines are today-rules.ts.
 */
import type { Kysely } from 'kysely';
import { paidCentsColumn } from '../db/paid-cents.ts';
import type { DB } from '../db/schema.ts';
import { customerName } from './staff-orders.ts';

const RUNNING = ['awaiting_payment', 'awaiting_acceptance', 'accepted', 'preparing', 'shipped', 'delivered'];

export async function ordersToWatch(db: Kysely<DB>, shopId: string, endedSince: Date) {
  const orders = await db
    .selectFrom('orders')
    .selectAll()
    .select(paidCentsColumn)
    .where('shop_id', '=', shopId)
    .where((eb) => eb.or([eb('status', 'in', RUNNING), eb.and([eb('status', 'in', ['refused', 'cancelled']), eb('placed_at', '>=', endedSince)])]))
    .orderBy('placed_at')
    .execute();
  const ids = [...new Set(orders.map((o) => o.customer_id))];
  const customers = ids.length ? await db.selectFrom('customers').select(['id', 'first_name', 'last_name', 'company_name']).where('shop_id', '=', shopId).where('id', 'in', ids).execute() : [];
  const names = new Map(customers.map((c) => [c.id, customerName(c)]));
  return orders.map((order) => ({ order: { ...order, paid_cents: Number(order.paid_cents ?? 0) }, customerName: names.get(order.customer_id) ?? '' }));
}
