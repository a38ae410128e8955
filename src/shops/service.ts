/**
 * Shops: loaded from their profiles at start-up, read on every request by slug. The stored
 * profile is the validated one; its SHA-256 says which version of the terms-as-data is in force.
 */
import type { Kysely } from 'kysely';
import type { DB, ShopRow } from '../db/schema.ts';
import { DomainError } from '../kernel/errors.ts';
import type { Jurisdiction } from '../kernel/holidays.ts';
import type { Profile } from './profile/schema.ts';
import * as q from './queries.ts';

export type Shop = {
  slug: string;
  name: string;
  legalSystem: 'FR' | 'BE';
  timeZone: string;
  language: 'fr' | 'en' | 'nl';
  profile: Profile;
  profileSha256: string;
};

function rowToShop(row: ShopRow): Shop {
  return {
    slug: row.id,
    name: row.name,
    legalSystem: row.legal_system,
    timeZone: row.time_zone,
    language: row.language,
    profile: row.profile as Profile,
    profileSha256: row.profile_sha256,
  };
}

export async function listShops(db: Kysely<DB>): Promise<Shop[]> {
  return (await q.listShopRows(db)).map(rowToShop);
}

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * Shops read by slug on every request, kept in process: a shop changes only when its profile is
 * loaded (at start-up, `seedShops`), which forgets them here at once; another process's reload is
 * seen within SHOP_CACHE_MS. Saves a round trip per request (issue 9). Per database, since a
 * process (the tests, the bench) may run several.
 */
export const SHOP_CACHE_MS = 10_000;
const cached = new WeakMap<Kysely<DB>, Map<string, { shop: Shop; until: number; generation: number }>>();
let generation = 0;

/** Called whenever a shop row is written: every process-local copy is dropped. */
export function forgetCachedShops(): void {
  generation++;
}

/** The shop of a URL; an unknown or malformed slug is a 404 `shop_not_found`. */
export async function getShop(db: Kysely<DB>, slug: string): Promise<Shop> {
  let shops = cached.get(db);
  const hit = shops?.get(slug);
  if (hit && hit.generation === generation && hit.until > performance.now()) return hit.shop;
  const row = SLUG.test(slug) ? await q.findShopRow(db, slug) : undefined;
  if (!row) throw new DomainError('shop_not_found', 'not_found', {}, 'shop');
  const shop = rowToShop(row);
  if (!shops) {
    shops = new Map();
    cached.set(db, shops);
  }
  shops.set(slug, { shop, until: performance.now() + SHOP_CACHE_MS, generation });
  return shop;
}

export function customerKinds(shop: Shop): readonly string[] {
  return shop.profile.customers.kinds;
}

/** The holiday calendar deadlines of this shop are counted in (LEGAL.md §A12). */
export function jurisdictionOf(shop: Shop): Jurisdiction {
  const zone = shop.profile.holidayZone;
  return zone ? { country: shop.legalSystem, zone } : { country: shop.legalSystem };
}

export async function shopCounts(db: Kysely<DB>, shopId: string) {
  const row = await q.countShopData(db, shopId);
  return { products: Number(row.products), customers: Number(row.customers), staff: Number(row.staff) };
}
