/**
 * Appending to and verifying an order's evidence log. Appends lock the order row first, so two
 * events recorded at once for the same order are chained one after the other, never forked; the
 * order row keeps the chain's head, so verifying shows a log cut short (issue 8 §11).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type ChainCheck, chainEvents, eventHash, GENESIS, type StoredEvent } from './chain.ts';
import { checkEvidence } from './completeness.ts';
import { eventsByOrder, orderKey, ordersAsStored, type Purge, purgesByOrder, rowToEvent } from './queries.ts';

export type NewEvent = { shopId: string; orderId: string; type: string; at: Date; actor: string; data: Record<string, unknown> };

/**
 * Appends one event; the caller's transaction must have created or locked the order row. The
 * order row holds the chain's head and count, so the previous hash is read there (for a new
 * order: the genesis), and the event and the order's new head are written by one statement: a
 * log cut short later no longer matches its order (issue 8 §11). The guard on the count refuses
 * to fork the chain if the order row was not locked.
 */
export async function appendEvent(trx: Transaction<DB>, event: NewEvent, recordedAt: Date, head?: { evidence_head: string; evidence_count: number }): Promise<StoredEvent> {
  // `head`: the chain's head as the caller just wrote it (a new order's first step); the guard on
  // the count below still refuses to fork the chain if it moved meanwhile.
  const order = head ?? (await trx.selectFrom('orders').select(['evidence_head', 'evidence_count']).where('shop_id', '=', event.shopId).where('id', '=', event.orderId).executeTakeFirstOrThrow());
  const prevHash = order.evidence_head ?? GENESIS;
  const chained = {
    seq: order.evidence_count + 1,
    type: event.type,
    at: event.at.toISOString(),
    recordedAt: recordedAt.toISOString(),
    actor: event.actor,
    data: event.data,
  };
  const hash = eventHash(prevHash, chained);
  const moved = await trx
    .with('appended', (db) =>
      db
        .insertInto('order_events')
        .values({ shop_id: event.shopId, order_id: event.orderId, seq: chained.seq, type: chained.type, at: event.at, recorded_at: recordedAt, actor: chained.actor, data: JSON.stringify(chained.data), prev_hash: prevHash, hash })
        .returning('seq'),
    )
    .updateTable('orders')
    .set({ evidence_head: hash, evidence_count: chained.seq })
    .where('shop_id', '=', event.shopId)
    .where('id', '=', event.orderId)
    .where('evidence_count', '=', order.evidence_count)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) throw new Error(`evidence of order ${event.orderId} moved during an append: lock the order row first`);
  return { ...chained, prevHash, hash };
}

/**
 * The first events of an order written in this very transaction: the chain starts at the genesis,
 * so nothing is read; the events and the order's head are written by one statement (issue 9). The
 * guard on the count (still 0) refuses to run on an order that already has evidence.
 */
export async function appendNewOrderEvents(trx: Transaction<DB>, events: readonly NewEvent[], recordedAt: Date): Promise<StoredEvent[]> {
  const first = events[0];
  if (!first) return [];
  const stored = chainEvents(events.map((event) => ({ type: event.type, at: event.at.toISOString(), recordedAt: recordedAt.toISOString(), actor: event.actor, data: event.data })));
  const head = stored[stored.length - 1] as StoredEvent;
  const moved = await trx
    .with('appended', (db) =>
      db
        .insertInto('order_events')
        .values(stored.map((e, i) => ({ shop_id: first.shopId, order_id: first.orderId, seq: e.seq, type: e.type, at: (events[i] as NewEvent).at, recorded_at: recordedAt, actor: e.actor, data: JSON.stringify(e.data), prev_hash: e.prevHash, hash: e.hash })))
        .returning('seq'),
    )
    .updateTable('orders')
    .set({ evidence_head: head.hash, evidence_count: head.seq })
    .where('shop_id', '=', first.shopId)
    .where('id', '=', first.orderId)
    .where('evidence_count', '=', 0)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) throw new Error(`order ${first.orderId} already has evidence: use appendEvent`);
  return stored;
}

/** Locks the order row so events of one order are appended one at a time. */
export async function lockOrderForEvents(trx: Transaction<DB>, shopId: string, orderId: string): Promise<boolean> {
  const row = await trx.selectFrom('orders').select('id').where('shop_id', '=', shopId).where('id', '=', orderId).forUpdate().executeTakeFirst();
  return row !== undefined;
}

export async function orderEvents(db: Kysely<DB> | Transaction<DB>, shopId: string, orderId: string): Promise<StoredEvent[]> {
  const rows = await db.selectFrom('order_events').selectAll().where('shop_id', '=', shopId).where('order_id', '=', orderId).orderBy('seq').execute();
  return rows.map(rowToEvent);
}

export type OrderVerdict = { shopId: string; orderId: string; check: ChainCheck };

/** A purged order has no evidence left to verify: the purge log says who removed it, when and why. */
const purgedCheck = (p: Purge): ChainCheck => ({ verified: false, brokenAt: null, reason: `evidence purged on ${p.purged_at.toISOString()} by ${p.purged_by}: ${p.reason}` });

export async function verifyOrder(db: Kysely<DB>, shopId: string, orderId: string): Promise<ChainCheck & { events: StoredEvent[] }> {
  const scope = { shopId, orderId };
  const [events, orders, purges] = [await orderEvents(db, shopId, orderId), await ordersAsStored(db, scope), await purgesByOrder(db, scope)];
  const purge = purges.get(orderKey(shopId, orderId));
  const order = orders[0];
  if (purge) return { ...purgedCheck(purge), events };
  if (!order) return { verified: false, brokenAt: null, reason: 'no such order', events };
  return { ...checkEvidence(events, order.order), events };
}

/**
 * Verifies every order of every shop (or one shop): the `comptoir verify` command. Each order's
 * chain, its head and count, and its agreement with the `placed` event (completeness.ts).
 */
export async function verifyAll(db: Kysely<DB>, shopId?: string): Promise<{ orders: number; tampered: OrderVerdict[]; purged: OrderVerdict[] }> {
  const scope = { shopId };
  const [orders, events, purges] = [await ordersAsStored(db, scope), await eventsByOrder(db, scope), await purgesByOrder(db, scope)];
  const tampered: OrderVerdict[] = [];
  const purged: OrderVerdict[] = [];
  for (const o of orders) {
    const key = orderKey(o.shopId, o.orderId);
    const purge = purges.get(key);
    if (purge) {
      purged.push({ shopId: o.shopId, orderId: o.orderId, check: purgedCheck(purge) });
      continue;
    }
    const check = checkEvidence(events.get(key) ?? [], o.order);
    if (!check.verified) tampered.push({ shopId: o.shopId, orderId: o.orderId, check });
  }
  return { orders: orders.length, tampered, purged };
}
