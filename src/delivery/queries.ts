/** SQL of pickup points and slots (the delivery capability's tables, migration 0017). */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export type PointRow = { id: string; name: string; commune: string; address: { line1: string; postalCode: string; city: string } | null };
export type NewSlot = { pointId: string; startsAt: Date; endsAt: Date; capacity: number };

/** The profile's points as they are now (a renamed point keeps its id and its slots). */
export async function upsertPoints(db: Executor, shopId: string, points: readonly PointRow[]): Promise<void> {
  if (points.length === 0) return;
  await db
    .insertInto('pickup_points')
    .values(points.map((p) => ({ shop_id: shopId, id: p.id, name: p.name, commune: p.commune, address: p.address ? JSON.stringify(p.address) : null })))
    .onConflict((oc) => oc.columns(['shop_id', 'id']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), commune: eb.ref('excluded.commune'), address: eb.ref('excluded.address') })))
    .execute();
}

/** Slots not made yet; one already made (same point, same start) keeps its id, capacity and orders. */
export async function insertSlots(db: Executor, shopId: string, slots: readonly NewSlot[]): Promise<void> {
  for (let i = 0; i < slots.length; i += 500) {
    const chunk = slots.slice(i, i + 500);
    await db
      .insertInto('pickup_slots')
      .values(chunk.map((s) => ({ shop_id: shopId, id: randomUUID(), point_id: s.pointId, starts_at: s.startsAt, ends_at: s.endsAt, capacity: s.capacity, closed_at: null, closed_reason: null })))
      .onConflict((oc) => oc.columns(['shop_id', 'point_id', 'starts_at']).doNothing())
      .execute();
  }
}

/** Open slots of these points starting after `after`, with room left, earliest first. */
export function openSlots(db: Executor, shopId: string, pointIds: readonly string[], after: Date, limit: number) {
  return db
    .selectFrom('pickup_slots')
    .select(['id', 'point_id', 'starts_at', 'ends_at', 'capacity', 'taken'])
    .where('shop_id', '=', shopId)
    .where('point_id', '=', sql<string>`any(${[...pointIds]})`)
    .where('starts_at', '>', after)
    .where('closed_at', 'is', null)
    .where((eb) => eb('taken', '<', eb.ref('capacity')))
    .orderBy('starts_at')
    .orderBy('point_id')
    .limit(limit)
    .execute();
}

export type TakenSlot = { id: string; starts_at: Date; ends_at: Date };

/**
 * The guard (DESIGN.md §8): one statement takes a place in the slot only while it has room, is
 * open and starts after `after`; its row stays locked until the order commits, so concurrent
 * buyers never exceed its capacity. Null when it could not.
 */
export async function takeChosenSlot(trx: Transaction<DB>, shopId: string, pointId: string, slotId: string, after: Date): Promise<TakenSlot | undefined> {
  return trx
    .updateTable('pickup_slots')
    .set((eb) => ({ taken: eb('taken', '+', 1) }))
    .where('shop_id', '=', shopId)
    .where('id', '=', slotId)
    .where('point_id', '=', pointId)
    .where('closed_at', 'is', null)
    .where('starts_at', '>', after)
    .where((eb) => eb('taken', '<', eb.ref('capacity')))
    .returning(['id', 'starts_at', 'ends_at'])
    .executeTakeFirst();
}

/** The same guard on the earliest slot with room in [after, before) — an order naming no slot. */
export async function takeEarliestSlot(trx: Transaction<DB>, shopId: string, pointId: string, after: Date, before: Date | null): Promise<TakenSlot | undefined> {
  let earliest = trx
    .selectFrom('pickup_slots')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('point_id', '=', pointId)
    .where('closed_at', 'is', null)
    .where('starts_at', '>', after)
    .where((eb) => eb('taken', '<', eb.ref('capacity')));
  if (before) earliest = earliest.where('starts_at', '<', before);
  return trx
    .updateTable('pickup_slots')
    .set((eb) => ({ taken: eb('taken', '+', 1) }))
    .where('shop_id', '=', shopId)
    .where('id', '=', earliest.orderBy('starts_at').limit(1).forUpdate().skipLocked())
    .where((eb) => eb('taken', '<', eb.ref('capacity')))
    .returning(['id', 'starts_at', 'ends_at'])
    .executeTakeFirst();
}

/** A slot as it is, to say why it could not be taken. */
export function slotById(db: Executor, shopId: string, slotId: string) {
  return db.selectFrom('pickup_slots').select(['id', 'point_id', 'starts_at', 'ends_at', 'capacity', 'taken', 'closed_at']).where('shop_id', '=', shopId).where('id', '=', slotId).executeTakeFirst();
}

/** Gives back the place an order held (its cancellation). */
export async function releaseSlot(trx: Transaction<DB>, shopId: string, slotId: string): Promise<void> {
  await trx.updateTable('pickup_slots').set((eb) => ({ taken: eb('taken', '-', 1) })).where('shop_id', '=', shopId).where('id', '=', slotId).where('taken', '>', 0).execute();
}

/** Every slot of the shop's points from `from` to `until`, for staff. */
export function slotsBetween(db: Executor, shopId: string, from: Date, until: Date) {
  return db
    .selectFrom('pickup_slots')
    .select(['id', 'point_id', 'starts_at', 'ends_at', 'capacity', 'taken', 'closed_at', 'closed_reason'])
    .where('shop_id', '=', shopId)
    .where('starts_at', '>=', from)
    .where('starts_at', '<', until)
    .orderBy('point_id')
    .orderBy('starts_at')
    .execute();
}

/**
 * The orders holding these slots (read from the orders' `delivery`, which names the slot), with
 * the customer's name: the staff's list per point and slot.
 */
export function ordersInSlots(db: Executor, shopId: string, slotIds: readonly string[]) {
  if (slotIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orders as o')
    .innerJoin('customers as c', (j) => j.onRef('c.shop_id', '=', 'o.shop_id').onRef('c.id', '=', 'o.customer_id'))
    .select(['o.id', 'o.number', 'o.status', 'o.gross_cents', 'c.first_name', 'c.last_name', sql<string>`o.delivery->>'slotId'`.as('slot_id')])
    .where('o.shop_id', '=', shopId)
    .where(sql<string>`o.delivery->>'slotId'`, '=', sql<string>`any(${[...slotIds]})`)
    .where('o.status', 'not in', ['cancelled', 'refused'])
    .orderBy('o.number')
    .execute();
}

/** Closes (with its reason) or reopens a slot of this shop; false when it has no such slot. */
export async function setSlotClosed(db: Executor, shopId: string, slotId: string, closedAt: Date | null, reason: string | null): Promise<boolean> {
  const done = await db.updateTable('pickup_slots').set({ closed_at: closedAt, closed_reason: reason }).where('shop_id', '=', shopId).where('id', '=', slotId).executeTakeFirst();
  return Number(done.numUpdatedRows) > 0;
}
