/**
 * Paying an order by card (or PayPal) on Stripe's hosted Checkout page (issue 4 §3).
 *
 * PCI DSS SAQ-A: no card data ever touches Comptoir. The customer types the card number on
 * Stripe's own page; we only create the Checkout Session (an amount, a label, our metadata) and
 * learn the outcome from signed webhooks. Nothing here may ever receive, log or store a PAN.
 *
 * The session is created after the order's transaction has committed, never inside it: an HTTP
 * call must not hold row locks. If Stripe fails, the order simply stays awaiting payment and its
 * page offers "Payer par carte" again, which creates a new session.
 */
import type { Kysely, Transaction } from 'kysely';
import type Stripe from 'stripe';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../kernel/clock.ts';
import { DomainError } from '../../kernel/errors.ts';
import { t } from '../../kernel/i18n/index.ts';
import { appendEvent, lockOrderForEvents } from '../../legal/evidence/service.ts';
import { amountDueCents } from '../order-payment.ts';
import type { Shop } from '../../shops/service.ts';
import { viaStripe } from './availability.ts';
import { type CardCheckoutRow, checkoutsOf, insertCheckout, orderToPay } from './queries.ts';
import { isSimulated, openCheckout, simulatedPaymentPath, startSimulatedCheckout } from './simulated.ts';
import type { StripeGateway } from './stripe-client.ts';

/** `simulated`: without Stripe, the development provider takes card payments (issue 8 §12). */
export type CardDeps = { db: Kysely<DB>; clock: Clock; stripe: StripeGateway | null; simulated?: boolean };

/** Stripe keeps a Checkout Session open 24 hours; past 23 we make a new one rather than risk it. */
const REUSABLE_MS = 23 * 3600_000;

/** 004 art.4 O9b: with capture at shipment the card is only authorised when ordering. */
export const captureFor = (shop: Shop): CardCheckoutRow['capture'] => (shop.profile.payments?.capture === 'at_shipment' ? 'manual' : 'automatic');

/** Our facts on the session and on its PaymentIntent: the webhook finds the order from them. */
export const checkoutMetadata = (shop: Shop, order: { id: string; number: string }) => ({ shop: shop.slug, orderId: order.id, orderNumber: order.number });

type Payable = NonNullable<Awaited<ReturnType<typeof orderToPay>>>;

/** The order page, told how the customer came back from Stripe (`?card=returned|cancelled`). */
function backTo(orderUrl: string, outcome: 'returned' | 'cancelled'): string {
  const url = new URL(orderUrl);
  url.searchParams.set('card', outcome);
  return url.toString();
}

function sessionParams(shop: Shop, order: Payable, amountCents: number, orderUrl: string): Stripe.Checkout.SessionCreateParams {
  const metadata = checkoutMetadata(shop, order);
  return {
    mode: 'payment',
    allowed_payment_method_types: [order.payment_method === 'paypal' ? 'paypal' : 'card'],
    line_items: [{ quantity: 1, price_data: { currency: 'eur', unit_amount: amountCents, product_data: { name: t(shop.language, 'card.checkout.line', { number: order.number }) } } }],
    client_reference_id: order.id,
    customer_email: order.email,
    locale: shop.language,
    metadata,
    payment_intent_data: { capture_method: captureFor(shop), metadata, description: t(shop.language, 'card.checkout.line', { number: order.number }) },
    success_url: backTo(orderUrl, 'returned'),
    cancel_url: backTo(orderUrl, 'cancelled'),
  };
}

/**
 * The hosted payment page of an order awaiting a card payment: the open session when there is a
 * recent one for the amount still due, else a new one. Throws when Stripe cannot be reached.
 * `orderUrl`: the absolute URL of the order page the customer comes back to.
 */
/**
 * `placed`: the order as its placement just wrote it (nothing to read, no earlier session, the
 * evidence head known) and what to write with the session (the Idempotency-Key's final answer):
 * the order path's budget (issue 9).
 */
export type JustPlaced = { order: Payable; head: { evidence_head: string; evidence_count: number }; inTransaction: (trx: Transaction<DB>, url: string) => Promise<void> };

