/**
 * Taking the money of an authorised card payment when the order ships (004 art.4 O9b: "le débit
 * intervient à l'expédition"), and refunding a card payment through Stripe (issue 4 §5).
 */
import type { Kysely } from 'kysely';
import type Stripe from 'stripe';
import { Temporal } from 'temporal-polyfill';
import type { DB } from '../../db/schema.ts';
import { type Clock, today } from '../../kernel/clock.ts';
import { DomainError } from '../../kernel/errors.ts';
import { cents } from '../../kernel/money.ts';
import { lockOrderForEvents } from '../../legal/evidence/service.ts';
import type { Shop } from '../../shops/service.ts';
import { type OrderSide, recordPayment } from '../record-payment.ts';
import { AUTHORISATION_VALIDITY_DAYS, authorisationExpired } from './authorisation-expiry.ts';
import { advanceCheckout, checkoutsOf } from './queries.ts';
import { isSimulated, PROVIDER } from './simulated.ts';
import type { StripeGateway } from './stripe-client.ts';

const providerFailed = (error: unknown) => new DomainError('card_provider_failed', 'conflict', { reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' });

/**
 * Captures the order's authorised PaymentIntent, then records the payment under its id: the
 * `payment_intent.succeeded` webhook that follows is then a duplicate. The Stripe call happens
 * outside any transaction; its idempotency key makes a retry after a lost answer harmless.
 */
export async function captureAtShipment(deps: { db: Kysely<DB>; clock: Clock; stripe: StripeGateway | null; orders: OrderSide }, shop: Shop, orderId: string, actor: string): Promise<'captured' | 'nothing_to_capture'> {
  const authorized = (await checkoutsOf(deps.db, shop.slug, orderId)).find((c) => c.status === 'authorized' && c.payment_intent_id !== null);
  const paymentIntentId = authorized?.payment_intent_id;
  if (!authorized || !paymentIntentId) return 'nothing_to_capture';
  // SPEC.md A-63: a hold past its lifetime cannot be captured; say so rather than fail at Stripe.
  const authorisedAt = Temporal.Instant.fromEpochMilliseconds(authorized.updated_at.getTime());
  if (authorisationExpired(authorisedAt, deps.clock.now())) {
    const expiredOn = authorisedAt.add({ hours: 24 * AUTHORISATION_VALIDITY_DAYS }).toZonedDateTimeISO(shop.timeZone).toPlainDate().toString();
    throw new DomainError('card_authorisation_expired', 'refused', { expiredOn });
  }
  if (isSimulated(paymentIntentId)) return captureSimulated(deps, shop, orderId, { sessionId: authorized.session_id, paymentIntentId, amountCents: authorized.amount_cents }, actor);
  if (!deps.stripe) throw new DomainError('card_payments_unavailable', 'refused');

  let intent: Stripe.PaymentIntent;
  try {
    intent = await deps.stripe.client.paymentIntents.capture(paymentIntentId, {}, { idempotencyKey: `comptoir-capture-${shop.slug}-${orderId}-${paymentIntentId}` });
  } catch (error) {
    throw providerFailed(error);
  }
  if (intent.status !== 'succeeded' || intent.currency !== 'eur' || !Number.isInteger(intent.amount_received) || intent.amount_received <= 0) {
    throw providerFailed(new Error(`payment intent ${intent.status}`));
  }
  const now = new Date(deps.clock.now().epochMilliseconds);
  await deps.db.transaction().execute(async (trx) => {
    await lockOrderForEvents(trx, shop.slug, orderId);
    await advanceCheckout(trx, { shopId: shop.slug, orderId, sessionId: authorized.session_id, paymentIntentId }, 'captured', now);
    await recordPayment({ trx, shop, now, actor, orders: deps.orders }, orderId, {
      method: 'card',
      amountCents: cents(intent.amount_received),
      receivedOn: today(deps.clock, shop.timeZone).toString(),
      providerRef: paymentIntentId,
      evidence: { capturedAt: 'shipment', paymentIntentId, checkoutSessionId: authorized.session_id },
    });
  });
  return 'captured';
}

/** The simulated provider's authorisation (issue 8 §12): captured in full, with no call to make. */
async function captureSimulated(deps: { db: Kysely<DB>; clock: Clock; orders: OrderSide }, shop: Shop, orderId: string, authorized: { sessionId: string; paymentIntentId: string; amountCents: number }, actor: string): Promise<'captured'> {
  const now = new Date(deps.clock.now().epochMilliseconds);
  await deps.db.transaction().execute(async (trx) => {
    await lockOrderForEvents(trx, shop.slug, orderId);
    await advanceCheckout(trx, { shopId: shop.slug, orderId, sessionId: authorized.sessionId, paymentIntentId: authorized.paymentIntentId }, 'captured', now);
    await recordPayment({ trx, shop, now, actor, orders: deps.orders }, orderId, {
      method: 'card',
      amountCents: cents(authorized.amountCents),
      receivedOn: today(deps.clock, shop.timeZone).toString(),
      providerRef: authorized.paymentIntentId,
      evidence: { provider: PROVIDER, capturedAt: 'shipment', paymentIntentId: authorized.paymentIntentId, checkoutSessionId: authorized.sessionId },
    });
  });
  return 'captured';
}

/** A card refund through Stripe (for the refunds service), in cents; the key makes retries safe. */
export async function refundCardPayment(
  gateway: StripeGateway,
  paymentIntentId: string,
  amountCents: number,
  idempotencyKey: string,
  /** `{shop, orderId, refundId}`: how the later `refund.updated` webhook finds the refund. */
  metadata: Record<string, string> = {},
): Promise<{ id: string; status: string }> {
  const refund = await gateway.client.refunds.create({ payment_intent: paymentIntentId, amount: amountCents, metadata }, { idempotencyKey });
  return { id: refund.id, status: refund.status ?? 'pending' };
}
