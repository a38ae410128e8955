/**
 * Complaints, reserves, invoice disputes and goodwill return requests, and the registered letters
 * that carry them (issue 10 §5–§6; API.md-style routes `POST …/orders/{id}/complaints`,
 * `POST …/complaints/{id}/letters`, `GET …/complaints/{id}`). The order's customer files one
 * today; staff record one received by letter with the day it was made. Each is judged against
 * the window of the shop's terms (complaint-rules.ts), kept with it, and never lost: a late one
 * is recorded as late (barred or not per the law), only a goodwill return the terms do not allow
 * is refused. Consumers are told the shop's mediator and the year they have to go to it (L612-2).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { ComplaintsTable, DB, RegisteredLettersTable } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import type { Clock } from '../kernel/clock.ts';
import { DomainError, notFound, ValidationFailed } from '../kernel/errors.ts';
import { isUuid } from '../kernel/ids.ts';
import { text } from '../kernel/validation.ts';
import { parseDuration } from '../shops/profile/duration.ts';
import { jurisdictionOf, type Shop } from '../shops/service.ts';
import {
  COMPLAINT_KINDS,
  type ComplaintKind,
  type ComplaintWindow,
  type Counting,
  type CustomerKind,
  goodwillCredit,
  type GoodwillRefusal,
  goodwillReturn,
  invoiceDisputeWindow,
  isBarred,
  isOnTime,
  mediationEndsOn,
  nonConsumerConformityWindow,
  type Opening,
  type ReservesTerms,
  reserveWindow,
  type Term,
} from './complaint-rules.ts';
import { appendEvent } from '../legal/evidence/service.ts';
import { findOrder, lockOrder, type OrderFacts, possessionInstants } from './queries.ts';

export type ComplaintRow = Selectable<ComplaintsTable>;
export type LetterRow = Selectable<RegisteredLettersTable>;
type Db = Kysely<DB> | Transaction<DB>;
export type ComplaintDeps = { db: Kysely<DB>; clock: Clock };

// ---------------------------------------------------------------- inputs

const PlainDate = text().regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date').refine((s) => Temporal.PlainDate.from(s, { overflow: 'reject' }) && true, 'invalid_date');
const Cents = z.number().int().min(0).max(99_999_999_999);

/** What the order's customer files now (the day it is made is today). */
export const CustomerComplaintInput = z.strictObject({
  kind: z.enum(COMPLAINT_KINDS),
  note: text().trim().min(1).max(2000).optional(),
  /** non_consumer_conformity: the day the defect was found, if after delivery (001 CG §5.3). */
  discoveredOn: PlainDate.optional(),
  /** goodwill_return_request: the value returned and the compensating order's amount (003 art.11). */
  returnedCents: Cents.optional(),
  compensatingOrderCents: Cents.optional(),
});
export type CustomerComplaintInput = z.infer<typeof CustomerComplaintInput>;

/** Staff record a complaint received in writing: the day it was made (sent) and received. */
export const StaffComplaintInput = CustomerComplaintInput.extend({
  madeOn: PlainDate,
  receivedOn: PlainDate.optional(),
  /** invoice_dispute: the day the invoice reached the customer, when not its issue day. */
  invoiceReceivedOn: PlainDate.optional(),
});
export type StaffComplaintInput = z.infer<typeof StaffComplaintInput>;

export const LetterInput = z.strictObject({
  direction: z.enum(['in', 'out']),
  sentOn: PlainDate,
  presentedOn: PlainDate.optional(),
  receivedOn: PlainDate.optional(),
  trackingNumber: text().trim().min(1).max(64).optional(),
});
export type LetterInput = z.infer<typeof LetterInput>;

// ---------------------------------------------------------------- refusals

export type ComplaintErrorCode = 'complaint_not_open' | 'goodwill_not_offered' | 'goodwill_not_for_consumers' | 'goodwill_period_over' | 'compensating_order_required' | 'not_delivered' | 'no_invoice' | 'complaint_date_in_future' | 'complaint_date_before_order' | 'letter_dates_out_of_order';

export class ComplaintRefused extends DomainError {
  constructor(code: ComplaintErrorCode, params: Record<string, string | number> = {}, field?: string) {
    super(code, 'refused', params, field);
    this.name = 'ComplaintRefused';
  }
}

