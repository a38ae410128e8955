/**
 * The development payment provider, "Paiement simulé (démonstration)" (issue 8 §12): without
 * Stripe, and never in production (config.ts `simulatedPayments`), a card or PayPal order is paid
 * or refused on a page of ours instead of Stripe's hosted page, so every demo shop takes an order
 * on a fresh install. Medusa's system payment provider and Vendure's dummy payment handler play
 * the same part.
 *
 * It takes the same path as Stripe from the order's point of view: a checkout row (ids prefixed
 * `sim_`), then the payment recorded by recordPayment under a provider reference (order accepted
 * and paid, evidence event, e-mail, invoice when the profile issues it at payment), or, with
 * capture at shipment (004 art.4 O9b), an authorisation that captureAtShipment later records.
 * Every event it leaves says `provider: 'simulated'`, so no one mistakes it for money received.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Clock, today } from '../../kernel/clock.ts';
import { cents } from '../../kernel/money.ts';
import { appendEvent, lockOrderForEvents } from '../../legal/evidence/service.ts';
import { amountDueCents } from '../order-payment.ts';
import type { Shop } from '../../shops/service.ts';
import { type OrderSide, recordPayment } from '../record-payment.ts';
import { viaStripe } from './availability.ts';
import { advanceCheckout, type CardCheckoutRow, checkoutsOf, insertCheckout, orderToPay } from './queries.ts';

export const PROVIDER = 'simulated';
const PREFIX = 'sim_';

/** A checkout session or payment intent of the simulated provider, never Stripe's. */
export const isSimulated = (id: string | null): boolean => id?.startsWith(PREFIX) ?? false;

/** The page where the customer pays or refuses, relative to the site. */
export const simulatedPaymentPath = (shopSlug: string, orderId: string) => `/shops/${shopSlug}/orders/${orderId}/simulated-payment`;

type Deps = { db: Kysely<DB>; clock: Clock };
type Capture = CardCheckoutRow['capture'];
type EvidenceHead = { evidence_head: string; evidence_count: number };

const nowOf = (clock: Clock) => new Date(clock.now().epochMilliseconds);

/** The order when it still awaits a card (or PayPal) payment, with the amount due; else null. */
async function payable(db: Kysely<DB>, shopId: string, orderId: string) {
  const order = await orderToPay(db, shopId, orderId);
  const amountCents = order ? amountDueCents(order) : 0;
  if (order?.status !== 'awaiting_payment' || !viaStripe(order.payment_method) || amountCents <= 0) return null;
  return { ...order, amountCents };
}

export const simulatedPayable = (db: Kysely<DB>, shop: Shop, orderId: string) => payable(db, shop.slug, orderId);

/** `head`: the order's evidence head when the caller just wrote it (a new order): nothing to read. */
export async function openCheckout(trx: Transaction<DB>, shop: Shop, orderId: string, amountCents: number, capture: Capture, url: string, now: Date, head?: EvidenceHead): Promise<string> {
  const sessionId = `${PREFIX}cs_${randomUUID()}`;
  await insertCheckout(trx, { session_id: sessionId, shop_id: shop.slug, order_id: orderId, capture, status: 'open', amount_cents: amountCents, url, created_at: now, updated_at: now });
  await appendEvent(trx, { shopId: shop.slug, orderId, type: 'card_checkout_started', at: now, actor: 'system', data: { provider: PROVIDER, sessionId, amountCents, currency: 'eur', capture } }, now, head);
  return sessionId;
}

/**
 * Opens the simulated payment page of an order (as Stripe's Checkout Session would be), reusing
 * an open one for the same amount. `pageUrl`: its absolute URL, given as `payment.checkoutUrl`.
 */
export async function startSimulatedCheckout(deps: Deps, shop: Shop, orderId: string, amountCents: number, capture: Capture, pageUrl: string): Promise<void> {
  const earlier = await checkoutsOf(deps.db, shop.slug, orderId);
  if (earlier.some((c) => isSimulated(c.session_id) && c.status === 'open' && c.amount_cents === amountCents)) return;
  const now = nowOf(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    await lockOrderForEvents(trx, shop.slug, orderId);
    await openCheckout(trx, shop, orderId, amountCents, capture, pageUrl, now);
  });
}

export type SimulatedOutcome = 'paid' | 'authorized' | 'refused' | 'not_due';

/**
 * "Payer": the amount due is paid (capture at order) or authorised until shipment. The order row
 * is locked first and its state read again under the lock, so a double click pays once.
 */
export async function paySimulated(deps: Deps & { orders: OrderSide }, shop: Shop, orderId: string, capture: Capture, pageUrl: string, actor: string): Promise<SimulatedOutcome> {
  const now = nowOf(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    await lockOrderForEvents(trx, shop.slug, orderId);
    const order = await payable(trx, shop.slug, orderId);
    if (!order) return 'not_due';
    const open = (await checkoutsOf(trx, shop.slug, orderId)).find((c) => isSimulated(c.session_id) && c.status === 'open' && c.amount_cents === order.amountCents);
    const sessionId = open?.session_id ?? (await openCheckout(trx, shop, orderId, order.amountCents, capture, pageUrl, now));
    const paymentIntentId = `${PREFIX}pi_${randomUUID()}`;
    const at = { shopId: shop.slug, orderId, sessionId, paymentIntentId };
    if (capture === 'manual') {
      await advanceCheckout(trx, at, 'authorized', now);
      const data = { provider: PROVIDER, paymentIntentId, amountCents: order.amountCents, checkoutSessionId: sessionId };
      await appendEvent(trx, { shopId: shop.slug, orderId, type: 'card_authorized', at: now, actor, data }, now);
      return 'authorized';
    }
    await advanceCheckout(trx, at, 'captured', now);
    await recordPayment({ trx, shop, now, actor, orders: deps.orders }, orderId, {
      method: 'card',
      amountCents: cents(order.amountCents),
      receivedOn: today(deps.clock, shop.timeZone).toString(),
      providerRef: paymentIntentId,
      evidence: { provider: PROVIDER, paymentIntentId, checkoutSessionId: sessionId },
    });
    return 'paid';
  });
}

/** "Refuser le paiement": a declined card, noted as Stripe's `payment_intent.payment_failed` is; the order keeps waiting. */
export async function refuseSimulated(deps: Deps, shop: Shop, orderId: string, actor: string): Promise<SimulatedOutcome> {
  const now = nowOf(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    await lockOrderForEvents(trx, shop.slug, orderId);
    if (!(await payable(trx, shop.slug, orderId))) return 'not_due';
    const data = { provider: PROVIDER, code: 'card_declined', declineCode: 'simulated_decline', message: null };
    await appendEvent(trx, { shopId: shop.slug, orderId, type: 'card_payment_failed', at: now, actor, data }, now);
    return 'refused';
  });
}
