/**
 * Customer changes (issue 11 §3, SPEC C11; API `POST …/orders/{id}/cancellation`, `…/modification`
 * and staff's answer `POST …/orders/{id}/change-requests/{requestId}/decision`). Each runs in one
 * transaction that locks the order first, so the rules judge facts nobody else is changing, and two
 * staff answering one request at once see one win and the other `change_request_already_decided`.
 *
 * A cancellation the terms and the law allow now goes through src/flows/cancel-order.ts (stock
 * back, the money kept or owed as the rules decided, the rest owed back to the customer, the
 * evidence event with the customer as actor and the basis as reason). A request (001, 003, silent
 * terms; any modification) is an evidence event, and the shop's staff are told by e-mail through
 * the outbox; the customer is told of the answer the same way.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import type { Clock } from '../kernel/clock.ts';
import { DomainError, notFound } from '../kernel/errors.ts';
import { type MessageKey, t } from '../kernel/i18n/index.ts';
import { isUuid } from '../kernel/ids.ts';
import { appendEvent } from '../legal/evidence/service.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import { acceptedCancellation, cancellationOption, type Money, modificationOption, type Refusal, refundDueOn } from '../orders/customer-change-rules.ts';
import { CHANGE_DECIDED, CHANGE_REQUESTED, type ChangeKind, type ChangeRequest, changeFacts, changeRequests, SHIPMENT_PLANNED, termsOf } from '../orders/customer-changes.ts';
import { lockOrder, type OrderRow } from '../orders/state.ts';
import { paidSoFar } from '../payments/record-payment.ts';
import type { Shop } from '../shops/service.ts';
import { isSimulated } from '../payments/card/simulated.ts';
import type { StripeGateway } from '../payments/card/stripe-client.ts';
import type { CancellationReason } from '../payments/cancellation.ts';
import { completeOwedRefund, type StartedRefund, startOwedRefundIn } from '../payments/refunds/owed.ts';
import { paymentFacts } from '../payments/refunds/queries.ts';
import { cancelOrder } from './cancel-order.ts';
import { orderSide } from './record-payment.ts';
import { customerLang } from '../shops/customer-language.ts';

type Deps = { db: Kysely<DB>; clock: Clock; stripe?: StripeGateway | null };
type Ctx = { trx: Transaction<DB>; shop: Shop; order: OrderRow; now: Date; today: string; actor: string };

export type CancellationInput = { reason?: string | undefined; acceptedCostCents?: number | undefined };
export type ModificationInput = { message: string };
export type DecisionInput = { decision: 'accepted' | 'declined'; note?: string | undefined };

/** The refund sent back to the means paid with, when payments can (a card; a transfer whose account is known). */
export type RefundStarted = { id: string; method: string; amountCents: number; status: string };
export type CancellationResult =
  | ({ outcome: 'cancelled'; basis: string; refundDueOn: string; refund?: RefundStarted } & Money)
  | { outcome: 'requested'; request: ChangeRequest; ifAccepted: Money };

const CONFLICTS = new Set(['change_request_pending']);
const refuse = (r: Refusal): never => {
  throw new DomainError(r.code, CONFLICTS.has(r.code) ? 'conflict' : 'refused', r.params ?? {});
};

async function inOrder<T>(deps: Deps, shop: Shop, orderId: string, customerId: string | null, actor: string, work: (ctx: Ctx) => Promise<T>): Promise<T> {
  if (!isUuid(orderId)) throw notFound('order');
  const instant = deps.clock.now();
  const now = new Date(instant.epochMilliseconds);
  return deps.db.transaction().execute(async (trx) => {
    const order = await lockOrder(trx, shop.slug, orderId);
    // Another customer's order is "not found", as everywhere.
    if (!order || (customerId !== null && order.customer_id !== customerId)) throw notFound('order');
    return work({ trx, shop, order, now, today: localDate(instant, shop.timeZone).toString(), actor });
  });
}

