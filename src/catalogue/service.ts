/**
 * Catalogue reads and staff changes. Prices are stored TTC in cents (LEGAL.md §A9: the consumer
 * price is the one displayed and charged); HT is derived per line with the kernel's rounding.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isUniqueViolation } from '../db/errors.ts';
import type { DB, LocalizedText, ProductRow } from '../db/schema.ts';
import { DomainError, notFound } from '../kernel/errors.ts';
import { isUuid } from '../kernel/ids.ts';
import type { Lang } from '../kernel/i18n/index.ts';
import { cents, netFromGross } from '../kernel/money.ts';
import { WithdrawalException } from '../shops/profile/schema/withdrawal.ts';
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
  };
}

/** A bundle's stock is what its scarcest part allows: min over parts of floor(stock / quantity). */
async function withBundleStock(db: Kysely<DB>, shopId: string, products: Product[]): Promise<Product[]> {
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
  };
}

export async function listCatalogue(db: Kysely<DB>, shopId: string, opts: { search?: string | undefined; limit: number; offset: number }) {
  const [rows, count] = await q.listProducts(db, shopId, opts);
  return { items: await withBundleStock(db, shopId, rows.map(rowToProduct)), total: Number(count.n) };
}

export async function getProduct(db: Kysely<DB>, shopId: string, id: string): Promise<Product> {
  const row = isUuid(id) ? await q.findProduct(db, shopId, id) : undefined;
  if (!row?.active) throw notFound('product');
  const [product] = await withBundleStock(db, shopId, [rowToProduct(row)]);
  return product as Product;
}

const Text = z.union([z.string().trim().min(1).max(200).transform((fr) => ({ fr })), z.object({ fr: z.string().trim().min(1).max(200), en: z.string().max(200).optional(), nl: z.string().max(200).optional() }).strict()]);
const LongText = z.union([z.string().max(5000).transform((fr) => ({ fr })), z.object({ fr: z.string().max(5000), en: z.string().max(5000).optional(), nl: z.string().max(5000).optional() }).strict()]);

export const ProductInput = z
  .object({
    sku: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'invalid_value'),
    name: Text,
    description: LongText.default({ fr: '' }),
    unitPriceCents: z.number().int().min(0).max(100_000_000),
    vatRateBp: z.number().int().min(0).max(10_000),
    stock: z.number().int().min(0).max(10_000_000),
    maxPerOrder: z.number().int().min(1).max(10_000).nullable().optional(),
    withdrawable: z.boolean().default(true),
    withdrawalException: WithdrawalException.nullable().optional(),
    regulated: z.boolean().default(false),
  })
  .strict();
export type ProductInput = z.infer<typeof ProductInput>;
export const ProductPatch = ProductInput.partial().extend({ active: z.boolean().optional() }).strict();
export type ProductPatch = z.infer<typeof ProductPatch>;

export async function createProduct(db: Kysely<DB>, shopId: string, input: ProductInput): Promise<Product> {
  const inserted = await q.insertProductIfAbsent(db, {
    shopId,
    sku: input.sku,
    name: JSON.stringify(input.name),
    description: JSON.stringify(input.description),
    unitPriceCents: input.unitPriceCents,
    vatRateBp: input.vatRateBp,
    stock: input.stock,
    maxPerOrder: input.maxPerOrder ?? null,
    withdrawable: input.withdrawable && !input.withdrawalException,
    withdrawalException: input.withdrawalException ?? null,
    regulated: input.regulated,
  });
  if (!inserted) throw new DomainError('sku_taken', 'conflict', { sku: input.sku }, 'sku');
  return getProduct(db, shopId, inserted.id);
}

export async function changeProduct(db: Kysely<DB>, shopId: string, id: string, patch: ProductPatch): Promise<Product> {
  if (!isUuid(id)) throw notFound('product');
  const { name, description, unitPriceCents, vatRateBp, maxPerOrder, withdrawalException, ...rest } = patch;
  try {
    const row = await q.updateProduct(db, shopId, id, {
      ...rest,
      ...(name && { name: JSON.stringify(name) }),
      ...(description && { description: JSON.stringify(description) }),
      ...(unitPriceCents !== undefined && { unit_price_cents: unitPriceCents }),
      ...(vatRateBp !== undefined && { vat_rate_bp: vatRateBp }),
      ...(maxPerOrder !== undefined && { max_per_order: maxPerOrder }),
      ...(withdrawalException !== undefined && { withdrawal_exception: withdrawalException, ...(withdrawalException && { withdrawable: false }) }),
    });
    if (!row) throw notFound('product');
    return (await withBundleStock(db, shopId, [rowToProduct(row)]))[0] as Product;
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('sku_taken', 'conflict', { sku: patch.sku ?? '' }, 'sku');
    throw error;
  }
}
