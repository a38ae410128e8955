/**
 * API of late delivery and force majeure (issue 11 §4–§5; API.md):
 * `GET /shops/{shop}/orders/{id}/late-delivery` — the promise, whether it is late, the notice,
 *   what the customer may do today, and after a termination the refund with its due day and any
 *   L241-4 surcharge (its customer, staff);
 * `POST /shops/{shop}/orders/{id}/late-delivery-notice` — the customer's formal notice `{deliverBy?, note?}`;
 * `POST /shops/{shop}/orders/{id}/termination` — the customer terminates `{ground?, note?}`, or
 *   staff for force majeure (`{ground: "force_majeure"}`);
 * `GET|POST /shops/{shop}/force-majeure`, `POST …/force-majeure/{id}/end` — staff declare and end
 *   a period of force majeure on the shop or an order;
 * `GET|POST /shops/{shop}/orders/{id}/formal-notices`, `POST …/formal-notices/dates`,
 *   `POST …/formal-notice-termination` — the seller's registered letters of formal notice
 *   (non-payment, goods not collected) and the termination once their period has passed (§6).
 */
import type { FastifyPluginAsync } from 'fastify';
import { requireAccess } from '../../accounts/actor.ts';
import { lateDeliveryJson, terminateContract } from '../../flows/late-delivery.ts';
import { localDate } from '../../kernel/calendar.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { terminateOnFormalNotice } from '../../flows/formal-notice.ts';
import { FormalNoticeDatesInput, FormalNoticeInput, FormalNoticeTerminationInput, formalNoticesOfOrder, recordFormalNotice, recordFormalNoticeDates } from '../../orders/formal-notices.ts';
import { declareForceMajeure, endForceMajeure, ForceMajeureEndInput, ForceMajeureInput, listForceMajeure } from '../../orders/force-majeure.ts';
import { LateDeliveryNoticeInput, sendLateDeliveryNotice, TerminationInput } from '../../orders/late-delivery.ts';
import { findOrderFor } from '../../orders/service.ts';
import { getShop } from '../../shops/service.ts';
import { actorName } from '../aftersale/api.ts';

type IdParams = { Params: { shop: string; id: string } };
type ShopParams = { Params: { shop: string } };

const NOTICE_REFUSALS = 'delivery_not_late, notice_period_running, notice_already_sent, notice_period_too_short, order_already_shipped, order_already_delivered, order_not_open_for_late_delivery, late_delivery_no_remedy_for_professionals';
const TERMINATION_REFUSALS = 'delivery_not_late, late_delivery_notice_required, notice_period_running, order_already_shipped, order_already_delivered, order_not_open_for_late_delivery, late_delivery_no_remedy_for_professionals, force_majeure_limit_not_reached, termination_ground_not_for_staff';

