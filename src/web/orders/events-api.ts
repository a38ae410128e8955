/**
 * API: staff record what happened to an order (API.md `POST /shops/{shop}/orders/{id}/events`).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Transaction } from 'kysely';
import { requireAccess } from '../../accounts/actor.ts';
import type { DB } from '../../db/schema.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { answerInTransaction } from '../../platform/idempotency-keys.ts';
import { getShop } from '../../shops/service.ts';
import { recordOrderEvent } from '../../flows/record-order-event.ts';
import { OrderEventInput } from '../../orders/events.ts';
import { orderJson } from '../../flows/order-json.ts';
import { findOrderFor } from '../../orders/service.ts';

type OrderParams = { Params: { shop: string; id: string } };

export const orderEventsApi: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const clock = app.deps.clock;

  app.post<OrderParams>('/shops/:shop/orders/:id/events', { schema: { tags: ['orders'], summary: 'Record a fact on an order (staff): accepted, refused, payment_received, shipped, delivered, picked_up, cancelled, concluded_off_premises; `at` an instant with its offset, or a day YYYY-MM-DD (that day in the shop’s zone), never in the future' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const input = parseOrThrow(OrderEventInput, request.body);
    const actor = request.actor.kind === 'anonymous' ? 'anonymous' : `${request.actor.kind}:${request.actor.id}`;
    const claim = request.idempotency;
    // The Idempotency-Key's answer commits with the fact (completed by the capture's outcome once sent).
    const answer = claim && (async (trx: Transaction<DB>) => answerInTransaction(trx, claim, 201, await orderJson(trx, shop, await findOrderFor(trx, request.actor, shop.slug, request.params.id))));
    const { cardCapture } = await recordOrderEvent({ db, clock, stripe: app.deps.stripe }, shop, request.params.id, input, actor, answer);
    const order = await findOrderFor(db, request.actor, shop.slug, request.params.id);
    return reply.code(201).send({ ...(await orderJson(db, shop, order)), ...(cardCapture && { cardCapture }) });
  });
};