// ---------------------------------------------------------------- profile → rules

const jurisdictions = (shop: Shop) => [jurisdictionOf(shop)];

/** A profile period (`within` + `counting`) as the rules count it. */
export function termOf(p: { within: string; counting?: string }): Term {
  const d = parseDuration(p.within);
  return { days: d.days + 7 * d.weeks, months: d.months + 12 * d.years, hours: d.hours, counting: (p.counting ?? 'calendar_days') as Counting };
}

function reservesTerms(shop: Shop): ReservesTerms {
  const delivery = shop.profile.delivery;
  if (delivery?.reserves) return { kind: 'registered_letter', customerKinds: delivery.reserves.customerKinds as CustomerKind[], confirmWithin: delivery.reserves.confirmWithin.map(termOf) };
  if (delivery?.transportDamageReport === 'at_delivery') return { kind: 'at_delivery' };
  return { kind: 'none' };
}

/** The shop's consumer mediator and the months a consumer has after the written complaint. */
export function mediatorOf(shop: Shop): { name: string; address: string | null; url: string | null; months: number } | null {
  const m = shop.profile.identity.mediator;
  const months = m?.complaintWithin ? termOf({ within: m.complaintWithin }).months || 12 : 12;
  if (m) {
    const a = m.address;
    return { name: m.name, address: a ? [a.line1, [a.postalCode, a.city].filter(Boolean).join(' ')].join(', ') : null, url: m.url ?? null, months };
  }
  const reference = shop.profile.disputes?.mediationReference;
  return reference ? { name: reference, address: null, url: null, months } : null;
}

type Facts = { order: OrderFacts; deliveredAt: Temporal.Instant | null; invoiceOn: Temporal.PlainDate | null };

async function factsOf(db: Db, shop: Shop, order: OrderFacts): Promise<Facts> {
  const [possessions, invoice] = await Promise.all([
    possessionInstants(db, shop.slug, order.id),
    db.selectFrom('invoices').select('issued_on').where('shop_id', '=', shop.slug).where('order_id', '=', order.id).where('kind', '=', 'invoice').executeTakeFirst(),
  ]);
  const last = possessions.at(-1);
  return { order, deliveredAt: last ? Temporal.Instant.fromEpochMilliseconds(last.getTime()) : null, invoiceOn: invoice ? Temporal.PlainDate.from(String(invoice.issued_on).slice(0, 10)) : null };
}

/** The window a complaint of `kind` on this order runs in, or why it is not open. */
export function windowFor(shop: Shop, facts: Facts, kind: ComplaintKind, extra: { discoveredOn?: string; invoiceReceivedOn?: string } = {}): Opening {
  const customer = facts.order.customer_kind as CustomerKind;
  const js = jurisdictions(shop);
  const delivered = facts.deliveredAt;
  switch (kind) {
    case 'transport_reserve':
      if (!delivered) throw new ComplaintRefused('not_delivered');
      return reserveWindow(reservesTerms(shop), customer, delivered, shop.timeZone, js);
    case 'non_consumer_conformity': {
      const nc = shop.profile.guarantee?.nonConsumer;
      const from = extra.discoveredOn ? Temporal.PlainDate.from(extra.discoveredOn) : delivered ? localDate(delivered, shop.timeZone) : null;
      if (!from) throw new ComplaintRefused('not_delivered');
      return nonConsumerConformityWindow(nc ? { customerKinds: nc.customerKinds as CustomerKind[], notifyWithin: nc.notifyWithin ? termOf(nc.notifyWithin) : null } : null, customer, from, js);
    }
    case 'invoice_dispute': {
      const dw = shop.profile.receivables?.disputeWindow;
      const from = extra.invoiceReceivedOn ? Temporal.PlainDate.from(extra.invoiceReceivedOn) : facts.invoiceOn;
      if (!dw) return { open: false, reason: 'not_in_terms' };
      if (!from) throw new ComplaintRefused('no_invoice');
      return invoiceDisputeWindow({ customerKinds: dw.customerKinds as CustomerKind[], within: termOf(dw) }, customer, from, js);
    }
    case 'goodwill_return_request': {
      const deliveredOn = delivered ? localDate(delivered, shop.timeZone) : null;
      const g = shop.profile.goodwillReturns;
      if (!g) return { open: false, reason: 'not_in_terms' };
      if (!deliveredOn) throw new ComplaintRefused('not_delivered');
      const days = termOf({ within: g.requestWithin }).days;
      return { open: true, window: { startsOn: deliveredOn, endsOn: deliveredOn.add({ days }), contractualEndsAt: null, binding: true, counting: 'calendar_days' } };
    }
  }
}

