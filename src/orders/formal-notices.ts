/**
 * Formal notices the seller sends by registered letter (issue 11 §6; 003 art.19 non-payment,
 * art.7.2 goods not collected): staff record the letter with its dates — sent, first presented,
 * received (SPEC C21) — as events of the order's evidence log (`formal_notice_sent`, then
 * `formal_notice_dates` as the post office reports them), and the rules say from which day the
 * seller may terminate or dispose of the goods. The breach is cured by a payment (non-payment) or
 * a collection (non-collection) recorded after the letter was sent. The termination itself is
 * src/flows/formal-notice.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import type { Clock } from '../kernel/clock.ts';
import { DomainError } from '../kernel/errors.ts';
import { text } from '../kernel/validation.ts';
import type { StoredEvent } from '../legal/evidence/chain.ts';
import { appendEvent, orderEvents } from '../legal/evidence/service.ts';
import type { Shop } from '../shops/service.ts';
import { checkLetterDates, FORMAL_NOTICE_KINDS, type FormalNoticeKind, type LetterDates, type NoticeStart, noticeState, noticeTerms } from './formal-notice-rules.ts';
import { DayInput, lockOwnOrder } from './late-delivery.ts';

export const FormalNoticeInput = z.strictObject({
  kind: z.enum(FORMAL_NOTICE_KINDS),
  sentOn: DayInput,
  presentedOn: DayInput.optional(),
  receivedOn: DayInput.optional(),
  trackingNumber: text().trim().min(1).max(40).optional(),
  /** Non-payment: the sum claimed, in cents (shown in the letter). */
  amountCents: z.number().int().positive().max(99_999_999_999).optional(),
  note: text().trim().max(2000).optional(),
});
export type FormalNoticeInput = z.infer<typeof FormalNoticeInput>;

export const FormalNoticeDatesInput = z.strictObject({ noticeId: z.uuid(), presentedOn: DayInput.optional(), receivedOn: DayInput.optional() });
export const FormalNoticeTerminationInput = z.strictObject({ noticeId: z.uuid(), note: text().trim().max(2000).optional() });

export type FormalNotice = {
  id: string;
  kind: FormalNoticeKind;
  sentOn: string;
  presentedOn: string | null;
  receivedOn: string | null;
  trackingNumber: string | null;
  amountCents: number | null;
  /** The terms' clause and period (003: art.19, 15 days; art.7.2, 8 days). */
  clause: string;
  days: number;
  /** The letter's date the period counts from, and whether the deposit is kept. */
  from: NoticeStart;
  depositKept: boolean;
  periodEndsOn: string | null;
  effectiveFrom: string | null;
  cured: boolean;
  sentAt: string;
};

const d = (s: string | null | undefined) => (s ? Temporal.PlainDate.from(s) : null);
export const letterOf = (n: Pick<FormalNotice, 'sentOn' | 'presentedOn' | 'receivedOn'>): LetterDates => ({ sentOn: Temporal.PlainDate.from(n.sentOn), presentedOn: d(n.presentedOn), receivedOn: d(n.receivedOn) });

/** The order's notices, from its events, with what the terms make of them. */
export function noticesOf(shop: Shop, events: readonly Pick<StoredEvent, 'type' | 'at' | 'data'>[]): FormalNotice[] {
  const notices: FormalNotice[] = [];
  for (const e of events) {
    const data = e.data as Record<string, unknown>;
    if (e.type === 'formal_notice_sent') {
      const kind = data.kind as FormalNoticeKind;
      const terms = noticeTerms(shop.profile, kind);
      if (!terms) continue;
      notices.push({ id: String(data.noticeId), kind, sentOn: String(data.sentOn), presentedOn: (data.presentedOn as string) ?? null, receivedOn: (data.receivedOn as string) ?? null, trackingNumber: (data.trackingNumber as string) ?? null, amountCents: (data.amountCents as number) ?? null, clause: terms.clause, days: terms.days, from: terms.from, depositKept: terms.depositKept, periodEndsOn: null, effectiveFrom: null, cured: false, sentAt: e.at });
    } else if (e.type === 'formal_notice_dates') {
      const n = notices.find((x) => x.id === data.noticeId);
      if (n) Object.assign(n, { ...(data.presentedOn ? { presentedOn: data.presentedOn } : {}), ...(data.receivedOn ? { receivedOn: data.receivedOn } : {}) });
    } else {
      // A payment cures a non-payment, a collection a non-collection, once the letter has gone.
      for (const n of notices) {
        if (n.kind === 'non_payment' && e.type === 'payment_received') n.cured = true;
        if (n.kind === 'non_collection' && (e.type === 'picked_up' || e.type === 'delivered')) n.cured = true;
      }
    }
  }
  for (const n of notices) {
    const terms = noticeTerms(shop.profile, n.kind);
    if (terms) Object.assign(n, noticeState(terms, letterOf(n)));
  }
  return notices;
}

