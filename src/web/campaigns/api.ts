/**
 * API: group-purchase campaigns (API.md `POST /shops/{shop}/campaigns` for staff,
 * `GET …/campaigns` and `GET …/campaigns/{id}` for anyone), and for staff closing one now and
 * cloning one for next season (issue 12 §1, §5).
 */
import type { FastifyPluginAsync } from 'fastify';
import { requireAccess, type Actor } from '../../accounts/actor.ts';
import { CampaignInput, CloneInput } from '../../campaigns/schema.ts';
import { getCampaign, listCampaigns } from '../../campaigns/service.ts';
import { closeCampaign } from '../../flows/close-campaign.ts';
import { cloneCampaign, createCampaign } from '../../flows/create-campaign.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { getShop } from '../../shops/service.ts';

type ShopParams = { Params: { shop: string } };
type CampaignParams = { Params: { shop: string; id: string } };

export const actorLabel = (actor: Actor) => (actor.kind === 'anonymous' ? 'anonymous' : `${actor.kind}:${actor.id}`);

export const campaignsApi: FastifyPluginAsync = async (app) => {
  const db = app.deps.database.db;
  const { clock } = app.deps;
  const now = () => new Date(clock.now().epochMilliseconds);

  app.post<ShopParams>('/shops/:shop/campaigns', { schema: { tags: ['campaigns'], summary: 'Create a group-purchase campaign: window, products with caps and minimums, delivery promises by order date (staff)' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const input = parseOrThrow(CampaignInput, request.body);
    const campaign = await createCampaign({ db, clock }, shop, input, actorLabel(request.actor));
    return reply.code(201).header('location', `/api/v1/shops/${shop.slug}/campaigns/${campaign.id}`).send(campaign);
  });

  app.get<ShopParams>('/shops/:shop/campaigns', { schema: { tags: ['campaigns'], summary: 'The group-purchase campaigns of a shop (anyone)' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    return { items: await listCampaigns(db, shop.slug, now()) };
  });

  app.get<CampaignParams>('/shops/:shop/campaigns/:id', { schema: { tags: ['campaigns'], summary: 'One campaign: window, state, products with caps and what is left, delivery promises (anyone)' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    return getCampaign(db, shop.slug, request.params.id, now());
  });

  app.post<CampaignParams>('/shops/:shop/campaigns/:id/close', { schema: { tags: ['campaigns'], summary: 'Close a campaign now: minimums, cancellations, supplier orders (staff)' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    await getCampaign(db, shop.slug, request.params.id, now());
    return closeCampaign({ db, clock, stripe: app.deps.stripe }, shop, request.params.id, actorLabel(request.actor));
  });

  app.post<CampaignParams>('/shops/:shop/campaigns/:id/clone', { schema: { tags: ['campaigns'], summary: 'Copy a campaign for next season, its dates one year later (staff)' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const input = parseOrThrow(CloneInput, request.body ?? {});
    return reply.code(201).send(await cloneCampaign({ db, clock }, shop, request.params.id, input, actorLabel(request.actor)));
  });
};
