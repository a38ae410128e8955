/**
 * API: staff record what happened to an order (API.md `POST /shops/{shop}/orders/{id}/events`).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Transaction } from 'kysely';
import { requireAccess } from '../../accounts/actor.ts';
import type { DB } from '../../db/schema.ts';
import { localDate } from '../../kernel/calendar.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { baseUrl } from '../urls.ts';
import { answerInTransaction } from '../../platform/idempotency-keys.ts';
import { getShop } from '../../shops/service.ts';
import { recordOrderEvent } from '../../flows/record-order-event.ts';
import { OrderEventInput } from '../../orders/events.ts';
import { orderJson } from '../../flows/order-json.ts';
import { findOrderFor } from '../../orders/service.ts';

type OrderParams = { Params: { shop: string; id: string } };

/** The OpenAPI description of the facts' body and refusals (issue 11 §1, §2, §10). */
const EVENTS_DESCRIPTION = [
  'Body `{type, at, note?, amountCents?, kind?, reason?, overrideReason?}`. `kind` (cancelled): by_seller, by_customer, late_delivery, non_payment, force_majeure, non_collection (`by: customer|seller` is read as by_customer|by_seller). `reason`: a refusal’s ground under the shop’s terms (any_reason, payment_dispute, bad_faith, earlier_default, unavailable) or a seller cancellation’s case (products_unavailable, serious_legitimate_reason, unpaid_invoice, late_payment); a seller’s cancellation or refusal refunds what was paid to the card or the paying account, unasked. `overrideReason`: an operator refusing after `deadlines.refusalUntil`.',
  'Refusals: 422 `transition_not_allowed` (the order’s status does not admit the fact; message names the status and the fact), `event_in_future`, `event_before_order`, `refusal_window_over` (after `deadlines.refusalUntil`; only an operator may override, with `overrideReason`), `refusal_override_reason_required`, `refusal_reason_not_allowed`, `refusal_customer_kind`, `no_payment_dispute` (a refusal for a payment dispute, or a settlement, with none open), `cancellation_reason_not_allowed`, `special_order_full_price_due` (a cancellation of kind non_collection on an order holding goods ordered specially, 003 art.7.2: closed by `…/special-order-settlement` instead), `order_not_paid` (completed while money is due), `off_premises_consumers_only`, `payment_blocked_off_premises`, `card_authorisation_expired` (shipped: a card payment authorised at order, captured as the goods leave, whose 7-day authorisation has run out — SPEC.md A-63; the customer pays again from the order page, then the shipment is accepted); 409 `card_provider_failed` (the capture failed at the provider; nothing recorded), `event_already_recorded`, `payment_dispute_open`. Two staff recording at once: the order row is locked, the second is judged on the status the first left.',
].join('\n\n');

export const orderEventsApi: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const clock = app.deps.clock;

  app.post<OrderParams>('/shops/:shop/orders/:id/events', { schema: { tags: ['orders'], summary: 'Record a fact on an order (staff): accepted, refused, payment_received, preparing, shipped, delivered, picked_up, completed, cancelled, concluded_off_premises, payment_disputed, payment_dispute_settled; `at` an instant with its offset, or a day YYYY-MM-DD (that day in the shop’s zone), never in the future', description: EVENTS_DESCRIPTION } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const input = parseOrThrow(OrderEventInput, request.body);
    const actor = request.actor.kind === 'anonymous' ? 'anonymous' : `${request.actor.kind}:${request.actor.id}`;
    const claim = request.idempotency;
    // The Idempotency-Key's answer commits with the fact (completed by the capture's outcome once sent).
    const answer = claim && (async (trx: Transaction<DB>) => answerInTransaction(trx, claim, 201, await orderJson(trx, shop, await findOrderFor(trx, request.actor, shop.slug, request.params.id), localDate(clock.now(), shop.timeZone))));
    const { cardCapture } = await recordOrderEvent({ db, clock, stripe: app.deps.stripe, baseUrl: baseUrl(request) }, shop, request.params.id, input, actor, answer);
    const order = await findOrderFor(db, request.actor, shop.slug, request.params.id);
    return reply.code(201).send({ ...(await orderJson(db, shop, order, localDate(clock.now(), shop.timeZone))), ...(cardCapture && { cardCapture }) });
  });
};
