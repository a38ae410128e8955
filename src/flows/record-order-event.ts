/**
 * A fact staff record on an order (API.md `POST /shops/{shop}/orders/{id}/events`), in one
 * transaction that locks the order row first: orders says whether the order admits it and records
 * a plain fact; a payment is recorded by payments; a cancellation is src/flows/cancel-order.ts;
 * payments says which payment dates a delivery or an off-premises conclusion fixes. Before a
 * shipment is recorded, an authorised card payment is captured (004 art.4 O9b), or refused when
 * its authorisation has expired (SPEC.md A-63).
 */
import type { Kysely, Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB } from '../db/schema.ts';
import { factTime, localDate } from '../kernel/calendar.ts';
import type { Clock } from '../kernel/clock.ts';
import { DomainError, notFound, ValidationFailed } from '../kernel/errors.ts';
import { isUuid } from '../kernel/ids.ts';
import { cents } from '../kernel/money.ts';
import { admitFact, cancellationKindOf, FACT_DAY, type OrderEventInput, recordFact } from '../orders/events.ts';
import { lockOrder } from '../orders/state.ts';
import { captureAtShipment } from '../payments/card/capture.ts';
import type { StripeGateway } from '../payments/card/stripe-client.ts';
import { paymentDatesFixedBy } from '../payments/payment-dates.ts';
import type { Shop } from '../shops/service.ts';
import { cancelOrder } from './cancel-order.ts';
import { isCustomerFacing, notifyCustomerOfTransition } from './notify-order-transition.ts';
import { settleRefusal } from './refuse-order.ts';
import { orderSide, recordPayment } from './record-payment.ts';
import { type StartedCreditRefund, sendCreditRefund } from '../payments/refunds/owed-credit.ts';
import { cancellationMoney, checkSellerDecision, recordDisputeFact, refundWhatWasPaid } from './seller-decisions.ts';

