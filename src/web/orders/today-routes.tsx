/**
 * Back office "Aujourd'hui" (issue 11 §7): `GET /shops/{shop}/staff/today`, the orders whose
 * deadline is near or passed on the shop's day (src/flows/staff-today.ts). Staff of the shop only.
 */
import type { FastifyPluginAsync } from 'fastify';
import { staffToday } from '../../flows/staff-today.ts';
import { t } from '../../kernel/i18n/index.ts';
import { staffShop } from '../../shops/staff-access.ts';
import { frameFor, sendPage } from '../context.ts';
import { Page } from '../layout.tsx';
import { StaffTodayPage } from './views/staff-today-page.tsx';

export const staffTodayPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  app.get<{ Params: { shop: string } }>('/shops/:shop/staff/today', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const { today, lines } = await staffToday({ db, clock: app.deps.clock }, shop);
    const f = frameFor(request, reply, t(request.lang, 'today.title'), { slug: shop.slug, name: shop.name });
    return sendPage(reply, <Page frame={f}><StaffTodayPage lang={request.lang} shop={shop} today={today} lines={lines} /></Page>);
  });
};
