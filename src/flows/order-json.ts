/**
 * The order as API.md shows it, to its customer or the shop's staff: orders' part (lines,
 * totals, terms, delivery, deadlines, events: src/orders/service.ts) with payments' part
 * (`payment`: transfer instructions, amount due, deposit, the card checkout's URL:
 * src/payments/order-payment.ts). Pages, the JSON API and the order path read it here.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB, OrderLinesTable } from '../db/schema.ts';
import type { StoredEvent } from '../legal/evidence/chain.ts';
import { orderEvents } from '../legal/evidence/service.ts';
import { type OrderRow, orderJsonWith, orderLines } from '../orders/service.ts';
import { checkoutUrlOf } from '../payments/card/service.ts';
import { paymentJson } from '../payments/order-payment.ts';
import type { Shop } from '../shops/service.ts';

export async function orderJson(db: Kysely<DB>, shop: Shop, order: OrderRow) {
  const [lines, events, checkoutUrl] = await Promise.all([
    orderLines(db, order.shop_id, order.id),
    orderEvents(db, order.shop_id, order.id),
    checkoutUrlOf(db, order),
  ]);
  return orderJsonOf(shop, order, lines, events, checkoutUrl);
}

export type OrderJson = ReturnType<typeof orderJsonOf>;

/**
 * API.md's order from its rows, with no read: the order path builds its answer from what it has
 * just written (issue 9). `checkoutUrl`: undefined for a method without a card checkout.
 */
export function orderJsonOf(shop: Shop, order: OrderRow, lines: readonly Selectable<OrderLinesTable>[], events: readonly Pick<StoredEvent, 'type' | 'at' | 'actor'>[], checkoutUrl: string | null | undefined) {
  return orderJsonWith(shop, order, lines, events, paymentJson(shop, order, checkoutUrl));
}
