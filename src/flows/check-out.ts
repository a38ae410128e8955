/**
 * Checking out (issue 9): one use case for the checkout pages' final button and the API's
 * `POST orders`, each of which only turns its request into an `OrderInput` and renders what comes
 * back (a redirect, or 201 and the order's JSON).
 *
 * In order: who may order (a customer of the shop), whether the payment method is taken here,
 * the terms in force today; then the order's one transaction (src/flows/place-order.ts), which
 * also opens the simulated provider's payment page (no network to wait for); then one short
 * transaction after the commit: for card and PayPal through Stripe, the hosted Checkout page —
 * created only after the commit, so an HTTP call never holds the order's locks — written with the
 * caller's final answer; and the invoice's number, for a shop that invoices at placement. A Stripe
 * failure leaves the order awaiting payment, its page offering to pay again.
 */
import type { Transaction } from 'kysely';
import { type Actor, requireCustomer } from '../accounts/actor.ts';
import { termsForOrder } from '../checkout/terms-for-order.ts';
import { ensureSlots } from '../delivery/service.ts';
import type { OrderInput } from '../checkout/schema.ts';
import type { DB } from '../db/schema.ts';
import type { OrderJson } from './order-json.ts';
import { requireUsableMethod, takesCards, viaStripe } from '../payments/card/availability.ts';
import { type CardDeps, checkoutAfterPlacing, type JustPlaced, openSimulatedInTransaction } from '../payments/card/checkout.ts';
import { simulatedPaymentPath } from '../payments/card/simulated.ts';
import { issueRequestedInvoices, issueRequestedInvoicesAfterCommit } from '../invoicing/issue.ts';
import type { Shop } from '../shops/service.ts';
import { type PlacedOrder, placeOrder } from './place-order.ts';

/** The order asked for, by whom, of which shop: the same from a form and from JSON. */
export type CheckOutRequest = { shop: Shop; actor: Actor; order: OrderInput };

/** Where the request came from, as the evidence and the links need it. */
export type CheckOutOrigin = {
  ip: string;
  userAgent: string | null;
  /** The public origin of every absolute link (e-mail, API `url`s, the payment pages). */
  baseUrl: string;
  /** The order's id chosen by the caller (the review form's one-time token); else a new one. */
  orderId?: string;
  /** Where Stripe's page sends the customer back; the order page when not given. */
  returnUrl?: (orderUrl: string) => string;
  /**
   * The link the confirmation e-mail gives to follow the order: the signed order link, which a
   * guest needs to open it without an account (src/web/order-link.ts); the order page when not given.
   */
  followUrl?: (orderId: string) => string;
};

/** What the caller writes in the order's transaction(s); none of it is the order itself. */
export type CheckOutHooks = {
  /** First in the order's transaction (emptying the cart, claiming an Idempotency-Key); throwing rolls back all. */
  first?: (trx: Transaction<DB>) => Promise<void>;
  /**
   * Last in each transaction that changes the answer: the order's (`final` unless a Stripe page
   * is still to make), then the Stripe page's (`final`). Stores the API's answer to an
   * Idempotency-Key with what it answers, so a committed order always has its answer.
   */
  answer?: (trx: Transaction<DB>, order: OrderJson, final: boolean) => Promise<void>;
  /** Something after the commit failed — Stripe's payment page, the invoice's number — the order placed all the same: to log. */
  afterCommitFailed?: (error: unknown, what: string) => void;
};

/**
 * `order`: API.md's order, with `payment.checkoutUrl` for card and PayPal (null when Stripe
 * failed). `pay`: where the customer pays now, if anywhere — `sitePath` when it is our own
 * (simulated) page, which the pages redirect to without leaving the site.
 */
export type CheckedOut = { placed: PlacedOrder; order: OrderJson; pay: { url: string; sitePath: string | null } | null };

