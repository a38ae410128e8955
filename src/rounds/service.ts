/**
 * The rounds capability's tables (`volunteer_rounds`, `round_stops`), written only here (STYLE.md
 * §5). Which orders a round may take, and what a delivery records on the order, are the flows'
 * (src/flows/volunteer-rounds.ts): this file never reads an order.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB, RoundStopsTable, VolunteerRoundsTable } from '../db/schema.ts';
import { DomainError, notFound } from '../kernel/errors.ts';
import { isUuid, randomToken, sha256Hex } from '../kernel/ids.ts';
import { moveStop, sheetExpiresAt, type StopOutcome } from './rules.ts';
import type { StopDetailsInput, VolunteerInput } from './schema.ts';

export type RoundRow = Selectable<VolunteerRoundsTable>;
export type StopRow = Selectable<RoundStopsTable>;
type Db = Kysely<DB> | Transaction<DB>;

/** A new round's stops, in their order, with what the volunteer will see at the door. */
export type NewStop = { orderId: string; phone: string | null; doorNotes: string | null };

/** A unique violation of `round_stops_one_round`: the order is already on another round. */
function isTaken(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e.code === '23505' && (e.constraint === 'round_stops_one_round' || /round_stops_one_round/.test(e.message ?? ''));
}

export async function createRound(trx: Transaction<DB>, shopId: string, round: { name: string; zone: string; roundOn: string }, stops: readonly NewStop[], actor: string, now: Date): Promise<string> {
  const id = randomUUID();
  await trx.insertInto('volunteer_rounds').values({ shop_id: shopId, id, name: round.name, zone: round.zone, round_on: round.roundOn, volunteer_name: null, volunteer_phone: null, volunteer_email: null, sheet_token_hash: null, sheet_expires_at: null, created_by: actor, created_at: now }).execute();
  try {
    await trx
      .insertInto('round_stops')
      .values(stops.map((s, position) => ({ shop_id: shopId, round_id: id, order_id: s.orderId, position, phone: s.phone, door_notes: s.doorNotes, outcome: null, outcome_at: null, outcome_note: null })))
      .execute();
  } catch (error) {
    if (isTaken(error)) throw new DomainError('round_order_taken', 'conflict', {}, 'orderIds');
    throw error;
  }
  return id;
}

/** Orders on a round still to deliver or delivered: not offered for another round. */
export async function ordersOnRounds(db: Db, shopId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('round_stops').select('order_id').where('shop_id', '=', shopId).where((w) => w.or([w('outcome', 'is', null), w('outcome', '=', 'delivered')])).execute();
  return new Set(rows.map((r) => r.order_id));
}

export type RoundSummary = RoundRow & { stops: number; delivered: number; absent: number };

/** The shop's rounds, the latest day first, with their counts. */
export async function listRounds(db: Db, shopId: string): Promise<RoundSummary[]> {
  const rounds = await db.selectFrom('volunteer_rounds').selectAll().where('shop_id', '=', shopId).orderBy('round_on', 'desc').orderBy('created_at', 'desc').limit(200).execute();
  const stops = await db.selectFrom('round_stops').select(['round_id', 'outcome']).where('shop_id', '=', shopId).execute();
  return rounds.map((r) => {
    const mine = stops.filter((s) => s.round_id === r.id);
    return { ...r, stops: mine.length, delivered: mine.filter((s) => s.outcome === 'delivered').length, absent: mine.filter((s) => s.outcome === 'absent').length };
  });
}

/** The round and its stops in their order, or 404. */
export async function roundWithStops(db: Db, shopId: string, roundId: string): Promise<{ round: RoundRow; stops: StopRow[] }> {
  if (!isUuid(roundId)) throw notFound('round');
  const round = await db.selectFrom('volunteer_rounds').selectAll().where('shop_id', '=', shopId).where('id', '=', roundId).executeTakeFirst();
  if (!round) throw notFound('round');
  const stops = await db.selectFrom('round_stops').selectAll().where('shop_id', '=', shopId).where('round_id', '=', roundId).orderBy('position').execute();
  return { round, stops };
}

/** Puts the stops in the given order (every stop of the round, each once). */
export async function setStopOrder(db: Kysely<DB>, shopId: string, roundId: string, orderIds: readonly string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { stops } = await roundWithStops(trx, shopId, roundId);
    const known = new Set(stops.map((s) => s.order_id));
    if (orderIds.length !== known.size || orderIds.some((id) => !known.has(id))) throw new DomainError('invalid_request', 'malformed');
    for (const [position, orderId] of orderIds.entries()) {
      await trx.updateTable('round_stops').set({ position }).where('shop_id', '=', shopId).where('round_id', '=', roundId).where('order_id', '=', orderId).execute();
    }
  });
}

/** One stop a place up or down. */
export async function moveRoundStop(db: Kysely<DB>, shopId: string, roundId: string, orderId: string, direction: 'up' | 'down'): Promise<void> {
  const { stops } = await roundWithStops(db, shopId, roundId);
  if (!stops.some((s) => s.order_id === orderId)) throw notFound('stop');
  await setStopOrder(db, shopId, roundId, moveStop(stops.map((s) => s.order_id), orderId, direction));
}

