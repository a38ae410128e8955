/**
 * Back-office forms of the withdrawal function (issue 10 §1, §3), on the staff order page: a
 * withdrawal received by letter or e-mail, dated by the day the customer SENT it, and the goods'
 * return or the refund recorded on a withdrawal. Each re-renders the order page with its errors
 * (src/web/orders/staff-routes.tsx `sendStaffOrderPage`) or goes back to it. CSRF-protected.
 */
import type { FastifyPluginAsync } from 'fastify';
import { findOrder } from '../../aftersale/queries.ts';
import { StaffWithdrawalInput, WithdrawalEventInput } from '../../aftersale/schema.ts';
import { findWithdrawalFor, withdraw } from '../../aftersale/service.ts';
import { answerLateGoodwill } from '../../aftersale/late-goodwill.ts';
import { z } from 'zod';
import { notFound } from '../../kernel/errors.ts';
import { recordWithdrawalFact } from '../../flows/withdrawal-refund.ts';
import { isUuid } from '../../kernel/ids.ts';
import { recordServiceStart, ServiceStartInput } from '../../orders/service-start.ts';
import { parseOrThrow, text } from '../../kernel/validation.ts';
import { eurosToCents } from '../../payments/refunds/schema.ts';
import { staffShop } from '../../shops/staff-access.ts';
import { fieldErrors, flatForm } from '../form-errors.ts';
import { sendStaffOrderPage } from '../orders/staff-routes.tsx';
import { actorName } from './api.ts';
import { acceptClaimPhotos, photosOf } from './claims-api.ts';

type IdParams = { Params: { shop: string; id: string } };

const GoodwillAnswerForm = z.strictObject({ decision: z.enum(['accepted', 'declined']), note: text().trim().max(2000).optional() });

export const aftersaleStaffPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock };
  const factDeps = { ...deps, stripe: app.deps.stripe };
  // The goods-back form takes the depreciation's photos (multipart), judged as a claim's are.
  await acceptClaimPhotos(app);

  // Staff: a withdrawal received by letter or e-mail, dated by the day the customer SENT it.
  app.post<IdParams>('/shops/:shop/staff/orders/:id/withdrawal', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    // Another shop's order is "not found", whatever the form says.
    if (!isUuid(request.params.id) || !(await findOrder(db, shop.slug, request.params.id))) throw notFound('order');
    const values = flatForm(request.body);
    try {
      const input = parseOrThrow(StaffWithdrawalInput, { notifiedOn: values.notifiedOn ?? '', ...(values.receivedOn && { receivedOn: values.receivedOn }), ...(values.channel && { channel: values.channel }) });
      await withdraw(deps, shop, request.params.id, { by: 'staff', input, lang: request.lang }, actorName(request));
      return reply.redirect(`/shops/${shop.slug}/staff/orders/${request.params.id}?done=withdrawal`, 303);
    } catch (error) {
      return sendStaffOrderPage(request, reply, shop, request.params.id, { withdrawal: { values, errors: fieldErrors(error, request.lang) } }, 422);
    }
  });

  // Staff: the answer to a customer's late goodwill request (accepted, or declined with its reason), e-mailed to the customer.
  app.post<IdParams>('/shops/:shop/staff/orders/:id/withdrawal/goodwill-answer', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    if (!isUuid(request.params.id) || !(await findOrder(db, shop.slug, request.params.id))) throw notFound('order');
    const values = flatForm(request.body);
    try {
      const input = parseOrThrow(GoodwillAnswerForm, { decision: values.decision ?? '', ...(values.note?.trim() && { note: values.note }) });
      await answerLateGoodwill(deps, shop, request.params.id, input, actorName(request));
      return reply.redirect(`/shops/${shop.slug}/staff/orders/${request.params.id}?done=goodwillAnswer`, 303);
    } catch (error) {
      return sendStaffOrderPage(request, reply, shop, request.params.id, { goodwillAnswer: { values, errors: fieldErrors(error, request.lang) } }, 422);
    }
  });

  // Staff: the day a service's performance started, when it is not the day of conclusion (issue 10 §2).
  app.post<IdParams>('/shops/:shop/staff/orders/:id/service-start', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    if (!isUuid(request.params.id) || !(await findOrder(db, shop.slug, request.params.id))) throw notFound('order');
    const values = flatForm(request.body);
    try {
      const input = parseOrThrow(ServiceStartInput, { startedOn: values.startedOn ?? '' });
      await recordServiceStart(deps, shop, request.params.id, input, actorName(request));
      return reply.redirect(`/shops/${shop.slug}/staff/orders/${request.params.id}?done=serviceStart`, 303);
    } catch (error) {
      return sendStaffOrderPage(request, reply, shop, request.params.id, { serviceStart: { values, errors: fieldErrors(error, request.lang) } }, 422);
    }
  });

  app.post<IdParams>('/shops/:shop/staff/withdrawals/:id/events', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const w = await findWithdrawalFor(db, shop, request.params.id, 'staff');
    const values = flatForm(request.body);
    try {
      const amount = values.amount?.trim();
      const depreciation = values.depreciation?.trim();
      const reason = values.depreciationReason?.trim();
      const photos = photosOf(request.body);
      const input = parseOrThrow(WithdrawalEventInput, {
        type: values.type, at: values.on ?? '', ...(values.type === 'refunded' && amount && { amountCents: eurosToCents(amount) }),
        ...(depreciation && { depreciationCents: eurosToCents(depreciation) }), ...(reason && { depreciationReason: reason }),
      });
      await recordWithdrawalFact(factDeps, shop, w.id, input, actorName(request), photos);
      return reply.redirect(`/shops/${shop.slug}/staff/orders/${w.order_id}?done=withdrawalEvent`, 303);
    } catch (error) {
      return sendStaffOrderPage(request, reply, shop, w.order_id, { withdrawalEvent: { id: w.id, values, errors: fieldErrors(error, request.lang) } }, 422);
    }
  });
};
