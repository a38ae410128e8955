/**
 * Page route: "Payer par carte" on the order page, for an order still awaiting its card payment
 * (Stripe failed when it was placed, the customer went back, or the session expired). Sends the
 * browser to Stripe's hosted page (303), or without Stripe to the simulated payment page.
 */
import type { FastifyPluginAsync } from 'fastify';
import { findOrderFor } from '../../orders/service.ts';
import { getShop } from '../../shops/service.ts';
import { baseUrl } from '../urls.ts';
import { startCardCheckout } from '../../payments/card/checkout.ts';
import { simulatedPaymentPages } from './simulated-routes.tsx';

type OrderParams = { Params: { shop: string; id: string } };

export const cardPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock, stripe: app.deps.stripe, simulated: app.deps.config.simulatedPayments };
  // Without Stripe, outside production: the development provider's page (issue 8 §12).
  if (app.deps.config.simulatedPayments) simulatedPaymentPages(app);

  app.post<OrderParams>('/shops/:shop/orders/:id/card-checkout', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    if (request.actor.kind === 'anonymous') return reply.redirect(`/shops/${shop.slug}/login`, 303);
    const order = await findOrderFor(db, request.actor, shop.slug, request.params.id);
    const { url } = await startCardCheckout(deps, shop, order.id, `${baseUrl(request)}/shops/${shop.slug}/orders/${order.id}`);
    return reply.redirect(url, 303);
  });
};
