/**
 * API: placing and reading orders, and their evidence (API.md `POST orders`, `GET orders/{id}`,
 * `GET orders/{id}/evidence`).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { requireCustomer } from '../../accounts/actor.ts';
import { type PlacedOrder, placeOrder } from '../../flows/place-order.ts';
import { OrderInput } from '../../checkout/schema.ts';
import { termsForOrder } from '../../checkout/terms-for-order.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { answerInTransaction, type IdempotencyClaim } from '../../platform/idempotency-keys.ts';
import { awaitKey, claimInTransaction, KeyAlreadyClaimed } from '../idempotency.ts';
import { verifyOrder } from '../../legal/evidence/service.ts';
import { requireUsableMethod, takesCards, viaStripe } from '../../payments/card/availability.ts';
import { checkoutAfterPlacing, openSimulatedInTransaction } from '../../payments/card/checkout.ts';
import { getShop } from '../../shops/service.ts';
import { baseUrl } from '../urls.ts';
import { findOrderFor, orderJson } from '../../orders/service.ts';

type ShopParams = { Params: { shop: string } };
type OrderParams = { Params: { shop: string; id: string } };

export const ordersApi: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const clock = app.deps.clock;

  // The Idempotency-Key is claimed in the order's transaction: 2 transactions per order (issue 9).
  app.post<ShopParams>('/shops/:shop/orders', { config: { claimsInTransaction: true }, schema: { tags: ['orders'], summary: 'Place an order (customer)' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const customerId = requireCustomer(request.actor, shop.slug);
    const input = parseOrThrow(OrderInput, request.body);
    const cardDeps = { db, clock, stripe: app.deps.stripe, simulated: app.deps.config.simulatedPayments };
    requireUsableMethod(input.paymentMethod, takesCards(cardDeps));
    const { terms } = await termsForOrder(db, clock, shop);
    const base = baseUrl(request);
    const orderUrl = (id: string) => `${base}/shops/${shop.slug}/orders/${id}`;
    // Card and PayPal through Stripe: the answer is completed after the commit (`payment.checkoutUrl`);
    // the simulated provider's page is opened in the order's transaction.
    const final = !viaStripe(input.paymentMethod) || !app.deps.stripe;
    let claim: IdempotencyClaim | undefined;
    const place = () =>
      placeOrder({ db, clock }, shop, customerId, input, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        terms,
        orderUrl,
        inTransaction: async (trx) => {
          claim = await claimInTransaction(request, trx);
        },
        // The Idempotency-Key's answer commits with the order: a retry after a crash replays it.
        answer: async (trx, placed) => {
          const p = placed.json;
          const simulated = await openSimulatedInTransaction(trx, cardDeps, shop, { id: p.id, status: p.status, method: p.payment.method, amountDueCents: p.payment.amountDueCents }, orderUrl(p.id));
          if (viaStripe(p.payment.method) && !app.deps.stripe) p.payment = { ...p.payment, checkoutUrl: simulated };
          await answerInTransaction(trx, claim, 201, p, { final });
        },
      });
    let placed: PlacedOrder;
    try {
      placed = await place();
    } catch (error) {
      if (!(error instanceof KeyAlreadyClaimed)) throw error;
      if ((await awaitKey(request, reply)) === 'replayed') return reply;
      placed = await place();
    }
    request.idempotency = claim;
    const order = placed.json;
    // Card and PayPal: Stripe's hosted page, created once the order is committed (`payment.checkoutUrl`),
    // and written with the key's final answer.
    if (viaStripe(input.paymentMethod) && app.deps.stripe) {
      const fresh = order.payment.paidCents === 0 && {
        order: { id: order.id, number: order.number, status: order.status, payment_method: order.payment.method, gross_cents: order.totals.grossCents, deposit_cents: order.payment.depositCents ?? null, email: placed.email, paid_cents: 0 },
        head: placed.evidence,
        inTransaction: async (trx: Transaction<DB>, url: string) => {
          order.payment = { ...order.payment, checkoutUrl: url };
          const body = JSON.stringify(order);
          await answerInTransaction(trx, claim, 201, order, { final: true });
          request.idempotencyFinal = body;
        },
      };
      const checkout = await checkoutAfterPlacing(cardDeps, shop, placed.id, orderUrl(placed.id), (e) => request.log.error({ err: e }, 'stripe checkout'), fresh || undefined);
      order.payment = { ...order.payment, checkoutUrl: checkout?.url ?? null };
    }
    const body = JSON.stringify(order);
    if (final) request.idempotencyFinal = body;
    else if (request.idempotencyFinal !== body) request.idempotencyFinal = undefined;
    return reply.code(201).type('application/json; charset=utf-8').send(body);
  });

  app.get<OrderParams>('/shops/:shop/orders/:id', { schema: { tags: ['orders'], summary: 'An order (its customer, staff)' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    return orderJson(db, shop, await findOrderFor(db, request.actor, shop.slug, request.params.id));
  });

  app.get<OrderParams>('/shops/:shop/orders/:id/evidence', { schema: { tags: ['orders'], summary: 'The order’s hash-chained event log, verified' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    const order = await findOrderFor(db, request.actor, shop.slug, request.params.id);
    const check = await verifyOrder(db, shop.slug, order.id);
    return { orderId: order.id, number: order.number, verified: check.verified, brokenAt: check.brokenAt, reason: check.reason, events: check.events };
  });
};