const factsIn = async (ctx: Ctx) => changeFacts(ctx.trx, ctx.shop, ctx.order, await paidSoFar(ctx.trx, ctx.shop.slug, ctx.order.id), localDateOf(ctx.today));

/** The order's customer cancels now, or asks the shop to accept a cancellation. */
export async function cancelAsCustomer(deps: Deps, shop: Shop, orderId: string, customerId: string, input: CancellationInput, actor: string): Promise<CancellationResult> {
  let started: StartedRefund | null = null;
  const result: CancellationResult = await inOrder(deps, shop, orderId, customerId, actor, async (ctx): Promise<CancellationResult> => {
    const facts = await factsIn(ctx);
    const option = cancellationOption(termsOf(shop), facts, localDateOf(ctx.today));
    if (option.kind === 'refused') return refuse(option.refusal);
    if (option.kind === 'request') {
      const request = await recordRequest(ctx, 'cancellation', input.reason ?? '', { ifAccepted: option.ifAccepted });
      return { outcome: 'requested', request, ifAccepted: option.ifAccepted };
    }
    // A cost is never charged by surprise: the caller repeats the amount it was shown.
    if (option.costCents > 0 && input.acceptedCostCents !== option.costCents) {
      throw new DomainError('cancellation_cost_not_accepted', 'refused', { costCents: option.costCents }, 'acceptedCostCents');
    }
    const due = refundDueOn(localDateOf(ctx.today), option.refundWithinDays).toString();
    started = await cancelAndRefund(ctx, deps, option, {
      reason: 'by_customer', note: input.reason,
      evidence: { basis: option.basis, costCents: option.costCents, refundDueOn: due, ...(option.freeUntil && { freeUntil: option.freeUntil.toString() }) },
    });
    return { outcome: 'cancelled', basis: option.basis, refundDueOn: due, costCents: option.costCents, keptCents: option.keptCents, owedByCustomerCents: option.owedByCustomerCents, refundCents: option.refundCents };
  });
  const refund = await completeRefund(deps, shop, started, actor);
  return refund && result.outcome === 'cancelled' ? { ...result, refund } : result;
}

/**
 * Cancels through cancel-order.ts at the cost decided. What is owed back goes to the means paid
 * with when payments can send it there (L221-24: a card back to its card, a transfer to the
 * account the statement gave), started in this transaction; otherwise (a payment staff recorded
 * by hand) it stays the customer's credit, which staff refund from the customer's page.
 */
async function cancelAndRefund(ctx: Ctx, deps: Deps, money: Money, c: { reason: CancellationReason; note?: string | undefined; evidence: Record<string, unknown> }): Promise<StartedRefund | null> {
  const direct = money.refundCents > 0 && (await payerKnown(ctx, deps.stripe != null));
  await cancelOrder(ctx.trx, ctx.order, {
    reason: c.reason, actor: ctx.actor, at: ctx.now, now: ctx.now, ...(c.note && { note: c.note }), evidence: c.evidence,
    decided: { keptCents: money.keptCents, owedByCustomerCents: money.owedByCustomerCents, ...(direct && { refundsToPayer: true }) },
  });
  if (!direct) return null;
  return startOwedRefundIn({ trx: ctx.trx, shop: ctx.shop, now: ctx.now, actor: ctx.actor, orders: orderSide }, ctx.order.id, { amountCents: money.refundCents, reason: `cancellation (${String(c.evidence.basis)})` }, deps.stripe != null);
}

async function payerKnown(ctx: Ctx, hasStripe: boolean): Promise<boolean> {
  const payments = await paymentFacts(ctx.trx, ctx.shop.slug, ctx.order.id);
  const card = payments.find((p) => p.method === 'card' && p.providerRef !== null);
  if (card) return hasStripe || isSimulated(card.providerRef);
  return payments.some((p) => p.method === 'bank_transfer' && p.debtorIban !== null);
}

