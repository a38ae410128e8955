/**
 * Refunding an order (issue 4 §5, API `POST /shops/{shop}/orders/{id}/refunds`). The order row is
 * locked while the amount is checked and the refund written, so two requests at once can never
 * together refund more than was paid. A card refund is then sent to Stripe outside any lock (a
 * network call must not hold the order), with the refund's id as idempotency key, and its
 * outcome recorded in a second short transaction. A transfer refund waits, `pending`, for the
 * next pain.001 export.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../kernel/clock.ts';
import { notFound } from '../../kernel/errors.ts';
import { isUuid } from '../../kernel/ids.ts';
import { cents } from '../../kernel/money.ts';
import type { Shop } from '../../shops/service.ts';
import { refundCardPayment } from '../card/capture.ts';
import { isSimulated } from '../card/simulated.ts';
import type { StripeGateway } from '../card/stripe-client.ts';
import type { OrderSide } from '../record-payment.ts';
import { RefundRefused } from './errors.ts';
import * as q from './queries.ts';
import { cardRefundStatus, checkRefundAmount, endToEndIdFor, refundableCents, refundRoute, type RefundStatus } from './rules.ts';
import type { RefundInput } from './schema.ts';
import { recordStep, type StepContext } from './settle.ts';

/** `orders`: how the order's payment status changes (src/flows/record-payment.ts). */
export type RefundDeps = { db: Kysely<DB>; clock: Clock; stripe: StripeGateway | null; orders: OrderSide };

const nowOf = (clock: Clock) => new Date(clock.now().epochMilliseconds);

/** API shape of a refund. */
export function refundJson(r: q.RefundRow & { order_number?: string }) {
  return {
    id: r.id,
    orderId: r.order_id,
    ...(r.order_number !== undefined && { orderNumber: r.order_number }),
    method: r.method,
    amountCents: Number(r.amount_cents),
    status: r.status,
    reason: r.reason,
    fromCredit: r.from_credit,
    creditorName: r.creditor_name,
    creditorIban: r.creditor_iban,
    endToEndId: r.end_to_end_id,
    providerRef: r.provider_ref,
    paymentFileId: r.payment_file_id,
    bankEntryId: r.bank_entry_external_id,
    requestedAt: r.requested_at.toISOString(),
    exportedAt: r.exported_at?.toISOString() ?? null,
    confirmedAt: r.confirmed_at?.toISOString() ?? null,
  };
}
export type RefundJson = ReturnType<typeof refundJson>;

export async function requestRefund(deps: RefundDeps, shop: Shop, orderId: string, input: RefundInput, actor: string): Promise<RefundJson> {
  if (!isUuid(orderId)) throw notFound('order');
  const now = nowOf(deps.clock);
  const started = await deps.db.transaction().execute(async (trx) => {
    const order = await q.lockOrder(trx, shop.slug, orderId);
    if (!order) throw notFound('order');
    const [payments, refunds, customer, credited] = await Promise.all([
      q.paymentFacts(trx, shop.slug, orderId),
      q.refundFacts(trx, shop.slug, orderId),
      q.customerOf(trx, shop.slug, order.customer_id),
      q.creditedFrom(trx, shop.slug, orderId),
    ]);
    const paid = cents(payments.reduce((sum, p) => sum + p.amountCents, 0));
    checkRefundAmount(cents(input.amountCents), refundableCents(cents(Number(order.gross_cents)), paid, refunds, credited));
    const customerName = customer ? `${customer.first_name} ${customer.last_name}` : '';
    const route = refundRoute(payments, { otherMeansAgreed: input.otherMeansAgreed, iban: input.iban ?? null, creditorName: input.creditorName ?? null }, customerName);
    if (route.method === 'card' && !deps.stripe && !isSimulated(route.paymentIntentId)) throw new RefundRefused('card_refunds_unavailable');
    const id = randomUUID();
    const transfer = route.method === 'bank_transfer' ? route : null;
    const refund = await q.insertRefund(trx, {
      shop_id: shop.slug, id, order_id: orderId, method: route.method, amount_cents: input.amountCents, status: 'pending', reason: input.reason, from_credit: false,
      creditor_name: transfer?.creditorName ?? null, creditor_iban: transfer?.iban ?? null, end_to_end_id: transfer ? endToEndIdFor(id) : null, requested_by: actor, requested_at: now,
    });
    const ctx: StepContext = { trx, shop, now, actor, orders: deps.orders };
    // The customer's agreement to another means is itself evidence (Directive 2011/83 art. 13 §1).
    await recordStep(ctx, order, refund, 'refund_requested', { reason: input.reason, ...(transfer?.otherMeansAgreed && { otherMeansAgreed: true }) });
    return { refund, paymentIntentId: route.method === 'card' ? route.paymentIntentId : null };
  });
  if (started.paymentIntentId === null) return refundJson(started.refund);
  // A simulated card payment (issue 8 §12) is refunded as simulated: at once, with nothing to call.
  if (isSimulated(started.paymentIntentId)) return refundJson(await settleCardRefund(deps, shop, started.refund.id, { status: 'succeeded', providerRef: `sim_re_${started.refund.id}` }, actor));
  if (!deps.stripe) return refundJson(started.refund);
  return refundJson(await sendCardRefund(deps, deps.stripe, shop, started.refund, started.paymentIntentId, actor));
}

