/**
 * Facts staff record on an order (API.md `POST /shops/{shop}/orders/{id}/events`): acceptance,
 * refusal, a payment, shipment, delivery or pickup, cancellation, and an off-premises conclusion.
 * `at` is when it happened — in the past, never in the future (DESIGN.md §4). The state machine
 * says which facts the order admits; each fact is an evidence event, in one transaction that
 * locks the order row first.
 */
import type { Kysely, Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import type { Clock } from '../kernel/clock.ts';
import { DomainError, notFound, ValidationFailed } from '../kernel/errors.ts';
import { isUuid } from '../kernel/ids.ts';
import { cents } from '../kernel/money.ts';
import { text } from '../kernel/validation.ts';
import { appendEvent } from '../legal/evidence/service.ts';
import { captureAtShipment } from '../payments/card/capture.ts';
import type { StripeGateway } from '../payments/card/stripe-client.ts';
import { balanceDueOn, paymentNotBefore } from '../payments/deposits/rules.ts';
import { paidSoFar, recordPayment } from '../payments/record-payment.ts';
import type { Shop } from '../shops/service.ts';
import { cancelOrder, type OrderRow } from './cancel.ts';
import { ORDER_EVENT_TYPES, transition } from './state-machine.ts';

export const OrderEventInput = z.strictObject({
  type: z.enum(ORDER_EVENT_TYPES),
  at: z.iso.datetime({ offset: true }),
  note: text().trim().max(2000).optional(),
  /** `payment_received`: the sum received, in cents. */
  amountCents: z.number().int().positive().max(99_999_999_999).optional(),
  /** `cancelled`: who ends the contract, which decides what happens to a deposit (L214-1). */
  by: z.enum(['customer', 'seller']).optional(),
});
export type OrderEventInput = z.infer<typeof OrderEventInput>;

type Deps = { db: Kysely<DB>; clock: Clock; stripe: StripeGateway | null };
export type CardCapture = 'captured' | 'nothing_to_capture' | { failed: string };

/**
 * Records the fact; after a shipment, says what became of a card payment to capture. `answer` runs
 * last in the fact's transaction (the API stores its Idempotency-Key answer there, issue 8 §5).
 */
export async function recordOrderEvent(
  deps: Deps,
  shop: Shop,
  orderId: string,
  input: OrderEventInput,
  actor: string,
  answer?: (trx: Transaction<DB>) => Promise<void>,
): Promise<{ cardCapture?: CardCapture }> {
  if (!isUuid(orderId)) throw notFound('order');
  if (input.type === 'payment_received' && input.amountCents === undefined) throw new ValidationFailed([{ field: 'amountCents', code: 'required' }]);
  const nowInstant = deps.clock.now();
  const atInstant = Temporal.Instant.from(input.at);
  if (Temporal.Instant.compare(atInstant, nowInstant) > 0) throw new DomainError('event_in_future', 'refused', {}, 'at');
  const at = new Date(atInstant.epochMilliseconds);
  const now = new Date(nowInstant.epochMilliseconds);
  const on = localDate(atInstant, shop.timeZone);

  await deps.db.transaction().execute(async (trx) => {
    const order = await trx.selectFrom('orders').selectAll().where('shop_id', '=', shop.slug).where('id', '=', orderId).forUpdate().executeTakeFirst();
    if (!order) throw notFound('order');
    // A contract may be signed at the customer's home before it is keyed in; nothing else predates the order.
    if (input.type !== 'concluded_off_premises' && at < order.placed_at) throw new DomainError('event_before_order', 'refused', {}, 'at');
    // L221-10 protects consumers only: a professional's off-premises order is paid as agreed.
    if (input.type === 'concluded_off_premises' && order.customer_kind !== 'consumer') throw new DomainError('off_premises_consumers_only', 'refused', {}, 'type');
    const step = transition(order.status, input.type);
    if (!step.allowed) throw new DomainError('transition_not_allowed', 'refused', { status: order.status, event: input.type }, 'type');
    const fact = { trx, shop, order, input, actor, at, now, on };
    if (input.type === 'payment_received') {
      await recordPayment({ trx, shop, now, actor }, order.id, { method: 'manual', amountCents: cents(input.amountCents ?? 0), receivedOn: on.toString(), evidence: { at: input.at, ...(input.note && { note: input.note }) } });
    } else if (input.type === 'cancelled') {
      await cancelOrder(trx, order, { reason: input.by === 'customer' ? 'by_customer' : 'by_seller', actor, at, now, ...(input.note && { note: input.note }) });
    } else {
      await recordFact(fact, step.to);
    }
    if (answer) await answer(trx);
  });
  return input.type === 'shipped' ? { cardCapture: await afterShipped(deps, shop, orderId, actor) } : {};
}

type Fact = { trx: Transaction<DB>; shop: Shop; order: OrderRow; input: OrderEventInput; actor: string; at: Date; now: Date; on: Temporal.PlainDate };

/** Status change and the dates a fact fixes: the balance's due date, the first day a payment may come. */
async function recordFact(f: Fact, statusTo: string): Promise<void> {
  const { trx, shop, order } = f;
  const dates = await datesFixedBy(f);
  await trx.updateTable('orders').set({ status: statusTo, ...dates }).where('shop_id', '=', shop.slug).where('id', '=', order.id).execute();
  await appendEvent(
    trx,
    {
      shopId: shop.slug,
      orderId: order.id,
      type: f.input.type,
      at: f.at,
      actor: f.actor,
      data: { on: f.on.toString(), ...(statusTo !== order.status && { statusFrom: order.status, statusTo }), ...dates, ...(f.input.note && { note: f.input.note }) },
    },
    f.now,
  );
}

async function datesFixedBy(f: Fact): Promise<{ balance_due_on?: string; payment_not_before?: string; payment_due_on?: string }> {
  const payments = f.shop.profile.payments;
  if ((f.input.type === 'delivered' || f.input.type === 'picked_up') && payments) {
    // 003 art.6.1: the balance after the deposit is payable on delivery (004 O9c: N days after).
    const owed = f.order.gross_cents - (await paidSoFar(f.trx, f.shop.slug, f.order.id));
    const due = owed > 0 ? balanceDueOn(payments.capture, f.on, payments.dueAfterDelivery) : null;
    return due ? { balance_due_on: due.toString() } : {};
  }
  if (f.input.type === 'concluded_off_premises') {
    // L221-10: the platform's statutory 7 days unless the profile states its own (003 art.2.4).
    const notBefore = paymentNotBefore(f.on, f.shop.profile.offers?.offPremisesConsumerPaymentBan ?? 'P7D');
    const window = payments?.paymentWindow;
    // An unpaid order must not be cancelled while paying it is still forbidden: its window starts on day 8.
    const dueOn = window && f.order.payment_due_on !== null ? notBefore.add(Temporal.Duration.from(window.cancelAfter)).toString() : undefined;
    return { payment_not_before: notBefore.toString(), ...(dueOn && dueOn > (f.order.payment_due_on ?? '') && { payment_due_on: dueOn }) };
  }
  return {};
}

/**
 * Runs once a `shipped` event has committed: takes the money at shipment (004 art.4 O9b,
 * capture of an authorised Stripe payment; nothing to do for other orders). The shipment stands
 * whatever the provider answers, so a failure is reported to staff, not thrown: they retry the
 * capture from the order, not the shipment.
 */
export async function afterShipped(deps: Deps, shop: Shop, orderId: string, actor: string): Promise<CardCapture> {
  try {
    return await captureAtShipment(deps, shop, orderId, actor);
  } catch (error) {
    if (error instanceof DomainError) return { failed: error.code };
    throw error;
  }
}