/** After the commit: a card refund goes to the provider (a simulated one succeeds at once). */
async function completeRefund(deps: Deps, shop: Shop, started: StartedRefund | null, actor: string): Promise<RefundStarted | undefined> {
  if (!started) return undefined;
  const r = await completeOwedRefund({ db: deps.db, clock: deps.clock, stripe: deps.stripe ?? null, orders: orderSide }, shop, started, actor);
  return { id: r.id, method: r.method, amountCents: r.amountCents, status: r.status };
}

/** The order's customer asks for a change; the shop accepts or declines it. */
export function requestModification(deps: Deps, shop: Shop, orderId: string, customerId: string, input: ModificationInput, actor: string): Promise<{ request: ChangeRequest; until: string | null }> {
  return inOrder(deps, shop, orderId, customerId, actor, async (ctx) => {
    const option = modificationOption(termsOf(shop), await factsIn(ctx), localDateOf(ctx.today));
    if (option.kind === 'refused') return refuse(option.refusal);
    const request = await recordRequest(ctx, 'modification', input.message, { basis: option.basis, ...(option.until && { until: option.until.toString() }) });
    return { request, until: option.until?.toString() ?? null };
  });
}

async function recordRequest(ctx: Ctx, kind: ChangeKind, message: string, more: Record<string, unknown>): Promise<ChangeRequest> {
  const requestId = randomUUID();
  await appendEvent(ctx.trx, { shopId: ctx.shop.slug, orderId: ctx.order.id, type: CHANGE_REQUESTED, at: ctx.now, actor: ctx.actor, data: { requestId, kind, message, requestedOn: ctx.today, ...more } }, ctx.now);
  const staff = await ctx.trx.selectFrom('staff').select('email').where('shop_id', '=', ctx.shop.slug).orderBy('email').execute();
  const lang = ctx.shop.language;
  const params = { number: ctx.order.number, kind: t(lang, `changes.kind.${kind}` as MessageKey), message: message || '—' };
  for (const { email } of staff) {
    await enqueueEmail(ctx.trx, { shopId: ctx.shop.slug, to: email, subject: t(lang, 'changes.staffMail.subject', params), text: t(lang, 'changes.staffMail.body', params) }, ctx.now);
  }
  return { id: requestId, kind, message, requestedAt: ctx.now.toISOString(), requestedOn: ctx.today, status: 'pending' };
}

/**
 * Staff accept or decline a request. An accepted cancellation cancels the order at the cost the
 * terms set (003 art.2.7 / 21.1); a declined modification under 004 art.2 voids the order and the
 * sums paid are due back within 7 days of this answer (or kept as credit, the customer's "avoir").
 */
