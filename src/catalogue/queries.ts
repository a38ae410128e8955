import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB, ProductUpdate } from '../db/schema.ts';

type Exec = Kysely<DB> | Transaction<DB>;

export type CatalogueFilter = {
  search?: string | undefined;
  maxPriceCents?: number | undefined;
  sort?: 'sku' | 'price_asc' | 'price_desc' | undefined;
  limit: number;
  offset: number;
  includeInactive?: boolean;
};

export function listProducts(db: Exec, shopId: string, opts: CatalogueFilter) {
  let query = db.selectFrom('products').where('shop_id', '=', shopId);
  if (!opts.includeInactive) query = query.where('active', '=', true);
  if (opts.maxPriceCents !== undefined) query = query.where('unit_price_cents', '<=', opts.maxPriceCents);
  if (opts.search) {
    // Searches every language of the name and the SKU; the pattern's wildcards are escaped.
    const pattern = `%${opts.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('sku', 'ilike', pattern), eb(sql<string>`name::text`, 'ilike', pattern)]));
  }
  return Promise.all([
    query
      .selectAll()
      .orderBy(opts.sort === 'price_asc' || opts.sort === 'price_desc' ? 'unit_price_cents' : 'sku', opts.sort === 'price_desc' ? 'desc' : 'asc')
      .orderBy('sku')
      .limit(opts.limit)
      .offset(opts.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
}

export function findProduct(db: Exec, shopId: string, id: string) {
  return db.selectFrom('products').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
}

export function insertProductIfAbsent(db: Exec, p: {
  shopId: string; sku: string; name: string; description: string; unitPriceCents: number; vatRateBp: number;
  stock: number; maxPerOrder: number | null; withdrawable: boolean; withdrawalException: string | null; regulated: boolean;
  unit?: 'unit' | 'metre' | 'kilogram'; condition?: 'new' | 'second_hand'; images?: string[];
}) {
  return db
    .insertInto('products')
    .values({
      shop_id: p.shopId, sku: p.sku, name: p.name, description: p.description, unit_price_cents: p.unitPriceCents,
      vat_rate_bp: p.vatRateBp, stock: p.stock, max_per_order: p.maxPerOrder, withdrawable: p.withdrawable,
      withdrawal_exception: p.withdrawalException, regulated: p.regulated,
      unit: p.unit ?? 'unit', condition: p.condition ?? 'new', images: JSON.stringify(p.images ?? []),
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
