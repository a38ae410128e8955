/**
 * Staff pages of refunds (issue 4 §5): "Remboursements" with the pain.001 download, and the refund
 * form of the staff order page (the page itself is the orders capability's, src/orders/staff-routes.tsx).
 * Forms carry the CSRF token; without JavaScript.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { staffShop } from '../../shops/staff-access.ts';
import { t } from '../../kernel/i18n/index.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import type { Shop } from '../../shops/service.ts';
import { frameFor, sendPage } from '../context.ts';
import { fieldErrors, flatForm } from '../form-errors.ts';
import type { FieldErrors } from '../forms.tsx';
import { Page } from '../layout.tsx';
import { sendStaffOrderPage } from '../orders/staff-routes.tsx';
import { actorName } from './refunds-api.ts';
import { orderSide } from '../../flows/record-payment.ts';
import { exportPendingTransfers } from '../../payments/refunds/export.ts';
import { eurosToCents, RefundInput } from '../../payments/refunds/schema.ts';
import { listRefunds, requestRefund } from '../../payments/refunds/service.ts';
import { RefundsPage } from './views/refunds/refunds-page.tsx';

type ShopParams = { Params: { shop: string } };
type OrderParams = { Params: { shop: string; id: string } };

export const refundsPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock, stripe: app.deps.stripe, orders: orderSide };

  async function refundsPage(request: FastifyRequest, reply: FastifyReply, shop: Shop, errors: FieldErrors, status = 200) {
    const f = frameFor(request, reply, t(request.lang, 'refund.staff.title'), { slug: shop.slug, name: shop.name });
    const refunds = await listRefunds(db, shop, {});
    return sendPage(reply, <Page frame={f}><RefundsPage lang={request.lang} shop={shop} csrf={f.csrfToken ?? ''} refunds={refunds} errors={errors} /></Page>, status);
  }

  app.get<ShopParams>('/shops/:shop/staff/refunds', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    return shop ? refundsPage(request, reply, shop, {}) : reply;
  });

  app.post<ShopParams>('/shops/:shop/staff/refunds/export', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    try {
      const file = await exportPendingTransfers(deps, shop, actorName(request.actor));
      return reply.type('application/xml; charset=utf-8').header('content-disposition', `attachment; filename="${file.filename}"`).send(file.xml);
    } catch (error) {
      return refundsPage(request, reply, shop, fieldErrors(error, request.lang), 409);
    }
  });

  app.post<OrderParams>('/shops/:shop/staff/orders/:id/refunds', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const values = flatForm(request.body);
    try {
      const input = parseOrThrow(RefundInput, {
        amountCents: eurosToCents(values.amountCents),
        reason: values.reason ?? '',
        otherMeansAgreed: values.otherMeansAgreed === 'yes',
        ...(values.iban && { iban: values.iban }),
        ...(values.creditorName && { creditorName: values.creditorName }),
      });
      await requestRefund(deps, shop, request.params.id, input, actorName(request.actor));
      return reply.redirect(`/shops/${shop.slug}/staff/orders/${request.params.id}?done=1`, 303);
    } catch (error) {
      const errors = fieldErrors(error, request.lang);
      return sendStaffOrderPage(request, reply, shop, request.params.id, { refund: { values, errors } }, 422);
    }
  });
};
