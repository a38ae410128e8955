/**
 * Staff changes to the catalogue (API.md `POST`/`PATCH products`, and the back office): validated
 * input, SKU unique per shop, a product outside the withdrawal right always names its exception.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isUniqueViolation } from '../db/errors.ts';
import type { DB } from '../db/schema.ts';
import { DomainError, notFound } from '../kernel/errors.ts';
import { isUuid } from '../kernel/ids.ts';
import { text } from '../kernel/validation.ts';
import { WithdrawalException } from '../shops/profile/schema/withdrawal.ts';
import { catalogueChanged } from './listing-cache.ts';
import * as q from './queries.ts';
import { getProduct, type Product, rowToProduct, withBundleStock } from './service.ts';

const Text = z.union([text().trim().min(1).max(200).transform((fr) => ({ fr })), z.object({ fr: text().trim().min(1).max(200), en: text().max(200).optional(), nl: text().max(200).optional() }).strict()]);
const LongText = z.union([text().max(5000).transform((fr) => ({ fr })), z.object({ fr: text().max(5000), en: text().max(5000).optional(), nl: text().max(5000).optional() }).strict()]);

export const ProductInput = z
  .object({
    sku: text().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'invalid_value'),
    name: Text,
    description: LongText.default({ fr: '' }),
    unitPriceCents: z.number().int().min(0).max(100_000_000),
    vatRateBp: z.number().int().min(0).max(10_000),
    stock: z.number().int().min(0).max(10_000_000),
    maxPerOrder: z.number().int().min(1).max(10_000).nullable().optional(),
    withdrawable: z.boolean().default(true),
    withdrawalException: WithdrawalException.nullable().optional(),
    regulated: z.boolean().default(false),
    /** Ordered specially for the customer (003 art.7.2): shown before purchase; not collected, its whole price stays due. */
    specialOrder: z.boolean().default(false),
    /** Sold by the metre or kilogram: the price is per unit and the page shows it (003 art.4). */
    unit: z.enum(['unit', 'metre', 'kilogram']).default('unit'),
    condition: z.enum(['new', 'second_hand']).default('new'),
    /** Image addresses (https), shown with the product name as their text alternative. */
    images: z.array(z.url({ protocol: /^https$/ }).max(500)).max(10).default([]),
    /**
     * A service (issue 10 §2) and the days it covers, the base of the pro rata a consumer owes
     * when withdrawing after asking it to start (L221-25). Set at creation only: orders refer to it.
     */
    kind: z.enum(['goods', 'service']).default('goods'),
    serviceDays: z.number().int('invalid_value').min(1, 'invalid_value').max(3660, 'invalid_value').optional(),
  })
  .strict();
export type ProductInput = z.infer<typeof ProductInput>;
export const ProductPatch = ProductInput.omit({ kind: true, serviceDays: true }).partial()
  .extend({
    active: z.boolean().optional(),
    /** Who the shop buys it from, where its purchase orders go, and units per case (issue 12 §5: supplier orders at a campaign's closing). */
    supplierName: text().trim().min(1).max(200).nullable().optional(),
    supplierEmail: text().trim().max(254).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'invalid_email').nullable().optional(),
    caseSize: z.number().int().min(1).max(100_000).nullable().optional(),
  })
  .strict();
export type ProductPatch = z.infer<typeof ProductPatch>;

export async function createProduct(db: Kysely<DB>, shopId: string, input: ProductInput): Promise<Product> {
  if ((input.kind === 'service') !== (input.serviceDays !== undefined)) throw new DomainError('invalid_value', 'refused', {}, input.kind === 'service' ? 'serviceDays' : 'kind');
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
    specialOrder: input.specialOrder,
    unit: input.unit,
    condition: input.condition,
    images: input.images,
    serviceDays: input.kind === 'service' ? (input.serviceDays ?? null) : null,
  });
  if (!inserted) throw new DomainError('sku_taken', 'conflict', { sku: input.sku }, 'sku');
  // The shop's cached catalogue pages are read afresh (a caller in a transaction says so again after its commit).
  catalogueChanged(shopId);
  return getProduct(db, shopId, inserted.id);
}

export async function changeProduct(db: Kysely<DB>, shopId: string, id: string, patch: ProductPatch): Promise<Product> {
  if (!isUuid(id)) throw notFound('product');
  const { name, description, unitPriceCents, vatRateBp, maxPerOrder, withdrawalException, images, supplierName, supplierEmail, caseSize, specialOrder, ...rest } = patch;
  try {
    const row = await q.updateProduct(db, shopId, id, {
      ...rest,
      ...(name && { name: JSON.stringify(name) }),
      ...(description && { description: JSON.stringify(description) }),
      ...(unitPriceCents !== undefined && { unit_price_cents: unitPriceCents }),
      ...(vatRateBp !== undefined && { vat_rate_bp: vatRateBp }),
      ...(maxPerOrder !== undefined && { max_per_order: maxPerOrder }),
      ...(images !== undefined && { images: JSON.stringify(images) }),
      ...(supplierName !== undefined && { supplier_name: supplierName }),
      ...(supplierEmail !== undefined && { supplier_email: supplierEmail }),
      ...(caseSize !== undefined && { case_size: caseSize }),
      ...(specialOrder !== undefined && { special_order: specialOrder }),
      ...(withdrawalException !== undefined && { withdrawal_exception: withdrawalException, ...(withdrawalException && { withdrawable: false }) }),
    });
    if (!row) throw notFound('product');
    catalogueChanged(shopId);
    return (await withBundleStock(db, shopId, [rowToProduct(row)]))[0] as Product;
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('sku_taken', 'conflict', { sku: patch.sku ?? '' }, 'sku');
    throw error;
  }
}
