/**
 * Ending a contract for late delivery or force majeure (issue 11 §4–§5; L216-6, L216-7, L241-4;
 * C. civ. 1218; SPEC C12, C24), and what the customer's order page and the API show of it.
 *
 * `POST /shops/{shop}/orders/{id}/termination`: in one transaction that locks the order, orders'
 * rules say whether the customer (or, for force majeure, either party) may terminate today; the
 * order is then cancelled as any cancellation is (src/flows/cancel-order.ts: stock back, unless the
 * goods were shipped and are on their way; all sums paid owed back as customer credit; the
 * `cancelled` event with its reason `late_delivery` or `force_majeure`, the ground, the day and the
 * refund's due date), and the customer is told by e-mail. The refund itself is made by staff as any refund (payments); its day, read from the
 * order's refunds, decides the L241-4 surcharge shown here.
 */
import type { Kysely } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import type { Clock } from '../kernel/clock.ts';
import { DomainError } from '../kernel/errors.ts';
import { t } from '../kernel/i18n/index.ts';
import { money } from '../kernel/i18n/money.ts';
import { legalRateBp } from '../kernel/legal-rates.ts';
import type { StoredEvent } from '../legal/evidence/chain.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import { forceMajeureOfOrder } from '../orders/force-majeure.ts';
import { customerOf, judge, lockOwnOrder, longDay, TERMINATION_REASONS, type TerminationInput } from '../orders/late-delivery.ts';
import { checkTermination, lateDeliveryState, refundAfterTermination, type RefundAfterTermination, type TerminationGround } from '../orders/late-delivery-rules.ts';
import type { OrderRow } from '../orders/state.ts';
import { listRefunds } from '../payments/refunds/queries.ts';
import type { Shop } from '../shops/service.ts';
import { cancelOrder } from './cancel-order.ts';
import { customerLang } from '../shops/customer-language.ts';

type Deps = { db: Kysely<DB>; clock: Clock };
type Order = Pick<OrderRow, 'shop_id' | 'id' | 'status' | 'placed_at' | 'delivery' | 'customer_kind'>;

/** The `cancelled` event that terminated the contract under these rules, if any. */
function terminationEvent(events: readonly StoredEvent[]) {
  const e = events.find((x) => x.type === 'cancelled' && TERMINATION_REASONS.includes((x.data as { reason?: string }).reason as never));
  if (!e) return null;
  const data = e.data as { reason: string; ground?: TerminationGround; terminatedOn?: string; paidCents?: number };
  return { at: new Date(e.at), reason: data.reason, ground: data.ground ?? (data.reason === 'force_majeure' ? 'force_majeure' : 'notice_period_over'), terminatedOn: data.terminatedOn ?? null, amountCents: data.paidCents ?? 0 };
}

/**
 * The day the refund was made: the day of the refund (not failed, requested after the
 * termination) that brings what was refunded up to the sums due; null while it has not.
 */
async function refundedOn(db: Kysely<DB>, shop: Shop, orderId: string, after: Date, amountCents: number): Promise<Temporal.PlainDate | null> {
  if (amountCents === 0) return null;
  const refunds = (await listRefunds(db, shop.slug, { orderId })).filter((r) => r.status !== 'failed' && r.requested_at >= after).sort((a, b) => a.requested_at.getTime() - b.requested_at.getTime());
  let sum = 0;
  for (const r of refunds) {
    sum += Number(r.amount_cents);
    if (sum >= amountCents) return localDate(Temporal.Instant.fromEpochMilliseconds(r.requested_at.getTime()), shop.timeZone);
  }
  return null;
}

export type Verdict = { allowed: true; ground?: TerminationGround } | { allowed: false; code: string; params: Record<string, string | number> };

/** API shape of an order's late-delivery situation (issue 11 §4–§5), as of `today`. */
export type LateDeliveryJson = {
  orderId: string;
  status: string;
  promisedOn: string;
  promiseSource: 'agreed' | 'default';
  deliveryLatestOn: string;
  suspendedDays: number;
  late: boolean;
  notice: { sentOn: string; deliverBy: string } | null;
  directTerminationFrom: string | null;
  forceMajeureTerminationFrom: string | null;
  canSendNotice: Verdict;
  canTerminate: Verdict;
  forceMajeure: { id: string; scope: 'shop' | 'order'; cause: string; startsOn: string; endsOn: string | null }[];
  termination: (RefundAfterTermination & { terminatedOn: string; ground: TerminationGround; reason: string }) | null;
};