// ---------------------------------------------------------------- JSON

export type ComplaintJson = {
  id: string;
  orderId: string;
  kind: ComplaintKind;
  madeOn: string;
  receivedOn: string;
  windowStartsOn: string | null;
  windowEndsOn: string | null;
  contractualEndsAt: string | null;
  onTime: boolean;
  barred: boolean;
  status: ComplaintRow['status'];
  note: string | null;
  goodwill?: { returnedCents: number; compensatingOrderCents: number; abatementCents: number; creditCents: number };
  mediation?: { mediator: string; address: string | null; url: string | null; endsOn: string };
  letters: { id: string; direction: 'in' | 'out'; sentOn: string; presentedOn: string | null; receivedOn: string | null; trackingNumber: string | null }[];
};

const day = (v: string | Date | null) => (v === null ? null : typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10));

export function letterJson(l: LetterRow): ComplaintJson['letters'][number] {
  return { id: l.id, direction: l.direction, sentOn: day(l.sent_on) as string, presentedOn: day(l.presented_on), receivedOn: day(l.received_on), trackingNumber: l.tracking_number };
}

export function complaintJson(shop: Shop, c: ComplaintRow, letters: LetterRow[]): ComplaintJson {
  const mediator = mediatorOf(shop);
  const madeOn = day(c.made_on) as string;
  return {
    id: c.id, orderId: c.order_id, kind: c.kind, madeOn, receivedOn: day(c.received_on) as string, windowStartsOn: day(c.window_starts_on), windowEndsOn: day(c.window_ends_on),
    contractualEndsAt: c.contractual_ends_at ? Temporal.Instant.fromEpochMilliseconds(new Date(c.contractual_ends_at).getTime()).toZonedDateTimeISO(shop.timeZone).toString({ timeZoneName: 'never' }) : null,
    onTime: c.on_time, barred: c.binding && !c.on_time, status: c.status, note: c.note,
    ...(c.kind === 'goodwill_return_request' && c.credit_cents !== null && { goodwill: { returnedCents: Number(c.returned_cents), compensatingOrderCents: Number(c.compensating_order_cents), abatementCents: Number(c.abatement_cents), creditCents: Number(c.credit_cents) } }),
    // A consumer's written complaint opens the year within which the mediator can be seized (L612-2 3°).
    ...(c.customer_kind === 'consumer' && mediator && { mediation: { mediator: mediator.name, address: mediator.address, url: mediator.url, endsOn: mediationEndsOn(Temporal.PlainDate.from(madeOn), mediator.months).toString() } }),
    letters: letters.map(letterJson),
  };
}

// ---------------------------------------------------------------- queries

export function complaintsOfOrder(db: Db, shopId: string, orderId: string) {
  return db.selectFrom('complaints').selectAll().where('shop_id', '=', shopId).where('order_id', '=', orderId).orderBy('recorded_at').execute();
}
export function lettersOfOrder(db: Db, shopId: string, orderId: string) {
  return db.selectFrom('registered_letters').selectAll().where('shop_id', '=', shopId).where('order_id', '=', orderId).orderBy('recorded_at').execute();
}
function lettersOf(db: Db, shopId: string, complaintId: string) {
  return db.selectFrom('registered_letters').selectAll().where('shop_id', '=', shopId).where('complaint_id', '=', complaintId).orderBy('recorded_at').execute();
}
function findComplaint(db: Db, shopId: string, id: string) {
  return db.selectFrom('complaints').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
}

// ---------------------------------------------------------------- use cases

export type Filer = { by: 'customer'; customerId: string; input: CustomerComplaintInput } | { by: 'staff'; input: StaffComplaintInput };