export async function formalNoticesOfOrder(db: Kysely<DB> | Transaction<DB>, shop: Shop, orderId: string): Promise<FormalNotice[]> {
  return noticesOf(shop, await orderEvents(db, shop.slug, orderId));
}

type Deps = { db: Kysely<DB>; clock: Clock };
const todayOf = (deps: Deps, shop: Shop) => localDate(deps.clock.now(), shop.timeZone);

/** Staff record a registered letter of formal notice sent to the customer. */
export async function recordFormalNotice(deps: Deps, shop: Shop, orderId: string, input: FormalNoticeInput, actor: string): Promise<FormalNotice> {
  const letter = { sentOn: Temporal.PlainDate.from(input.sentOn), presentedOn: d(input.presentedOn), receivedOn: d(input.receivedOn) };
  const now = new Date(deps.clock.now().epochMilliseconds);
  const noticeId = randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    // Another shop's order is "not found" before anything is said of the terms or the dates.
    const order = await lockOwnOrder(trx, shop.slug, orderId, null);
    if (!noticeTerms(shop.profile, input.kind)) throw new DomainError('formal_notice_not_in_terms', 'refused', {}, 'kind');
    checkLetterDates(letter, todayOf(deps, shop));
    if (['cancelled', 'refused', 'completed'].includes(order.status)) throw new DomainError('order_not_open_for_late_delivery', 'refused', { status: order.status });
    const sentAt = new Date(letter.sentOn.toZonedDateTime(shop.timeZone).epochMilliseconds);
    await appendEvent(trx, { shopId: shop.slug, orderId: order.id, type: 'formal_notice_sent', at: sentAt < order.placed_at ? order.placed_at : sentAt, actor, data: { noticeId, kind: input.kind, sentOn: input.sentOn, presentedOn: input.presentedOn ?? null, receivedOn: input.receivedOn ?? null, trackingNumber: input.trackingNumber ?? null, amountCents: input.amountCents ?? null, ...(input.note && { note: input.note }) } }, now);
  });
  const found = (await formalNoticesOfOrder(deps.db, shop, orderId)).find((n) => n.id === noticeId);
  if (!found) throw new Error('formal notice not recorded');
  return found;
}

/** Staff add the dates the post office reports: first presented, received. */
export async function recordFormalNoticeDates(deps: Deps, shop: Shop, orderId: string, input: z.infer<typeof FormalNoticeDatesInput>, actor: string): Promise<FormalNotice> {
  const now = new Date(deps.clock.now().epochMilliseconds);
  await deps.db.transaction().execute(async (trx) => {
    const order = await lockOwnOrder(trx, shop.slug, orderId, null);
    const notice = (await formalNoticesOfOrder(trx, shop, order.id)).find((n) => n.id === input.noticeId);
    if (!notice) throw new DomainError('not_found', 'not_found', { what: 'formal_notice' });
    const letter = { ...letterOf(notice), ...(input.presentedOn && { presentedOn: Temporal.PlainDate.from(input.presentedOn) }), ...(input.receivedOn && { receivedOn: Temporal.PlainDate.from(input.receivedOn) }) };
    checkLetterDates(letter, todayOf(deps, shop));
    await appendEvent(trx, { shopId: shop.slug, orderId: order.id, type: 'formal_notice_dates', at: now, actor, data: { noticeId: notice.id, presentedOn: input.presentedOn ?? null, receivedOn: input.receivedOn ?? null } }, now);
  });
  const found = (await formalNoticesOfOrder(deps.db, shop, orderId)).find((n) => n.id === input.noticeId);
  if (!found) throw new Error('formal notice lost');
  return found;
}
