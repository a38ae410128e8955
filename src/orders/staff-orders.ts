/**
 * The back office's list of orders: the shop's orders, newest first, a page at a time, optionally
 * of one status only.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import type { OrderStatus } from './state-machine.ts';

export const STAFF_ORDERS_PAGE_SIZE = 50;

/** Every status an order may have, in the order of its life: the choices of the status filter. */
export const ORDER_STATUSES = ['awaiting_payment', 'awaiting_acceptance', 'accepted', 'preparing', 'shipped', 'delivered', 'completed', 'refused', 'cancelled'] as const satisfies readonly OrderStatus[];

/** `?status=&page=` of the list page; an unknown status or page shows every order from page 1. */
export const StaffOrdersQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type StaffOrdersQuery = z.infer<typeof StaffOrdersQuery>;

export type StaffOrderLine = {
  id: string;
  number: string;
  placedAt: Date;
  customerName: string;
  /** Ordered without an account (issue 10 §1): staff reach them by e-mail, they never sign in. */
  guest: boolean;
  grossCents: number;
  status: string;
  paymentStatus: string;
  paymentMethod: string;
};

export function customerName(c: { first_name: string | null; last_name: string | null; company_name: string | null }): string {
  const name = [c.first_name, c.last_name].filter(Boolean).join(' ');
  return c.company_name ? `${name} (${c.company_name})` : name;
}

/** One page of orders; `hasNext` when another page follows (one more row is read to know). */
export async function listStaffOrders(db: Kysely<DB>, shopId: string, query: StaffOrdersQuery): Promise<{ orders: StaffOrderLine[]; hasNext: boolean }> {
  let q = db
    .selectFrom('orders')
    .leftJoin('customers', (join) => join.onRef('customers.shop_id', '=', 'orders.shop_id').onRef('customers.id', '=', 'orders.customer_id'))
    .select(['orders.id', 'orders.number', 'orders.placed_at', 'orders.gross_cents', 'orders.status', 'orders.payment_status', 'orders.payment_method', 'customers.first_name', 'customers.last_name', 'customers.company_name', 'customers.guest'])
    .where('orders.shop_id', '=', shopId);
  if (query.status) q = q.where('orders.status', '=', query.status);
  const rows = await q
    .orderBy('orders.placed_at', 'desc')
    .orderBy('orders.number', 'desc')
    .limit(STAFF_ORDERS_PAGE_SIZE + 1)
    .offset((query.page - 1) * STAFF_ORDERS_PAGE_SIZE)
    .execute();
  return {
    orders: rows.slice(0, STAFF_ORDERS_PAGE_SIZE).map((r) => ({
      id: r.id,
      number: r.number,
      placedAt: r.placed_at,
      customerName: customerName(r),
      guest: r.guest === true,
      grossCents: Number(r.gross_cents),
      status: r.status,
      paymentStatus: r.payment_status,
      paymentMethod: r.payment_method,
    })),
    hasNext: rows.length > STAFF_ORDERS_PAGE_SIZE,
  };
}
