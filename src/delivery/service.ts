/**
 * Pickup points and slots (issue 12 §3). The delivery capability owns `pickup_points` and
 * `pickup_slots`; this service is their only writer.
 *
 * Slots are made lazily, from the profile, for the weeks each point offers ahead: the first
 * reader of a shop's slots on a day (the delivery options, checkout, a pickup order, the staff
 * list) inserts those not made yet, `on conflict do nothing`, and this process then remembers the
 * day. Why lazily rather than by the seed or a job: the slots are a pure function of the profile
 * and the date, so making them when they are first needed follows a changed profile and a moved
 * test clock with no job to schedule, costs one insert per shop and day, and two instances doing
 * it at once only collide on the unique (point, start) key. A slot once made keeps its id, its
 * capacity and the orders it holds.
 */
import type { Kysely, Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import { DomainError, notFound } from '../kernel/errors.ts';
import { isUuid } from '../kernel/ids.ts';
import { pointHasSlots, pointsOf, type PointRef } from '../shops/profile/delivery-zone-rules.ts';
import { jurisdictionOf, type Shop } from '../shops/service.ts';
import * as q from './queries.ts';
import { DEFAULT_WEEKS_AHEAD, earliestBookableStart, slotsOfPoint } from './slot-rules.ts';

/** Every pickup point of the shop's profile, with its id. */
export function shopPoints(shop: Shop): PointRef[] {
  return (shop.profile.delivery?.modes ?? []).flatMap((m) => pointsOf(m));
}

/** Per database: `${shop}:${profile}` → the day its slots were last made for. */
const madeOn = new WeakMap<Kysely<DB>, Map<string, string>>();

/** Makes the shop's slots for the weeks ahead, once a day per process (see above). */
export async function ensureSlots(db: Kysely<DB>, shop: Shop, now: Temporal.Instant): Promise<void> {
  const points = shopPoints(shop).filter((p) => (p.point.opening?.length ?? 0) > 0);
  if (points.length === 0) return;
  const today = localDate(now, shop.timeZone);
  const key = `${shop.slug}:${shop.profileSha256}`;
  const made = madeOn.get(db) ?? new Map<string, string>();
  madeOn.set(db, made);
  if (made.get(key) === today.toString()) return;
  const jurisdiction = jurisdictionOf(shop);
  const slots = points.flatMap(({ id, point }) =>
    slotsOfPoint(point, today, (point.bookWeeksAhead ?? DEFAULT_WEEKS_AHEAD) * 7 + 1, shop.timeZone, jurisdiction).map((s) => ({
      pointId: id,
      startsAt: new Date(s.startsAt.epochMilliseconds),
      endsAt: new Date(s.endsAt.epochMilliseconds),
      capacity: point.capacity ?? 1,
    })),
  );
  await q.upsertPoints(db, shop.slug, points.map(({ id, point }) => ({ id, name: point.name, commune: point.commune, address: point.address ?? null })));
  await q.insertSlots(db, shop.slug, slots);
  made.set(key, today.toString());
}


export type SlotOption = { id: string; pointId: string; startsAt: string; endsAt: string; remaining: number };

/** What the customer may still choose at these points: open slots with room, bookable now. */
export async function openSlotsAt(db: Kysely<DB>, shop: Shop, points: readonly PointRef[], now: Temporal.Instant, perPoint = 12): Promise<Map<string, SlotOption[]>> {
  const byPoint = new Map<string, SlotOption[]>(points.map((p) => [p.id, []]));
  const withSlots = points.filter(pointHasSlots);
  if (withSlots.length === 0) return byPoint;
  const rows = await q.openSlots(db, shop.slug, withSlots.map((p) => p.id), new Date(now.epochMilliseconds), perPoint * withSlots.length * 2);
  for (const r of rows) {
    const ref = withSlots.find((p) => p.id === r.point_id);
    const list = byPoint.get(r.point_id);
    if (!ref || !list || list.length >= perPoint) continue;
    if (r.starts_at.getTime() <= earliestBookableStart(ref.point, now).epochMilliseconds) continue;
    list.push({ id: r.id, pointId: r.point_id, startsAt: r.starts_at.toISOString(), endsAt: r.ends_at.toISOString(), remaining: r.capacity - r.taken });
  }
  return byPoint;
}

/** The days a campaign promises delivery on (the campaigns' rule gives it; both ends included). */
export type PromiseWindow = { deliveryFrom?: string | undefined; deliveryLatestOn?: string | undefined };

export type HeldSlot = { id: string; startsAt: string; endsAt: string; on: string };

const startOfDay = (day: string, timeZone: string) => new Date(Temporal.PlainDate.from(day).toZonedDateTime({ timeZone }).epochMilliseconds);

/**
 * Takes a place in the slot asked for (or, when none is named, the earliest with room) at this
 * point, inside the order's transaction: one statement when it succeeds. Refusals: `unknown_slot`,
 * `slot_in_past` (started, or past the point's booking delay), `slot_full` (409),
 * `slot_outside_promise` (not within the campaign's promised days).
 */
export async function holdSlot(trx: Transaction<DB>, shop: Shop, point: PointRef, slotId: string | undefined, now: Temporal.Instant, promise?: PromiseWindow): Promise<HeldSlot> {
  const after = new Date(earliestBookableStart(point.point, now).epochMilliseconds);
  const tz = shop.timeZone;
  let taken: q.TakenSlot | undefined;
  if (slotId === undefined) {
    const from = promise?.deliveryFrom ? startOfDay(promise.deliveryFrom, tz) : null;
    const until = promise?.deliveryLatestOn ? startOfDay(Temporal.PlainDate.from(promise.deliveryLatestOn).add({ days: 1 }).toString(), tz) : null;
    taken = await q.takeEarliestSlot(trx, shop.slug, point.id, from && from > after ? from : after, until);
    if (!taken) throw new DomainError('slot_full', 'conflict', { point: point.point.name }, 'delivery.slotId');
  } else {
    if (!isUuid(slotId)) throw new DomainError('unknown_slot', 'refused', {}, 'delivery.slotId');
    taken = await q.takeChosenSlot(trx, shop.slug, point.id, slotId, after);
    if (!taken) throw await whyNot(trx, shop, point, slotId, after);
  }
  const held = { id: taken.id, startsAt: taken.starts_at.toISOString(), endsAt: taken.ends_at.toISOString(), on: localDate(Temporal.Instant.fromEpochMilliseconds(taken.starts_at.getTime()), tz).toString() };
  // A refusal here rolls the place back with the whole order.
  if ((promise?.deliveryFrom && held.on < promise.deliveryFrom) || (promise?.deliveryLatestOn && held.on > promise.deliveryLatestOn)) {
    throw new DomainError('slot_outside_promise', 'refused', { from: promise.deliveryFrom ?? '', latestOn: promise.deliveryLatestOn ?? '' }, 'delivery.slotId');
  }
  return held;
}

async function whyNot(trx: Transaction<DB>, shop: Shop, point: PointRef, slotId: string, after: Date): Promise<DomainError> {
  const slot = await q.slotById(trx, shop.slug, slotId);
  if (!slot || slot.point_id !== point.id || slot.closed_at !== null) return new DomainError('unknown_slot', 'refused', {}, 'delivery.slotId');
  if (slot.starts_at <= after) return new DomainError('slot_in_past', 'refused', {}, 'delivery.slotId');
  return new DomainError('slot_full', 'conflict', { point: point.point.name }, 'delivery.slotId');
}

/** Gives back the slot an order held, if it held one (the order's `delivery.slotId`). */
export async function releaseOrderSlot(trx: Transaction<DB>, shopId: string, delivery: unknown): Promise<void> {
  const slotId = (delivery as { slotId?: unknown } | null)?.slotId;
  if (typeof slotId === 'string' && isUuid(slotId)) await q.releaseSlot(trx, shopId, slotId);
}

export type StaffSlot = { id: string; startsAt: Date; endsAt: Date; capacity: number; taken: number; closed: boolean; closedReason: string | null; orders: { id: string; number: string; status: string; customer: string }[] };

/** Each point's slots from today for the weeks ahead, with the orders each holds (staff). */
export async function pointLists(db: Kysely<DB>, shop: Shop, now: Temporal.Instant, weeks = 6): Promise<{ point: PointRef; slots: StaffSlot[] }[]> {
  await ensureSlots(db, shop, now);
  const from = localDate(now, shop.timeZone);
  const rows = await q.slotsBetween(db, shop.slug, startOfDay(from.toString(), shop.timeZone), startOfDay(from.add({ weeks }).toString(), shop.timeZone));
  const orders = await q.ordersInSlots(db, shop.slug, rows.map((r) => r.id));
  return shopPoints(shop).map((point) => ({
    point,
    slots: rows
      .filter((r) => r.point_id === point.id)
      .map((r) => ({
        id: r.id,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        capacity: r.capacity,
        taken: r.taken,
        closed: r.closed_at !== null,
        closedReason: r.closed_reason,
        orders: orders.filter((o) => o.slot_id === r.id).map((o) => ({ id: o.id, number: o.number, status: o.status, customer: `${o.first_name} ${o.last_name}` })),
      })),
  }));
}

/**
 * A slot chosen on a page, checked as the order will check it (same refusals), without taking it:
 * the checkout's step 1 says at once that it is full or too late. Its times, to show on the review.
 */
export async function checkSlot(db: Kysely<DB>, shop: Shop, point: PointRef, slotId: string, now: Temporal.Instant): Promise<{ startsAt: string; endsAt: string }> {
  const slot = isUuid(slotId) ? await q.slotById(db, shop.slug, slotId) : undefined;
  if (!slot || slot.point_id !== point.id || slot.closed_at !== null) throw new DomainError('unknown_slot', 'refused', {}, 'delivery.slotId');
  if (slot.starts_at.getTime() <= earliestBookableStart(point.point, now).epochMilliseconds) throw new DomainError('slot_in_past', 'refused', {}, 'delivery.slotId');
  if (slot.taken >= slot.capacity) throw new DomainError('slot_full', 'conflict', { point: point.point.name }, 'delivery.slotId');
  return { startsAt: slot.starts_at.toISOString(), endsAt: slot.ends_at.toISOString() };
}

/**
 * Staff close a slot (a volunteer missing, the centre shut that day: an exception the opening
 * hours do not know) or reopen it. A closed slot is offered to no one and can no longer be
 * taken; the orders already in it keep it (staff tell those customers). 404 for a slot not of this shop.
 */
export async function setSlotClosed(db: Kysely<DB>, shop: Shop, slotId: string, close: { reason?: string | undefined } | null, now: Date): Promise<void> {
  const done = isUuid(slotId) && (await q.setSlotClosed(db, shop.slug, slotId, close ? now : null, close ? (close.reason ?? null) : null));
  if (!done) throw notFound('slot');
}
