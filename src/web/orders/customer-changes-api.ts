/**
 * API of customer changes (API.md; issue 11 §3, SPEC C11):
 * `GET /shops/{shop}/orders/{id}/changes` — what the customer may do now, until when, at what cost;
 * `POST …/orders/{id}/cancellation` (its customer) — `201 {outcome: "cancelled", …}` when the terms
 *   and the law allow it now, `202 {outcome: "requested", request}` when only the shop may accept it;
 * `POST …/orders/{id}/modification` (its customer) — `202 {request, until}`;
 * `POST …/orders/{id}/change-requests/{requestId}/decision` (staff) — `{decision: accepted|declined}`;
 * `POST …/orders/{id}/planned-shipment` (staff) — `{on}`, the day the shop plans to ship.
 * Refusals: 422 `order_already_shipped`, `order_already_closed`, `modification_window_over`,
 * `cancellation_cost_not_accepted`; 409 `change_request_pending`, `change_request_already_decided`.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { requireAccess, requireCustomer } from '../../accounts/actor.ts';
import { cancelAsCustomer, decideChangeRequest, planShipment, requestModification } from '../../flows/customer-changes.ts';
import { notFound } from '../../kernel/errors.ts';
import { isUuid } from '../../kernel/ids.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import type { CancellationOption, ModificationOption } from '../../orders/customer-change-rules.ts';
import { CancellationBody, DecisionBody, ModificationBody, PlannedShipmentBody } from '../../orders/customer-change-schema.ts';
import { customerChangesOf } from '../../orders/customer-changes.ts';
import { findOrderFor } from '../../orders/service.ts';
import { getShop } from '../../shops/service.ts';

type IdParams = { Params: { shop: string; id: string } };
const actorName = (request: FastifyRequest) => (request.actor.kind === 'anonymous' ? 'anonymous' : `${request.actor.kind}:${request.actor.id}`);

/** An option as JSON: dates as `YYYY-MM-DD`, amounts in cents. */
export function optionJson(o: CancellationOption | ModificationOption) {
  return JSON.parse(JSON.stringify(o)) as Record<string, unknown>;
}

const ERRORS = 'Refusals: 422 order_already_shipped, order_already_closed, modification_window_over, cancellation_cost_not_accepted; 409 change_request_pending, change_request_already_decided.';

export const customerChangesApi: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock, stripe: app.deps.stripe };

  app.get<IdParams>('/shops/:shop/orders/:id/changes', { schema: { tags: ['orders'], summary: 'What the order’s customer may still cancel or change now, until when (YYYY-MM-DD in the shop’s zone) and at what cost (cents), with their requests (its customer, staff)' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    await findOrderFor(db, request.actor, shop.slug, request.params.id);
    const changes = await customerChangesOf(db, shop, request.params.id, app.deps.clock.now());
    if (!changes) throw notFound('order');
    return {
      today: changes.today.toString(),
      plannedShipOn: changes.facts.plannedShipOn?.toString() ?? null,
      plannedBy: changes.facts.plannedBy,
      paidCents: changes.facts.paidCents,
      cancellation: optionJson(changes.cancellation),
      modification: optionJson(changes.modification),
      requests: changes.requests,
    };
  });

  app.post<IdParams>('/shops/:shop/orders/:id/cancellation', { schema: { tags: ['orders'], summary: `Cancel the order now as its terms and the law allow (201, with the cost kept or owed and the refund due day; a cost must be repeated in acceptedCostCents), or ask the shop to accept it (202) — its customer. ${ERRORS}` } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const customerId = requireCustomer(request.actor, shop.slug);
    const input = parseOrThrow(CancellationBody, request.body ?? {});
    const result = await cancelAsCustomer(deps, shop, request.params.id, customerId, input, actorName(request));
    return reply.code(result.outcome === 'cancelled' ? 201 : 202).send(result);
  });

  app.post<IdParams>('/shops/:shop/orders/:id/modification', { schema: { tags: ['orders'], summary: `Ask the shop to change the order (its customer): 202 with the pending request and the last day such a request was possible. ${ERRORS}` } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const customerId = requireCustomer(request.actor, shop.slug);
    const input = parseOrThrow(ModificationBody, request.body);
    return reply.code(202).send(await requestModification(deps, shop, request.params.id, customerId, input, actorName(request)));
  });

  app.post<IdParams>('/shops/:shop/orders/:id/planned-shipment', { schema: { tags: ['orders'], summary: 'Set the day the shop plans to ship the order (staff), `{on: YYYY-MM-DD}`: 004 art.2 counts the modification deadline back from it (1 day before). Refusals: 422 planned_before_order, order_already_shipped, order_already_closed.' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const input = parseOrThrow(PlannedShipmentBody, request.body);
    return reply.code(201).send(await planShipment(deps, shop, request.params.id, input.on, actorName(request)));
  });

  app.post<{ Params: { shop: string; id: string; requestId: string } }>('/shops/:shop/orders/:id/change-requests/:requestId/decision', { schema: { tags: ['orders'], summary: `Accept or decline a customer’s cancellation or modification request (staff): an accepted cancellation cancels the order at the terms’ cost; a declined modification under 004 art.2 cancels it with the sums paid due within 7 days. ${ERRORS}` } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    if (!isUuid(request.params.requestId)) throw notFound('change_request');
    const input = parseOrThrow(DecisionBody, request.body);
    return decideChangeRequest(deps, shop, request.params.id, request.params.requestId, input, actorName(request));
  });
};
