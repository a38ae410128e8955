/** Staff page: each pickup point's slots and the orders they hold (issue 12 §3). */
import type { FastifyPluginAsync } from 'fastify';
import { pointLists } from '../../delivery/service.ts';
import { t } from '../../kernel/i18n/index.ts';
import { staffShop } from '../../shops/staff-access.ts';
import { frameFor, sendPage } from '../context.ts';
import { Page } from '../layout.tsx';
import { PickupListsPage } from './views/pickup-lists-page.tsx';

const WEEKS = 6;

export const deliveryStaffPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const clock = app.deps.clock;

  app.get<{ Params: { shop: string } }>('/shops/:shop/staff/pickup-points', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const lists = await pointLists(db, shop, clock.now(), WEEKS);
    const f = frameFor(request, reply, t(request.lang, 'delivery.staff.title'), { slug: shop.slug, name: shop.name });
    return sendPage(reply, <Page frame={f}><PickupListsPage lang={request.lang} shopSlug={shop.slug} timeZone={shop.timeZone} weeks={WEEKS} lists={lists} /></Page>);
  });
};
