/**
 * The catalogue's side of group purchases (issue 12 §1, §5): which products a campaign may take
 * (they exist in the shop), marking them sold only inside a campaign's window, and each product's
 * supplier and case size, which supplier orders read. The catalogue owns `products`: these
 * columns (migration 0018) are written here only.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

type Exec = Kysely<DB> | Transaction<DB>;

/** The ids among `ids` that are products of the shop (any state). */
export async function existingProductIds(db: Exec, shopId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('products').select('id').where('shop_id', '=', shopId).where(sql<boolean>`id = any(${ids}::uuid[])`).execute();
  return new Set(rows.map((r) => r.id));
}

/** From now on these products are sold only within an open campaign (the order path checks it). */
export async function markCampaignOnly(trx: Transaction<DB>, shopId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('products').set({ campaign_only: true }).where('shop_id', '=', shopId).where(sql<boolean>`id = any(${ids}::uuid[])`).execute();
}

export type SupplierFacts = { supplierName: string | null; supplierEmail: string | null; caseSize: number | null };

/** Who the shop buys the product from, at which address, and in cases of how many units. */
export async function setSupplier(db: Exec, shopId: string, productId: string, s: SupplierFacts): Promise<void> {
  await db.updateTable('products').set({ supplier_name: s.supplierName, supplier_email: s.supplierEmail, case_size: s.caseSize }).where('shop_id', '=', shopId).where('id', '=', productId).execute();
}

/** A product's id by its SKU (the demo seed names products by SKU). */
export async function productIdBySku(db: Exec, shopId: string, sku: string): Promise<string | null> {
  return (await db.selectFrom('products').select('id').where('shop_id', '=', shopId).where('sku', '=', sku).executeTakeFirst())?.id ?? null;
}