export const lateDeliveryApi: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock };

  app.get<IdParams>('/shops/:shop/orders/:id/late-delivery', { schema: { tags: ['orders'], summary: 'Late delivery of an order (L216-1, L216-6, L216-7, L241-4): its promise and last day with the days of force majeure added, the notice, what the customer may do today (canSendNotice, canTerminate with the refusal code), and after a termination the refund due day, the days late and the surcharge (its customer, staff)' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    const order = await findOrderFor(db, request.actor, shop.slug, request.params.id);
    return lateDeliveryJson(db, shop, order, localDate(deps.clock.now(), shop.timeZone));
  });

  app.post<IdParams>('/shops/:shop/orders/:id/late-delivery-notice', { schema: { tags: ['orders'], summary: `Formal notice to deliver within an additional period {deliverBy?: YYYY-MM-DD (default: a week), note?} (L216-6; its customer) → 201 {sentOn, deliverBy, latestOn}; 422 ${NOTICE_REFUSALS}` } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const order = await findOrderFor(db, request.actor, shop.slug, request.params.id);
    if (request.actor.kind !== 'customer') requireAccess(request.actor, 'customer.self', shop.slug);
    const input = parseOrThrow(LateDeliveryNoticeInput, request.body ?? {});
    return reply.code(201).send(await sendLateDeliveryNotice(deps, shop, order.id, order.customer_id, input, actorName(request)));
  });

  app.post<IdParams>('/shops/:shop/orders/:id/termination', { schema: { tags: ['orders'], summary: `Terminate the contract {ground?: notice_period_over|essential_date|refusal_to_deliver|terms_lead_time|force_majeure, note?}: its customer for late delivery or force majeure, staff for force majeure only; the order is cancelled, stock given back, all sums paid owed back within 14 days (L216-7) → 201 the late-delivery situation with its termination; 422 ${TERMINATION_REFUSALS}` } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const order = await findOrderFor(db, request.actor, shop.slug, request.params.id);
    const input = parseOrThrow(TerminationInput, request.body ?? {});
    const customerId = request.actor.kind === 'customer' ? order.customer_id : null;
    return reply.code(201).send(await terminateContract(deps, shop, order.id, customerId, input, actorName(request)));
  });

  app.get<ShopParams>('/shops/:shop/force-majeure', { schema: { tags: ['orders'], summary: 'Periods of force majeure declared on the shop or its orders, with the day from which either party may terminate (staff)' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    return listForceMajeure(db, shop);
  });

  app.post<ShopParams>('/shops/:shop/force-majeure', { schema: { tags: ['orders'], summary: 'Declare force majeure {startsOn, endsOn?, cause, note?, orderId?} on the shop or one order (staff): delivery deadlines suspended, each customer concerned told by e-mail → 201 {id, scope, terminationFrom, ordersNotified}; 422 event_in_future, force_majeure_dates_out_of_order' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const input = parseOrThrow(ForceMajeureInput, request.body ?? {});
    return reply.code(201).send(await declareForceMajeure(deps, shop, input, actorName(request)));
  });

  app.post<IdParams>('/shops/:shop/force-majeure/:id/end', { schema: { tags: ['orders'], summary: 'End a period of force majeure {endsOn} (staff); customers concerned told by e-mail; 422 force_majeure_already_ended, force_majeure_dates_out_of_order, event_in_future' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const input = parseOrThrow(ForceMajeureEndInput, request.body ?? {});
    return endForceMajeure(deps, shop, request.params.id, input.endsOn, actorName(request));
  });

  app.get<IdParams>('/shops/:shop/orders/:id/formal-notices', { schema: { tags: ['orders'], summary: 'The seller’s formal notices on an order (registered letters: sent, first presented, received), with the period’s last day and the day termination or disposal becomes open (its customer, staff)' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    const order = await findOrderFor(db, request.actor, shop.slug, request.params.id);
    return formalNoticesOfOrder(db, shop, order.id);
  });

  app.post<IdParams>('/shops/:shop/orders/:id/formal-notices', { schema: { tags: ['orders'], summary: 'Record a registered letter of formal notice {kind: non_payment|non_collection, sentOn, presentedOn?, receivedOn?, trackingNumber?, amountCents?} (staff; 003 art.19: 15 days from receipt or first presentation; art.7.2: 8 days from first presentation) → 201; 422 formal_notice_not_in_terms, letter_dates_out_of_order, event_in_future' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const input = parseOrThrow(FormalNoticeInput, request.body ?? {});
    return reply.code(201).send(await recordFormalNotice(deps, shop, request.params.id, input, actorName(request)));
  });

  app.post<IdParams>('/shops/:shop/orders/:id/formal-notices/dates', { schema: { tags: ['orders'], summary: 'Add the post office dates of a formal notice {noticeId, presentedOn?, receivedOn?} (staff); 422 letter_dates_out_of_order, event_in_future' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const input = parseOrThrow(FormalNoticeDatesInput, request.body ?? {});
    return recordFormalNoticeDates(deps, shop, request.params.id, input, actorName(request));
  });

  app.post<IdParams>('/shops/:shop/orders/:id/formal-notice-termination', { schema: { tags: ['orders'], summary: 'Terminate after a formal notice left without effect {noticeId, note?} (staff): the order cancelled as non_payment or non_collection, the deposit kept where the terms say so, the customer told → 201; 422 formal_notice_period_running, formal_notice_not_presented, formal_notice_cured, transition_not_allowed' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const input = parseOrThrow(FormalNoticeTerminationInput, request.body ?? {});
    return reply.code(201).send(await terminateOnFormalNotice(deps, shop, request.params.id, input, actorName(request)));
  });
};
