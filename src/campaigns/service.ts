/**
 * The campaigns capability's use cases (issue 12 §1, §5, §6): the only writer of campaigns,
 * campaign_products and campaign_documents. Flows call it inside their transaction
 * (src/flows/create-campaign.ts, place-order.ts, cancel-order.ts, close-campaign.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { CampaignsTable, PromiseJson } from '../db/schema-campaigns.ts';
import { DomainError, notFound } from '../kernel/errors.ts';
import { isUuid, sha256Hex } from '../kernel/ids.ts';
import * as q from './queries.ts';
import { type CampaignInputFacts, checkCampaign, promiseFor, windowState } from './rules.ts';

export type CampaignRow = Selectable<CampaignsTable>;
type Exec = Kysely<DB> | Transaction<DB>;

export type NewCampaign = CampaignInputFacts & { title: string; clonedFrom?: string | null };

/**
 * Writes a campaign once its facts hold together (./rules.ts) and no campaign taking one of its
 * products shares an instant of its window (422 `campaign_overlap`, naming the product). The
 * products must exist: the caller (a flow) asked the catalogue.
 */
export async function insertCampaign(trx: Transaction<DB>, shopId: string, c: NewCampaign, meta: { actor: string; now: Date }): Promise<string> {
  checkCampaign(c);
  await q.lockShopCampaigns(trx, shopId);
  const ids = c.products.map((p) => p.productId);
  const clash = await q.overlapping(trx, shopId, ids, c.opensAt, c.closesAt);
  if (clash.length > 0) {
    const first = clash[0];
    const index = ids.indexOf(first?.product_id ?? '');
    throw new DomainError('campaign_overlap', 'refused', { title: first?.title ?? '' }, `products.${Math.max(0, index)}.productId`);
  }
  const id = randomUUID();
  await trx
    .insertInto('campaigns')
    .values({
      shop_id: shopId,
      id,
      title: c.title,
      opens_at: c.opensAt,
      closes_at: c.closesAt,
      minimum_quantity: c.minimumQuantity ?? null,
      promises: JSON.stringify(c.promises),
      cloned_from: c.clonedFrom ?? null,
      created_by: meta.actor,
      created_at: meta.now,
    })
    .execute();
  await trx
    .insertInto('campaign_products')
    .values(c.products.map((p) => ({ shop_id: shopId, campaign_id: id, product_id: p.productId, cap: p.cap ?? null, minimum_quantity: p.minimumQuantity ?? null })))
    .execute();
  return id;
}

export type CampaignProductJson = { productId: string; sku: string; name: string; cap: number | null; minimumQuantity: number | null; taken: number; remaining: number | null };
export type CampaignJson = {
  id: string;
  title: string;
  opensAt: string;
  closesAt: string;
  state: 'upcoming' | 'open' | 'closed';
  closedAt: string | null;
  minimumQuantity: number | null;
  minimumReached: boolean | null;
  products: CampaignProductJson[];
  promises: PromiseJson[];
  clonedFrom: string | null;
};

type ProductRow = Awaited<ReturnType<typeof q.campaignProductRows>>[number];

function campaignJson(c: CampaignRow, products: readonly ProductRow[], now: Date): CampaignJson {
  return {
    id: c.id,
    title: c.title,
    opensAt: c.opens_at.toISOString(),
    closesAt: c.closes_at.toISOString(),
    // Closed once its closing ran (or its time passed, the job being about to run it).
    state: c.status === 'closed' ? 'closed' : windowState({ opensAt: c.opens_at, closesAt: c.closes_at }, now),
    closedAt: c.closed_at?.toISOString() ?? null,
    minimumQuantity: c.minimum_quantity,
    minimumReached: c.minimum_reached,
    products: products
      .filter((p) => p.campaign_id === c.id)
      .map((p) => ({
        productId: p.product_id,
        sku: p.sku,
        name: (p.name as unknown as { fr: string }).fr,
        cap: p.cap,
        minimumQuantity: p.minimum_quantity,
        taken: Number(p.taken),
        remaining: p.cap === null ? null : Math.max(0, p.cap - Number(p.taken)),
      })),
    promises: c.promises as unknown as PromiseJson[],
    clonedFrom: c.cloned_from,
  };
}

