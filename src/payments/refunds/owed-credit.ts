/**
 * Refunding, without being asked, what an order ended by the seller owes back (issue 11 §2: a
 * product no longer available, 001 online §2.4 "avec remboursement des sommes versées"; a refusal,
 * AS-27 "any captured payment is refunded in full"). The cancellation or the refusal has turned
 * the sums into the customer's credit (cancellation.ts); this sends that credit back the way it
 * came: to the card that paid, or by transfer to the account a bank statement showed paying. When
 * neither is known (a cheque, cash, a payment recorded by hand) it stays credit, for staff to
 * refund with the customer's account number (`POST …/customers/{id}/credit/refund`).
 *
 * `startCreditRefund` runs in the cancellation's transaction (the order row locked): the refund
 * row (`from_credit`), the ledger's `refunded` line and the `refund_requested` evidence commit
 * with the cancellation, so no sum is ever both credit and refunded. A card refund is then sent
 * outside the transaction (`sendCreditRefund`), as every card refund is (refunds/service.ts).
 */
import { randomUUID } from 'node:crypto';
import { type Cents, cents } from '../../kernel/money.ts';
import type { Shop } from '../../shops/service.ts';
import { isSimulated } from '../card/simulated.ts';
import { creditBalance } from '../credit/service.ts';
import { RefundRefused } from './errors.ts';
import * as q from './queries.ts';
import { endToEndIdFor, refundRoute } from './rules.ts';
import { type RefundDeps, sendCardRefund, settleCardRefund } from './service.ts';
import { recordStep, type StepContext } from './settle.ts';

type LockedOrder = { id: string; number: string; customer_id: string; gross_cents: number; payment_status: string };
export type StartedCreditRefund = { refund: q.RefundRow; paymentIntentId: string | null };

/**
 * Starts the refund of `amount` of the customer's credit to whoever paid the order; null when
 * there is nothing to refund or no way back is known (the sum stays credit). `cardRefunds`:
 * whether card refunds can be sent (Stripe configured; simulated payments always can).
 */
export async function startCreditRefund(ctx: StepContext, order: LockedOrder, amount: Cents, reason: string, cardRefunds: boolean): Promise<StartedCreditRefund | null> {
  const { trx, shop, now } = ctx;
  const balance = await creditBalance(trx, shop.slug, order.customer_id);
  const sum = cents(Math.min(amount, balance));
  if (sum <= 0) return null;
  const [payments, customer] = await Promise.all([q.paymentFacts(trx, shop.slug, order.id), q.customerOf(trx, shop.slug, order.customer_id)]);
  let route: ReturnType<typeof refundRoute>;
  try {
    route = refundRoute(payments, { otherMeansAgreed: false, iban: null, creditorName: null }, customer ? `${customer.first_name} ${customer.last_name}` : '');
  } catch (error) {
    if (error instanceof RefundRefused) return null;
    throw error;
  }
  if (route.method === 'card' && !cardRefunds && !isSimulated(route.paymentIntentId)) return null;
  const id = randomUUID();
  const transfer = route.method === 'bank_transfer' ? route : null;
  const refund = await q.insertRefund(trx, {
    shop_id: shop.slug, id, order_id: order.id, method: route.method, amount_cents: sum, status: 'pending', reason, from_credit: true,
    creditor_name: transfer?.creditorName ?? null, creditor_iban: transfer?.iban ?? null, end_to_end_id: transfer ? endToEndIdFor(id) : null, requested_by: ctx.actor, requested_at: now,
  });
  await trx.insertInto('customer_credits').values({ shop_id: shop.slug, customer_id: order.customer_id, amount_cents: -sum, kind: 'refunded', order_id: order.id, refund_id: id, created_at: now }).execute();
  await recordStep(ctx, order, refund, 'refund_requested', { reason, automatic: true, creditBalanceCents: balance - sum });
  return { refund, paymentIntentId: route.method === 'card' ? route.paymentIntentId : null };
}

/** After the commit: a card refund is sent (a simulated one settles at once); a transfer waits for the next pain.001. */
export async function sendCreditRefund(deps: RefundDeps, shop: Shop, started: StartedCreditRefund, actor: string): Promise<q.RefundRow> {
  const { refund, paymentIntentId } = started;
  if (paymentIntentId === null) return refund;
  if (isSimulated(paymentIntentId)) return settleCardRefund(deps, shop, refund.id, { status: 'succeeded', providerRef: `sim_re_${refund.id}` }, actor);
  if (!deps.stripe) return refund;
  return sendCardRefund(deps, deps.stripe, shop, refund, paymentIntentId, actor);
}
