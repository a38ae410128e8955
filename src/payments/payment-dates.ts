/**
 * The payment dates a staff fact fixes on an order (the payments side of
 * src/flows/record-order-event.ts): the balance's due date once the goods are delivered, the first
 * day a payment may come after an off-premises conclusion, and the payment window that follows.
 */
import type { Selectable, Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB, OrdersTable } from '../db/schema.ts';
import type { Shop } from '../shops/service.ts';
import { balanceDueOn, paymentNotBefore } from './deposits/rules.ts';
import { paidSoFar } from './record-payment.ts';

type Order = Pick<Selectable<OrdersTable>, 'shop_id' | 'id' | 'gross_cents' | 'payment_due_on'>;

export async function paymentDatesFixedBy(
  trx: Transaction<DB>,
  shop: Shop,
  order: Order,
  fact: { type: string; on: Temporal.PlainDate },
): Promise<{ balance_due_on?: string; payment_not_before?: string; payment_due_on?: string }> {
  const payments = shop.profile.payments;
  if ((fact.type === 'delivered' || fact.type === 'picked_up') && payments) {
    // 003 art.6.1: the balance after the deposit is payable on delivery (004 O9c: N days after).
    const owed = order.gross_cents - (await paidSoFar(trx, shop.slug, order.id));
    const due = owed > 0 ? balanceDueOn(payments.capture, fact.on, payments.dueAfterDelivery) : null;
    return due ? { balance_due_on: due.toString() } : {};
  }
  if (fact.type === 'concluded_off_premises') {
    // L221-10: the platform's statutory 7 days unless the profile states its own (003 art.2.4).
    const notBefore = paymentNotBefore(fact.on, shop.profile.offers?.offPremisesConsumerPaymentBan ?? 'P7D');
    const window = payments?.paymentWindow;
    // An unpaid order must not be cancelled while paying it is still forbidden: its window starts on day 8.
    const dueOn = window && order.payment_due_on !== null ? notBefore.add(Temporal.Duration.from(window.cancelAfter)).toString() : undefined;
    return { payment_not_before: notBefore.toString(), ...(dueOn && dueOn > (order.payment_due_on ?? '') && { payment_due_on: dueOn }) };
  }
  return {};
}