export async function startCardCheckout(deps: CardDeps, shop: Shop, orderId: string, orderUrl: string, placed?: JustPlaced): Promise<{ url: string }> {
  const { db, stripe } = deps;
  if (!stripe && !deps.simulated) throw new DomainError('card_payments_unavailable', 'refused');
  const order = placed?.order ?? (await orderToPay(db, shop.slug, orderId));
  const amountCents = order ? amountDueCents(order) : 0;
  if (order?.status !== 'awaiting_payment' || !viaStripe(order.payment_method) || amountCents <= 0) {
    throw new DomainError('card_payment_not_due', 'conflict');
  }
  if (!stripe) {
    // The simulated page stands for Stripe's: its absolute URL for the API, its path for the browser.
    const path = simulatedPaymentPath(shop.slug, orderId);
    await startSimulatedCheckout(deps, shop, orderId, amountCents, captureFor(shop), new URL(path, orderUrl).toString());
    return { url: path };
  }
  const now = new Date(deps.clock.now().epochMilliseconds);
  const earlier = placed ? [] : (await checkoutsOf(db, shop.slug, orderId)).filter((c) => !isSimulated(c.session_id));
  const open = earlier.find((c) => c.status === 'open' && c.amount_cents === amountCents && now.getTime() - c.created_at.getTime() < REUSABLE_MS);
  if (open) return { url: open.url };

  let session: Stripe.Checkout.Session;
  try {
    // One key per attempt: a network retry of this attempt creates no second session, while a
    // new attempt after an expired session gets a new one (Stripe keeps keys 24 hours).
    const idempotencyKey = `comptoir-checkout-${shop.slug}-${orderId}-${earlier.length + 1}`;
    session = await stripe.client.checkout.sessions.create(sessionParams(shop, order, amountCents, orderUrl), { idempotencyKey });
  } catch (error) {
    throw new DomainError('card_provider_failed', 'conflict', { reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' });
  }
  if (!session.url) throw new DomainError('card_provider_failed', 'conflict', { reason: 'no checkout url' });
  const url = session.url;
  await db.transaction().execute(async (trx) => {
    if (!placed) await lockOrderForEvents(trx, shop.slug, orderId);
    await insertCheckout(trx, { session_id: session.id, shop_id: shop.slug, order_id: orderId, capture: captureFor(shop), status: 'open', amount_cents: amountCents, url, created_at: now, updated_at: now });
    await appendEvent(trx, { shopId: shop.slug, orderId, type: 'card_checkout_started', at: now, actor: 'system', data: { sessionId: session.id, amountCents, currency: 'eur', capture: captureFor(shop) } }, now, placed?.head);
    await placed?.inTransaction(trx, url);
  });
  return { url };
}

/**
 * Right after an order is placed: its payment page, or null when Stripe failed (logged); the
 * order then waits, and its page offers to pay again.
 */
export async function checkoutAfterPlacing(deps: CardDeps, shop: Shop, orderId: string, orderUrl: string, log: (error: unknown) => void, placed?: JustPlaced): Promise<{ url: string } | null> {
  try {
    return await startCardCheckout(deps, shop, orderId, orderUrl, placed);
  } catch (error) {
    log(error);
    return null;
  }
}

/**
 * A just-placed order's simulated payment page, opened in the order's own transaction (no HTTP
 * call to wait for), so the answer is complete at commit (issue 9). Null when the order is not
 * paid through the simulated provider, or nothing is due. `head`: the evidence head the placement
 * just wrote, so the event is chained without reading it back.
 */
export async function openSimulatedInTransaction(trx: Transaction<DB>, deps: CardDeps, shop: Shop, order: { id: string; status: string; method: string; amountDueCents: number }, orderUrl: string, head?: JustPlaced['head']): Promise<string | null> {
  if (deps.stripe || !deps.simulated || !viaStripe(order.method) || order.status !== 'awaiting_payment' || order.amountDueCents <= 0) return null;
  const url = new URL(simulatedPaymentPath(shop.slug, order.id), orderUrl).toString();
  await openCheckout(trx, shop, order.id, order.amountDueCents, captureFor(shop), url, new Date(deps.clock.now().epochMilliseconds), head);
  return url;
}

/** What the order page says about a card payment: pay (again), or authorised until shipment; by Stripe or simulated. */
export type CardPaymentState = { state: 'pay' | 'authorized'; amountCents: number; simulated: boolean };

export async function cardPaymentState(deps: CardDeps, shop: Shop, order: { id: string; status: string; payment: { method: string; amountDueCents: number } }): Promise<CardPaymentState | null> {
  if (!viaStripe(order.payment.method) || order.status !== 'awaiting_payment' || order.payment.amountDueCents <= 0) return null;
  const checkouts = await checkoutsOf(deps.db, shop.slug, order.id);
  const authorized = checkouts.find((c) => c.status === 'authorized');
  if (authorized) return { state: 'authorized', amountCents: order.payment.amountDueCents, simulated: isSimulated(authorized.session_id) };
  if (deps.stripe) return { state: 'pay', amountCents: order.payment.amountDueCents, simulated: false };
  return deps.simulated ? { state: 'pay', amountCents: order.payment.amountDueCents, simulated: true } : null;
}
