/**
 * C14 — the consumer's legal-warranty claims (issue 10 §4; LEGAL §A4): opening one, staff's
 * decision, reading them. The after-sale capability writes `warranty_claims` and its photos, and
 * the order's evidence log; it reads the order, its lines, the products' condition and the
 * delivery events. The rules are warranty-rules.ts's; the dates are the shop's local days.
 *
 * - Conformity: within 2 years of delivery (the last lot handed over), with the presumption of
 *   L217-7 (FR: 24 months new, 12 second-hand) or 1649quater §4 (BE: 2 years) shown to the consumer.
 * - Hidden defect: within 2 years of discovery (C. civ. 1648), within 20 years of the sale.
 * - Professionals get no legal warranty here: where the profile gives them the manufacturer's
 *   warranty (003 art.10), the pages say so with its exclusions.
 * - Staff decide repair, replacement, price reduction or refund, or decline the claim with its
 *   reason; a refund is due within the profile's window counted from the finding (004 art.8: 7
 *   days), a repair or replacement within 30 days of the request (FR L217-10, the D.211-2 box). A
 *   refund or a price reduction is credited on the invoice by a credit note, issued in the
 *   decision's transaction by src/flows/warranty-decision.ts (the hook below).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { Clock } from '../kernel/clock.ts';
import type { DB, WarrantyClaimsTable } from '../db/schema.ts';
import { factTime, localDate } from '../kernel/calendar.ts';
import { DomainError, type ErrorKind, notFound, ValidationFailed } from '../kernel/errors.ts';
import { type Lang, t } from '../kernel/i18n/index.ts';
import { money } from '../kernel/i18n/money.ts';
import { isUuid } from '../kernel/ids.ts';
import { text } from '../kernel/validation.ts';
import { appendEvent } from '../legal/evidence/service.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import type { Shop } from '../shops/service.ts';
import { judgePhoto, MAX_CLAIM_PHOTOS, type PhotoType } from './claim-photos.ts';
import * as q from './queries.ts';
import { customerLang } from '../shops/customer-language.ts';
import { conformityWarranty, type GoodsCondition, hiddenDefectClaimEndsOn, warrantyRefundDueOn } from './warranty-rules.ts';

export const WARRANTY_CLAIM_ACK_TEMPLATE = 'warranty_claim_acknowledgement';
export const REMEDIES = ['repair', 'replacement', 'price_reduction', 'refund'] as const;
export type Remedy = (typeof REMEDIES)[number];
/** Staff's decision: one of the remedies, or the claim declined with its reason (issue 10 §6). */
export const DECISIONS = [...REMEDIES, 'declined'] as const;
export type Decision = (typeof DECISIONS)[number];
/** FR L217-10: repair or replacement within 30 days of the consumer's request. */
const REPAIR_DAYS = 30;

const PlainDate = text().regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date');

export const ClaimInput = z.strictObject({
  kind: z.enum(['conformity', 'hidden_defect']),
  description: text().trim().min(10).max(4000),
  /** The order's line numbers the claim is about; none = every line. */
  lines: z.array(z.number().int().min(1).max(10_000)).min(1).max(500).optional(),
  /** Hidden defect: the day it was found (the 2 years run from it). */
  discoveredOn: PlainDate.optional(),
});
export type ClaimInput = z.infer<typeof ClaimInput>;

export const DecisionInput = z.strictObject({
  remedy: z.enum(DECISIONS),
  /** A price reduction's sum (or `percent`), or a refund of less than the claimed lines (default: them in full), all taxes included. */
  amountCents: z.number().int().positive().max(99_999_999_999).optional(),
  /** A price reduction as a percentage of the claimed lines' price (30 or 12.5; to 0.01 %), rounded half up to the cent. */
  percent: z.number().positive().max(100).refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-6, 'invalid_value').optional(),
  /** An instant, or the day of the decision (in the shop's zone). */
  at: z.union([z.iso.datetime({ offset: true }), PlainDate]),
  note: text().trim().max(2000).optional(),
});
export type DecisionInput = z.infer<typeof DecisionInput>;

