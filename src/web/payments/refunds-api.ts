/**
 * API of refunds and customer credit (issue 4 §5), staff only:
 * `POST /shops/{shop}/orders/{id}/refunds`, `GET /shops/{shop}/refunds?status=`,
 * `POST /shops/{shop}/refunds/export` (the pain.001 file), `GET /shops/{shop}/customers/{id}/credit`,
 * `POST /shops/{shop}/customers/{id}/credit/refund`.
 */
import type { FastifyPluginAsync } from 'fastify';
import { type Actor, requireAccess } from '../../accounts/actor.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { getShop } from '../../shops/service.ts';
import { orderSide } from '../../flows/record-payment.ts';
import { creditStatement, refundCredit } from '../../payments/credit/service.ts';
import { exportPendingTransfers } from '../../payments/refunds/export.ts';
import { CreditRefundInput, RefundInput, RefundStatusFilter } from '../../payments/refunds/schema.ts';
import { listRefunds, requestRefund } from '../../payments/refunds/service.ts';

type ShopParams = { Params: { shop: string } };
type IdParams = { Params: { shop: string; id: string } };

export const actorName = (actor: Actor) => (actor.kind === 'anonymous' ? 'anonymous' : `${actor.kind}:${actor.id}`);

export const refundsApi: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock, stripe: app.deps.stripe, orders: orderSide };

  app.post<IdParams>('/shops/:shop/orders/:id/refunds', { schema: { tags: ['payments'], summary: 'Refund an order, through the means it was paid with (staff)' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const input = parseOrThrow(RefundInput, request.body);
    return reply.code(201).send(await requestRefund(deps, shop, request.params.id, input, actorName(request.actor)));
  });

  app.get<ShopParams>('/shops/:shop/refunds', { schema: { tags: ['payments'], summary: 'Refunds of the shop, by status (staff)' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const filter = parseOrThrow(RefundStatusFilter, request.query);
    return { items: await listRefunds(db, shop, filter.status ? { status: filter.status } : {}) };
  });

  app.post<ShopParams>('/shops/:shop/refunds/export', { schema: { tags: ['payments'], summary: 'Export pending transfer refunds as a SEPA pain.001 file (staff)', produces: ['application/xml'] } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const file = await exportPendingTransfers(deps, shop, actorName(request.actor));
    return reply.type('application/xml; charset=utf-8').header('content-disposition', `attachment; filename="${file.filename}"`).header('x-payment-file-id', file.fileId).send(file.xml);
  });

  app.get<IdParams>('/shops/:shop/customers/:id/credit', { schema: { tags: ['payments'], summary: 'A customer’s credit balance and ledger (staff)' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    return creditStatement(db, shop.slug, request.params.id);
  });

  app.post<IdParams>('/shops/:shop/customers/:id/credit/refund', { schema: { tags: ['payments'], summary: 'Refund a customer’s credit by transfer (staff)' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const input = parseOrThrow(CreditRefundInput, request.body);
    return reply.code(201).send(await refundCredit(deps, shop, request.params.id, input, actorName(request.actor)));
  });
};
