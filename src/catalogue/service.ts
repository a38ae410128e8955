/**
 * Catalogue reads and staff changes. Prices are stored TTC in cents (LEGAL.md §A9: the consumer
 * price is the one displayed and charged); HT is derived per line with the kernel's rounding.
 */
import type { Kysely } from 'kysely';
import type { DB, LocalizedText, ProductRow } from '../db/schema.ts';
import { notFound } from '../kernel/errors.ts';
import { isUuid } from '../kernel/ids.ts';
import type { Lang } from '../kernel/i18n/index.ts';
import { cents, netFromGross } from '../kernel/money.ts';
import type { Cursor } from './cursor.ts';
import * as q from './queries.ts';

export type Product = {
  id: string;
  sku: string;
  name: LocalizedText;
  description: LocalizedText;
  unitPriceCents: number;
  vatRateBp: number;
  stock: number;
  maxPerOrder: number | null;
  withdrawable: boolean;
  withdrawalException: string | null;
  regulated: boolean;
  active: boolean;
  isBundle: boolean;
  unit: 'unit' | 'metre' | 'kilogram';
  condition: 'new' | 'second_hand';
  images: string[];
  /** Ordered specially for the customer (003 art.7.2): shown before purchase; not collected, its whole price stays due. */
  specialOrder: boolean;
  /** Goods, or a service covering `serviceDays` days (issue 10 §2): shown as such before purchase. */
  kind: 'goods' | 'service';
  serviceDays: number | null;
};

export function rowToProduct(row: ProductRow): Product {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name as unknown as LocalizedText,
    description: row.description as unknown as LocalizedText,
    unitPriceCents: row.unit_price_cents,
    vatRateBp: row.vat_rate_bp,
    stock: row.stock,
    maxPerOrder: row.max_per_order,
    withdrawable: row.withdrawable,
    withdrawalException: row.withdrawal_exception,
    regulated: row.regulated,
    active: row.active,
    isBundle: row.is_bundle,
    unit: row.unit,
    condition: row.condition,
    images: row.images,
    specialOrder: row.special_order,
    kind: row.kind,
    serviceDays: row.service_days,
  };
}

/** A bundle's stock is what its scarcest part allows: min over parts of floor(stock / quantity). */
export async function withBundleStock(db: Kysely<DB>, shopId: string, products: Product[]): Promise<Product[]> {
  const parts = await q.bundlePartStock(db, shopId, products.filter((p) => p.isBundle).map((p) => p.id));
  if (parts.length === 0) return products;
  return products.map((p) => {
    const own = parts.filter((x) => x.bundle_id === p.id);
    return own.length === 0 ? p : { ...p, stock: Math.min(...own.map((x) => Math.floor(x.stock / x.quantity))) };
  });
}

export const localized = (text: LocalizedText, lang: Lang): string => text[lang] ?? text.fr;

export function priceExclVat(p: Product): number {
  return netFromGross(cents(p.unitPriceCents), p.vatRateBp);
}

/** The API's view of a product (API.md `GET products`). */
export function productJson(p: Product, lang: Lang) {
  return {
    id: p.id,
    sku: p.sku,
    name: localized(p.name, lang),
    description: localized(p.description, lang),
    unitPriceCents: p.unitPriceCents,
    unitPriceExclVatCents: priceExclVat(p),
    vatRateBp: p.vatRateBp,
    stock: p.stock,
    maxPerOrder: p.maxPerOrder,
    withdrawable: p.withdrawable,
    withdrawalException: p.withdrawalException,
    regulated: p.regulated,
    unit: p.unit,
    condition: p.condition,
    images: p.images,
    specialOrder: p.specialOrder,
    isBundle: p.isBundle,
    kind: p.kind,
    serviceDays: p.serviceDays,
  };
}

/** Up to this many products a list's total is counted exactly; above, the planner's estimate is given. */
export const EXACT_TOTAL_UP_TO = 1000;

export type CatalogueQuery = q.CatalogueFilter & { limit: number; start?: q.PageStart };
export type CataloguePage = { items: Product[]; next: Cursor | null; total: number; totalExact: boolean };

/**
 * One page of the catalogue, search results first by tier (every word found, then close to it),
 * each tier in the sort's order, and where the next page starts. Bounded work at any size (issue 9):
 * keyset pages on indexes; a total counted on a first page that holds every match, counted up to
 * EXACT_TOTAL_UP_TO for a plain list, and otherwise the planner's estimate (EXPLAIN, nothing read):
 * counting a search means testing the similarity of every match, 100 ms at 100,000 products.
 */
export async function listCatalogue(db: Kysely<DB>, shopId: string, opts: CatalogueQuery): Promise<CataloguePage> {
  const start = opts.start ?? { offset: 0 };
  const firstPage = !('after' in start) && start.offset === 0;
  const searching = q.searchWords(opts.search ?? '').length > 0;
  const counting = !firstPage && !searching ? q.countUpTo(db, shopId, opts, EXACT_TOTAL_UP_TO + 1) : undefined;
  const [rows, counted] = await Promise.all([pageRows(db, shopId, opts, start), counting]);
  const shown = rows.slice(0, opts.limit);
  const last = shown.at(-1);
  const next = rows.length > opts.limit && last ? { sort: opts.sort, tier: last.tier, priceCents: last.row.unit_price_cents, sku: last.row.sku } : null;
  const exact = next === null && firstPage ? shown.length : searching ? undefined : (counted ?? (await q.countUpTo(db, shopId, opts, EXACT_TOTAL_UP_TO + 1)));
  const totalExact = exact !== undefined && exact <= EXACT_TOTAL_UP_TO;
  const total = totalExact ? (exact as number) : Math.max(exact ?? rows.length, await q.estimateCount(db, shopId, opts));
  const items = await withBundleStock(db, shopId, shown.map((r) => rowToProduct(r.row)));
  return { items, next, total, totalExact };
}

/** `limit + 1` rows (the extra one says whether a next page exists), each with its search tier. */
async function pageRows(db: Kysely<DB>, shopId: string, opts: CatalogueQuery, start: q.PageStart) {
  const searching = q.searchWords(opts.search ?? '').length > 0;
  const tiers: q.SearchTier[] = searching && !('after' in start && start.after.tier === 1) ? [0, 1] : [('after' in start && start.after.tier) || 0];
  const rows: { row: ProductRow; tier: q.SearchTier }[] = [];
  let offset = 'offset' in start ? start.offset : 0;
  for (const tier of tiers) {
    const from: q.PageStart = 'after' in start && start.after.tier === tier ? start : { offset };
    const got = await q.productPage(db, shopId, opts, tier, from, opts.limit + 1 - rows.length);
    rows.push(...got.map((row) => ({ row, tier })));
    if (rows.length > opts.limit) break;
    // An offset runs on through the close matches: skip there what the exact ones did not cover.
    if (offset > 0) offset -= got.length > 0 ? offset : await q.countUpTo(db, shopId, opts, offset, tier);
  }
  return rows;
}

/** Staff see inactive products too, to edit them. */
export async function getProductForStaff(db: Kysely<DB>, shopId: string, id: string): Promise<Product> {
  const row = isUuid(id) ? await q.findProduct(db, shopId, id) : undefined;
  if (!row) throw notFound('product');
  return rowToProduct(row);
}

export async function getProduct(db: Kysely<DB>, shopId: string, id: string): Promise<Product> {
  const row = isUuid(id) ? await q.findProduct(db, shopId, id) : undefined;
  if (!row?.active) throw notFound('product');
  const [product] = await withBundleStock(db, shopId, [rowToProduct(row)]);
  return product as Product;
}
