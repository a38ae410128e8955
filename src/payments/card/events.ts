/**
 * Applying a verified Stripe event (issue 4 §3). Each event id is recorded once, in the same
 * transaction as its effect: the same event delivered five times, in a row or at once, acts once.
 * Events may come in any order (a PaymentIntent's `succeeded` before its session's `completed`);
 * both name the order in their metadata and both record the payment under the PaymentIntent's
 * id, so whichever comes second finds it recorded and the state converges.
 *
 * Every handler locks the order row first (then the checkout rows), the same order as
 * recordPayment and captureAtShipment, so concurrent events of one order never deadlock.
 */
import type { Kysely, Transaction } from 'kysely';
import type Stripe from 'stripe';
import { Temporal } from 'temporal-polyfill';
import type { DB } from '../../db/schema.ts';
import { localDate } from '../../kernel/calendar.ts';
import type { Clock } from '../../kernel/clock.ts';
import { isUuid } from '../../kernel/ids.ts';
import { cents } from '../../kernel/money.ts';
import { appendEvent, lockOrderForEvents } from '../../legal/evidence/service.ts';
import { DomainError } from '../../kernel/errors.ts';
import { getShop, type Shop } from '../../shops/service.ts';
import { type OrderSide, recordPayment } from '../record-payment.ts';
import { cardRefundStatus } from '../refunds/rules.ts';
import { settleCardRefundIn } from '../refunds/service.ts';
import { advanceCheckout, claimEvent, setEventOutcome } from './queries.ts';

export type EventResult = { duplicate: boolean; outcome: string };

type Ctx = { trx: Transaction<DB>; shop: Shop; orderId: string; now: Date; event: Stripe.Event; orders: OrderSide };

const ACTOR = 'stripe';

/** The order an event is about, from the metadata we put on the session and its PaymentIntent. */
function target(event: Stripe.Event): { shop: string; orderId: string } | null {
  const object = event.data.object as { metadata?: Record<string, string> | null };
  const shop = object.metadata?.shop;
  const orderId = object.metadata?.orderId;
  return typeof shop === 'string' && typeof orderId === 'string' && isUuid(orderId) ? { shop, orderId } : null;
}

async function findShop(db: Kysely<DB>, slug: string): Promise<Shop | null> {
  try {
    return await getShop(db, slug);
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not_found') return null;
    throw error;
  }
}

const intentId = (v: string | { id: string } | null): string | null => (v === null ? null : typeof v === 'string' ? v : v.id);

export async function applyStripeEvent(deps: { db: Kysely<DB>; clock: Clock; orders: OrderSide }, event: Stripe.Event): Promise<EventResult> {
  const about = target(event);
  const shop = about ? await findShop(deps.db, about.shop) : null;
  const now = new Date(deps.clock.now().epochMilliseconds);
  return deps.db.transaction().execute(async (trx) => {
    const claimed = await claimEvent(trx, {
      id: event.id,
      type: event.type,
      createdAt: new Date(event.created * 1000),
      receivedAt: now,
      shopId: shop ? shop.slug : null,
      orderId: shop && about ? about.orderId : null,
    });
    if (!claimed) return { duplicate: true, outcome: 'duplicate' };
    const outcome = shop && about && (await lockOrderForEvents(trx, shop.slug, about.orderId)) ? await apply({ trx, shop, orderId: about.orderId, now, event, orders: deps.orders }) : HANDLED.has(event.type) ? 'unknown_order' : 'ignored';
    await setEventOutcome(trx, event.id, outcome);
    return { duplicate: false, outcome };
  });
}

const HANDLED = new Set([
  'checkout.session.completed',
  'checkout.session.expired',
  'payment_intent.amount_capturable_updated',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'refund.created',
  'refund.updated',
  'refund.failed',
]);

/**
 * A card refund Stripe settles later (issue 4 §5): the refund named in its metadata (set when it
 * was requested, refunds/service.ts) takes the status Stripe reports.
 */
async function refundChanged(ctx: Ctx, refund: Stripe.Refund): Promise<string> {
  const refundId = refund.metadata?.refundId;
  if (typeof refundId !== 'string' || !isUuid(refundId)) return 'unknown_refund';
  const known = await ctx.trx.selectFrom('refunds').select('id').where('shop_id', '=', ctx.shop.slug).where('order_id', '=', ctx.orderId).where('id', '=', refundId).executeTakeFirst();
  if (!known) return 'unknown_refund';
  const settled = await settleCardRefundIn({ trx: ctx.trx, shop: ctx.shop, now: ctx.now, actor: ACTOR, orders: ctx.orders }, refundId, { status: cardRefundStatus(refund.status), providerRef: refund.id });
  return `refund_${settled.status}`;
}

function apply(ctx: Ctx): Promise<string> {
  const { event } = ctx;
  switch (event.type) {
    case 'checkout.session.completed':
      return sessionCompleted(ctx, event.data.object);
    case 'checkout.session.expired':
      return sessionExpired(ctx, event.data.object);
    case 'payment_intent.amount_capturable_updated':
      return intentAuthorized(ctx, event.data.object);
    case 'payment_intent.succeeded':
      return intentSucceeded(ctx, event.data.object);
    case 'payment_intent.payment_failed':
      return intentFailed(ctx, event.data.object);
    case 'refund.created':
    case 'refund.updated':
    case 'refund.failed':
      return refundChanged(ctx, event.data.object);
    default:
      return Promise.resolve('ignored');
  }
}