/** The order a complaint is about, if the filer may see it (another's order is "not found"). */
export async function orderFor(db: Db, shop: Shop, orderId: string, who: { customerId: string } | 'staff'): Promise<OrderFacts> {
  const order = isUuid(orderId) ? await findOrder(db, shop.slug, orderId) : undefined;
  if (!order || (who !== 'staff' && order.customer_id !== who.customerId)) throw notFound('order');
  return order;
}

/** Every kind of complaint and its window on this order, for the customer's form. */
export async function windowsOfOrder(db: Db, shop: Shop, order: OrderFacts): Promise<{ kind: ComplaintKind; opening: Opening | { open: false; reason: 'not_delivered' | 'no_invoice' } }[]> {
  const facts = await factsOf(db, shop, order);
  return COMPLAINT_KINDS.map((kind) => {
    try {
      return { kind, opening: windowFor(shop, facts, kind) };
    } catch (e) {
      if (e instanceof ComplaintRefused && (e.code === 'not_delivered' || e.code === 'no_invoice')) return { kind, opening: { open: false as const, reason: e.code } };
      throw e;
    }
  });
}

function datesOf(filer: Filer, today: Temporal.PlainDate, placedOn: Temporal.PlainDate) {
  if (filer.by === 'customer') return { madeOn: today, receivedOn: today };
  const madeOn = Temporal.PlainDate.from(filer.input.madeOn);
  const receivedOn = filer.input.receivedOn ? Temporal.PlainDate.from(filer.input.receivedOn) : today;
  if (Temporal.PlainDate.compare(madeOn, today) > 0) throw new ComplaintRefused('complaint_date_in_future', {}, 'madeOn');
  if (Temporal.PlainDate.compare(receivedOn, today) > 0) throw new ComplaintRefused('complaint_date_in_future', {}, 'receivedOn');
  if (Temporal.PlainDate.compare(madeOn, placedOn) < 0) throw new ComplaintRefused('complaint_date_before_order', {}, 'madeOn');
  if (Temporal.PlainDate.compare(receivedOn, madeOn) < 0) throw new ComplaintRefused('letter_dates_out_of_order', {}, 'receivedOn');
  return { madeOn, receivedOn };
}

