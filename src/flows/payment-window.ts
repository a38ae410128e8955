/**
 * The payment window of bank-transfer orders (A-14, issue 4 §1): an order placed with a shop
 * whose profile has `paymentWindow` must be paid by `payment_due_on` (placing day + cancelAfter,
 * shop-local). Once `remindAfter` has passed the customer gets one reminder with the transfer
 * instructions; the day after the due date the order is cancelled with notice and its stock
 * released (campaign stock is held only during the window). Run by the due-jobs runner. A flow:
 * orders keeps the order's state, payments says what is due and how to pay it, the cancellation
 * is src/flows/cancel-order.ts.
 *
 * Each order is handled in its own transaction that locks it and checks again that it still
 * awaits payment (SKIP LOCKED: an order being paid right now is left for the next run), so a
 * second run, or two instances at once, do nothing more.
 */
import type { Kysely, Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { findCustomer } from '../accounts/queries.ts';
import type { DB } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import type { Clock } from '../kernel/clock.ts';
import { t } from '../kernel/i18n/index.ts';
import { money } from '../kernel/i18n/money.ts';
import { appendEvent } from '../legal/evidence/service.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import { awaitingPaymentIds, lockAwaitingPayment, markReminded, type OrderRow } from '../orders/state.ts';
import { amountDueCents } from '../payments/order-payment.ts';
import { paidSoFar } from '../payments/record-payment.ts';
import { transferInstructions, transferQrPayload, transferTextLines } from '../payments/transfer.ts';
import { listShops, type Shop } from '../shops/service.ts';
import { cancelOrder } from './cancel-order.ts';

export type PaymentWindowRun = { reminded: number; cancelled: number };

export async function runPaymentWindow(deps: { db: Kysely<DB>; clock: Clock }): Promise<PaymentWindowRun> {
  const { db } = deps;
  const now = deps.clock.now();
  const run: PaymentWindowRun = { reminded: 0, cancelled: 0 };
  for (const shop of await listShops(db)) {
    const window = shop.profile.payments?.paymentWindow;
    if (!window) continue;
    const today = localDate(now, shop.timeZone).toString();
    // Cancel first, so an order both overdue and unreminded gets the notice, not a reminder.
    for (const { id } of await awaitingPaymentIds(db, shop.slug, { dueBefore: today })) {
      if (await db.transaction().execute((trx) => cancelUnpaid(trx, shop, id, now, today))) run.cancelled += 1;
    }
    const remindFrom = new Date(now.toZonedDateTimeISO(shop.timeZone).subtract(Temporal.Duration.from(window.remindAfter)).epochMilliseconds);
    for (const { id } of await awaitingPaymentIds(db, shop.slug, { placedBy: remindFrom })) {
      if (await db.transaction().execute((trx) => remind(trx, shop, id, now))) run.reminded += 1;
    }
  }
  return run;
}

async function customerOf(trx: Transaction<DB>, order: OrderRow) {
  const customer = await findCustomer(trx, order.shop_id, order.customer_id);
  if (!customer) throw new Error(`order ${order.id}: customer ${order.customer_id} not found`);
  return customer;
}

async function remind(trx: Transaction<DB>, shop: Shop, orderId: string, now: Temporal.Instant): Promise<boolean> {
  const order = await lockAwaitingPayment(trx, shop.slug, orderId);
  if (!order || order.payment_reminded_at !== null) return false;
  const at = new Date(now.epochMilliseconds);
  const paid = await paidSoFar(trx, shop.slug, order.id);
  const due = amountDueCents({ ...order, paid_cents: paid });
  const transfer = transferInstructions(shop.profile, { paymentMethod: order.payment_method, paymentReference: order.payment_reference, amountDueCents: due });
  const customer = await customerOf(trx, order);
  const lang = shop.language;
  const text = [
    t(lang, 'window.reminder.intro', { name: customer.first_name, number: order.number, due: order.payment_due_on ?? '' }),
    ...(transfer ? ['', ...transferTextLines(lang, transfer)] : []),
    '',
    shop.name,
  ].join('\n');
  const subject = t(lang, 'window.reminder.subject', { shop: shop.name, number: order.number });
  // The QR code by its payload: its PNG is drawn when the e-mail is sent (issue 9).
  const attachments = transfer ? [{ type: 'epc_qr', id: transferQrPayload(transfer) }] : [];
  const mail = await enqueueEmail(trx, { shopId: shop.slug, to: customer.email, subject, text, attachments, order: { id: order.id, lang } }, at);
  await markReminded(trx, shop.slug, order.id, at);
  await appendEvent(
    trx,
    { shopId: shop.slug, orderId: order.id, type: 'payment_reminder_sent', at, actor: 'system', data: { paymentDueOn: order.payment_due_on, amountDueCents: due, emailOutboxId: mail.id, emailTo: customer.email, subject } },
    at,
  );
  return true;
}

async function cancelUnpaid(trx: Transaction<DB>, shop: Shop, orderId: string, now: Temporal.Instant, today: string): Promise<boolean> {
  const order = await lockAwaitingPayment(trx, shop.slug, orderId);
  if (!order || order.payment_due_on === null || order.payment_due_on >= today) return false;
  const at = new Date(now.epochMilliseconds);
  const paid = await paidSoFar(trx, shop.slug, order.id);
  const customer = await customerOf(trx, order);
  const lang = shop.language;
  const text = [
    t(lang, 'window.cancelled.intro', { name: customer.first_name, number: order.number, due: order.payment_due_on }),
    ...(paid > 0 ? ['', t(lang, 'window.cancelled.credit', { amount: money(lang, paid) })] : []),
    '',
    shop.name,
  ].join('\n');
  const subject = t(lang, 'window.cancelled.subject', { shop: shop.name, number: order.number });
  const mail = await enqueueEmail(trx, { shopId: shop.slug, to: customer.email, subject, text, order: { id: order.id, lang } }, at);
  await cancelOrder(trx, order, { reason: 'unpaid', actor: 'system', at, now: at, evidence: { paymentDueOn: order.payment_due_on, emailOutboxId: mail.id, emailTo: customer.email } });
  return true;
}
