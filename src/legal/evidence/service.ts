/**
 * Appending to and verifying an order's evidence log. Appends lock the order row first, so two
 * events recorded at once for the same order are chained one after the other, never forked; the
 * order row keeps the chain's head, so verifying shows a log cut short (issue 8 §11).
 */
import type { Kysely, Transaction } from 'kysely';
import { insertFromJson } from '../../db/insert-from-json.ts';
import { type Precompiled, precompile } from '../../db/precompiled.ts';
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
  const row = { seq: chained.seq, type: chained.type, at: event.at, actor: chained.actor, data: JSON.stringify(chained.data), prevHash, hash };
  const moved = await insertEventsMovingHead(trx, { shopId: event.shopId, orderId: event.orderId, recordedAt, events: [row], count: order.evidence_count, head: hash, newCount: chained.seq });
  if (Number(moved) !== 1) throw new Error(`evidence of order ${event.orderId} moved during an append: lock the order row first`);
  return { ...chained, prevHash, hash };
}

type EventRow = { seq: number; type: string; at: Date; actor: string; data: string; prevHash: string; hash: string };
type Appending = { shopId: string; orderId: string; recordedAt: Date; events: EventRow[]; count: number; head: string; newCount: number };

const appendStatements = new Map<number, Precompiled<Record<string, unknown>, unknown>>();

/**
 * Inserts the events and moves the order's head in one statement, if the order's count is still
 * `count`; the number of rows changed (1, or 0 when the chain moved). Compiled once per number of
 * events (src/db/precompiled.ts): it runs on every order and every payment. The statement takes
 * its values by name: `e0_seq` is the first event's seq.
 */
async function insertEventsMovingHead(trx: Transaction<DB>, a: Appending): Promise<bigint> {
  const n = a.events.length;
  let statement = appendStatements.get(n);
  if (!statement) {
    statement = precompile((db, p: Record<string, unknown>) =>
      db
        .with('appended', (w) =>
          w
            .insertInto('order_events')
            .values(Array.from({ length: n }, (_, i) => ({ shop_id: p.shopId as string, order_id: p.orderId as string, seq: p[`e${i}_seq`] as number, type: p[`e${i}_type`] as string, at: p[`e${i}_at`] as Date, recorded_at: p.recordedAt as Date, actor: p[`e${i}_actor`] as string, data: p[`e${i}_data`] as string, prev_hash: p[`e${i}_prevHash`] as string, hash: p[`e${i}_hash`] as string })))
            .returning('seq'),
        )
        .updateTable('orders')
        .set({ evidence_head: p.head as string, evidence_count: p.newCount as number })
        .where('shop_id', '=', p.shopId as string)
        .where('id', '=', p.orderId as string)
        .where('evidence_count', '=', p.count as number),
    );
    appendStatements.set(n, statement);
  }
  const params: Record<string, unknown> = { shopId: a.shopId, orderId: a.orderId, recordedAt: a.recordedAt, count: a.count, head: a.head, newCount: a.newCount };
  a.events.forEach((e, i) => {
    for (const [k, v] of Object.entries(e)) params[`e${i}_${k}`] = v;
  });
  return statement.affected(trx, params);
}

/**
 * A new order's first events, chained from the genesis with nothing read: the caller inserts the
 * order row with `head` already in it, then the events with `insertNewOrderEvents` (issue 9: an
 * update of the row just inserted re-ran its foreign-key checks, about 0.1 ms of the server's CPU
 * per order). The order row and its log agree at the commit as after `appendEvent`.
 */
export function chainNewOrderEvents(events: readonly NewEvent[], recordedAt: Date): { stored: StoredEvent[]; head: { evidence_head: string; evidence_count: number } } {
  const stored = chainEvents(events.map((event) => ({ type: event.type, at: event.at.toISOString(), recordedAt: recordedAt.toISOString(), actor: event.actor, data: event.data })));
  const last = stored[stored.length - 1];
  return { stored, head: last ? { evidence_head: last.hash, evidence_count: last.seq } : { evidence_head: GENESIS, evidence_count: 0 } };
}

/**
 * What `chainNewOrderEvents` chained, as `order_events` rows in JSON, for the statement that writes
 * them with their order (`orderEventsInsertFromJson`): the order row, with their head, is in it.
 */
export function newOrderEventRows(events: readonly NewEvent[], stored: readonly StoredEvent[], recordedAt: Date): Record<string, unknown>[] {
  return stored.map((e, i) => {
    const event = events[i] as NewEvent;
    return { shop_id: event.shopId, order_id: event.orderId, seq: e.seq, type: e.type, at: event.at, recorded_at: recordedAt, actor: e.actor, data: e.data, prev_hash: e.prevHash, hash: e.hash };
  });
}

/** The INSERT of `newOrderEventRows`' rows, as a part of the caller's statement (src/db/insert-from-json.ts). */
export const orderEventsInsertFromJson = (rows: unknown) =>
  insertFromJson('order_events', ['shop_id', 'order_id', 'seq', 'type', 'at', 'recorded_at', 'actor', 'data', 'prev_hash', 'hash'], rows, 'many');

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
