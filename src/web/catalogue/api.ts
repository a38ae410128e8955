/**
 * API: products (API.md `GET products`, `POST`/`PATCH products` for staff).
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requireAccess } from '../../accounts/actor.ts';
import { parseOrThrow, text } from '../../kernel/validation.ts';
import { answerInTransaction } from '../../platform/idempotency-keys.ts';
import { getShop } from '../../shops/service.ts';
import { encodeCursor, pageStart, SORTS } from '../../catalogue/cursor.ts';
import { changeProduct, createProduct, ProductInput, ProductPatch } from '../../catalogue/manage.ts';
import { catalogueChanged, cachedCatalogue } from '../../catalogue/listing-cache.ts';
import { type CataloguePage, getProduct, productJson } from '../../catalogue/service.ts';

const ListQuery = z.object({
  q: text().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  maxPriceCents: z.coerce.number().int().min(0).optional(),
  sort: z.enum(SORTS).default('sku'),
  /** Opaque, from the previous answer's `nextCursor`: the next page, on an index however deep. */
  cursor: text().max(200).optional(),
  lang: text().optional(),
});

type ShopParams = { Params: { shop: string } };

/**
 * The list's JSON, written once per cached page and language: a page is the same for every caller
 * (catalogue/listing-cache.ts), so is its JSON; it goes when the page does.
 */
const written = new WeakMap<CataloguePage, Map<string, string>>();
function listJson(page: CataloguePage, lang: string, write: () => unknown): string {
  let byLang = written.get(page);
  if (!byLang) {
    byLang = new Map();
    written.set(page, byLang);
  }
  let json = byLang.get(lang);
  if (json === undefined) {
    json = JSON.stringify(write());
    byLang.set(lang, json);
  }
  return json;
}
type ProductParams = { Params: { shop: string; id: string } };

export const catalogueApi: FastifyPluginAsync = async (app) => {
  const db = app.deps.database.db;

  app.get<ShopParams>('/shops/:shop/products', { schema: { tags: ['catalogue'], summary: 'The catalogue of a shop' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const query = parseOrThrow(ListQuery, request.query);
    const start = pageStart(query.cursor, query.offset, query.sort);
    const page = await cachedCatalogue(db, shop.slug, { search: query.q, maxPriceCents: query.maxPriceCents, sort: query.sort, limit: query.limit, start });
    // `total` is exact up to EXACT_TOTAL_UP_TO matches, the planner's estimate above (`totalExact`).
    const json = listJson(page, request.lang, () => ({ items: page.items.map((p) => productJson(p, request.lang)), total: page.total, totalExact: page.totalExact, nextCursor: page.next && encodeCursor(page.next) }));
    return reply.type('application/json; charset=utf-8').send(json);
  });

  app.get<ProductParams>('/shops/:shop/products/:id', { schema: { tags: ['catalogue'], summary: 'One product' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    return productJson(await getProduct(db, shop.slug, request.params.id), request.lang);
  });

  app.post<ShopParams>('/shops/:shop/products', { schema: { tags: ['catalogue'], summary: 'Create a product (staff)' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const input = parseOrThrow(ProductInput, request.body);
    // The Idempotency-Key's answer commits with the product: a retry after a crash replays it.
    const product = await db.transaction().execute(async (trx) => {
      const created = await createProduct(trx, shop.slug, input);
      await answerInTransaction(trx, request.idempotency, 201, productJson(created, request.lang));
      return created;
    });
    // Said again now that it is committed: a page read between createProduct and the commit is dropped.
    catalogueChanged(shop.slug);
    return reply.code(201).send(productJson(product, request.lang));
  });

  app.patch<ProductParams>('/shops/:shop/products/:id', { schema: { tags: ['catalogue'], summary: 'Change a product (staff)' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const product = await changeProduct(db, shop.slug, request.params.id, parseOrThrow(ProductPatch, request.body));
    return productJson(product, request.lang);
  });
};