export async function listCampaigns(db: Exec, shopId: string, now: Date): Promise<CampaignJson[]> {
  const rows = await q.campaignRows(db, shopId);
  const products = await q.campaignProductRows(db, shopId, rows.map((r) => r.id));
  return rows.map((r) => campaignJson(r, products, now));
}

export async function findCampaign(db: Exec, shopId: string, id: string): Promise<CampaignRow> {
  const row = isUuid(id) ? await q.campaignRow(db, shopId, id) : undefined;
  if (!row) throw notFound('campaign');
  return row;
}

export async function getCampaign(db: Exec, shopId: string, id: string, now: Date): Promise<CampaignJson> {
  const row = await findCampaign(db, shopId, id);
  return campaignJson(row, await q.campaignProductRows(db, shopId, [row.id]), now);
}

export const campaignProducts = q.campaignProductRows;

// ——— The order path ———

export type CampaignTake = { campaignId: string; productId: string; quantity: number; line: number; sku: string; remaining: number | null };
export type OrderCampaigns = { takes: CampaignTake[]; promise: PromiseJson | null; campaigns: { id: string; title: string }[] };

/**
 * For an order's campaign-only lines (`lines`: product, quantity, its line index and SKU): the
 * campaign open now for each (else 422 `campaign_closed` on that line), and the delivery promise
 * the order gets by its submission day in the shop's zone; when lines of two campaigns
 * meet in one order, the later of their dates. One read.
 */
export async function campaignsForOrder(trx: Transaction<DB>, shopId: string, lines: readonly { productId: string; quantity: number; line: number; sku: string }[], now: Date, timeZone: string): Promise<OrderCampaigns> {
  if (lines.length === 0) return { takes: [], promise: null, campaigns: [] };
  const rows = await q.campaignsOfProducts(trx, shopId, lines.map((l) => l.productId));
  const takes: CampaignTake[] = [];
  const campaigns = new Map<string, { id: string; title: string }>();
  let promise: PromiseJson | null = null;
  for (const l of lines) {
    const open = rows.find((r) => r.product_id === l.productId && windowState({ opensAt: r.opens_at, closesAt: r.closes_at }, now) === 'open');
    if (!open) {
      const next = rows.filter((r) => r.product_id === l.productId && r.opens_at.getTime() > now.getTime()).sort((a, b) => a.opens_at.getTime() - b.opens_at.getTime())[0];
      throw new DomainError('campaign_closed', 'refused', { sku: l.sku, ...(next && { opensAt: next.opens_at.toISOString().slice(0, 10) }) }, `lines.${l.line}.productId`);
    }
    takes.push({ campaignId: open.campaign_id, productId: l.productId, quantity: l.quantity, line: l.line, sku: l.sku, remaining: open.cap === null ? null : Math.max(0, open.cap - Number(open.taken)) });
    campaigns.set(open.campaign_id, { id: open.campaign_id, title: open.title });
    const p = promiseFor({ promises: open.promises }, now, timeZone);
    if (p) promise = promise ? laterPromise(promise, p) : p;
  }
  return { takes: takes.sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0)), promise, campaigns: [...campaigns.values()] };
}

function laterPromise(a: PromiseJson, b: PromiseJson): PromiseJson {
  const from = [a.deliveryFrom, b.deliveryFrom].filter((d): d is string => d !== undefined).sort().pop();
  return { ...(from && { deliveryFrom: from }), deliveryLatestOn: [a.deliveryLatestOn, b.deliveryLatestOn].sort()[1] ?? a.deliveryLatestOn };
}

