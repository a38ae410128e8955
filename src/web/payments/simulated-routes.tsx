/**
 * Pages of the development payment provider (issue 8 §12), registered only when config.ts turns
 * it on (no Stripe, not production): elsewhere these paths do not exist and answer 404.
 *
 * GET shows the order's amount and two buttons; POST (CSRF-protected, like every form) pays or
 * refuses, then goes back to the order page, which says what happened (`?card=paid|authorized|
 * refused`). An order that no longer awaits a card payment is simply shown.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { t } from '../../kernel/i18n/index.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { findOrderFor } from '../../orders/service.ts';
import { getShop } from '../../shops/service.ts';
import { frameFor, sendPage } from '../context.ts';
import { Page } from '../layout.tsx';
import { baseUrl } from '../urls.ts';
import { orderSide } from '../../flows/record-payment.ts';
import { captureFor } from '../../payments/card/checkout.ts';
import { paySimulated, refuseSimulated, simulatedPayable, simulatedPaymentPath } from '../../payments/card/simulated.ts';
import { SimulatedPaymentPage } from './views/card/simulated-payment-page.tsx';

type OrderParams = { Params: { shop: string; id: string } };

const Decision = z.object({ decision: z.enum(['pay', 'refuse']) });

export function simulatedPaymentPages(app: FastifyInstance): void {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock, orders: orderSide };
  const actorOf = (a: { kind: string; id?: string }) => (a.kind === 'anonymous' ? 'anonymous' : `${a.kind}:${a.id ?? ''}`);

  app.get<OrderParams>('/shops/:shop/orders/:id/simulated-payment', async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    if (request.actor.kind === 'anonymous') return reply.redirect(`/shops/${shop.slug}/login`, 303);
    const order = await findOrderFor(db, request.actor, shop.slug, request.params.id);
    const orderUrl = `/shops/${shop.slug}/orders/${order.id}`;
    const due = await simulatedPayable(db, shop, order.id);
    if (!due) return reply.redirect(orderUrl, 303);
    const frame = frameFor(request, reply, t(request.lang, 'card.simulated.label'), { slug: shop.slug, name: shop.name });
    const page = <SimulatedPaymentPage lang={request.lang} action={simulatedPaymentPath(shop.slug, order.id)} orderUrl={orderUrl} csrf={frame.csrfToken ?? ''} order={{ number: order.number, amountCents: due.amountCents }} />;
    return sendPage(reply, <Page frame={frame}>{page}</Page>);
  });

  app.post<OrderParams>('/shops/:shop/orders/:id/simulated-payment', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    if (request.actor.kind === 'anonymous') return reply.redirect(`/shops/${shop.slug}/login`, 303);
    const order = await findOrderFor(db, request.actor, shop.slug, request.params.id);
    const { decision } = parseOrThrow(Decision, request.body);
    const path = simulatedPaymentPath(shop.slug, order.id);
    const outcome =
      decision === 'pay'
        ? await paySimulated(deps, shop, order.id, captureFor(shop), new URL(path, baseUrl(request)).toString(), actorOf(request.actor))
        : await refuseSimulated(deps, shop, order.id, actorOf(request.actor));
    const orderUrl = `/shops/${shop.slug}/orders/${order.id}`;
    return reply.redirect(outcome === 'not_due' ? orderUrl : `${orderUrl}?card=${outcome}`, 303);
  });
}