/** `baseUrl`: the origin of the link to the order page in the customer's e-mail (issue 11 §7). */
type Deps = { db: Kysely<DB>; clock: Clock; stripe: StripeGateway | null; baseUrl?: string };
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
  const now = new Date(nowInstant.epochMilliseconds);
  const { on, instant: atInstant } = factTime(input.at, shop.timeZone);
  // A day is in the future when it is after today in the shop's zone; an instant, after now.
  if (Temporal.PlainDate.compare(on, localDate(nowInstant, shop.timeZone)) > 0 || Temporal.Instant.compare(atInstant, nowInstant) > 0) {
    throw new DomainError('event_in_future', 'refused', {}, 'at');
  }

  // 004 art.4 O9b: an authorised card payment is captured as the goods leave, before the
  // shipment is recorded (the order awaits payment until then); an expired authorisation is
  // refused with 422 card_authorisation_expired (SPEC.md A-63), a provider failure with 409.
  const captured = input.type === 'shipped' && (await awaitsPayment(deps.db, shop.slug, orderId)) ? await captureAtShipment({ ...deps, orders: orderSide }, shop, orderId, actor) : undefined;
  let refund: StartedCreditRefund | null = null;
  await deps.db.transaction().execute(async (trx) => {
    const order = await lockOrder(trx, shop.slug, orderId);
    if (!order) throw notFound('order');
    const at = dayAfterPlacing(input, atInstant, on, order.placed_at, shop.timeZone);
    const statusTo = admitFact(order, input, at);
    // The seller's decisions as the shop's terms allow them (issue 11 §2: refusal window and grounds, cancellation cases).
    const decision = await checkSellerDecision(trx, shop, order, input, on, actor);
    // The customer is told of each transition they care about, in this transaction (issue 11 §7).
    const notice = isCustomerFacing(input.type) ? await notifyCustomerOfTransition(trx, shop, order, { type: input.type, at, now, reason: input.note, baseUrl: deps.baseUrl }) : null;
    if (input.type === 'payment_received') {
      await recordPayment({ trx, shop, now, actor }, order.id, { method: 'manual', amountCents: cents(input.amountCents ?? 0), receivedOn: on.toString(), evidence: { at: input.at, ...(input.note && { note: input.note }) } });
    } else if (input.type === 'cancelled') {
      const kind = cancellationKindOf(input);
      const cancelled = await cancelOrder(trx, order, { ...cancellationMoney(kind, order), actor, at, now, ...(input.note && { note: input.note }), evidence: { kind, ...decision, ...notice } });
      // 001 online §2.4: a seller's cancellation refunds what was paid, unasked (issue 11 §2); so
      // do late delivery (L216-7: within 14 days) and force majeure (004 art.15), nothing kept.
      if (kind === 'by_seller' || kind === 'late_delivery' || kind === 'force_majeure') refund = await refundWhatWasPaid(trx, shop, order, cancelled.creditCents, `order_cancelled_${kind}`, actor, now, deps.stripe !== null);
    } else {
      await recordDisputeFact(trx, order, input, at, actor);
      const dates = await paymentDatesFixedBy(trx, shop, order, { type: input.type, on });
      await recordFact(trx, { order, input, actor, at, now, on }, statusTo, dates, decision);
      // What the refusal makes void: stock back, sums received owed back (issue 11 §8).
      if (input.type === 'refused') {
        const settled = await settleRefusal(trx, order, { actor, at, now, note: input.note, evidence: notice });
        // AS-27: any sum received is refunded in full, unasked.
        refund = await refundWhatWasPaid(trx, shop, order, settled.creditCents, 'order_refused', actor, now, deps.stripe !== null);
      }
    }
    if (answer) await answer(trx);
  });
  // A card refund the refusal or cancellation started is sent once it has committed (no network call holds the order).
  if (refund) await sendCreditRefund({ ...deps, orders: orderSide }, shop, refund, actor);
  return captured === 'captured' ? { cardCapture: captured } : input.type === 'shipped' ? { cardCapture: await afterShipped(deps, shop, orderId, actor) } : {};
}

/** Only an order still awaiting its payment has an authorisation to capture before shipping. */
async function awaitsPayment(db: Kysely<DB>, shopId: string, orderId: string): Promise<boolean> {
  const row = await db.selectFrom('orders').select('status').where('shop_id', '=', shopId).where('id', '=', orderId).executeTakeFirst();
  return row?.status === 'awaiting_payment';
}

/**
 * The instant recorded. A fact known by the day, on the very day the order was placed, is put at
 * the placing instant: the start of that day would predate the order it follows (refused as
 * `event_before_order`). An off-premises conclusion may predate the order: it keeps its day's start.
 */
function dayAfterPlacing(input: OrderEventInput, atInstant: Temporal.Instant, on: Temporal.PlainDate, placedAt: Date, timeZone: string): Date {
  const at = new Date(atInstant.epochMilliseconds);
  if (!FACT_DAY.test(input.at) || input.type === 'concluded_off_premises' || at >= placedAt) return at;
  const placedOn = localDate(Temporal.Instant.fromEpochMilliseconds(placedAt.getTime()), timeZone);
  return Temporal.PlainDate.compare(on, placedOn) === 0 ? placedAt : at;
}

/**
 * Runs once a `shipped` event has committed: takes the money at shipment (004 art.4 O9b,
 * capture of an authorised Stripe payment; nothing to do for other orders). The shipment stands
 * whatever the provider answers, so a failure is reported to staff, not thrown: they retry the
 * capture from the order, not the shipment.
 */
export async function afterShipped(deps: Deps, shop: Shop, orderId: string, actor: string): Promise<CardCapture> {
  try {
    return await captureAtShipment({ ...deps, orders: orderSide }, shop, orderId, actor);
  } catch (error) {
    if (error instanceof DomainError) return { failed: error.code };
    throw error;
  }
}