/** The day the money was taken, in the shop's zone: the event's creation time (seconds). */
const receivedOn = (ctx: Ctx) => localDate(Temporal.Instant.fromEpochMilliseconds(ctx.event.created * 1000), ctx.shop.timeZone).toString();

/** Amounts are integer cents in euros; anything else is refused, never converted. */
const isEuroCents = (currency: string | null, amount: number | null): amount is number => currency === 'eur' && Number.isInteger(amount) && (amount ?? 0) > 0;

async function pay(ctx: Ctx, paymentIntentId: string, amountCents: number, sessionId: string | null): Promise<string> {
  await advanceCheckout(ctx.trx, { shopId: ctx.shop.slug, orderId: ctx.orderId, sessionId, paymentIntentId }, 'captured', ctx.now);
  const recorded = await recordPayment({ trx: ctx.trx, shop: ctx.shop, now: ctx.now, actor: ACTOR, orders: ctx.orders }, ctx.orderId, {
    method: 'card',
    amountCents: cents(amountCents),
    receivedOn: receivedOn(ctx),
    providerRef: paymentIntentId,
    evidence: { stripeEventId: ctx.event.id, stripeEventType: ctx.event.type, paymentIntentId, ...(sessionId && { checkoutSessionId: sessionId }) },
  });
  return recorded ? 'payment_recorded' : 'already_recorded';
}

async function authorize(ctx: Ctx, paymentIntentId: string, amountCents: number, sessionId: string | null): Promise<string> {
  const from = await advanceCheckout(ctx.trx, { shopId: ctx.shop.slug, orderId: ctx.orderId, sessionId, paymentIntentId }, 'authorized', ctx.now);
  if (from === null) return 'no_change';
  // 004 art.4 O9b: the card is debited at shipment; until then the order waits, authorised.
  await appendEvent(ctx.trx, { shopId: ctx.shop.slug, orderId: ctx.orderId, type: 'card_authorized', at: ctx.now, actor: ACTOR, data: { stripeEventId: ctx.event.id, paymentIntentId, amountCents, ...(sessionId && { checkoutSessionId: sessionId }) } }, ctx.now);
  return 'authorized';
}

async function sessionCompleted(ctx: Ctx, session: Stripe.Checkout.Session): Promise<string> {
  const pi = intentId(session.payment_intent);
  if (!pi || !isEuroCents(session.currency, session.amount_total)) return 'refused_amount';
  if (session.payment_status === 'paid') return pay(ctx, pi, session.amount_total, session.id);
  const manual = await ctx.trx.selectFrom('card_checkouts').select('capture').where('session_id', '=', session.id).where('shop_id', '=', ctx.shop.slug).executeTakeFirst();
  if (session.payment_status === 'unpaid' && manual?.capture === 'manual') return authorize(ctx, pi, session.amount_total, session.id);
  return 'awaiting_payment';
}

async function intentAuthorized(ctx: Ctx, intent: Stripe.PaymentIntent): Promise<string> {
  if (intent.status !== 'requires_capture' || !isEuroCents(intent.currency, intent.amount_capturable)) return 'no_change';
  return authorize(ctx, intent.id, intent.amount_capturable, null);
}

async function intentSucceeded(ctx: Ctx, intent: Stripe.PaymentIntent): Promise<string> {
  if (!isEuroCents(intent.currency, intent.amount_received)) return 'refused_amount';
  return pay(ctx, intent.id, intent.amount_received, null);
}

async function sessionExpired(ctx: Ctx, session: Stripe.Checkout.Session): Promise<string> {
  const from = await advanceCheckout(ctx.trx, { shopId: ctx.shop.slug, orderId: ctx.orderId, sessionId: session.id, paymentIntentId: null }, 'expired', ctx.now);
  if (from !== 'open') return 'no_change';
  // The order keeps waiting for its payment; its page offers a new payment page.
  await appendEvent(ctx.trx, { shopId: ctx.shop.slug, orderId: ctx.orderId, type: 'card_checkout_expired', at: ctx.now, actor: ACTOR, data: { stripeEventId: ctx.event.id, checkoutSessionId: session.id } }, ctx.now);
  return 'expired';
}

async function intentFailed(ctx: Ctx, intent: Stripe.PaymentIntent): Promise<string> {
  const error = intent.last_payment_error;
  await appendEvent(
    ctx.trx,
    {
      shopId: ctx.shop.slug,
      orderId: ctx.orderId,
      type: 'card_payment_failed',
      at: ctx.now,
      actor: ACTOR,
      data: { stripeEventId: ctx.event.id, paymentIntentId: intent.id, code: error?.code ?? null, declineCode: error?.decline_code ?? null, message: error?.message ?? null },
    },
    ctx.now,
  );
  return 'payment_failed';
}
