/**
 * A catalogue page kept in process for a second or two (issue 9): under load, every visitor of a
 * shop asks for the same few pages (the first page, a popular search), and each asked the database
 * two or three round trips that cost more Node CPU than the rest of the request. A page is the same
 * for every visitor (active products only, no price or stock that depends on who asks), so it is
 * kept by (database, shop, query), never by visitor.
 *
 * Freshness: a product created or changed through this process drops its shop's pages at once
 * (`catalogueChanged`, called by manage.ts and by the API after its transaction commits). Anything
 * else — stock taken by an order, another process's change — is seen within STALE_MS: a page is
 * served as it is for FRESH_MS; until STALE_MS it is still served while one request reads it
 * again in the background (so visitors never all wait for the database at once); after STALE_MS
 * it is read again before answering. Stock shown may lag that much; the order's guarded stock
 * update is what decides a sale.
 *
 * Concurrent misses share one query: the promise is what is kept, so 50 visitors arriving at once
 * cost one round trip, not 50.
 */
import { LRUCache } from 'lru-cache';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type CataloguePage, type CatalogueQuery, listCatalogue } from './service.ts';

/** Served as it is for this long after its read started. */
export const FRESH_MS = 1000;
/** The oldest a page is ever served: what a stock figure shown can lag at most. */
export const STALE_MS = 2000;
/** Pages kept per database: a search typed by one visitor must not grow memory without bound. */
const MAX_PAGES = 500;

/** `readAt`: when the read that produced it started (the data is at least that recent). */
type Kept = { page: Promise<CataloguePage>; readAt: number; settled: boolean; refreshing: boolean };

/** Bumped when a shop's products change here: keys of older pages are never looked up again. */
const generations = new Map<string, number>();
/** Per database (a test process may run several platforms with the same shop slugs). */
const caches = new WeakMap<object, LRUCache<string, Kept>>();

/** A product of this shop was created or changed in this process: its pages are read afresh. */
export function catalogueChanged(shopId: string): void {
  generations.set(shopId, (generations.get(shopId) ?? 0) + 1);
}

function cacheFor(db: Kysely<DB>): LRUCache<string, Kept> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new LRUCache({ max: MAX_PAGES, ttl: STALE_MS });
    caches.set(db, cache);
  }
  return cache;
}

/** Reads the page and keeps it under `key` once read; a failed read is not kept. */
function read(cache: LRUCache<string, Kept>, key: string, db: Kysely<DB>, shopId: string, opts: CatalogueQuery): Kept {
  const kept: Kept = { page: listCatalogue(db, shopId, opts), readAt: performance.now(), settled: false, refreshing: false };
  kept.page.then(
    () => {
      kept.settled = true;
    },
    () => {
      if (cache.get(key) === kept) cache.delete(key);
    },
  );
  return kept;
}

/**
 * The page listCatalogue would answer, at most STALE_MS old. The same page object is returned to
 * every caller while it is kept, so views may key their own rendering on it (WeakMap) and must
 * never change it. Staff lists (inactive products included) are always read afresh.
 */
export function cachedCatalogue(db: Kysely<DB>, shopId: string, opts: CatalogueQuery): Promise<CataloguePage> {
  if (opts.includeInactive) return listCatalogue(db, shopId, opts);
  const cache = cacheFor(db);
  const start = opts.start ?? { offset: 0 };
  const key = `${shopId}\u0000${generations.get(shopId) ?? 0}\u0000${opts.sort}\u0000${opts.limit}\u0000${opts.maxPriceCents ?? ''}\u0000${JSON.stringify(start)}\u0000${opts.search ?? ''}`;
  const kept = cache.get(key);
  const age = kept ? performance.now() - kept.readAt : Infinity;
  if (kept && age < FRESH_MS) return kept.page;
  if (kept && age < STALE_MS && kept.settled) {
    if (!kept.refreshing) {
      kept.refreshing = true;
      const next = read(cache, key, db, shopId, opts);
      next.page.then(
        () => {
          if (cache.get(key) === kept) cache.set(key, next);
        },
        () => {
          kept.refreshing = false;
        },
      );
    }
    return kept.page;
  }
  const fresh = read(cache, key, db, shopId, opts);
  cache.set(key, fresh);
  return fresh.page;
}
