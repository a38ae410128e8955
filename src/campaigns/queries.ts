/**
 * SQL of the campaigns capability: its own tables (campaigns, campaign_products,
 * campaign_documents), which only ./service.ts writes, and the reads of the orders a campaign
 * gathered (orders, their lines, their customers and payments: read, never written, here).
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { paidCentsColumn } from '../db/paid-cents.ts';
import { precompile } from '../db/precompiled.ts';
import type { DB } from '../db/schema.ts';
import type { PromiseJson } from '../db/schema-campaigns.ts';

export type Exec = Kysely<DB> | Transaction<DB>;

export function campaignRows(db: Exec, shopId: string) {
  return db.selectFrom('campaigns').selectAll().where('shop_id', '=', shopId).orderBy('opens_at', 'desc').orderBy('id').execute();
}

export function campaignRow(db: Exec, shopId: string, id: string) {
  return db.selectFrom('campaigns').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
}

/** A campaign's products with the catalogue's facts a page, a supplier order and a picking list show. */
export function campaignProductRows(db: Exec, shopId: string, campaignIds: readonly string[]) {
  if (campaignIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('campaign_products as cp')
    .innerJoin('products as p', (j) => j.onRef('p.shop_id', '=', 'cp.shop_id').onRef('p.id', '=', 'cp.product_id'))
    .select(['cp.campaign_id', 'cp.product_id', 'cp.cap', 'cp.minimum_quantity', 'cp.taken', 'p.sku', 'p.name', 'p.unit_price_cents', 'p.supplier_name', 'p.supplier_email', 'p.case_size'])
    .where('cp.shop_id', '=', shopId)
    .where('cp.campaign_id', 'in', campaignIds)
    .orderBy('p.sku')
    .execute();
}

/** Open campaigns (not yet closed) taking any of `productIds` whose window meets [opensAt, closesAt): an overlap. */
export function overlapping(db: Exec, shopId: string, productIds: readonly string[], opensAt: Date, closesAt: Date) {
  return db
    .selectFrom('campaign_products as cp')
    .innerJoin('campaigns as c', (j) => j.onRef('c.shop_id', '=', 'cp.shop_id').onRef('c.id', '=', 'cp.campaign_id'))
    .select(['c.id', 'c.title', 'cp.product_id'])
    .where('cp.shop_id', '=', shopId)
    .where('cp.product_id', 'in', productIds)
    .where('c.opens_at', '<', closesAt)
    .where('c.closes_at', '>', opensAt)
    .execute();
}

/** Campaigns of a shop are created one at a time, so two overlapping ones cannot both pass the check. */
export async function lockShopCampaigns(trx: Transaction<DB>, shopId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`campaigns:${shopId}`}))`.execute(trx);
}

// Compiled once (src/db/precompiled.ts): read on the order path for its campaign-only products.
const forProducts = precompile((db, p: { shopId: string; ids: readonly string[] }) =>
  db
    .selectFrom('campaign_products as cp')
    .innerJoin('campaigns as c', (j) => j.onRef('c.shop_id', '=', 'cp.shop_id').onRef('c.id', '=', 'cp.campaign_id'))
    .select(['cp.campaign_id', 'cp.product_id', 'cp.cap', 'cp.taken', 'c.title', 'c.opens_at', 'c.closes_at', 'c.promises'])
    .where('cp.shop_id', '=', p.shopId)
    .where(sql<boolean>`cp.product_id = any(${p.ids}::uuid[])`),
);

export type CampaignOfProduct = { campaign_id: string; product_id: string; cap: number | null; taken: number; title: string; opens_at: Date; closes_at: Date; promises: PromiseJson[] };

export async function campaignsOfProducts(db: Exec, shopId: string, ids: readonly string[]): Promise<CampaignOfProduct[]> {
  if (ids.length === 0) return [];
  return (await forProducts.all(db, { shopId, ids })) as CampaignOfProduct[];
}

// The guarded increment (DESIGN.md §8, like the stock's): only while the cap leaves room.
const guardedTake = precompile((db, p: { shopId: string; campaignId: string; productId: string; quantity: number }) =>
  db
    .updateTable('campaign_products')
    .set((eb) => ({ taken: eb('taken', '+', p.quantity) }))
    .where('shop_id', '=', p.shopId)
    .where('campaign_id', '=', p.campaignId)
    .where('product_id', '=', p.productId)
    .where(sql<boolean>`(cap is null or taken + ${p.quantity} <= cap)`)
    .returning('taken'),
);

export async function take(trx: Transaction<DB>, shopId: string, campaignId: string, productId: string, quantity: number): Promise<boolean> {
  return (await guardedTake.first(trx, { shopId, campaignId, productId, quantity })) !== undefined;
}

export async function giveBack(trx: Transaction<DB>, shopId: string, campaignId: string, productId: string, quantity: number): Promise<void> {
  await trx
    .updateTable('campaign_products')
    .set((eb) => ({ taken: sql<number>`greatest(0, ${eb.ref('taken')} - ${quantity})` }))
    .where('shop_id', '=', shopId)
    .where('campaign_id', '=', campaignId)
    .where('product_id', '=', productId)
    .execute();
}

/** Campaigns whose closing time has come and that are not closed yet, all shops. */
export function dueForClosing(db: Exec, now: Date) {
  return db.selectFrom('campaigns').select(['shop_id', 'id']).where('status', '=', 'open').where('closes_at', '<=', now).orderBy('closes_at').execute();
}

/**
 * The lines of a campaign's orders: orders placed inside its window with a line of one of its
 * products (campaigns for the same products never overlap, so the window names the campaign),
 * with the order's delivery, customer and payment. Cancelled and refused orders are left out
 * unless `withCancelled`.
 */
export function campaignLines(db: Exec, shopId: string, campaign: { id: string; opens_at: Date; closes_at: Date }, withCancelled = false) {
  let q = db
    .selectFrom('order_lines as l')
    .innerJoin('orders', (j) => j.onRef('orders.shop_id', '=', 'l.shop_id').onRef('orders.id', '=', 'l.order_id'))
    .innerJoin('customers as c', (j) => j.onRef('c.shop_id', '=', 'orders.shop_id').onRef('c.id', '=', 'orders.customer_id'))
    .innerJoin('campaign_products as cp', (j) => j.onRef('cp.shop_id', '=', 'l.shop_id').onRef('cp.product_id', '=', 'l.product_id'))
    .select((eb) => [
      'orders.id as order_id',
      'orders.number',
      'orders.status',
      'orders.placed_at',
      'orders.delivery',
      'orders.gross_cents',
      'orders.payment_status',
      'orders.customer_id',
      paidCentsColumn(eb),
      'c.first_name',
      'c.last_name',
      'c.email',
      'c.language',
      'l.line_no',
      'l.product_id',
      'l.sku',
      'l.name',
      'l.quantity',
      'l.total_cents',
    ])
    .where('l.shop_id', '=', shopId)
    .where('cp.campaign_id', '=', campaign.id)
    .where('orders.placed_at', '>=', campaign.opens_at)
    .where('orders.placed_at', '<', campaign.closes_at);
  if (!withCancelled) q = q.where('orders.status', 'not in', ['cancelled', 'refused']);
  return q.orderBy('orders.number').orderBy('l.line_no').execute();
}
export type CampaignLine = Awaited<ReturnType<typeof campaignLines>>[number];

export function markClosed(trx: Transaction<DB>, shopId: string, id: string, now: Date, minimumReached: boolean) {
  return trx
    .updateTable('campaigns')
    .set({ status: 'closed', closed_at: now, minimum_reached: minimumReached })
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();
}

export function lockCampaign(trx: Transaction<DB>, shopId: string, id: string) {
  return trx.selectFrom('campaigns').selectAll().where('shop_id', '=', shopId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function documentRows(db: Exec, shopId: string, campaignId: string) {
  return db
    .selectFrom('campaign_documents')
    .select(['id', 'kind', 'supplier', 'format', 'filename', 'sha256', 'created_at'])
    .where('shop_id', '=', shopId)
    .where('campaign_id', '=', campaignId)
    .orderBy('supplier')
    .orderBy('format')
    .execute();
}

export function documentRow(db: Exec, shopId: string, id: string) {
  return db.selectFrom('campaign_documents').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
}
