/**
 * Volunteer rounds (issue 12 §4, SPEC C10, A-76) span two capabilities: rounds keeps the rounds,
 * their stops and run-sheet links; orders says which orders a round may take and records the
 * delivery. A volunteer's "delivered" records the order's `delivered` event — preceded by
 * `shipped` for an order not yet out — in one transaction that locks the stop, then the order:
 * it starts the withdrawal and warranty periods (orders' JSON then shows their deadlines).
 */
import type { Kysely } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import type { Clock } from '../kernel/clock.ts';
import { DomainError, notFound } from '../kernel/errors.ts';
import { type Lang, t } from '../kernel/i18n/index.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import { admitFact, recordFact } from '../orders/events.ts';
import { type RoundOrder, roundOrders, volunteerOrders } from '../orders/round-orders.ts';
import { lockOrder, type OrderRow } from '../orders/state.ts';
import { paymentDatesFixedBy } from '../payments/payment-dates.ts';
import type { StripeGateway } from '../payments/card/stripe-client.ts';
import { deliveryFacts, isSheetExpired, markDecision, ROUND_READY_STATUSES, sortByPostcode } from '../rounds/rules.ts';
import type { MarkStopInput, NewRoundInput } from '../rounds/schema.ts';
import { createRound, issueSheetToken, lockStop, ordersOnRounds, type RoundRow, roundBySheetToken, roundWithStops, setStopOrder, setStopOutcome, type StopRow } from '../rounds/service.ts';
import type { Shop } from '../shops/service.ts';
import { afterShipped } from './record-order-event.ts';

type Deps = { db: Kysely<DB>; clock: Clock; stripe: StripeGateway | null };

/** Orders a new round may take: home delivery by members, ready, on no other round. */
export async function eligibleOrders(db: Kysely<DB>, shop: Shop): Promise<RoundOrder[]> {
  const [orders, taken] = await Promise.all([volunteerOrders(db, shop.slug, ROUND_READY_STATUSES), ordersOnRounds(db, shop.slug)]);
  return orders.filter((o) => !taken.has(o.id));
}

const addressOf = (o: RoundOrder) => ({ orderId: o.id, postalCode: o.address?.postalCode ?? '', city: o.address?.city ?? '', line1: o.address?.line1 ?? '' });

/** A round of the chosen orders, its stops sorted by postcode; refused if one is not eligible (any more). */
export async function createRoundFromOrders(deps: Pick<Deps, 'db' | 'clock'>, shop: Shop, input: NewRoundInput, actor: string): Promise<string> {
  const eligible = new Map((await eligibleOrders(deps.db, shop)).map((o) => [o.id, o]));
  const chosen = [...new Set(input.orderIds)].map((id) => eligible.get(id));
  if (chosen.some((o) => o === undefined)) throw new DomainError('round_order_not_eligible', 'refused', {}, 'orderIds');
  const orders = chosen as RoundOrder[];
  const byId = new Map(orders.map((o) => [o.id, o]));
  const stops = sortByPostcode(orders.map(addressOf)).map((id) => {
    const o = byId.get(id) as RoundOrder;
    return { orderId: id, phone: o.phone, doorNotes: o.doorNotes };
  });
  const now = new Date(deps.clock.now().epochMilliseconds);
  return deps.db.transaction().execute((trx) => createRound(trx, shop.slug, { name: input.name, zone: input.zone, roundOn: input.roundOn }, stops, actor, now));
}

export type RoundStop = StopRow & { order: RoundOrder | undefined };

/** A round with its stops in order, each with its order as a round shows it. */
export async function roundDetails(db: Kysely<DB>, shop: Shop, roundId: string): Promise<{ round: RoundRow; stops: RoundStop[] }> {
  const { round, stops } = await roundWithStops(db, shop.slug, roundId);
  const orders = new Map((await roundOrders(db, shop.slug, stops.map((s) => s.order_id))).map((o) => [o.id, o]));
  return { round, stops: stops.map((s) => ({ ...s, order: orders.get(s.order_id) })) };
}

/** The stops sorted by postcode, commune, street and number. */
export async function sortRoundByPostcode(db: Kysely<DB>, shop: Shop, roundId: string): Promise<void> {
  const { stops } = await roundDetails(db, shop, roundId);
  const sorted = sortByPostcode(stops.map((s) => ({ orderId: s.order_id, postalCode: s.order?.address?.postalCode ?? '', city: s.order?.address?.city ?? '', line1: s.order?.address?.line1 ?? '' })));
  await setStopOrder(db, shop.slug, roundId, sorted);
}

/**
 * A new run-sheet link (the previous one stops working), built on the platform's public origin
 * (configuration, never the request: src/web/urls.ts). E-mailed through the outbox to the
 * volunteer when the round has their e-mail; returned for staff to share otherwise.
 */
