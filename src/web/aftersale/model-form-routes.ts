/**
 * The model withdrawal form, pre-filled (issue 10 §8): `GET /shops/{shop}/orders/{id}/withdrawal-form.pdf`
 * for the order's customer and the shop's staff (anyone else finds no such order), linked from
 * the order page and attached to the confirmation e-mail. An order without the withdrawal right
 * (a professional's, or a shop whose terms give none) has no form: 404.
 */
import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../../kernel/errors.ts';
import { findOrderFor } from '../../orders/service.ts';
import { getShop } from '../../shops/service.ts';
import { modelFormFacts, modelFormFileName, renderModelFormPdf } from './model-form-pdf.ts';

export const modelFormUrl = (shop: string, orderId: string) => `/shops/${shop}/orders/${orderId}/withdrawal-form.pdf`;

export const modelFormPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  app.get<{ Params: { shop: string; id: string } }>('/shops/:shop/orders/:id/withdrawal-form.pdf', async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    if (request.actor.kind === 'anonymous') return reply.redirect(`/shops/${shop.slug}/login`, 303);
    // The order's customer or staff of its shop; another customer's order is not found.
    const order = await findOrderFor(db, request.actor, shop.slug, request.params.id);
    const facts = await modelFormFacts(db, shop, order.id);
    if (!facts) throw notFound('order');
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${modelFormFileName(shop, facts.order.number)}"`)
      .header('cache-control', 'private, no-store')
      .send(await renderModelFormPdf(facts));
  });
};
