/**
 * The member's side of group purchases (issue 12 §6): where and when the signed-in customer's
 * orders reach them — the distribution point and slot of a pickup order (from the order's
 * `delivery`, as it was when ordered, with the point's opening hours from the profile), and the
 * day of the volunteer round a home delivery by members is on (rounds: only that day, never the
 * volunteer nor other stops). Always scoped by shop and customer: nobody sees another's orders.
 */
import type { Kysely } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import { isUuid } from '../kernel/ids.ts';
import { shopPoints } from '../delivery/service.ts';
import { roundDaysOf } from '../rounds/service.ts';
import type { Shop } from '../shops/service.ts';

type Opening = { days: readonly string[]; from: string; to: string };
type PointAddress = { line1: string; postalCode: string; city: string };
type DeliveryJson = { mode?: string; pickupPointId?: string; pickupPoint?: { name?: string; address?: PointAddress }; slot?: { startsAt: string; endsAt: string } };

export type HandOver = {
  orderId: string;
  number: string;
  status: string;
  /** The local day of the hand-over when known (slot's day, round's day). */
  on: string | null;
  upcoming: boolean;
} & (
  | { kind: 'pickup'; point: { name: string; address: PointAddress | null; opening: readonly Opening[] }; slot: { startsAt: string; endsAt: string } | null }
  | { kind: 'round'; roundOn: string | null; delivered: boolean }
);

const ENDED = ['refused', 'cancelled'];
const DONE = ['delivered', 'collected', 'completed', 'closed'];

/** The customer's pickup and member-delivery orders (the latest 100), upcoming ones first, soonest first. */
export async function memberDeliveries(db: Kysely<DB>, shop: Shop, customerId: string, now: Temporal.Instant): Promise<HandOver[]> {
  const rows = await db
    .selectFrom('orders')
    .select(['id', 'number', 'status', 'delivery', 'placed_at'])
    .where('shop_id', '=', shop.slug)
    .where('customer_id', '=', customerId)
    .where('status', 'not in', ENDED)
    .orderBy('placed_at', 'desc')
    .limit(100)
    .execute();
  const mine = rows.filter((r) => ['pickup', 'volunteer'].includes((r.delivery as DeliveryJson | null)?.mode ?? ''));
  const rounds = await roundDaysOf(db, shop.slug, mine.filter((r) => (r.delivery as DeliveryJson).mode === 'volunteer').map((r) => r.id));
  const points = new Map(shopPoints(shop).map((p) => [p.id, p.point]));
  const today = localDate(now, shop.timeZone).toString();
  const list = mine.map((r): HandOver => {
    const d = r.delivery as DeliveryJson;
    const done = DONE.includes(r.status);
    if (d.mode === 'pickup') {
      const profile = d.pickupPointId ? points.get(d.pickupPointId) : undefined;
      const on = d.slot ? localDate(Temporal.Instant.from(d.slot.startsAt), shop.timeZone).toString() : null;
      return {
        orderId: r.id, number: r.number, status: r.status, on, upcoming: !done && (on === null || on >= today), kind: 'pickup',
        point: { name: d.pickupPoint?.name ?? profile?.name ?? d.pickupPointId ?? '', address: d.pickupPoint?.address ?? profile?.address ?? null, opening: profile?.opening ?? [] },
        slot: d.slot ?? null,
      };
    }
    const round = rounds.get(r.id);
    const delivered = done || round?.outcome === 'delivered';
    const on = round?.roundOn ?? null;
    return { orderId: r.id, number: r.number, status: r.status, on, upcoming: !delivered && (on === null || on >= today), kind: 'round', roundOn: on, delivered };
  });
  const key = (h: HandOver) => `${h.upcoming ? 0 : 1}${h.on ?? '9999'}`;
  return list.sort((a, b) => (a.upcoming === b.upcoming ? (a.upcoming ? key(a).localeCompare(key(b)) : key(b).localeCompare(key(a))) : a.upcoming ? -1 : 1));
}

/** The day of the round this order of the shop is on, if it is on one (for the order's page). */
export async function roundDayOfOrder(db: Kysely<DB>, shopId: string, orderId: string): Promise<string | null> {
  if (!isUuid(orderId)) return null;
  const round = (await roundDaysOf(db, shopId, [orderId])).get(orderId);
  return round && round.outcome !== 'absent' ? round.roundOn : null;
}
