/**
 * The order as API.md shows it, to its customer or the shop's staff: orders' part (lines,
 * totals, terms, delivery, deadlines, events: src/orders/service.ts) with payments' part
 * (`payment`: transfer instructions, amount due, deposit, the card checkout's URL:
 * src/payments/order-payment.ts). Pages, the JSON API and the order path read it here.
 */
import type { Kysely, Selectable } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { conformityWarranty } from '../aftersale/warranty-rules.ts';
import { localDate } from '../kernel/calendar.ts';
import type { DB, OrderLinesTable } from '../db/schema.ts';
import type { StoredEvent } from '../legal/evidence/chain.ts';
import { orderEvents } from '../legal/evidence/service.ts';
import { concludedOn } from '../orders/delivery-promise.ts';
import { forceMajeurePeriodsOf } from '../orders/late-delivery.ts';
import { extendByForceMajeure, type ForceMajeurePeriod } from '../orders/late-delivery-rules.ts';
import { type OrderRow, orderJsonWith, orderLines } from '../orders/service.ts';
import { checkoutUrlOf } from '../payments/card/service.ts';
import { paymentJson } from '../payments/order-payment.ts';
import type { Shop } from '../shops/service.ts';

/**
 * The order as read back, on the shop's day `today`: its `deadlines.deliveryLatestOn` carries the
 * days of force majeure declared on the shop or the order (an open period runs through `today`),
 * as the late-delivery page and API count them (src/orders/late-delivery-rules.ts).
 */
export async function orderJson(db: Kysely<DB>, shop: Shop, order: OrderRow, today: Temporal.PlainDate) {
  const [lines, events, checkoutUrl, periods] = await Promise.all([
    orderLines(db, order.shop_id, order.id),
    orderEvents(db, order.shop_id, order.id),
    checkoutUrlOf(db, order),
    forceMajeurePeriodsOf(db, order.shop_id, order.id),
  ]);
  const json = orderJsonOf(shop, order, lines, events, checkoutUrl);
  return { ...json, deadlines: withForceMajeure(json.deadlines, concludedOn(events, shop.timeZone) ?? localDate(Temporal.Instant.fromEpochMilliseconds(order.placed_at.getTime()), shop.timeZone), periods, today) };
}

/**
 * C24, C. civ. 1218: `deliveryLatestOn` pushed back by each day of force majeure after the
 * conclusion (or the order, before it) and up to the pushed day — the same count as the
 * late-delivery rules' `deliveryPromise`. The order path's answer (`orderJsonOf`) reads no
 * period: it stays light (issue 9), and a new order's promise is at most a campaign's.
 */
export function withForceMajeure<D extends { deliveryLatestOn?: string }>(deadlines: D, from: Temporal.PlainDate, periods: readonly ForceMajeurePeriod[], today: Temporal.PlainDate): D {
  if (!deadlines.deliveryLatestOn || periods.length === 0) return deadlines;
  const { on } = extendByForceMajeure(from, Temporal.PlainDate.from(deadlines.deliveryLatestOn), periods, today);
  return { ...deadlines, deliveryLatestOn: on.toString() };
}

export type OrderJson = ReturnType<typeof orderJsonOf>;

/**
 * API.md's order from its rows, with no read: the order path builds its answer from what it has
 * just written (issue 9). `checkoutUrl`: undefined for a method without a card checkout.
 */
export function orderJsonOf(shop: Shop, order: OrderRow, lines: readonly Selectable<OrderLinesTable>[], events: readonly Pick<StoredEvent, 'type' | 'at' | 'actor'>[], checkoutUrl: string | null | undefined) {
  const json = orderJsonWith(shop, order, lines, events, paymentJson(shop, order, checkoutUrl));
  return { ...json, deadlines: { ...json.deadlines, ...warrantyEndsOn(shop, order, events) } };
}

/**
 * C14: the last day to invoke the legal conformity warranty (L217-3; BE 1649ter: 2 years from
 * delivery of the last lot), for a consumer's order once delivered; after-sale's rule
 * (src/aftersale/warranty-rules.ts). Absent before delivery and for professionals ("only what applies").
 */
function warrantyEndsOn(shop: Shop, order: OrderRow, events: readonly Pick<StoredEvent, 'type' | 'at'>[]): { warrantyEndsOn?: string } {
  if (order.customer_kind !== 'consumer' || ['cancelled', 'refused'].includes(order.status)) return {};
  const handed = events.filter((e) => e.type === 'delivered' || e.type === 'picked_up').map((e) => localDate(Temporal.Instant.from(e.at), shop.timeZone));
  const last = handed.reduce<Temporal.PlainDate | null>((a, b) => (a && Temporal.PlainDate.compare(a, b) >= 0 ? a : b), null);
  return last ? { warrantyEndsOn: conformityWarranty({ country: shop.legalSystem, deliveredOn: last, condition: 'new' }).endsOn.toString() } : {};
}