type ClaimErrorCode = 'warranty_amount_exceeds_paid' | 'warranty_period_over' | 'not_a_consumer_order' | 'not_delivered' | 'photo_not_an_image' | 'photo_too_large' | 'photo_empty' | 'too_many_photos' | 'discovery_date_required' | 'event_in_future' | 'decision_before_claim' | 'warranty_claim_already_decided';
const KIND: Record<ClaimErrorCode, ErrorKind> = {
  warranty_amount_exceeds_paid: 'refused',
  warranty_period_over: 'refused', not_a_consumer_order: 'refused', not_delivered: 'refused', photo_not_an_image: 'refused', photo_too_large: 'refused', photo_empty: 'refused',
  too_many_photos: 'refused', discovery_date_required: 'refused', event_in_future: 'refused', decision_before_claim: 'refused', warranty_claim_already_decided: 'conflict',
};

/** Why a claim or a decision was refused; nothing is stored when one is thrown. */
export class ClaimRefused extends DomainError {
  constructor(code: ClaimErrorCode, params: Record<string, string | number> = {}, field?: string) {
    super(code, KIND[code], params, field);
    this.name = 'ClaimRefused';
  }
}

export type ClaimDeps = { db: Kysely<DB>; clock: Clock };
export type ClaimRow = Selectable<WarrantyClaimsTable>;
type Db = Kysely<DB> | Transaction<DB>;
export type Photo = { filename: string; data: Buffer };

/** What the order's customer may claim today, for the pages and the API alike. */
export type WarrantyStanding =
  | { offered: false; why: 'not_delivered' | 'cancelled' }
  | { offered: false; why: 'professional'; manufacturerWarranty: { exclusions: readonly string[]; carriageBorneBy: string | null } | null }
  | { offered: true; deliveredOn: string; endsOn: string; presumptionEndsOn: string; presumptionNow: boolean; periodOver: boolean; box: 'FR' | 'BE' };

async function conditionsOf(db: Db, shopId: string, orderId: string): Promise<Map<number, GoodsCondition>> {
  const rows = await db
    .selectFrom('order_lines')
    .leftJoin('products', (j) => j.onRef('products.shop_id', '=', 'order_lines.shop_id').onRef('products.id', '=', 'order_lines.product_id'))
    .select(['order_lines.line_no', 'products.condition'])
    .where('order_lines.shop_id', '=', shopId)
    .where('order_lines.order_id', '=', orderId)
    .execute();
  return new Map(rows.map((r) => [r.line_no, (r.condition ?? 'new') as GoodsCondition]));
}

/** The last day the goods were handed over (the last lot), in the shop's zone. */
async function deliveredOn(db: Db, shop: Shop, orderId: string): Promise<Temporal.PlainDate | null> {
  const days = (await q.possessionInstants(db, shop.slug, orderId)).map((d) => localDate(Temporal.Instant.fromEpochMilliseconds(d.getTime()), shop.timeZone));
  return days.reduce<Temporal.PlainDate | null>((a, b) => (a && Temporal.PlainDate.compare(a, b) >= 0 ? a : b), null);
}

function manufacturerWarranty(shop: Shop, kind: string) {
  const nc = shop.profile.guarantee?.nonConsumer;
  if (nc?.regime !== 'manufacturer_warranty_only' || !(nc.customerKinds as readonly string[]).includes(kind)) return null;
  return { exclusions: nc.exclusions ?? [], carriageBorneBy: nc.carriageBorneBy ?? null };
}

/** The conformity warranty of the claimed lines: the shortest presumption of them decides. */
function conformityOf(shop: Shop, delivered: Temporal.PlainDate, conditions: readonly GoodsCondition[]) {
  const each = (conditions.length ? conditions : (['new'] as const)).map((condition) => conformityWarranty({ country: shop.legalSystem, deliveredOn: delivered, condition }));
  return each.reduce((a, b) => (Temporal.PlainDate.compare(a.presumptionEndsOn, b.presumptionEndsOn) <= 0 ? a : b));
}

