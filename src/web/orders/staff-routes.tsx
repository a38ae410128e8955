/**
 * Back-office pages of orders: "Commandes" (the list), one order's page, and recording a fact on
 * it (the form's side of API.md `POST …/orders/{id}/events`). Forms carry the CSRF token; without
 * JavaScript. The refund form on the order page posts to the refunds capability, which re-renders
 * this page through `sendStaffOrderPage`.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { staffShop } from '../../shops/staff-access.ts';
import { t } from '../../kernel/i18n/index.ts';
import type { Shop } from '../../shops/service.ts';
import { frameFor, sendPage } from '../context.ts';
import { baseUrl } from '../urls.ts';
import { fieldErrors, flatForm } from '../form-errors.ts';
import type { FieldErrors } from '../forms.tsx';
import { Page } from '../layout.tsx';
import { staffWithdrawalSection } from '../aftersale/staff-section.tsx';
import { staffChangeRequestsSection } from './customer-changes.tsx';
import { staffSpecialOrderSection } from './special-order.tsx';
import { recordOrderEvent } from '../../flows/record-order-event.ts';
import { staffOrderDetails } from '../../flows/staff-order-details.ts';
import { eventInputFromForm } from '../../orders/staff-order.ts';
import { listStaffOrders, StaffOrdersQuery } from '../../orders/staff-orders.ts';
import { StaffOrderPage, type StaffOrderPageState } from './views/staff-order-page.tsx';
import { StaffOrdersPage } from './views/staff-orders-page.tsx';

type ListParams = { Params: { shop: string }; Querystring: Record<string, string> };
type OrderParams = { Params: { shop: string; id: string }; Querystring: { done?: string } };

const actorName = (request: FastifyRequest) => (request.actor.kind === 'anonymous' ? 'anonymous' : `${request.actor.kind}:${request.actor.id}`);

/** The staff order page, with the state of its forms (a refused fact or refund shows its errors). */
export async function sendStaffOrderPage(request: FastifyRequest, reply: FastifyReply, shop: Shop, orderId: string, state: StaffOrderPageState, status = 200) {
  const { deps } = request.server;
  const details = await staffOrderDetails({ db: deps.database.db, clock: deps.clock }, request.actor, shop, orderId);
  const f = frameFor(request, reply, t(request.lang, 'refund.staff.orderTitle', { number: details.order.number }), { slug: shop.slug, name: shop.name });
  // The withdrawals, their refund due day and surcharge, and the forms to record them (issue 10).
  const aftersale = await staffWithdrawalSection({ db: deps.database.db, clock: deps.clock }, request.lang, shop, orderId, f.csrfToken ?? '', state);
  return sendPage(reply, <Page frame={f}><StaffOrderPage lang={request.lang} shop={shop} csrf={f.csrfToken ?? ''} details={details} state={state} aftersale={aftersale} />{await staffChangeRequestsSection(request, shop, orderId, f.csrfToken ?? '')}{await staffSpecialOrderSection(request, shop, orderId, f.csrfToken ?? '')}</Page>, status);
}

/** `amountCents` is the API's name; the form's field is `amount`, in euros; `reason` is the form's `ground`. */
const formFieldErrors = (errors: FieldErrors): FieldErrors => Object.fromEntries(Object.entries(errors).map(([field, message]) => [FORM_FIELD[field] ?? field, message]));
/** API field → the form's field: the amount in euros, the ground of a refusal or cancellation. */
const FORM_FIELD: Record<string, string> = { amountCents: 'amount', reason: 'ground' };

export const ordersStaffPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock, stripe: app.deps.stripe };

  app.get<ListParams>('/shops/:shop/staff/orders', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const query = StaffOrdersQuery.parse(request.query);
    const { orders, hasNext } = await listStaffOrders(db, shop.slug, query);
    const f = frameFor(request, reply, t(request.lang, 'staffOrders.title'), { slug: shop.slug, name: shop.name });
    return sendPage(reply, <Page frame={f}><StaffOrdersPage lang={request.lang} shop={shop} orders={orders} query={query} hasNext={hasNext} /></Page>);
  });

  app.get<OrderParams>('/shops/:shop/staff/orders/:id', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    return shop ? sendStaffOrderPage(request, reply, shop, request.params.id, { done: request.query.done }) : reply;
  });

  app.post<OrderParams>('/shops/:shop/staff/orders/:id/events', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const values = flatForm(request.body);
    try {
      const input = eventInputFromForm(values, shop.timeZone);
      await recordOrderEvent({ ...deps, baseUrl: baseUrl(request) }, shop, request.params.id, input, actorName(request));
      return reply.redirect(`/shops/${shop.slug}/staff/orders/${request.params.id}?done=event`, 303);
    } catch (error) {
      const errors = formFieldErrors(fieldErrors(error, request.lang));
      return sendStaffOrderPage(request, reply, shop, request.params.id, { event: { values, errors } }, 422);
    }
  });
};
