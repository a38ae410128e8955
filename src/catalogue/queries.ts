import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB, ProductUpdate } from '../db/schema.ts';
import type { CatalogueSort, Cursor } from './cursor.ts';

type Exec = Kysely<DB> | Transaction<DB>;

export type CatalogueFilter = {
  search?: string | undefined;
  maxPriceCents?: number | undefined;
  sort: CatalogueSort;
  includeInactive?: boolean;
};

/** Search tiers: 0, every word of the query found as typed (accents and case aside); 1, close to it (a typo). */
export type SearchTier = 0 | 1;

/** Where a page starts: after a cursor (keyset), or after skipping rows (API.md's `offset`). */
export type PageStart = { after: Cursor } | { offset: number };

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
/** Normalised in SQL like `search_text` itself (migration 0009), so both sides agree on 'É' → 'e'. */
const normalised = (text: string) => sql<string>`lower(immutable_unaccent(${text}))`;

/**
 * Every word as a substring of `search_text`: served by the trigram GIN index. A word of one or two
 * letters has no trigram and is matched by the rows' text instead (still correct, only slower).
 */
function everyWordFound(words: readonly string[]) {
  return sql<boolean>`(${sql.join(words.map((w) => sql`search_text like '%' || ${normalised(escapeLike(w))} || '%'`), sql` and `)})`;
}

/** pg_trgm's word similarity over the default threshold (0.6): 'cahir' finds 'cahier', also GIN-served. */
const closeTo = (search: string) => sql<boolean>`${normalised(search)} <% search_text`;

export const searchWords = (search: string) => search.trim().split(/\s+/).filter(Boolean).slice(0, 8);

function filtered(db: Exec, shopId: string, opts: CatalogueFilter, tier: SearchTier | 'any') {
  let query = db.selectFrom('products').where('shop_id', '=', shopId);
  if (!opts.includeInactive) query = query.where('active', '=', true);
  if (opts.maxPriceCents !== undefined) query = query.where('unit_price_cents', '<=', opts.maxPriceCents);
  const words = searchWords(opts.search ?? '');
  if (words.length === 0) return query;
  const found = everyWordFound(words);
  if (tier === 0) return query.where(found);
  const close = closeTo(words.join(' '));
  if (tier === 1) return query.where(close).where(sql<boolean>`not ${found}`);
  return query.where((eb) => eb.or([found, close]));
}

/**
 * One page of one search tier, in the sort's order: `(shop_id, sku)` and `(shop_id,
 * unit_price_cents, sku)` are the indexes these read in order, from the cursor on.
 */
export function productPage(db: Exec, shopId: string, opts: CatalogueFilter, tier: SearchTier, start: PageStart, limit: number) {
  return productPageQuery(db, shopId, opts, tier, start, limit).execute();
}

/** The page's query, unexecuted: the bench and tests EXPLAIN it (STYLE.md §11). */
export function productPageQuery(db: Exec, shopId: string, opts: CatalogueFilter, tier: SearchTier, start: PageStart, limit: number) {
  let query = filtered(db, shopId, opts, tier).selectAll();
  const after = 'after' in start ? start.after : undefined;
  if (opts.sort === 'sku') {
    if (after) query = query.where('sku', '>', after.sku);
    query = query.orderBy('sku', 'asc');
  } else {
    const direction = opts.sort === 'price_asc' ? 'asc' : 'desc';
    if (after) query = query.where((eb) => eb(eb.refTuple('unit_price_cents', 'sku'), direction === 'asc' ? '>' : '<', eb.tuple(after.priceCents, after.sku)));
    query = query.orderBy('unit_price_cents', direction).orderBy('sku', direction);
  }
  if ('offset' in start && start.offset > 0) query = query.offset(start.offset);
  return query.limit(limit);
}

/** How many products match, counting no further than `cap`: bounded work however large the catalogue. */
export async function countUpTo(db: Exec, shopId: string, opts: CatalogueFilter, cap: number, tier: SearchTier | 'any' = 'any'): Promise<number> {
  const row = await countUpToQuery(db, shopId, opts, cap, tier).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Read in the sort's order, so the count walks the page's own index and stops at `cap` entries. */
export function countUpToQuery(db: Exec, shopId: string, opts: CatalogueFilter, cap: number, tier: SearchTier | 'any' = 'any') {
  const matching = filtered(db, shopId, opts, tier).select(sql.lit(1).as('one'));
  const ordered = opts.sort === 'sku' ? matching.orderBy('sku') : matching.orderBy('unit_price_cents').orderBy('sku');
  return db.selectFrom(ordered.limit(cap).as('matching')).select((eb) => eb.fn.countAll<number>().as('n'));
}

/** The planner's estimate of the matching rows (EXPLAIN, no execution): what a large total costs. */
export async function estimateCount(db: Exec, shopId: string, opts: CatalogueFilter): Promise<number> {
  const [row] = await filtered(db, shopId, opts, 'any').select(sql.lit(1).as('one')).explain('json');
  const plan = (row as { 'QUERY PLAN'?: unknown } | undefined)?.['QUERY PLAN'];
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as [{ Plan: { 'Plan Rows': number } }] | undefined;
  return Math.round(parsed?.[0]?.Plan['Plan Rows'] ?? 0);
}

export function findProduct(db: Exec, shopId: string, id: string) {
  return db.selectFrom('products').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
}

export function insertProductIfAbsent(db: Exec, p: {
  shopId: string; sku: string; name: string; description: string; unitPriceCents: number; vatRateBp: number;
  stock: number; maxPerOrder: number | null; withdrawable: boolean; withdrawalException: string | null; regulated: boolean;
  unit?: 'unit' | 'metre' | 'kilogram'; condition?: 'new' | 'second_hand'; images?: string[];
  /** Ordered specially for the customer (003 art.7.2). */
  specialOrder?: boolean;
  /** A service and the days it covers (issue 10 §2); goods when absent. */
  serviceDays?: number | null;
}) {
  return db
    .insertInto('products')
    .values({
      shop_id: p.shopId, sku: p.sku, name: p.name, description: p.description, unit_price_cents: p.unitPriceCents,
      vat_rate_bp: p.vatRateBp, stock: p.stock, max_per_order: p.maxPerOrder, withdrawable: p.withdrawable,
      withdrawal_exception: p.withdrawalException, regulated: p.regulated,
      unit: p.unit ?? 'unit', condition: p.condition ?? 'new', images: JSON.stringify(p.images ?? []), special_order: p.specialOrder ?? false,
      ...(p.serviceDays != null && { kind: 'service' as const, service_days: p.serviceDays }),
    })
    .onConflict((oc) => oc.columns(['shop_id', 'sku']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

export function updateProduct(db: Exec, shopId: string, id: string, changes: ProductUpdate) {
  return db.updateTable('products').set(changes).where('shop_id', '=', shopId).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Each bundle's parts with the stock of each part, to derive what a bundle can still sell. */
export function bundlePartStock(db: Exec, shopId: string, bundleIds: readonly string[]) {
  if (bundleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('product_parts as pp')
    .innerJoin('products as p', (join) => join.onRef('p.shop_id', '=', 'pp.shop_id').onRef('p.id', '=', 'pp.part_id'))
    .select(['pp.bundle_id', 'pp.quantity', 'p.stock', 'p.sku'])
    .where('pp.shop_id', '=', shopId)
    .where('pp.bundle_id', 'in', bundleIds)
    .execute();
}