export async function checkOut(deps: CardDeps, request: CheckOutRequest, origin: CheckOutOrigin, hooks: CheckOutHooks = {}): Promise<CheckedOut> {
  const { shop, order: input } = request;
  const customerId = requireCustomer(request.actor, shop.slug);
  requireUsableMethod(input.paymentMethod, takesCards(deps));
  const { terms } = await termsForOrder(deps.db, deps.clock, shop);
  // Pickup slots are made lazily, once a day per process (src/delivery/service.ts): before the order's transaction.
  if (input.delivery.mode === 'pickup') await ensureSlots(deps.db, shop, deps.clock.now());
  const orderUrl = (id: string) => `${origin.baseUrl}/shops/${shop.slug}/orders/${id}`;
  const byStripe = viaStripe(input.paymentMethod) && deps.stripe !== null;
  const placed = await placeOrder(deps, shop, customerId, input, {
    ip: origin.ip,
    userAgent: origin.userAgent,
    terms,
    orderUrl: origin.followUrl ?? orderUrl,
    orderId: origin.orderId,
    first: hooks.first,
    last: async (trx, p) => {
      const o = p.json;
      const simulated = await openSimulatedInTransaction(trx, deps, shop, { id: o.id, status: o.status, method: o.payment.method, amountDueCents: o.payment.amountDueCents }, orderUrl(o.id), p.evidence);
      if (viaStripe(o.payment.method) && !deps.stripe) o.payment = { ...o.payment, checkoutUrl: simulated };
      await hooks.answer?.(trx, o, !byStripe);
    },
  });
  const order = placed.json;
  const failed = hooks.afterCommitFailed ?? (() => {});
  if (!byStripe) {
    if (placed.invoiceRequested) await numberInvoice(deps, shop, failed);
    const page = viaStripe(order.payment.method) ? order.payment.checkoutUrl : null;
    return { placed, order, pay: page ? { url: page, sitePath: simulatedPaymentPath(shop.slug, order.id) } : null };
  }
  // The Stripe page's transaction numbers the invoice too (one transaction after the commit, not two).
  let numbered = false;
  const inStripeTransaction = async (trx: Transaction<DB>) => {
    if (placed.invoiceRequested) await issueRequestedInvoices(trx, shop.slug);
    numbered = true;
  };
  const card = await checkoutAfterPlacing(deps, shop, placed.id, (origin.returnUrl ?? ((u) => u))(orderUrl(placed.id)), (error) => failed(error, 'stripe checkout'), justPlaced(placed, hooks, inStripeTransaction));
  if (placed.invoiceRequested && !(card && numbered)) await numberInvoice(deps, shop, failed);
  order.payment = { ...order.payment, checkoutUrl: card?.url ?? null };
  return { placed, order, pay: card ? { url: card.url, sitePath: null } : null };
}

/**
 * The order's invoice numbered after its commit, with the shop's other orders committed meanwhile
 * (migration 0026), before the answer: whoever is told the order is placed finds its invoice.
 * Should it fail, the order stands, and the due jobs number the invoice.
 */
async function numberInvoice(deps: CardDeps, shop: Shop, failed: (error: unknown, what: string) => void): Promise<void> {
  await issueRequestedInvoicesAfterCommit(deps.db, shop.slug).catch((error: unknown) => failed(error, 'invoice numbering'));
}

/**
 * The order as its transaction wrote it, so the Stripe page costs no read and no lock; only when
 * nothing of it is paid yet (a customer credit that paid part of it is read again first).
 */
function justPlaced(placed: PlacedOrder, hooks: CheckOutHooks, alsoInTransaction: (trx: Transaction<DB>) => Promise<void>): JustPlaced | undefined {
  const order = placed.json;
  if (order.payment.paidCents !== 0) return undefined;
  return {
    order: { id: order.id, number: order.number, status: order.status, payment_method: order.payment.method, gross_cents: order.totals.grossCents, deposit_cents: order.payment.depositCents ?? null, email: placed.email, paid_cents: 0 },
    head: placed.evidence,
    inTransaction: async (trx, url) => {
      await alsoInTransaction(trx);
      await hooks.answer?.(trx, { ...order, payment: { ...order.payment, checkoutUrl: url } }, true);
    },
  };
}
