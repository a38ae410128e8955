/**
 * The orders side of cancelling an order before its goods leave (SPEC C07, A-14): what it took
 * from stock, to be given back exactly. The cancellation itself spans orders, the catalogue's
 * stock and payments: src/flows/cancel-order.ts.
 */
import type { Transaction } from 'kysely';
import type { DB, StockTakenJson } from '../db/schema.ts';
import type { OrderRow } from './state.ts';

/**
 * What the order took from stock: recorded at placement; for an order placed before that record
 * existed, its lines (a bundle's parts as they are now — the best that can be known).
 */
export async function stockTaken(trx: Transaction<DB>, order: OrderRow): Promise<StockTakenJson> {
  if (order.stock_taken) return order.stock_taken;
  const lines = await trx
    .selectFrom('order_lines')
    .innerJoin('products', (j) => j.onRef('products.shop_id', '=', 'order_lines.shop_id').onRef('products.id', '=', 'order_lines.product_id'))
    .select(['order_lines.product_id', 'order_lines.quantity', 'products.is_bundle'])
    .where('order_lines.shop_id', '=', order.shop_id)
    .where('order_lines.order_id', '=', order.id)
    .execute();
  const taken = new Map<string, number>();
  const add = (id: string, q: number) => taken.set(id, (taken.get(id) ?? 0) + q);
  const bundles = lines.filter((l) => l.is_bundle).map((l) => l.product_id);
  const parts = bundles.length ? await trx.selectFrom('product_parts').selectAll().where('shop_id', '=', order.shop_id).where('bundle_id', 'in', bundles).execute() : [];
  for (const l of lines) {
    if (!l.is_bundle) add(l.product_id, l.quantity);
    else for (const p of parts.filter((p) => p.bundle_id === l.product_id)) add(p.part_id, p.quantity * l.quantity);
  }
  return [...taken].map(([productId, quantity]) => ({ productId, quantity }));
}