export async function lateDeliveryJson(db: Kysely<DB>, shop: Shop, order: Order, today: Temporal.PlainDate): Promise<LateDeliveryJson> {
  const [{ policy, facts, events }, periods] = await Promise.all([judge(db, shop, order), forceMajeureOfOrder(db, shop.slug, order.id)]);
  const state = lateDeliveryState(policy, facts, today);
  const ended = terminationEvent(events);
  let termination: LateDeliveryJson['termination'] = null;
  if (ended) {
    const terminatedOn = ended.terminatedOn ? Temporal.PlainDate.from(ended.terminatedOn) : localDate(Temporal.Instant.fromEpochMilliseconds(ended.at.getTime()), shop.timeZone);
    const refunded = await refundedOn(db, shop, order.id, ended.at, ended.amountCents);
    const dueOn = terminatedOn.add({ days: policy.refundWithinDays });
    const refund = refundAfterTermination(policy, { terminatedOn, ground: ended.ground, amountCents: ended.amountCents, refundedOn: refunded, legalRateBp: legalRateBp(shop.legalSystem, dueOn.add({ days: 1 })) }, today);
    termination = { terminatedOn: terminatedOn.toString(), ground: ended.ground, reason: ended.reason, ...refund };
  }
  const { canTerminate, canSendNotice, latestOn, ...rest } = state;
  return {
    orderId: order.id,
    status: order.status,
    ...rest,
    deliveryLatestOn: latestOn,
    canSendNotice,
    canTerminate,
    forceMajeure: periods,
    termination,
  };
}

/**
 * Terminates the contract today: the customer (`customerId`) on any ground the rules admit, or
 * the seller's staff (`null`) for force majeure only (C24: "either party"). Throws the refusal.
 */
export async function terminateContract(deps: Deps, shop: Shop, orderId: string, customerId: string | null, input: TerminationInput, actor: string): Promise<LateDeliveryJson> {
  if (customerId === null && input.ground !== 'force_majeure') throw new DomainError('termination_ground_not_for_staff', 'refused', {}, 'ground');
  const nowInstant = deps.clock.now();
  const now = new Date(nowInstant.epochMilliseconds);
  const today = localDate(nowInstant, shop.timeZone);
  await deps.db.transaction().execute(async (trx) => {
    const order = await lockOwnOrder(trx, shop.slug, orderId, customerId);
    const { policy, facts } = await judge(trx, shop, order);
    const ground = checkTermination(policy, facts, today, input.ground as TerminationGround | undefined);
    const refundDueOn = today.add({ days: policy.refundWithinDays });
    const customer = await customerOf(trx, shop.slug, order.customer_id);
    const lang = customerLang(shop, customer.language);
    const reason = ground === 'force_majeure' ? 'force_majeure' : 'late_delivery';
    const cancelled = await cancelOrder(trx, order, {
      reason,
      actor,
      at: now,
      now,
      ...(input.note && { note: input.note }),
      ...(facts.shippedOn && { goodsInTransit: true }),
      evidence: { ground, terminatedBy: customerId === null ? 'seller' : 'customer', terminatedOn: today.toString(), refundDueOn: refundDueOn.toString(), ...(facts.shippedOn && { goodsInTransit: true }) },
    });
    await enqueueEmail(
      trx,
      {
        shopId: shop.slug,
        to: customer.email,
        order: { id: order.id, lang },
        subject: t(lang, 'lateDelivery.mail.terminated.subject', { number: order.number }),
        text: t(lang, cancelled.paidCents > 0 ? 'lateDelivery.mail.terminated.body' : 'lateDelivery.mail.terminated.body_unpaid', {
          name: customer.first_name,
          number: order.number,
          shop: shop.name,
          on: longDay(lang, today.toString()),
          ground: t(lang, `lateDelivery.ground.${ground}`),
          amount: money(lang, cancelled.paidCents),
          dueOn: longDay(lang, refundDueOn.toString()),
        }),
      },
      now,
    );
  });
  const order = await deps.db.selectFrom('orders').select(['shop_id', 'id', 'status', 'placed_at', 'delivery', 'customer_kind']).where('shop_id', '=', shop.slug).where('id', '=', orderId).executeTakeFirstOrThrow();
  return lateDeliveryJson(deps.db, shop, order, today);
}