export async function warrantyStanding(db: Db, shop: Shop, order: q.OrderFacts, today: Temporal.PlainDate): Promise<WarrantyStanding> {
  if (order.customer_kind !== 'consumer') return { offered: false, why: 'professional', manufacturerWarranty: manufacturerWarranty(shop, order.customer_kind) };
  if (['cancelled', 'refused'].includes(order.status)) return { offered: false, why: 'cancelled' };
  const delivered = await deliveredOn(db, shop, order.id);
  if (!delivered) return { offered: false, why: 'not_delivered' };
  const w = conformityOf(shop, delivered, [...(await conditionsOf(db, shop.slug, order.id)).values()]);
  return {
    offered: true, deliveredOn: delivered.toString(), endsOn: w.endsOn.toString(), presumptionEndsOn: w.presumptionEndsOn.toString(),
    presumptionNow: Temporal.PlainDate.compare(today, w.presumptionEndsOn) <= 0, periodOver: Temporal.PlainDate.compare(today, w.endsOn) > 0, box: shop.legalSystem,
  };
}

export const todayOf = (clock: Clock, shop: Shop) => localDate(clock.now(), shop.timeZone);

export type OpenRequest = { customerId: string; input: ClaimInput; photos: readonly Photo[]; lang: Lang };

/** The customer opens a claim on their delivered order; photos are judged before anything is stored. */
export async function openClaim(deps: ClaimDeps, shop: Shop, orderId: string, request: OpenRequest, actor: string): Promise<ClaimJson> {
  if (!isUuid(orderId)) throw notFound('order');
  if (request.photos.length > MAX_CLAIM_PHOTOS) throw new ClaimRefused('too_many_photos', { max: MAX_CLAIM_PHOTOS }, 'photos');
  const photos = request.photos.map((p, i) => {
    const verdict = judgePhoto(p.data);
    if (!verdict.ok) throw new ClaimRefused(verdict.reason, { file: p.filename || `#${i + 1}` }, 'photos');
    return { type: verdict.type, data: p.data };
  });
  const now = deps.clock.now();
  const today = localDate(now, shop.timeZone);
  const { input } = request;
  return deps.db.transaction().execute(async (trx) => {
    const order = await q.lockOrder(trx, shop.slug, orderId);
    if (!order || order.customer_id !== request.customerId) throw notFound('order');
    const standing = await warrantyStanding(trx, shop, order, today);
    if (!standing.offered) throw new ClaimRefused(standing.why === 'professional' ? 'not_a_consumer_order' : 'not_delivered');
    const lines = await q.orderLines(trx, shop.slug, order.id);
    const chosen = input.lines ? lines.filter((l) => input.lines?.includes(l.line_no)) : lines;
    if (chosen.length === 0 || (input.lines && chosen.length !== new Set(input.lines).size)) throw new ValidationFailed([{ field: 'lines', code: 'invalid_value' }]);
    const conditions = await conditionsOf(trx, shop.slug, order.id);
    const delivered = Temporal.PlainDate.from(standing.deliveredOn);
    let endsOn: Temporal.PlainDate;
    let presumptionEndsOn: Temporal.PlainDate | null = null;
    let discovered: Temporal.PlainDate | null = null;
    if (input.kind === 'conformity') {
      const w = conformityOf(shop, delivered, chosen.map((l) => conditions.get(l.line_no) ?? 'new'));
      endsOn = w.endsOn;
      presumptionEndsOn = w.presumptionEndsOn;
    } else {
      if (!input.discoveredOn) throw new ClaimRefused('discovery_date_required', {}, 'discoveredOn');
      discovered = Temporal.PlainDate.from(input.discoveredOn);
      if (Temporal.PlainDate.compare(discovered, today) > 0) throw new ClaimRefused('event_in_future', {}, 'discoveredOn');
      endsOn = hiddenDefectClaimEndsOn({ discoveredOn: discovered, soldOn: localDate(Temporal.Instant.fromEpochMilliseconds(order.placed_at.getTime()), shop.timeZone) });
    }
    if (Temporal.PlainDate.compare(today, endsOn) > 0) throw new ClaimRefused('warranty_period_over', { endsOn: endsOn.toString() });
    const row = await trx
      .insertInto('warranty_claims')
      .values({
        shop_id: shop.slug, id: randomUUID(), order_id: order.id, kind: input.kind, opened_on: today.toString(), delivered_on: delivered.toString(),
        discovered_on: discovered?.toString() ?? null, warranty_ends_on: endsOn.toString(), presumption_ends_on: presumptionEndsOn?.toString() ?? null,
        presumption: presumptionEndsOn !== null && Temporal.PlainDate.compare(today, presumptionEndsOn) <= 0, description: input.description,
        lines: JSON.stringify(chosen.map((l) => ({ lineNo: l.line_no, sku: l.sku, name: l.name, quantity: l.quantity }))), remedy: null, decided_on: null,
        decision_note: null, refund_due_on: null, opened_by: actor, opened_at: new Date(now.epochMilliseconds),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (photos.length) await trx.insertInto('warranty_claim_photos').values(photos.map((p, i) => ({ shop_id: shop.slug, claim_id: row.id, photo_no: i + 1, content_type: p.type, bytes: p.data }))).execute();
    const customer = await q.customerOf(trx, shop.slug, order.customer_id);
    const lang = shop.profile.legalLanguageLocked ? shop.language : request.lang;
    const mail = customer?.email ? await enqueueEmail(trx, { shopId: shop.slug, to: customer.email, template: WARRANTY_CLAIM_ACK_TEMPLATE, data: { claimId: row.id, lang }, order: { id: order.id, lang } }, new Date(now.epochMilliseconds)) : null;
    await appendEvent(
      trx,
      {
        shopId: shop.slug, orderId: order.id, type: 'warranty_claim_opened', at: new Date(now.epochMilliseconds), actor,
        data: { claimId: row.id, kind: row.kind, openedOn: row.opened_on, deliveredOn: row.delivered_on, discoveredOn: row.discovered_on, warrantyEndsOn: row.warranty_ends_on, presumption: row.presumption, lines: chosen.map((l) => l.sku), photos: photos.length, ...(mail && { emailOutboxId: mail.id }) },
      },
      new Date(now.epochMilliseconds),
    );
    return claimJson(row, photos.length);
  });
}

/** The day a refund or price reduction decided on `on` is due (warranty-rules.ts: 004 7 days after the finding; FR 14 days). */
export function refundDueOn(shop: Shop, on: Temporal.PlainDate): Temporal.PlainDate | null {
  return warrantyRefundDueOn(on, shop.profile.guarantee?.consumer?.refund?.within.within, shop.legalSystem);
}

/** What the decision paid back, for the customer's e-mail: the credit note and the refund (src/flows/warranty-decision.ts). */
export type DecisionSettled = { amountCents?: number; creditNoteNumber?: string; creditNoteCents?: number; refundCents?: number; refundMethod?: string; creditCents?: number };

/**
 * What another capability does in the decision's transaction (the credit note, the refund); what
 * it returns joins the evidence event, and its `amountCents` (a refund of the lines in full, a
 * reduction given as a percentage) becomes the decision's amount.
 */
export type DecisionHook = (trx: Transaction<DB>, claim: ClaimRow) => Promise<DecisionSettled & Record<string, unknown>>;

/** Staff decide the remedy, or decline with a reason; the decision and its day become an event of the order. */
export async function decideClaim(deps: ClaimDeps, shop: Shop, id: string, input: DecisionInput, actor: string, inTransaction?: DecisionHook): Promise<ClaimJson> {
  if (input.remedy === 'declined' && !input.note) throw new ValidationFailed([{ field: 'note', code: 'required' }]);
  if (input.remedy === 'price_reduction' && input.amountCents === undefined && input.percent === undefined) throw new ValidationFailed([{ field: 'amountCents', code: 'required' }]);
  if (input.amountCents !== undefined && input.remedy !== 'price_reduction' && input.remedy !== 'refund') throw new ValidationFailed([{ field: 'amountCents', code: 'invalid_value' }]);
  if (input.percent !== undefined && (input.remedy !== 'price_reduction' || input.amountCents !== undefined)) throw new ValidationFailed([{ field: 'percent', code: 'invalid_value' }]);
  const found = await findClaimFor(deps.db, shop, id, 'staff');
  const now = deps.clock.now();
  const { instant, on } = factTime(input.at, shop.timeZone);
  if (Temporal.Instant.compare(instant, now) > 0 || Temporal.PlainDate.compare(on, localDate(now, shop.timeZone)) > 0) throw new ClaimRefused('event_in_future', {}, 'at');
  if (Temporal.PlainDate.compare(on, Temporal.PlainDate.from(found.opened_on)) < 0) throw new ClaimRefused('decision_before_claim', {}, 'at');
  return deps.db.transaction().execute(async (trx) => {
    const order = await q.lockOrder(trx, shop.slug, found.order_id);
    const claim = await trx.selectFrom('warranty_claims').selectAll().where('shop_id', '=', shop.slug).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (claim.remedy !== null) throw new ClaimRefused('warranty_claim_already_decided');
    const due = input.remedy === 'refund' || input.remedy === 'price_reduction' ? refundDueOn(shop, on) : null;
    let row = await trx
      .updateTable('warranty_claims')
      .set({ remedy: input.remedy, decided_on: on.toString(), decision_note: input.note ?? null, refund_due_on: due?.toString() ?? null, decision_amount_cents: input.amountCents ?? null })
      .where('shop_id', '=', shop.slug)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const more = inTransaction ? await inTransaction(trx, row) : {};
    if (more.amountCents !== undefined && more.amountCents !== row.decision_amount_cents) {
      row = await trx.updateTable('warranty_claims').set({ decision_amount_cents: more.amountCents }).where('shop_id', '=', shop.slug).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    }
    // The customer is told the decision (and a refusal's reason, or what is paid back) on a durable medium, through the outbox.
    const customer = order ? await q.customerOf(trx, shop.slug, order.customer_id) : undefined;
    const lang = customerLang(shop, customer?.language);
    const mail = customer?.email && order ? await enqueueEmail(trx, { shopId: shop.slug, to: customer.email, ...decisionEmail(shop, lang, order.number, row, more), order: { id: order.id, lang } }, new Date(now.epochMilliseconds)) : null;
    await appendEvent(
      trx,
      {
        shopId: shop.slug, orderId: row.order_id, type: 'warranty_claim_decided', at: new Date(instant.epochMilliseconds), actor,
        data: { claimId: id, remedy: input.remedy, decidedOn: row.decided_on, refundDueOn: row.refund_due_on, ...(row.decision_amount_cents !== null && { amountCents: row.decision_amount_cents }), ...(input.percent !== undefined && { percent: input.percent }), ...(input.note && { note: input.note }), ...more, ...(mail && { emailOutboxId: mail.id, emailTo: customer?.email }) },
      },
      new Date(now.epochMilliseconds),
    );
    return claimJson(row, await photoCount(trx, shop.slug, id));
  });
}

/**
 * The decision e-mail, in the customer's language (customer-language.ts): the remedy and its
 * deadline, the refusal and its reason, or the sum paid back, how, and the credit note that credits it.
 */
function decisionEmail(shop: Shop, lang: Lang, number: string, row: ClaimRow, settled: DecisionSettled): { subject: string; text: string } {
  const decided = claimJson(row, 0).decision;
  const lines = [
    t(lang, 'claim.mail.decided', { date: row.opened_on, number, remedy: t(lang, `claim.remedy.${row.remedy ?? 'repair'}`) }),
    row.remedy === 'declined' && row.decision_note ? t(lang, 'claim.page.reason', { reason: row.decision_note }) : '',
    row.decision_amount_cents !== null ? t(lang, 'claim.page.amount', { amount: money(lang, row.decision_amount_cents) }) : '',
    settled.creditNoteNumber && settled.creditNoteCents !== undefined ? t(lang, 'claim.mail.creditNote', { number: settled.creditNoteNumber, amount: money(lang, settled.creditNoteCents) }) : '',
    settled.refundCents !== undefined ? t(lang, `claim.mail.refund.${settled.refundMethod === 'card' || settled.refundMethod === 'bank_transfer' ? settled.refundMethod : 'outside'}`, { amount: money(lang, settled.refundCents) }) : '',
    decided?.refundDueOn ? t(lang, 'claim.page.refundDue', { date: decided.refundDueOn }) : '',
    decided?.repairDueOn ? t(lang, 'claim.page.repairDue', { date: decided.repairDueOn }) : '',
  ].filter(Boolean);
  return { subject: t(lang, 'claim.mail.decisionSubject', { shop: shop.name, number }), text: [...lines, '', shop.name].join('\n') };
}

async function photoCount(db: Db, shopId: string, claimId: string): Promise<number> {
  const r = await db.selectFrom('warranty_claim_photos').select((eb) => eb.fn.countAll<string>().as('n')).where('shop_id', '=', shopId).where('claim_id', '=', claimId).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** One claim, for the customer whose order it is about or the shop's staff; anyone else: not found. */
export async function findClaimFor(db: Db, shop: Shop, id: string, who: { customerId: string } | 'staff'): Promise<ClaimRow> {
  const row = isUuid(id) ? await db.selectFrom('warranty_claims').selectAll().where('shop_id', '=', shop.slug).where('id', '=', id).executeTakeFirst() : undefined;
  if (!row) throw notFound('warranty claim');
  if (who !== 'staff') {
    const order = await q.findOrder(db, shop.slug, row.order_id);
    if (order?.customer_id !== who.customerId) throw notFound('warranty claim');
  }
  return row;
}

export async function claimJsonOf(db: Db, shop: Shop, row: ClaimRow): Promise<ClaimJson> {
  return claimJson(row, await photoCount(db, shop.slug, row.id));
}

export async function claimsOfOrder(db: Db, shopId: string, orderId: string): Promise<ClaimJson[]> {
  const rows = await db.selectFrom('warranty_claims').selectAll().where('shop_id', '=', shopId).where('order_id', '=', orderId).orderBy('opened_at').execute();
  return Promise.all(rows.map(async (r) => claimJson(r, await photoCount(db, shopId, r.id))));
}

/** Decided claims whose refund or price reduction has a due day (claims.ts `refundDueOn`), for the staff today view. */
export function claimsWithRefundDue(db: Db, shopId: string) {
  return db
    .selectFrom('warranty_claims')
    .innerJoin('orders', (j) => j.onRef('orders.shop_id', '=', 'warranty_claims.shop_id').onRef('orders.id', '=', 'warranty_claims.order_id'))
    .innerJoin('customers', (j) => j.onRef('customers.shop_id', '=', 'orders.shop_id').onRef('customers.id', '=', 'orders.customer_id'))
    .select(['warranty_claims.id', 'warranty_claims.order_id', 'warranty_claims.refund_due_on', 'orders.number', 'orders.status', 'customers.first_name', 'customers.last_name', 'customers.company_name'])
    .where('warranty_claims.shop_id', '=', shopId)
    .where('warranty_claims.refund_due_on', 'is not', null)
    .where('warranty_claims.remedy', 'in', ['refund', 'price_reduction'])
    .execute();
}

export async function claimPhoto(db: Db, shopId: string, claimId: string, no: number): Promise<{ contentType: PhotoType; bytes: Buffer } | null> {
  const r = await db.selectFrom('warranty_claim_photos').select(['content_type', 'bytes']).where('shop_id', '=', shopId).where('claim_id', '=', claimId).where('photo_no', '=', no).executeTakeFirst();
  return r ? { contentType: r.content_type, bytes: Buffer.from(r.bytes) } : null;
}

export type ClaimJson = ReturnType<typeof claimJson>;

/** API.md's claim: what the consumer was told when it was opened, and staff's decision. */
export function claimJson(row: ClaimRow, photos: number) {
  const repairDueOn = row.remedy === 'repair' || row.remedy === 'replacement' ? Temporal.PlainDate.from(row.opened_on).add({ days: REPAIR_DAYS }).toString() : null;
  return {
    id: row.id,
    orderId: row.order_id,
    kind: row.kind,
    openedOn: row.opened_on,
    deliveredOn: row.delivered_on,
    ...(row.discovered_on && { discoveredOn: row.discovered_on }),
    warrantyEndsOn: row.warranty_ends_on,
    presumption: row.presumption,
    ...(row.presumption_ends_on && { presumptionEndsOn: row.presumption_ends_on }),
    description: row.description,
    lines: row.lines as unknown as { lineNo: number; sku: string; name: string; quantity: number }[],
    photos,
    decision: row.remedy
      ? { remedy: row.remedy, decidedOn: row.decided_on, ...(row.decision_amount_cents !== null && { amountCents: row.decision_amount_cents }), ...(row.decision_note && { note: row.decision_note }), ...(row.refund_due_on && { refundDueOn: row.refund_due_on }), ...(repairDueOn && { repairDueOn }) }
      : null,
  };
}
