/**
 * A catalogue page kept in process for a second (issue 9): under load, every visitor of a shop asks
 * for the same few pages (the first page, a popular search), and each asked the database two or
 * three round trips that cost more Node CPU than the rest of the request. A page is the same for
 * every visitor (active products only, no price or stock that depends on who asks), so it is kept
 * by (database, shop, query), never by visitor.
 *
 * Freshness: a product created or changed through this process drops its shop's pages at once
 * (`catalogueChanged`, called by manage.ts and by the API after its transaction commits); anything
 * else — stock taken by an order, another process's change — is seen within FRESH_MS. Stock shown
 * may lag that second; the order's guarded stock update is what decides a sale.
 *
 * Concurrent misses share one query: the promise is what is kept, so 50 visitors arriving as the
 * entry expires cost one round trip, not 50.
 */
import { LRUCache } from 'lru-cache';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type CataloguePage, type CatalogueQuery, listCatalogue } from './service.ts';

/** How long a page is served from memory: the most a stock figure shown can lag. */
export const FRESH_MS = 1000;
/** Pages kept per database: a search typed by one visitor must not grow memory without bound. */
const MAX_PAGES = 500;

/** Bumped when a shop's products change here: keys of older pages are never looked up again. */
const generations = new Map<string, number>();
/** Per database (a test process may run several platforms with the same shop slugs). */
const caches = new WeakMap<object, LRUCache<string, Promise<CataloguePage>>>();

/** A product of this shop was created or changed in this process: its pages are read afresh. */
export function catalogueChanged(shopId: string): void {
  generations.set(shopId, (generations.get(shopId) ?? 0) + 1);
}

function cacheFor(db: Kysely<DB>): LRUCache<string, Promise<CataloguePage>> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new LRUCache({ max: MAX_PAGES, ttl: FRESH_MS });
    caches.set(db, cache);
  }
  return cache;
}

/**
 * The page listCatalogue would answer, at most FRESH_MS old. The same page object is returned to
 * every caller while it is fresh, so views may key their own rendering on it (WeakMap) and must
 * never change it. Staff lists (inactive products included) are always read afresh.
 */
export function cachedCatalogue(db: Kysely<DB>, shopId: string, opts: CatalogueQuery): Promise<CataloguePage> {
  if (opts.includeInactive) return listCatalogue(db, shopId, opts);
  const cache = cacheFor(db);
  const start = opts.start ?? { offset: 0 };
  const key = JSON.stringify([shopId, generations.get(shopId) ?? 0, opts.search ?? '', opts.maxPriceCents ?? null, opts.sort, opts.limit, start]);
  const kept = cache.get(key);
  if (kept) return kept;
  const page = listCatalogue(db, shopId, opts);
  cache.set(key, page);
  // A failed read is not kept: the next visitor tries again.
  page.catch(() => {
    if (cache.get(key) === page) cache.delete(key);
  });
  return page;
}
