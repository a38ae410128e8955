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
    isBundle: p.isBundle,
  };
}

export async function listCatalogue(db: Kysely<DB>, shopId: string, opts: q.CatalogueFilter) {
  const [rows, count] = await q.listProducts(db, shopId, opts);
  return { items: await withBundleStock(db, shopId, rows.map(rowToProduct)), total: Number(count.n) };
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