export async function sendCardRefund(deps: RefundDeps, stripe: StripeGateway, shop: Shop, refund: q.RefundRow, paymentIntentId: string, actor: string): Promise<q.RefundRow> {
  let outcome: CardRefundOutcome;
  try {
    const created = await refundCardPayment(stripe, paymentIntentId, Number(refund.amount_cents), `refund-${refund.id}`, { shop: shop.slug, orderId: refund.order_id, refundId: refund.id });
    outcome = { status: cardRefundStatus(created.status), providerRef: created.id };
  } catch (error) {
    outcome = { status: 'failed', providerRef: null, error: error instanceof Error ? error.message : String(error) };
  }
  return settleCardRefund(deps, shop, refund.id, outcome, actor);
}

/**
 * Records what Stripe says of a card refund (at once, or later from its webhook): `refunded`
 * when it succeeded, `refund_failed` when it did not; nothing when the status is unchanged.
 */
export async function settleCardRefund(deps: Pick<RefundDeps, 'db' | 'clock' | 'orders'>, shop: Shop, refundId: string, outcome: CardRefundOutcome, actor: string): Promise<q.RefundRow> {
  const now = nowOf(deps.clock);
  return deps.db.transaction().execute((trx) => settleCardRefundIn({ trx, shop, now, actor, orders: deps.orders }, refundId, outcome));
}

export type CardRefundOutcome = { status: RefundStatus; providerRef: string | null; error?: string };

/** `settleCardRefund` inside the caller's transaction (the Stripe webhook's). */
export async function settleCardRefundIn(ctx: StepContext, refundId: string, outcome: CardRefundOutcome): Promise<q.RefundRow> {
  const { trx, shop, now } = ctx;
  const current = await trx.selectFrom('refunds').select('order_id').where('shop_id', '=', shop.slug).where('id', '=', refundId).executeTakeFirstOrThrow();
  const order = await q.lockOrder(trx, shop.slug, current.order_id);
  if (!order) throw notFound('order');
  const before = await trx.selectFrom('refunds').selectAll().where('shop_id', '=', shop.slug).where('id', '=', refundId).forUpdate().executeTakeFirstOrThrow();
  if (before.status === outcome.status && before.provider_ref === (outcome.providerRef ?? before.provider_ref)) return before;
  // A settled refund stays settled: a late, out-of-order "pending" never undoes "succeeded".
  if ((before.status === 'succeeded' || before.status === 'failed') && outcome.status === 'pending') return before;
  const refund = await q.updateRefund(trx, shop.slug, refundId, { status: outcome.status, provider_ref: outcome.providerRef ?? before.provider_ref, ...(outcome.status === 'succeeded' && { confirmed_at: now }) });
  const type = outcome.status === 'succeeded' ? 'refunded' : outcome.status === 'failed' ? 'refund_failed' : 'refund_pending';
  await recordStep(ctx, order, refund, type, outcome.error ? { error: outcome.error.slice(0, 200) } : {});
  return refund;
}

export async function listRefunds(db: Kysely<DB>, shop: Shop, filter: { status?: RefundStatus; orderId?: string }): Promise<RefundJson[]> {
  return (await q.listRefunds(db, shop.slug, filter)).map(refundJson);
}

