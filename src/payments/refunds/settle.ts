/**
 * What every refund step leaves behind (issue 4 §6): the order's payment status recomputed, an
 * evidence event on the order (`refund_exported`, `refunded`…) and, when the money has been sent
 * or has arrived, an e-mail to the customer through the outbox. Runs in the caller's
 * transaction, which has locked the order row (`appendEvent` requires it).
 */
import type { Transaction } from 'kysely';
import { money } from '../../kernel/i18n/money.ts';
import type { DB } from '../../db/schema.ts';
import { t } from '../../kernel/i18n/index.ts';
import { cents } from '../../kernel/money.ts';
import { appendEvent } from '../../legal/evidence/service.ts';
import { enqueueEmail } from '../../notifications/outbox.ts';
import type { Shop } from '../../shops/service.ts';
import { formatIban } from '../../kernel/iban.ts';
import type { OrderSide } from '../record-payment.ts';
import { customerOf, paymentFacts, type RefundRow, refundFacts } from './queries.ts';
import { paymentStatusAfterRefunds } from './rules.ts';

/** `orders`: how the order's payment status changes (orders owns it: src/flows/record-payment.ts). */
export type StepContext = { trx: Transaction<DB>; shop: Shop; now: Date; actor: string; orders: OrderSide };
type LockedOrder = { id: string; number: string; customer_id: string; gross_cents: number; payment_status: string };

/** The order's payment status after its refunds (API.md `payment.status`); returns the new one. */
export async function refreshPaymentStatus(ctx: StepContext, order: LockedOrder): Promise<string> {
  const [payments, refunds] = await Promise.all([paymentFacts(ctx.trx, ctx.shop.slug, order.id), refundFacts(ctx.trx, ctx.shop.slug, order.id)]);
  const paid = cents(payments.reduce((sum, p) => sum + p.amountCents, 0));
  const status = paymentStatusAfterRefunds(order.payment_status, cents(Number(order.gross_cents)), paid, refunds);
  if (status !== order.payment_status) await ctx.orders.refunded(ctx.trx, ctx.shop.slug, order.id, status);
  return status;
}

/** The e-mail telling the customer their refund was sent (transfer) or made (card, transfer seen debited). */
async function refundEmail(ctx: StepContext, order: LockedOrder, refund: RefundRow, kind: 'sent' | 'done') {
  const customer = await customerOf(ctx.trx, ctx.shop.slug, order.customer_id);
  if (!customer) return null;
  const lang = ctx.shop.language;
  const iban = refund.creditor_iban ? formatIban(refund.creditor_iban) : '';
  const params = { name: customer.first_name, amount: money(lang, Number(refund.amount_cents)), number: order.number, iban };
  const means = refund.method === 'card' ? t(lang, 'refund.means.card') : t(lang, 'refund.means.transfer', { iban });
  const text = [kind === 'sent' ? t(lang, 'refund.mail.sent', params) : t(lang, 'refund.mail.done', { ...params, means }), '', ctx.shop.name].join('\n');
  const subject = t(lang, 'refund.mail.subject', { shop: ctx.shop.name, number: order.number });
  const { id } = await enqueueEmail(ctx.trx, { shopId: ctx.shop.slug, to: customer.email, subject, text, order: { id: order.id, lang } }, ctx.now);
  return { emailOutboxId: id, emailTo: customer.email };
}

export const refundFactsOf = (r: RefundRow) => ({
  refundId: r.id,
  method: r.method,
  amountCents: Number(r.amount_cents),
  ...(r.from_credit && { fromCredit: true }),
  ...(r.end_to_end_id && { endToEndId: r.end_to_end_id }),
  ...(r.creditor_iban && { creditorIban: r.creditor_iban }),
  ...(r.provider_ref && { providerRef: r.provider_ref }),
});

/**
 * Records one step of a refund on its order: `refund_exported` (with the e-mail "sent"),
 * `refunded` (with the e-mail "done"), or any other step given without e-mail.
 */
export async function recordStep(ctx: StepContext, order: LockedOrder, refund: RefundRow, type: string, data: Record<string, unknown> = {}): Promise<void> {
  const paymentStatus = await refreshPaymentStatus(ctx, order);
  const mailKind = type === 'refund_exported' ? 'sent' : type === 'refunded' ? 'done' : null;
  const mail = mailKind ? await refundEmail(ctx, order, refund, mailKind) : null;
  await appendEvent(ctx.trx, { shopId: ctx.shop.slug, orderId: order.id, type, at: ctx.now, actor: ctx.actor, data: { ...refundFactsOf(refund), ...data, paymentStatus, ...mail } }, ctx.now);
}
