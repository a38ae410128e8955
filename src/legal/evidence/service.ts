/**
 * Appending to and verifying an order's evidence log. Appends lock the order row first, so two
 * events recorded at once for the same order are chained one after the other, never forked.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, OrderEventsTable } from '../../db/schema.ts';
import { type ChainCheck, eventHash, GENESIS, type StoredEvent, verifyChain } from './chain.ts';

export type NewEvent = { shopId: string; orderId: string; type: string; at: Date; actor: string; data: Record<string, unknown> };

/** Appends one event; the caller's transaction must have created or locked the order row. */
export async function appendEvent(trx: Transaction<DB>, event: NewEvent, recordedAt: Date): Promise<StoredEvent> {
  const last = await trx
    .selectFrom('order_events')
    .select(['seq', 'hash'])
    .where('shop_id', '=', event.shopId)
    .where('order_id', '=', event.orderId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS;
  const chained = {
    seq: (last?.seq ?? 0) + 1,
    type: event.type,
    at: event.at.toISOString(),
    recordedAt: recordedAt.toISOString(),
    actor: event.actor,
    data: event.data,
  };
  const hash = eventHash(prevHash, chained);
  await trx
    .insertInto('order_events')
    .values({
      shop_id: event.shopId,
      order_id: event.orderId,
      seq: chained.seq,
      type: chained.type,
      at: event.at,
      recorded_at: recordedAt,
      actor: chained.actor,
      data: JSON.stringify(chained.data),
      prev_hash: prevHash,
      hash,
    })
    .execute();
  return { ...chained, prevHash, hash };
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

function rowToEvent(r: Selectable<OrderEventsTable>): StoredEvent {
  return { seq: r.seq, type: r.type, at: r.at.toISOString(), recordedAt: r.recorded_at.toISOString(), actor: r.actor, data: r.data as unknown as Record<string, unknown>, prevHash: r.prev_hash, hash: r.hash };
}

export async function verifyOrder(db: Kysely<DB>, shopId: string, orderId: string): Promise<ChainCheck & { events: StoredEvent[] }> {
  const events = await orderEvents(db, shopId, orderId);
  if (events.length === 0) return { verified: false, brokenAt: null, reason: 'no events', events };
  return { ...verifyChain(events), events };
}

/** Verifies every order of every shop (or one shop): the `comptoir verify` command. */
export async function verifyAll(db: Kysely<DB>, shopId?: string): Promise<{ orders: number; tampered: { shopId: string; orderId: string; check: ChainCheck }[] }> {
  let orders = db.selectFrom('orders').select(['shop_id', 'id']);
  let events = db.selectFrom('order_events').selectAll().orderBy('shop_id').orderBy('order_id').orderBy('seq');
  if (shopId) {
    orders = orders.where('shop_id', '=', shopId);
    events = events.where('shop_id', '=', shopId);
  }
  const byOrder = new Map<string, StoredEvent[]>();
  for (const r of await events.execute()) {
    const key = `${r.shop_id}/${r.order_id}`;
    const list = byOrder.get(key) ?? [];
    list.push(rowToEvent(r));
    byOrder.set(key, list);
  }
  const all = await orders.execute();
  const tampered: { shopId: string; orderId: string; check: ChainCheck }[] = [];
  for (const o of all) {
    const list = byOrder.get(`${o.shop_id}/${o.id}`) ?? [];
    const check = list.length === 0 ? { verified: false, brokenAt: null, reason: 'no events' } : verifyChain(list);
    if (!check.verified) tampered.push({ shopId: o.shop_id, orderId: o.id, check });
  }
  return { orders: all.length, tampered };
}
