/**
 * Special orders not collected (issue 11 §6; 003 art.7.2; rules: special-order-rules.ts): the
 * lines of an order sold as ordered specially for the customer (`products.special_order`, shown
 * before purchase, kept on the line sold: `order_lines.special_order`), the storage costs staff
 * document while the goods wait at the depot (`storage_costs`, this capability's table), and what
 * the customer owes once the order is closed for non-collection. The closing itself spans
 * orders, invoicing and notifications: src/flows/special-order-settlement.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../kernel/clock.ts';
import { DomainError } from '../kernel/errors.ts';
import { text } from '../kernel/validation.ts';
import { appendEvent } from '../legal/evidence/service.ts';
import { standardVatBp } from '../shops/profile/standard-vat.ts';
import type { Shop } from '../shops/service.ts';
import { formalNoticesOfOrder } from './formal-notices.ts';
import { lockOwnOrder } from './late-delivery.ts';
import { fullPriceWhenNotCollected, grossOf, type SettlementLine } from './special-order-rules.ts';
import { WAITING_FOR_PICKUP } from './uncollected-pickup-rules.ts';

type Db = Kysely<DB> | Transaction<DB>;

export const StorageCostInput = z.strictObject({
  description: text().trim().min(1).max(200),
  /** Excl. VAT, in cents (a professional's terms speak HT). */
  amountExclVatCents: z.number().int().positive().max(99_999_999),
  /** Default: the shop's standard rate. */
  vatRateBp: z.number().int().min(0).max(10_000).optional(),
  /** The justification: the rate applied and the days, the warehouse's invoice, … */
  document: text().trim().max(2000).optional(),
});
export type StorageCostInput = z.infer<typeof StorageCostInput>;

export const SpecialOrderSettlementInput = z.strictObject({ noticeId: z.uuid(), note: text().trim().max(2000).optional() });

export type StorageCost = { id: string; description: string; amountExclVatCents: number; vatRateBp: number; grossCents: number; document: string | null; recordedAt: string; invoiceId: string | null };

/** The statuses in which goods wait for a customer who does not come (the ones a non-collection ends). */
const WAITING: readonly string[] = WAITING_FOR_PICKUP;

/**
 * The order's lines with whether each was sold as a special order (sku and name for the pages):
 * the line's own flag, copied from the product when the order was placed — what the customer was
 * shown binds, not the product's flag today.
 */
export async function specialOrderLines(db: Db, shopId: string, orderId: string): Promise<(SettlementLine & { lineNo: number; sku: string; name: string })[]> {
  const rows = await db
    .selectFrom('order_lines')
    .select(['line_no', 'sku', 'name', 'total_cents', 'special_order'])
    .where('shop_id', '=', shopId)
    .where('order_id', '=', orderId)
    .orderBy('line_no')
    .execute();
  return rows.map((r) => ({ lineNo: r.line_no, sku: r.sku, name: r.name, totalCents: Number(r.total_cents), specialOrder: r.special_order }));
}

export async function storageCostsOf(db: Db, shopId: string, orderId: string): Promise<StorageCost[]> {
  const rows = await db.selectFrom('storage_costs').selectAll().where('shop_id', '=', shopId).where('order_id', '=', orderId).orderBy('recorded_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, description: r.description, amountExclVatCents: r.amount_excl_vat_cents, vatRateBp: r.vat_rate_bp, grossCents: r.gross_cents, document: r.document, recordedAt: r.recorded_at.toISOString(), invoiceId: r.invoice_id }));
}

/** Whether the order falls under the terms' special-order rule: the terms say so and a line is special. */
export async function isSpecialOrder(db: Db, shop: Shop, orderId: string): Promise<boolean> {
  return fullPriceWhenNotCollected(shop.profile) && (await specialOrderLines(db, shop.slug, orderId)).some((l) => l.specialOrder);
}

/**
 * The first day a special order waiting at the depot may be closed (the staff "today" view, issue
 * 11 §7): its last non-collection letter's period has run, the goods not collected since. None for
 * an order that is not a special order, no longer waits, or whose letter is not yet presented.
 */
export async function specialOrderClosableOn(db: Db, shop: Shop, order: { id: string; status: string }): Promise<string | undefined> {
  if (!fullPriceWhenNotCollected(shop.profile) || !WAITING.includes(order.status)) return undefined;
  if (!(await isSpecialOrder(db, shop, order.id))) return undefined;
  const notice = (await formalNoticesOfOrder(db, shop, order.id)).filter((n) => n.kind === 'non_collection').at(-1);
  return notice && !notice.cured && notice.effectiveFrom ? notice.effectiveFrom : undefined;
}

/** Staff document a storage cost on a special order waiting at the depot. */
export async function recordStorageCost(deps: { db: Kysely<DB>; clock: Clock }, shop: Shop, orderId: string, input: StorageCostInput, actor: string): Promise<StorageCost> {
  const now = new Date(deps.clock.now().epochMilliseconds);
  const id = randomUUID();
  const vatRateBp = input.vatRateBp ?? standardVatBp(shop.profile);
  await deps.db.transaction().execute(async (trx) => {
    const order = await lockOwnOrder(trx, shop.slug, orderId, null);
    if (!(await isSpecialOrder(trx, shop, order.id))) throw new DomainError('not_a_special_order', 'refused');
    if (!WAITING.includes(order.status)) throw new DomainError('order_not_waiting_for_collection', 'refused', { status: order.status });
    const grossCents = grossOf(input.amountExclVatCents, vatRateBp);
    await trx
      .insertInto('storage_costs')
      .values({ shop_id: shop.slug, id, order_id: order.id, description: input.description, amount_excl_vat_cents: input.amountExclVatCents, vat_rate_bp: vatRateBp, gross_cents: grossCents, document: input.document ?? null, recorded_by: actor, recorded_at: now, invoice_id: null })
      .execute();
    await appendEvent(trx, { shopId: shop.slug, orderId: order.id, type: 'storage_cost_recorded', at: now, actor, data: { storageCostId: id, description: input.description, amountExclVatCents: input.amountExclVatCents, vatRateBp, grossCents, ...(input.document && { document: input.document }) } }, now);
  });
  const found = (await storageCostsOf(deps.db, shop.slug, orderId)).find((c) => c.id === id);
  if (!found) throw new Error('storage cost not recorded');
  return found;
}

/** The storage costs now billed on the `storage_costs` invoice. */
export async function markStorageCostsInvoiced(trx: Transaction<DB>, shopId: string, orderId: string, invoiceId: string): Promise<void> {
  await trx.updateTable('storage_costs').set({ invoice_id: invoiceId }).where('shop_id', '=', shopId).where('order_id', '=', orderId).where('invoice_id', 'is', null).execute();
}

/** Closed: the order ends as completed, the goods the seller's to dispose of, the price due. */
export async function markSettled(trx: Transaction<DB>, shopId: string, orderId: string): Promise<void> {
  await trx.updateTable('orders').set({ status: 'completed' }).where('shop_id', '=', shopId).where('id', '=', orderId).execute();
}
