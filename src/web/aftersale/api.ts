/**
 * API of the withdrawal function (API.md; issue 10 §1, §7):
 * `POST /shops/{shop}/orders/{id}/withdrawal` — the order's customer withdraws now, or staff
 * record one received by letter or e-mail (`{notifiedOn}`) → `201 {id, notifiedOn, deadline, onTime, …}`;
 * `POST /shops/{shop}/withdrawals/{id}/events` (staff) — `goods_received`, `proof_of_shipment`,
 * `refunded` → the withdrawal with `refundDueOn` and `lateSurchargeCents`;
 * `GET /shops/{shop}/withdrawals/{id}` — its customer or staff.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { requireAccess } from '../../accounts/actor.ts';
import { findOrder } from '../../aftersale/queries.ts';
import { CustomerWithdrawalInput, StaffWithdrawalInput, WithdrawalEventInput } from '../../aftersale/schema.ts';
import { findWithdrawalFor, todayIn, withdraw } from '../../aftersale/service.ts';
import { withdrawalJson } from '../../aftersale/withdrawal-json.ts';
import { recordWithdrawalFact } from '../../flows/withdrawal-refund.ts';
import { notFound } from '../../kernel/errors.ts';
import { isUuid } from '../../kernel/ids.ts';
import { recordServiceStart, ServiceStartInput } from '../../orders/service-start.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { getShop } from '../../shops/service.ts';

type IdParams = { Params: { shop: string; id: string } };

export const actorName = (request: FastifyRequest) => (request.actor.kind === 'anonymous' ? 'anonymous' : `${request.actor.kind}:${request.actor.id}`);

export const aftersaleApi: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock };
  const factDeps = { ...deps, stripe: app.deps.stripe };

  app.post<IdParams>('/shops/:shop/orders/:id/withdrawal', { schema: { tags: ['aftersale'], summary: 'Withdraw from an order (its customer, now) or record a withdrawal received by letter or e-mail (staff, `notifiedOn`)' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const { actor } = request;
    if (actor.kind === 'customer' && actor.shopId === shop.slug) {
      const input = parseOrThrow(CustomerWithdrawalInput, request.body ?? {});
      return reply.code(201).send(await withdraw(deps, shop, request.params.id, { by: 'customer', customerId: actor.id, input, lang: request.lang }, actorName(request)));
    }
    requireAccess(actor, 'shop.manage', shop.slug);
    // Another shop's order is "not found", whatever the body says.
    if (!isUuid(request.params.id) || !(await findOrder(db, shop.slug, request.params.id))) throw notFound('order');
    const input = parseOrThrow(StaffWithdrawalInput, request.body);
    return reply.code(201).send(await withdraw(deps, shop, request.params.id, { by: 'staff', input, lang: request.lang }, actorName(request)));
  });

  app.put<IdParams>('/shops/:shop/orders/:id/service-start', { schema: { tags: ['aftersale'], summary: 'Record the day a service\'s performance started (staff; `startedOn`, when it is not the day of conclusion): the pro rata owed on withdrawal counts from it' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    return recordServiceStart(deps, shop, request.params.id, parseOrThrow(ServiceStartInput, request.body), actorName(request));
  });

  app.post<IdParams>('/shops/:shop/withdrawals/:id/events', { schema: { tags: ['aftersale'], summary: 'Record a fact on a withdrawal (staff): goods_received, proof_of_shipment, refunded (amountCents)' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const input = parseOrThrow(WithdrawalEventInput, request.body);
    return reply.code(201).send(await recordWithdrawalFact(factDeps, shop, request.params.id, input, actorName(request)));
  });

  app.get<IdParams>('/shops/:shop/withdrawals/:id', { schema: { tags: ['aftersale'], summary: 'A withdrawal, with its refund due day and any late surcharge (its customer, staff)' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    const { actor } = request;
    const own = actor.kind === 'customer' && actor.shopId === shop.slug;
    if (!own) requireAccess(actor, 'shop.manage', shop.slug);
    const row = await findWithdrawalFor(db, shop, request.params.id, own ? { customerId: actor.id } : 'staff');
    return withdrawalJson(row, shop, todayIn(app.deps.clock, shop));
  });
};
