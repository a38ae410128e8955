/**
 * A refund the law or a decision makes owed (a withdrawal's refund, issue 10 §3; a warranty
 * refund, §4): staff record that it is made, and the money moves through the refunds service's
 * means (issue 4 §5). Started inside the caller's transaction — the fact that makes it owed, which
 * has locked the order — so the fact and the refund commit together; a card refund is then sent
 * to the provider after the commit (no network call holds the order), as `requestRefund` does.
 *
 * The means: a card payment is refunded to its card (the provider; a simulated payment at once); a
 * transfer whose payer's account is known (from the statement) or given waits, `pending`, for the
 * next pain.001 export (due); a payment recorded by hand with no account known was paid back by
 * staff outside Comptoir, so the refund is recorded as paid (`confirmed`, `paidOutside`). Never
 * more than what may still be refunded on the order: a late surcharge on top (L242-4) is paid with
 * the refund but is not a refund of the price, so the refund row takes what is refundable.
 */
import { randomUUID } from 'node:crypto';
import { cents } from '../../kernel/money.ts';
import { refundCardPayment } from '../card/capture.ts';
import { isSimulated } from '../card/simulated.ts';
import { RefundRefused } from './errors.ts';
import * as q from './queries.ts';
import { cardRefundStatus, endToEndIdFor, refundableCents, refundRoute } from './rules.ts';
import { type CardRefundOutcome, type RefundDeps, refundJson, type RefundJson, settleCardRefund } from './service.ts';
import { recordStep, type StepContext } from './settle.ts';

export type OwedRefund = { amountCents: number; reason: string; iban?: string | null; creditorName?: string | null };
export type StartedRefund = { refund: q.RefundRow; paymentIntentId: string | null };

/** What may still be refunded on the order now: what it kept of the sums paid, less refunds not failed (rules.ts). */
export async function refundableOn(trx: StepContext['trx'], shopId: string, orderId: string): Promise<number> {
  const order = await q.lockOrder(trx, shopId, orderId);
  if (!order) return 0;
  const [payments, refunds, credited] = await Promise.all([q.paymentFacts(trx, shopId, orderId), q.refundFacts(trx, shopId, orderId), q.creditedFrom(trx, shopId, orderId)]);
  return refundableCents(cents(Number(order.gross_cents)), cents(payments.reduce((sum, p) => sum + p.amountCents, 0)), refunds, credited);
}

/**
 * A sum owed back kept as the customer's credit on account instead of paid out (003 art.11: an
 * accepted goodwill return gives "exclusivement … un avoir", spent on the compensating order):
 * at most what may still be refunded on the order, so no sum is both credit and refunded. The
 * ledger's row is tied to the order (`overpayment`, like a cancellation's owed sums,
 * cancellation.ts), which is how `creditedFrom` keeps it out of later refunds. Returns the credit.
 */
export async function creditOwedOnAccount(trx: StepContext['trx'], shopId: string, orderId: string, amountCents: number, now: Date): Promise<number> {
  const order = await q.lockOrder(trx, shopId, orderId);
  if (!order) return 0;
  const credit = Math.min(amountCents, await refundableOn(trx, shopId, orderId));
  if (credit <= 0) return 0;
  await trx.insertInto('customer_credits').values({ shop_id: shopId, customer_id: order.customer_id, amount_cents: credit, kind: 'overpayment', order_id: orderId, refund_id: null, created_at: now }).execute();
  return credit;
}

/** Null when nothing may be refunded (nothing was paid, or all of it is refunded already). */
export async function startOwedRefundIn(ctx: StepContext, orderId: string, owed: OwedRefund, hasStripe: boolean): Promise<StartedRefund | null> {
  const { trx, shop, now, actor } = ctx;
  const order = await q.lockOrder(trx, shop.slug, orderId);
  if (!order) return null;
  const [payments, refunds, customer, credited] = await Promise.all([q.paymentFacts(trx, shop.slug, orderId), q.refundFacts(trx, shop.slug, orderId), q.customerOf(trx, shop.slug, order.customer_id), q.creditedFrom(trx, shop.slug, orderId)]);
  const paid = cents(payments.reduce((sum, p) => sum + p.amountCents, 0));
  const amount = Math.min(owed.amountCents, refundableCents(cents(Number(order.gross_cents)), paid, refunds, credited));
  if (amount <= 0) return null;
  const customerName = customer ? `${customer.first_name} ${customer.last_name}` : '';
  const id = randomUUID();
  let route: ReturnType<typeof refundRoute> | null;
  try {
    route = refundRoute(payments, { otherMeansAgreed: false, iban: owed.iban ?? null, creditorName: owed.creditorName ?? null }, customerName);
  } catch (error) {
    if (!(error instanceof RefundRefused) || error.code !== 'refund_iban_required') throw error;
    route = null;
  }
  const base = { shop_id: shop.slug, id, order_id: orderId, amount_cents: amount, reason: owed.reason, from_credit: false, requested_by: actor, requested_at: now };
  if (route === null) {
    // Paid by hand and paid back by hand: the refund is recorded as made.
    await q.insertRefund(trx, { ...base, method: 'bank_transfer', status: 'pending', creditor_name: customerName, creditor_iban: null, end_to_end_id: null });
    const refund = await q.updateRefund(trx, shop.slug, id, { status: 'confirmed', confirmed_at: now });
    await recordStep(ctx, order, refund, 'refunded', { reason: owed.reason, paidOutside: true });
    return { refund, paymentIntentId: null };
  }
  if (route.method === 'card' && !hasStripe && !isSimulated(route.paymentIntentId)) throw new RefundRefused('card_refunds_unavailable');
  const transfer = route.method === 'bank_transfer' ? route : null;
  const refund = await q.insertRefund(trx, { ...base, method: route.method, status: 'pending', creditor_name: transfer?.creditorName ?? null, creditor_iban: transfer?.iban ?? null, end_to_end_id: transfer ? endToEndIdFor(id) : null });
  await recordStep(ctx, order, refund, 'refund_requested', { reason: owed.reason });
  return { refund, paymentIntentId: route.method === 'card' ? route.paymentIntentId : null };
}

/** After the commit: a card refund goes to the provider (a simulated one succeeds at once); others are as started. */
export async function completeOwedRefund(deps: RefundDeps, shop: StepContext['shop'], started: StartedRefund, actor: string): Promise<RefundJson> {
  const { refund, paymentIntentId } = started;
  if (paymentIntentId === null) return refundJson(refund);
  if (isSimulated(paymentIntentId)) return refundJson(await settleCardRefund(deps, shop, refund.id, { status: 'succeeded', providerRef: `sim_re_${refund.id}` }, actor));
  if (!deps.stripe) return refundJson(refund);
  let outcome: CardRefundOutcome;
  try {
    const created = await refundCardPayment(deps.stripe, paymentIntentId, Number(refund.amount_cents), `refund-${refund.id}`, { shop: shop.slug, orderId: refund.order_id, refundId: refund.id });
    outcome = { status: cardRefundStatus(created.status), providerRef: created.id };
  } catch (error) {
    outcome = { status: 'failed', providerRef: null, error: error instanceof Error ? error.message : String(error) };
  }
  return refundJson(await settleCardRefund(deps, shop, refund.id, outcome, actor));
}
