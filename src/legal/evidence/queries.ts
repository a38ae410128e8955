/**
 * What verifying the evidence reads besides the events: the order rows and lines to hold against
 * the `placed` event, and the legal purges (migration 0007) that removed an order's evidence.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB, EvidencePurgesTable, OrderEventsTable } from '../../db/schema.ts';
import type { StoredEvent } from './chain.ts';
import type { AgreedLine, OrderAsStored } from './completeness.ts';

export type Scope = { shopId?: string | undefined; orderId?: string | undefined };
export type Purge = Pick<Selectable<EvidencePurgesTable>, 'shop_id' | 'order_id' | 'reason' | 'purged_at' | 'purged_by'>;

export const orderKey = (shopId: string, orderId: string) => `${shopId}/${orderId}`;

export function rowToEvent(r: Selectable<OrderEventsTable>): StoredEvent {
  return { seq: r.seq, type: r.type, at: r.at.toISOString(), recordedAt: r.recorded_at.toISOString(), actor: r.actor, data: r.data as unknown as Record<string, unknown>, prevHash: r.prev_hash, hash: r.hash };
}

/** Events grouped by order, each list in chain order. */
export async function eventsByOrder(db: Kysely<DB>, scope: Scope): Promise<Map<string, StoredEvent[]>> {
  let q = db.selectFrom('order_events').selectAll().orderBy('shop_id').orderBy('order_id').orderBy('seq');
  if (scope.shopId) q = q.where('shop_id', '=', scope.shopId);
  if (scope.orderId) q = q.where('order_id', '=', scope.orderId);
  return groupBy(await q.execute(), (r) => orderKey(r.shop_id, r.order_id), rowToEvent);
}

async function linesByOrder(db: Kysely<DB>, scope: Scope): Promise<Map<string, AgreedLine[]>> {
  let q = db.selectFrom('order_lines').selectAll().orderBy('shop_id').orderBy('order_id').orderBy('line_no');
  if (scope.shopId) q = q.where('shop_id', '=', scope.shopId);
  if (scope.orderId) q = q.where('order_id', '=', scope.orderId);
  return groupBy(await q.execute(), (r) => orderKey(r.shop_id, r.order_id), (r) => ({
    productId: r.product_id, sku: r.sku, name: r.name, quantity: r.quantity, unitPriceCents: Number(r.unit_price_cents), vatRateBp: r.vat_rate_bp,
    totalCents: Number(r.total_cents), withdrawable: r.withdrawable, withdrawalException: r.withdrawal_exception,
  }));
}

/** The orders in scope as stored, with their lines and evidence head. */
export async function ordersAsStored(db: Kysely<DB>, scope: Scope): Promise<{ shopId: string; orderId: string; order: OrderAsStored }[]> {
  let q = db.selectFrom('orders').selectAll().orderBy('shop_id').orderBy('placed_at');
  if (scope.shopId) q = q.where('shop_id', '=', scope.shopId);
  if (scope.orderId) q = q.where('id', '=', scope.orderId);
  const [rows, lines] = [await q.execute(), await linesByOrder(db, scope)];
  return rows.map((o) => ({
    shopId: o.shop_id,
    orderId: o.id,
    order: {
      number: o.number, customerId: o.customer_id, customerKind: o.customer_kind, paymentMethod: o.payment_method, paymentReference: o.payment_reference,
      totals: { netCents: Number(o.net_cents), vatCents: Number(o.vat_cents), grossCents: Number(o.gross_cents), shippingCents: Number(o.shipping_cents), feesCents: Number(o.fees_cents) },
      terms: o.accepted_terms, delivery: o.delivery, lines: lines.get(orderKey(o.shop_id, o.id)) ?? [],
      head: { hash: o.evidence_head, count: o.evidence_count },
    },
  }));
}

/** The latest purge of each purged order in scope. */
export async function purgesByOrder(db: Kysely<DB>, scope: Scope): Promise<Map<string, Purge>> {
  let q = db.selectFrom('evidence_purges').select(['shop_id', 'order_id', 'reason', 'purged_at', 'purged_by']).orderBy('id');
  if (scope.shopId) q = q.where('shop_id', '=', scope.shopId);
  if (scope.orderId) q = q.where('order_id', '=', scope.orderId);
  return new Map((await q.execute()).map((p) => [orderKey(p.shop_id, p.order_id), p]));
}

function groupBy<R, T>(rows: readonly R[], key: (r: R) => string, map: (r: R) => T): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = groups.get(k) ?? [];
    list.push(map(r));
    groups.set(k, list);
  }
  return groups;
}