export async function setVolunteer(db: Kysely<DB>, shopId: string, roundId: string, v: VolunteerInput): Promise<void> {
  await roundWithStops(db, shopId, roundId);
  await db.updateTable('volunteer_rounds').set({ volunteer_name: v.name, volunteer_phone: v.phone, volunteer_email: v.email ?? null }).where('shop_id', '=', shopId).where('id', '=', roundId).execute();
}

export async function setStopDetails(db: Kysely<DB>, shopId: string, roundId: string, orderId: string, d: StopDetailsInput): Promise<void> {
  if (!isUuid(orderId)) throw notFound('stop');
  const res = await db.updateTable('round_stops').set({ phone: d.phone ?? null, door_notes: d.doorNotes ?? null }).where('shop_id', '=', shopId).where('round_id', '=', roundId).where('order_id', '=', orderId).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw notFound('stop');
}

/**
 * A new run-sheet link for the round: a random token, of which only the SHA-256 is kept, valid
 * until 48 h after the round's day (rules.ts). The previous link stops working. Returns the token
 * (shown once, or e-mailed) and its expiry.
 */
export async function issueSheetToken(db: Kysely<DB> | Transaction<DB>, shopId: string, roundId: string, timeZone: string): Promise<{ token: string; expiresAt: Temporal.Instant }> {
  const { round } = await roundWithStops(db, shopId, roundId);
  const token = randomToken();
  const expiresAt = sheetExpiresAt(Temporal.PlainDate.from(round.round_on), timeZone);
  await db
    .updateTable('volunteer_rounds')
    .set({ sheet_token_hash: sha256Hex(token), sheet_expires_at: new Date(expiresAt.epochMilliseconds) })
    .where('shop_id', '=', shopId)
    .where('id', '=', roundId)
    .execute();
  return { token, expiresAt };
}

/** The round a run-sheet token opens (expired or not: the caller judges), or undefined. */
export async function roundBySheetToken(db: Db, shopId: string, token: string): Promise<RoundRow | undefined> {
  if (token.length < 20 || token.length > 100) return undefined;
  return db.selectFrom('volunteer_rounds').selectAll().where('shop_id', '=', shopId).where('sheet_token_hash', '=', sha256Hex(token)).executeTakeFirst();
}

/** The stop, locked until the caller's transaction ends (two taps on one stop apply one after the other). */
export function lockStop(trx: Transaction<DB>, shopId: string, roundId: string, orderId: string): Promise<StopRow | undefined> {
  if (!isUuid(orderId)) return Promise.resolve(undefined);
  return trx.selectFrom('round_stops').selectAll().where('shop_id', '=', shopId).where('round_id', '=', roundId).where('order_id', '=', orderId).forUpdate().executeTakeFirst();
}

/** The stop's outcome; an absent stop whose order has meanwhile joined another round cannot become delivered here. */
export async function setStopOutcome(trx: Transaction<DB>, stop: Pick<StopRow, 'shop_id' | 'round_id' | 'order_id'>, outcome: StopOutcome, at: Date, note: string | undefined): Promise<void> {
  try {
    await trx
      .updateTable('round_stops')
      .set({ outcome, outcome_at: at, outcome_note: note ?? null })
      .where('shop_id', '=', stop.shop_id)
      .where('round_id', '=', stop.round_id)
      .where('order_id', '=', stop.order_id)
      .execute();
  } catch (error) {
    if (isTaken(error)) throw new DomainError('round_order_taken', 'conflict', {}, 'outcome');
    throw error;
  }
}

/**
 * The round each of these orders is on (issue 12 §6, the member's side): only the round's day and
 * the stop's outcome — never the volunteer's name, phone or e-mail, nor other stops. A stop marked
 * absent gives way to a later round the order joined.
 */
export async function roundDaysOf(db: Db, shopId: string, orderIds: readonly string[]): Promise<Map<string, { roundOn: string; outcome: string | null }>> {
  const ids = orderIds.filter(isUuid);
  const found = new Map<string, { roundOn: string; outcome: string | null }>();
  if (ids.length === 0) return found;
  const rows = await db
    .selectFrom('round_stops')
    .innerJoin('volunteer_rounds', (join) => join.onRef('volunteer_rounds.shop_id', '=', 'round_stops.shop_id').onRef('volunteer_rounds.id', '=', 'round_stops.round_id'))
    .select(['round_stops.order_id', 'round_stops.outcome', 'volunteer_rounds.round_on'])
    .where('round_stops.shop_id', '=', shopId)
    .where('round_stops.order_id', 'in', ids)
    .orderBy('volunteer_rounds.round_on')
    .execute();
  for (const r of rows) {
    const seen = found.get(r.order_id);
    if (!seen || seen.outcome === 'absent') found.set(r.order_id, { roundOn: r.round_on, outcome: r.outcome });
  }
  return found;
}