export async function decideChangeRequest(deps: Deps, shop: Shop, orderId: string, requestId: string, input: DecisionInput, actor: string): Promise<ChangeRequest & { refund?: RefundStarted }> {
  let started: StartedRefund | null = null;
  const decidedRequest = await inOrder(deps, shop, orderId, null, actor, async (ctx) => {
    const request = (await changeRequests(ctx.trx, shop.slug, orderId)).find((r) => r.id === requestId);
    if (!request) throw notFound('change_request');
    if (request.status !== 'pending') throw new DomainError('change_request_already_decided', 'conflict', { status: request.status });
    const terms = termsOf(shop);
    let refundDue: string | undefined;
    if (['cancelled', 'refused'].includes(ctx.order.status) && input.decision === 'accepted') throw new DomainError('order_already_closed', 'refused', { status: ctx.order.status });
    const cancelWith = async (money: Money, basis: string) => {
      // 004 art.2: within 7 days of telling the customer; otherwise 14 days, as for a withdrawal (L221-24).
      const within = basis === 'modification_refused' && terms?.refusalRefund ? daysOf(terms.refusalRefund.within) : 14;
      refundDue = refundDueOn(localDateOf(ctx.today), within).toString();
      started = await cancelAndRefund(ctx, deps, money, { reason: basis === 'modification_refused' ? 'by_seller' : 'by_customer', note: input.note, evidence: { basis, requestId, refundDueOn: refundDue } });
    };
    const open = !['cancelled', 'refused', 'shipped', 'delivered', 'completed'].includes(ctx.order.status);
    if (request.kind === 'cancellation' && input.decision === 'accepted') {
      if (!open) throw new DomainError('order_already_shipped', 'refused');
      await cancelWith(acceptedCancellation(terms, { ...(await factsIn(ctx)), pendingRequest: null }), 'cancellation_accepted');
    } else if (request.kind === 'modification' && input.decision === 'declined' && terms?.refusalRefund && open) {
      const facts = await factsIn(ctx);
      await cancelWith({ costCents: 0, keptCents: 0, owedByCustomerCents: 0, refundCents: facts.paidCents }, 'modification_refused');
    }
    const decided = { requestId, kind: request.kind, decision: input.decision, decidedOn: ctx.today, ...(input.note && { note: input.note }), ...(refundDue && { refundDueOn: refundDue }) };
    await appendEvent(ctx.trx, { shopId: shop.slug, orderId, type: CHANGE_DECIDED, at: ctx.now, actor, data: decided }, ctx.now);
    await tellCustomer(ctx, request.kind, input.decision, refundDue);
    return { ...request, status: input.decision, decidedOn: ctx.today, ...(input.note && { note: input.note }), ...(refundDue && { refundDueOn: refundDue }) };
  });
  const refund = await completeRefund(deps, shop, started, actor);
  return refund ? { ...decidedRequest, refund } : decidedRequest;
}

/**
 * Staff set the day they plan to ship: 004 art.2 counts the modification deadline (and the free
 * cancellation) back from it. Not before the order was placed; not once it has left or is closed.
 */
export function planShipment(deps: Deps, shop: Shop, orderId: string, on: string, actor: string): Promise<{ plannedShipOn: string }> {
  return inOrder(deps, shop, orderId, null, actor, async (ctx) => {
    if (['shipped', 'delivered', 'completed'].includes(ctx.order.status)) throw new DomainError('order_already_shipped', 'refused');
    if (['cancelled', 'refused'].includes(ctx.order.status)) throw new DomainError('order_already_closed', 'refused', { status: ctx.order.status });
    const placedOn = localDate(Temporal.Instant.fromEpochMilliseconds(ctx.order.placed_at.getTime()), shop.timeZone);
    if (Temporal.PlainDate.compare(localDateOf(on), placedOn) < 0) throw new DomainError('planned_before_order', 'refused', { placedOn: placedOn.toString() }, 'on');
    await appendEvent(ctx.trx, { shopId: shop.slug, orderId, type: SHIPMENT_PLANNED, at: ctx.now, actor, data: { on } }, ctx.now);
    return { plannedShipOn: on };
  });
}

async function tellCustomer(ctx: Ctx, kind: ChangeKind, decision: 'accepted' | 'declined', refundDue: string | undefined): Promise<void> {
  const customer = await ctx.trx.selectFrom('customers').select(['email', 'language']).where('shop_id', '=', ctx.shop.slug).where('id', '=', ctx.order.customer_id).executeTakeFirst();
  if (!customer) return;
  const lang = customerLang(ctx.shop, customer.language);
  const params = { number: ctx.order.number, kind: t(lang, `changes.kind.${kind}` as MessageKey), decision: t(lang, `changes.decision.${decision}` as MessageKey), refund: refundDue ? t(lang, 'changes.customerMail.refund', { date: refundDue }) : '' };
  await enqueueEmail(ctx.trx, { shopId: ctx.shop.slug, to: customer.email, subject: t(lang, 'changes.customerMail.subject', params), text: t(lang, 'changes.customerMail.body', params), order: { id: ctx.order.id, lang } }, ctx.now);
}

const localDateOf = (iso: string) => Temporal.PlainDate.from(iso);
const daysOf = (p: string) => Math.ceil(Temporal.Duration.from(p).total({ unit: 'days', relativeTo: Temporal.PlainDate.from('2026-01-01') }));
