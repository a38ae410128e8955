/**
 * API: placing and reading orders, and their evidence (API.md `POST orders`, `GET orders/{id}`,
 * `GET orders/{id}/evidence`).
 */
import type { FastifyPluginAsync } from 'fastify';
import { requireCustomer } from '../accounts/actor.ts';
import { placeOrder } from '../checkout/place-order.ts';
import { OrderInput } from '../checkout/schema.ts';
import { termsForOrder } from '../checkout/terms-for-order.ts';
import { parseOrThrow } from '../kernel/validation.ts';
import { answerInTransaction } from '../platform/idempotency-keys.ts';
import { verifyOrder } from '../legal/evidence/service.ts';
import { requireUsableMethod, takesCards, viaStripe } from '../payments/card/availability.ts';
import { checkoutAfterPlacing } from '../payments/card/checkout.ts';
import { getShop } from '../shops/service.ts';
import { baseUrl } from '../web/urls.ts';
import { findOrderFor, orderJson } from './service.ts';

type ShopParams = { Params: { shop: string } };
type OrderParams = { Params: { shop: string; id: string } };

export const ordersApi: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const clock = app.deps.clock;

  app.post<ShopParams>('/shops/:shop/orders', { schema: { tags: ['orders'], summary: 'Place an order (customer)' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const customerId = requireCustomer(request.actor, shop.slug);
    const input = parseOrThrow(OrderInput, request.body);
    const cardDeps = { db, clock, stripe: app.deps.stripe, simulated: app.deps.config.simulatedPayments };
    requireUsableMethod(input.paymentMethod, takesCards(cardDeps));
    const { terms, attachments } = await termsForOrder(db, clock, shop);
    const base = baseUrl(request);
    const claim = request.idempotency;
    const placed = await placeOrder({ db, clock }, shop, customerId, input, {
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      terms,
      attachments,
      orderUrl: (id) => `${base}/shops/${shop.slug}/orders/${id}`,
      // The Idempotency-Key's answer commits with the order: a retry after a crash replays it.
      ...(claim && { answer: async (trx, placed) => answerInTransaction(trx, claim, 201, await orderJson(trx, shop, await findOrderFor(trx, request.actor, shop.slug, placed.id))) }),
    });
    // Card and PayPal: Stripe's hosted page (or the simulated one), created once the order is committed (`payment.checkoutUrl`).
    if (viaStripe(input.paymentMethod)) {
      await checkoutAfterPlacing(cardDeps, shop, placed.id, `${base}/shops/${shop.slug}/orders/${placed.id}`, (e) => request.log.error({ err: e }, 'stripe checkout'));
    }
    const order = await findOrderFor(db, request.actor, shop.slug, placed.id);
    return reply.code(201).send(await orderJson(db, shop, order));
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