export async function newSheetLink(deps: Pick<Deps, 'db' | 'clock'>, shop: Shop, roundId: string, publicOrigin: string, lang: Lang): Promise<{ url: string; expiresAt: Temporal.Instant; emailedTo: string | null }> {
  return deps.db.transaction().execute(async (trx) => {
    const { round } = await roundWithStops(trx, shop.slug, roundId);
    const { token, expiresAt } = await issueSheetToken(trx, shop.slug, roundId, shop.timeZone);
    const url = `${publicOrigin}/shops/${shop.slug}/run-sheet?token=${token}`;
    const until = expiresAt.toZonedDateTimeISO(shop.timeZone).toPlainDateTime().toString().slice(0, 16).replace('T', ' ');
    if (round.volunteer_email) {
      const text = t(lang, 'rounds.email.body', { volunteer: round.volunteer_name ?? '', round: round.name, day: round.round_on, url, until, shop: shop.name });
      await enqueueEmail(trx, { shopId: shop.slug, to: round.volunteer_email, subject: t(lang, 'rounds.email.subject', { round: round.name, shop: shop.name }), text }, new Date(deps.clock.now().epochMilliseconds));
    }
    return { url, expiresAt, emailedTo: round.volunteer_email };
  });
}

export type RunSheet = { state: 'unknown' } | { state: 'expired' } | { state: 'open'; round: RoundRow; stops: RoundStop[] };

/** What a run-sheet link opens: nothing for an unknown, replaced or expired link. */
export async function openRunSheet(deps: Pick<Deps, 'db' | 'clock'>, shop: Shop, token: string): Promise<RunSheet> {
  const round = await roundBySheetToken(deps.db, shop.slug, token);
  if (!round?.sheet_expires_at) return { state: 'unknown' };
  if (isSheetExpired(Temporal.Instant.fromEpochMilliseconds(round.sheet_expires_at.getTime()), deps.clock.now())) return { state: 'expired' };
  return { state: 'open', ...(await roundDetails(deps.db, shop, round.id)) };
}

export type Marked = { changed: boolean; outcome: 'delivered' | 'absent'; at: Date };

/**
 * The volunteer marks a stop delivered (now) or absent (with a note). Delivered records the
 * order's facts with the actor `volunteer:<round id>`; marking again changes nothing; a cancelled
 * order is refused with its reason. Throws `run_sheet_expired` (the page says so) or 404.
 */
export async function markStop(deps: Deps, shop: Shop, token: string, orderId: string, input: MarkStopInput): Promise<Marked> {
  const nowInstant = deps.clock.now();
  const now = new Date(nowInstant.epochMilliseconds);
  const on = localDate(nowInstant, shop.timeZone);
  let shipped = false;
  let actor = '';
  const marked = await deps.db.transaction().execute(async (trx): Promise<Marked> => {
    const round = await roundBySheetToken(trx, shop.slug, token);
    if (!round?.sheet_expires_at) throw notFound('run_sheet');
    if (isSheetExpired(Temporal.Instant.fromEpochMilliseconds(round.sheet_expires_at.getTime()), nowInstant)) throw new DomainError('run_sheet_expired', 'not_found');
    const stop = await lockStop(trx, shop.slug, round.id, orderId);
    if (!stop) throw notFound('stop');
    const order = await lockOrder(trx, shop.slug, orderId);
    if (!order) throw notFound('order');
    const decision = markDecision(stop.outcome, input.outcome, order.status);
    if ('refused' in decision) throw new DomainError(decision.refused, 'refused', { number: order.number }, 'outcome');
    if (decision.do === 'nothing' || (stop.outcome === 'absent' && input.outcome === 'absent' && (input.note ?? null) === stop.outcome_note)) {
      return { changed: false, outcome: input.outcome, at: stop.outcome_at ?? now };
    }
    actor = `volunteer:${round.id}`;
    if (input.outcome === 'delivered') {
      let current: OrderRow = order;
      for (const type of deliveryFacts(order.status)) {
        const fact = { type, at: nowInstant.toString(), ...(input.note && { note: input.note }) } as const;
        const statusTo = admitFact(current, fact, now);
        const dates = await paymentDatesFixedBy(trx, shop, current, { type, on });
        await recordFact(trx, { order: current, input: fact, actor, at: now, now, on }, statusTo, dates);
        current = { ...current, status: statusTo, ...dates };
        if (type === 'shipped') shipped = true;
      }
    }
    await setStopOutcome(trx, stop, input.outcome, now, input.note);
    return { changed: true, outcome: input.outcome, at: now };
  });
  // An authorised card payment is taken when the goods leave (004 art.4 O9b); none at Coopso.
  if (shipped) await afterShipped(deps, shop, orderId, actor);
  return marked;
}