/**
 * The delivery promise checkout shows for these products if ordered now (issue 12 §1): that of
 * the open campaigns among them, by today's date in the shop's zone; null when none is in an
 * open campaign. Refuses nothing (placing the order does).
 */
export async function promiseAtCheckout(db: Exec, shopId: string, productIds: readonly string[], now: Date, timeZone: string): Promise<PromiseJson | null> {
  const rows = (await q.campaignsOfProducts(db, shopId, productIds.filter(isUuid))).filter((r) => windowState({ opensAt: r.opens_at, closesAt: r.closes_at }, now) === 'open');
  return rows.map((r) => promiseFor({ promises: r.promises }, now, timeZone)).reduce<PromiseJson | null>((a, b) => (b ? (a ? laterPromise(a, b) : b) : a), null);
}

/** Takes the order's quantities from the caps, one guarded update per product (in product id order); 409 `campaign_cap_reached` on the first without room. */
export async function takeCampaignCaps(trx: Transaction<DB>, shopId: string, takes: readonly CampaignTake[]): Promise<void> {
  for (const t of takes) {
    if (!(await q.take(trx, shopId, t.campaignId, t.productId, t.quantity))) {
      throw new DomainError('campaign_cap_reached', 'conflict', { sku: t.sku, remaining: t.remaining ?? 0 }, `lines.${t.line}.quantity`);
    }
  }
}

/** A cancelled order's campaign quantities go back to its campaigns' caps (the campaign whose window held its placing). */
export async function giveBackCampaignCaps(trx: Transaction<DB>, shopId: string, orderId: string, placedAt: Date): Promise<void> {
  const lines = await trx
    .selectFrom('order_lines as l')
    .innerJoin('campaign_products as cp', (j) => j.onRef('cp.shop_id', '=', 'l.shop_id').onRef('cp.product_id', '=', 'l.product_id'))
    .innerJoin('campaigns as c', (j) => j.onRef('c.shop_id', '=', 'cp.shop_id').onRef('c.id', '=', 'cp.campaign_id'))
    .select(['cp.campaign_id', 'l.product_id', 'l.quantity'])
    .where('l.shop_id', '=', shopId)
    .where('l.order_id', '=', orderId)
    .where('c.opens_at', '<=', placedAt)
    .where('c.closes_at', '>', placedAt)
    .orderBy('l.product_id')
    .execute();
  for (const l of lines) await q.giveBack(trx, shopId, l.campaign_id, l.product_id, l.quantity);
}

// ——— Closing ———

export const dueForClosing = q.dueForClosing;
export const campaignLines = q.campaignLines;
export type CampaignLine = q.CampaignLine;
export const lockCampaign = q.lockCampaign;

/** Marks the campaign closed; false when it already was (another run closed it). */
export async function markClosed(trx: Transaction<DB>, shopId: string, id: string, now: Date, minimumReached: boolean): Promise<boolean> {
  return (await q.markClosed(trx, shopId, id, now, minimumReached)) !== undefined;
}

export type NewDocument = { supplier: string; format: 'csv' | 'pdf'; filename: string; content: Buffer };

/** Stores a supplier order as sent (CSV or PDF), with its hash; its id is what the e-mail attaches. */
export async function storeDocument(trx: Transaction<DB>, shopId: string, campaignId: string, d: NewDocument, now: Date): Promise<{ id: string; sha256: string }> {
  const id = randomUUID();
  const sha256 = sha256Hex(d.content);
  await trx
    .insertInto('campaign_documents')
    .values({ shop_id: shopId, id, campaign_id: campaignId, kind: 'supplier_order', supplier: d.supplier, format: d.format, filename: d.filename, content: d.content, sha256, created_at: now })
    .execute();
  return { id, sha256 };
}

export const documentsOf = q.documentRows;

export async function findDocument(db: Exec, shopId: string, id: string) {
  const row = isUuid(id) ? await q.documentRow(db, shopId, id) : undefined;
  if (!row) throw notFound('document');
  return row;
}
