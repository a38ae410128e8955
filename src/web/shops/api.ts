/**
 * API: the shops of the instance (API.md `GET /shops`).
 */
import type { FastifyPluginAsync } from 'fastify';
import { baseUrl } from '../urls.ts';
import { getShop, listShops } from '../../shops/service.ts';

export const shopsApi: FastifyPluginAsync = async (app) => {
  const db = app.deps.database.db;

  app.get('/shops', { schema: { tags: ['shops'], summary: 'The shops of this instance' } }, async (request) => {
    const base = baseUrl(request);
    return (await listShops(db)).map((s) => ({
      slug: s.slug,
      name: s.name,
      legalSystem: s.legalSystem,
      currency: 'EUR',
      url: `${base}/shops/${s.slug}`,
    }));
  });

  app.get<{ Params: { shop: string } }>('/shops/:shop', { schema: { tags: ['shops'], summary: 'One shop, with the parameters of its terms' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    return {
      slug: shop.slug,
      name: shop.name,
      legalSystem: shop.legalSystem,
      timeZone: shop.timeZone,
      language: shop.language,
      currency: 'EUR',
      url: `${baseUrl(request)}/shops/${shop.slug}`,
      customerKinds: shop.profile.customers.kinds,
      profileSha256: shop.profileSha256,
    };
  });
};
