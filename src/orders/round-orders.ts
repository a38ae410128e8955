/**
 * The orders' side of volunteer rounds (issue 12 §4): the home-delivery orders a round may take,
 * and what a round's pages show of its orders — the customer's name, the delivery address, the
 * door details the order carries, the items by name and quantity. No price, no e-mail, no history:
 * the run sheet a volunteer sees is built from this and nothing else.
 */
import type { Kysely } from 'kysely';
import type { AddressJson, DB } from '../db/schema.ts';
import { isUuid } from '../kernel/ids.ts';
import { customerName } from './staff-orders.ts';

export type RoundOrder = {
  id: string;
  number: string;
  status: string;
  deliveryMode: string | undefined;
  customerName: string;
  address: AddressJson | null;
  /** Given at order, when the checkout asks for them (`delivery.phone`, `delivery.doorNotes`). */
  phone: string | null;
  doorNotes: string | null;
  items: { name: string; quantity: number }[];
};

type DeliveryJson = { mode?: string; address?: AddressJson; phone?: string; doorNotes?: string; notes?: string };
const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);

async function withItems(db: Kysely<DB>, shopId: string, rows: { id: string; number: string; status: string; delivery: unknown; first_name: string | null; last_name: string | null; company_name: string | null }[]): Promise<RoundOrder[]> {
  const ids = rows.map((r) => r.id);
  const lines = ids.length ? await db.selectFrom('order_lines').select(['order_id', 'name', 'quantity', 'line_no']).where('shop_id', '=', shopId).where('order_id', 'in', ids).orderBy('order_id').orderBy('line_no').execute() : [];
  return rows.map((r) => {
    const d = (r.delivery ?? {}) as DeliveryJson;
    return {
      id: r.id,
      number: r.number,
      status: r.status,
      deliveryMode: d.mode,
      customerName: customerName(r),
      address: d.address ?? null,
      phone: str(d.phone),
      doorNotes: str(d.doorNotes) ?? str(d.notes),
      items: lines.filter((l) => l.order_id === r.id).map((l) => ({ name: l.name, quantity: l.quantity })),
    };
  });
}

function ordersWithCustomers(db: Kysely<DB>, shopId: string) {
  return db
    .selectFrom('orders')
    .leftJoin('customers', (join) => join.onRef('customers.shop_id', '=', 'orders.shop_id').onRef('customers.id', '=', 'orders.customer_id'))
    .select(['orders.id', 'orders.number', 'orders.status', 'orders.delivery', 'customers.first_name', 'customers.last_name', 'customers.company_name'])
    .where('orders.shop_id', '=', shopId);
}

/** The given orders of the shop (unknown ids are left out), with their items. */
export async function roundOrders(db: Kysely<DB>, shopId: string, orderIds: readonly string[]): Promise<RoundOrder[]> {
  const ids = orderIds.filter(isUuid);
  if (ids.length === 0) return [];
  return withItems(db, shopId, await ordersWithCustomers(db, shopId).where('orders.id', 'in', ids).execute());
}

/** The shop's orders with home delivery by members in one of `statuses`, oldest first. */
export async function volunteerOrders(db: Kysely<DB>, shopId: string, statuses: readonly string[]): Promise<RoundOrder[]> {
  const rows = await ordersWithCustomers(db, shopId)
    .where('orders.status', 'in', [...statuses])
    .where((w) => w(w.fn('jsonb_extract_path_text', [w.ref('orders.delivery'), w.val('mode')]), '=', 'volunteer'))
    .orderBy('orders.placed_at')
    .limit(500)
    .execute();
  return withItems(db, shopId, rows);
}
