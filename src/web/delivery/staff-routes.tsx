/** Staff pages: each pickup point's slots and the orders they hold; closing and reopening a slot (issue 12 §3). */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { pointLists, setSlotClosed } from '../../delivery/service.ts';
import { t } from '../../kernel/i18n/index.ts';
import { parseOrThrow, text } from '../../kernel/validation.ts';
import { staffShop } from '../../shops/staff-access.ts';
import { frameFor, sendPage } from '../context.ts';
import { flatForm } from '../form-errors.ts';
import { Page } from '../layout.tsx';
import { PickupListsPage } from './views/pickup-lists-page.tsx';

const WEEKS = 6;
const CloseForm = z.object({ reason: text().trim().max(200).optional() });
type SlotParams = { Params: { shop: string; id: string } };

export const deliveryStaffPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const clock = app.deps.clock;

  app.get<{ Params: { shop: string } }>('/shops/:shop/staff/pickup-points', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const lists = await pointLists(db, shop, clock.now(), WEEKS);
    const f = frameFor(request, reply, t(request.lang, 'delivery.staff.title'), { slug: shop.slug, name: shop.name });
    return sendPage(reply, <Page frame={f}><PickupListsPage lang={request.lang} shopSlug={shop.slug} timeZone={shop.timeZone} weeks={WEEKS} lists={lists} csrf={f.csrfToken ?? ''} /></Page>);
  });

  app.post<SlotParams>('/shops/:shop/staff/pickup-slots/:id/close', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const form = parseOrThrow(CloseForm, flatForm(request.body));
    await setSlotClosed(db, shop, request.params.id, { reason: form.reason || undefined }, new Date(clock.now().epochMilliseconds));
    return reply.redirect(`/shops/${shop.slug}/staff/pickup-points#slot-${request.params.id}`, 303);
  });

  app.post<SlotParams>('/shops/:shop/staff/pickup-slots/:id/reopen', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    await setSlotClosed(db, shop, request.params.id, null, new Date(clock.now().epochMilliseconds));
    return reply.redirect(`/shops/${shop.slug}/staff/pickup-points#slot-${request.params.id}`, 303);
  });
};