export async function fileComplaint(deps: ComplaintDeps, shop: Shop, orderId: string, filer: Filer, actor: string): Promise<ComplaintJson> {
  const now = deps.clock.now();
  const today = localDate(now, shop.timeZone);
  const order = await orderFor(deps.db, shop, orderId, filer.by === 'customer' ? { customerId: filer.customerId } : 'staff');
  const facts = await factsOf(deps.db, shop, order);
  const input = filer.input;
  const dates = datesOf(filer, today, localDate(Temporal.Instant.fromEpochMilliseconds(order.placed_at.getTime()), shop.timeZone));
  const opening = windowFor(shop, facts, input.kind, { discoveredOn: input.discoveredOn, invoiceReceivedOn: filer.by === 'staff' ? filer.input.invoiceReceivedOn : undefined });
  if (!opening.open) throw new ComplaintRefused(input.kind === 'goodwill_return_request' ? 'goodwill_not_offered' : 'complaint_not_open', { reason: opening.reason }, 'kind');
  const window: ComplaintWindow = opening.window;
  const goodwill = input.kind === 'goodwill_return_request' ? judgeGoodwill(shop, order, window, dates.madeOn, input) : null;
  // The order is locked: its evidence chain grows one event at a time.
  const row = await deps.db.transaction().execute(async (trx) => {
    if (!(await lockOrder(trx, shop.slug, order.id))) throw notFound('order');
    const inserted = await trx
      .insertInto('complaints')
      .values({
        shop_id: shop.slug, id: randomUUID(), order_id: order.id, kind: input.kind, customer_kind: order.customer_kind, made_on: dates.madeOn.toString(), received_on: dates.receivedOn.toString(),
        window_starts_on: window.startsOn.toString(), window_ends_on: window.endsOn?.toString() ?? null, contractual_ends_at: window.contractualEndsAt ? new Date(window.contractualEndsAt.epochMilliseconds) : null,
        on_time: isOnTime(window, dates.madeOn), binding: window.binding, status: isBarred(window, dates.madeOn) ? 'refused' : 'open', note: input.note ?? null,
        returned_cents: goodwill?.returnedCents ?? null, compensating_order_cents: goodwill?.compensatingOrderCents ?? null, abatement_cents: goodwill?.abatementCents ?? null, credit_cents: goodwill?.creditCents ?? null,
        recorded_by: actor, recorded_at: new Date(now.epochMilliseconds),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // Filed online: now; received by letter: the start of the day it was made, in the shop's zone.
    const at = filer.by === 'customer' ? new Date(now.epochMilliseconds) : new Date(dates.madeOn.toZonedDateTime(shop.timeZone).epochMilliseconds);
    await appendEvent(trx, {
      shopId: shop.slug, orderId: order.id, type: 'complaint_received', at, actor,
      data: { complaintId: inserted.id, kind: inserted.kind, madeOn: inserted.made_on, receivedOn: inserted.received_on, windowEndsOn: inserted.window_ends_on, onTime: inserted.on_time, binding: inserted.binding, ...(goodwill && { creditCents: goodwill.creditCents }) },
    }, new Date(now.epochMilliseconds));
    return inserted;
  });
  return complaintJson(shop, row, []);
}

const GOODWILL_CODE: Record<GoodwillRefusal, ComplaintErrorCode> = {
  not_in_terms: 'goodwill_not_offered',
  not_for_this_customer: 'goodwill_not_offered',
  not_for_consumers: 'goodwill_not_for_consumers',
  not_delivered: 'not_delivered',
  goodwill_period_over: 'goodwill_period_over',
  compensating_order_required: 'compensating_order_required',
};

/** 003 art.11: refused outright when the terms do not allow it; else the credit it would give. */
function judgeGoodwill(shop: Shop, order: OrderFacts, window: ComplaintWindow, madeOn: Temporal.PlainDate, input: CustomerComplaintInput) {
  const g = shop.profile.goodwillReturns;
  if (!g) throw new ComplaintRefused('goodwill_not_offered', {}, 'kind');
  const returnedCents = input.returnedCents ?? order.gross_cents;
  const compensatingOrderCents = input.compensatingOrderCents ?? 0;
  const decision = goodwillReturn(
    { customerKinds: g.customerKinds as CustomerKind[], requestWithinDays: termOf({ within: g.requestWithin }).days, minAbatementBp: g.minAbatementBp },
    // Every order of the platform is a distance sale.
    { customer: order.customer_kind as CustomerKind, distanceSale: true, deliveredOn: window.startsOn, requestOn: madeOn, compensatingOrderCents, returnedCents },
  );
  if (!decision.allowed) throw new ComplaintRefused(GOODWILL_CODE[decision.reason], { lastRequestOn: decision.lastRequestOn?.toString() ?? '' }, decision.reason === 'compensating_order_required' ? 'compensatingOrderCents' : 'kind');
  return { returnedCents, compensatingOrderCents, ...goodwillCredit(returnedCents, g.minAbatementBp) };
}

export const GoodwillDecisionInput = z.strictObject({ decision: z.enum(['accepted', 'refused']), note: text().trim().max(2000).optional() });
export type GoodwillDecisionInput = z.infer<typeof GoodwillDecisionInput>;
/** What another capability does in the approval's transaction (the credit note); what it returns joins the evidence event. */
export type GoodwillDecisionHook = (trx: Transaction<DB>, complaint: ComplaintRow) => Promise<Record<string, unknown>>;

/**
 * 003 art.11 "prior written approval": staff accept or refuse an open goodwill return request (a
 * refusal says why). An acceptance gives the credit computed when it was filed (the price less
 * the abatement), as a credit note numbered by invoicing (src/flows/goodwill-return.ts, the hook).
 */
export async function decideGoodwillReturn(deps: ComplaintDeps, shop: Shop, id: string, input: GoodwillDecisionInput, actor: string, inTransaction?: GoodwillDecisionHook): Promise<ComplaintJson> {
  if (input.decision === 'refused' && !input.note) throw new ValidationFailed([{ field: 'note', code: 'required' }]);
  const found = isUuid(id) ? await findComplaint(deps.db, shop.slug, id) : undefined;
  if (!found) throw notFound('complaint');
  if (found.kind !== 'goodwill_return_request') throw new ComplaintRefused('goodwill_not_offered', {}, 'decision');
  const now = deps.clock.now();
  const at = new Date(now.epochMilliseconds);
  const row = await deps.db.transaction().execute(async (trx) => {
    if (!(await lockOrder(trx, shop.slug, found.order_id))) throw notFound('complaint');
    const current = await trx.selectFrom('complaints').selectAll().where('shop_id', '=', shop.slug).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (current.status !== 'open') throw new ComplaintRefused('complaint_not_open', { reason: current.status }, 'decision');
    const updated = await trx.updateTable('complaints').set({ status: input.decision, ...(input.note && { note: input.note }) }).where('shop_id', '=', shop.slug).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    const more = input.decision === 'accepted' && inTransaction ? await inTransaction(trx, updated) : {};
    await appendEvent(trx, { shopId: shop.slug, orderId: updated.order_id, type: 'goodwill_return_decided', at, actor, data: { complaintId: id, decision: input.decision, ...(input.decision === 'accepted' && { creditCents: Number(updated.credit_cents ?? 0) }), ...(input.note && { note: input.note }), ...more } }, at);
    return updated;
  });
  return complaintJson(shop, row, await lettersOf(deps.db, shop.slug, row.id));
}

/** One complaint with its letters, for its customer or the shop's staff. */
export async function complaintFor(db: Kysely<DB>, shop: Shop, id: string, who: { customerId: string } | 'staff'): Promise<ComplaintJson> {
  const row = isUuid(id) ? await findComplaint(db, shop.slug, id) : undefined;
  if (!row) throw notFound('complaint');
  if (who !== 'staff') {
    const order = await findOrder(db, shop.slug, row.order_id);
    if (order?.customer_id !== who.customerId) throw notFound('complaint');
  }
  return complaintJson(shop, row, await lettersOf(db, shop.slug, row.id));
}

/** Staff record a registered letter sent or received about a complaint, with its three dates. */
export async function recordLetter(deps: ComplaintDeps, shop: Shop, complaintId: string, input: LetterInput, actor: string): Promise<ComplaintJson> {
  const now = deps.clock.now();
  const today = localDate(now, shop.timeZone);
  const complaint = isUuid(complaintId) ? await findComplaint(deps.db, shop.slug, complaintId) : undefined;
  if (!complaint) throw notFound('complaint');
  const sent = Temporal.PlainDate.from(input.sentOn);
  for (const field of ['sentOn', 'presentedOn', 'receivedOn'] as const) {
    const v = input[field];
    if (v && Temporal.PlainDate.compare(Temporal.PlainDate.from(v), today) > 0) throw new ComplaintRefused('complaint_date_in_future', {}, field);
    if (v && field !== 'sentOn' && Temporal.PlainDate.compare(Temporal.PlainDate.from(v), sent) < 0) throw new ComplaintRefused('letter_dates_out_of_order', {}, field);
  }
  await deps.db.transaction().execute(async (trx) => {
    if (!(await lockOrder(trx, shop.slug, complaint.order_id))) throw notFound('complaint');
    const letter = await trx
      .insertInto('registered_letters')
      .values({
        shop_id: shop.slug, id: randomUUID(), direction: input.direction, complaint_id: complaint.id, order_id: complaint.order_id, sent_on: input.sentOn, presented_on: input.presentedOn ?? null,
        received_on: input.receivedOn ?? null, tracking_number: input.trackingNumber ?? null, recorded_by: actor, recorded_at: new Date(now.epochMilliseconds),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendEvent(trx, {
      shopId: shop.slug, orderId: complaint.order_id, type: 'registered_letter_recorded', at: new Date(sent.toZonedDateTime(shop.timeZone).epochMilliseconds), actor,
      data: { letterId: letter.id, complaintId: complaint.id, direction: input.direction, sentOn: input.sentOn, presentedOn: input.presentedOn ?? null, receivedOn: input.receivedOn ?? null, trackingNumber: input.trackingNumber ?? null },
    }, new Date(now.epochMilliseconds));
  });
  return complaintJson(shop, complaint, await lettersOf(deps.db, shop.slug, complaint.id));
}
