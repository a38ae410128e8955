/**
 * API: placing and reading orders, and their evidence (API.md `POST orders`, `GET orders/{id}`,
 * `GET orders/{id}/evidence`).
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { requireCustomer } from '../../accounts/actor.ts';
import { type CheckedOut, type CheckOutHooks, checkOut } from '../../flows/check-out.ts';
import { OrderInput } from '../../checkout/schema.ts';
import { localDate } from '../../kernel/calendar.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { answerInTransaction, type IdempotencyClaim } from '../../platform/idempotency-keys.ts';
import { awaitKey, claimInTransaction, KeyAlreadyClaimed } from '../idempotency.ts';
import { verifyOrder } from '../../legal/evidence/service.ts';
import { getShop } from '../../shops/service.ts';
import { baseUrl } from '../urls.ts';
import { signedOrderUrl } from '../order-link.ts';
import { orderJson } from '../../flows/order-json.ts';
import { findOrderFor } from '../../orders/service.ts';

type ShopParams = { Params: { shop: string } };
type OrderParams = { Params: { shop: string; id: string } };

export const ordersApi: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const clock = app.deps.clock;

  const cardDeps = { db, clock, stripe: app.deps.stripe, simulated: app.deps.config.simulatedPayments };

  // The Idempotency-Key is claimed in the order's transaction: 2 transactions per order (issue 9).
  app.post<ShopParams>('/shops/:shop/orders', { config: { claimsInTransaction: true }, schema: { tags: ['orders'], summary: 'Place an order (customer)', description: '`delivery: {mode, pickupPointId?, slotId?, address?, phone?, doorNotes?}` (`phone` and `doorNotes` — door code, floor — for whoever delivers or hands over; 422 `invalid_phone`): the mode must be offered at the address (`GET …/delivery-options`; 422 `delivery_mode_not_offered`); for pickup, the slot is held in the order’s transaction (409 `slot_full`, 422 `slot_in_past`, `unknown_slot`, `slot_outside_promise`), the earliest with room when none is named. The order’s `delivery` carries `pickupPoint`, `slot` and `earliestOn`.' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireCustomer(request.actor, shop.slug); // 401/403 before any word on the body
    const order = parseOrThrow(OrderInput, request.body);
    const key = keyAnsweredWithOrder(request);
    const checkOutNow = () => checkOut(cardDeps, { shop, actor: request.actor, order }, {
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      baseUrl: baseUrl(request),
      // The confirmation's link opens the order on any browser without signing in (src/web/order-link.ts).
      followUrl: (id) => signedOrderUrl(baseUrl(request), app.deps.config.secret, shop.slug, id),
    }, key.hooks);
    let done: CheckedOut;
    try {
      done = await checkOutNow();
    } catch (error) {
      if (!(error instanceof KeyAlreadyClaimed)) throw error;
      if ((await awaitKey(request, reply)) === 'replayed') return reply;
      done = await checkOutNow();
    }
    const body = JSON.stringify(done.order);
    key.settle(body);
    return reply.code(201).type('application/json; charset=utf-8').send(body);
  });

  app.get<OrderParams>('/shops/:shop/orders/:id', { schema: { tags: ['orders'], summary: 'An order (its customer, staff)' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    return orderJson(db, shop, await findOrderFor(db, request.actor, shop.slug, request.params.id), localDate(clock.now(), shop.timeZone));
  });

  app.get<OrderParams>('/shops/:shop/orders/:id/evidence', { schema: { tags: ['orders'], summary: 'The order’s hash-chained event log, verified' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    const order = await findOrderFor(db, request.actor, shop.slug, request.params.id);
    const check = await verifyOrder(db, shop.slug, order.id);
    return { orderId: order.id, number: order.number, verified: check.verified, brokenAt: check.brokenAt, reason: check.reason, events: check.events };
  });
};

/**
 * The request's Idempotency-Key, claimed first in the order's transaction and answered with the
 * order in it (and again with the Stripe page's row): a retry after a crash replays the answer.
 * `settle`: the body sent is final as committed, or left for the onSend hook to record.
 */
function keyAnsweredWithOrder(request: FastifyRequest) {
  let claim: IdempotencyClaim | undefined;
  let finalBody: string | undefined;
  const hooks: CheckOutHooks = {
    first: async (trx) => {
      claim = await claimInTransaction(request, trx);
    },
    answer: async (trx, order, final) => {
      await answerInTransaction(trx, claim, 201, order, { final });
      finalBody = final ? JSON.stringify(order) : undefined;
    },
    afterCommitFailed: (error, what) => request.log.error({ err: error }, what),
  };
  const settle = (body: string) => {
    request.idempotency = claim;
    request.idempotencyFinal = finalBody === body ? body : undefined;
  };
  return { hooks, settle };
}
