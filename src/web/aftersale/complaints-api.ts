/**
 * API of complaints, reserves, invoice disputes and goodwill return requests (issue 10 §5–§6):
 * `POST /shops/{shop}/orders/{id}/complaints` — the order's customer files one now, or staff record
 * one received in writing (`madeOn`) → `201 {id, kind, windowEndsOn, onTime, …}`;
 * `POST /shops/{shop}/complaints/{id}/letters` (staff) — a registered letter with its dates;
 * `POST /shops/{shop}/complaints/{id}/decision` (staff) — a goodwill return accepted (its credit
 *   note issued) or refused with its reason;
 * `GET /shops/{shop}/complaints/{id}` — its customer or staff.
 */
import type { FastifyPluginAsync } from 'fastify';
import { requireAccess } from '../../accounts/actor.ts';
import { complaintFor, CustomerComplaintInput, fileComplaint, GoodwillDecisionInput, LetterInput, orderFor, recordLetter, StaffComplaintInput } from '../../aftersale/complaints.ts';
import { decideGoodwill } from '../../flows/goodwill-return.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { getShop } from '../../shops/service.ts';
import { actorName } from './api.ts';

type IdParams = { Params: { shop: string; id: string } };

export const complaintsApi: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock };

  app.post<IdParams>('/shops/:shop/orders/:id/complaints', { schema: { tags: ['aftersale'], summary: 'File a complaint, transport reserve, invoice dispute or goodwill return request on an order (its customer, today; staff, with `madeOn`), judged against the window of the terms' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const { actor } = request;
    if (actor.kind === 'customer' && actor.shopId === shop.slug) {
      const input = parseOrThrow(CustomerComplaintInput, request.body ?? {});
      return reply.code(201).send(await fileComplaint(deps, shop, request.params.id, { by: 'customer', customerId: actor.id, input }, actorName(request)));
    }
    requireAccess(actor, 'shop.manage', shop.slug);
    // Another shop's order is "not found", whatever the body says.
    await orderFor(db, shop, request.params.id, 'staff');
    const input = parseOrThrow(StaffComplaintInput, request.body ?? {});
    return reply.code(201).send(await fileComplaint(deps, shop, request.params.id, { by: 'staff', input }, actorName(request)));
  });

  app.post<IdParams>('/shops/:shop/complaints/:id/letters', { schema: { tags: ['aftersale'], summary: 'Record a registered letter sent or received about a complaint (staff): sent, first presented and received dates, tracking number' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    await complaintFor(db, shop, request.params.id, 'staff');
    const input = parseOrThrow(LetterInput, request.body ?? {});
    return reply.code(201).send(await recordLetter(deps, shop, request.params.id, input, actorName(request)));
  });

  app.post<IdParams>('/shops/:shop/complaints/:id/decision', { schema: { tags: ['aftersale'], summary: 'Accept or refuse a goodwill return request (staff; 003 art.11 prior written approval): `{decision: "accepted"|"refused", note?}`, a refusal with its reason; an acceptance issues the credit note of the price less the abatement' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const input = parseOrThrow(GoodwillDecisionInput, request.body);
    return reply.code(201).send(await decideGoodwill(deps, shop, request.params.id, input, actorName(request)));
  });

  app.get<IdParams>('/shops/:shop/complaints/:id', { schema: { tags: ['aftersale'], summary: 'A complaint with its window, its letters and, for a consumer, the mediator and the year to seize it (its customer, staff)' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    const { actor } = request;
    const own = actor.kind === 'customer' && actor.shopId === shop.slug;
    if (!own) requireAccess(actor, 'shop.manage', shop.slug);
    return complaintFor(db, shop, request.params.id, own ? { customerId: actor.id } : 'staff');
  });
};
