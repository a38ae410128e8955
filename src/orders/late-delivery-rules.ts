/**
 * Late delivery and force majeure as pure rules (issue 11 §4–§5; SPEC C12, C24, AS-31, AS-59,
 * AS-61; LEGAL.md §A3). Dates are local calendar dates in the shop's zone; "today" is always a
 * parameter; amounts are integer cents.
 *
 * - The promise: the date agreed for the order (a campaign's "delivered at the latest on"), else
 *   30 days after conclusion (L216-1, CDE/Directive art. 18). Days of force majeure declared on
 *   the shop or the order are added to it (the seller's obligation is suspended, C. civ. 1218).
 * - Once the day after it has come and nothing is delivered, the consumer may send a formal
 *   notice setting an additional reasonable period, and terminate once it passes (L216-6 I 2°);
 *   at once if the date was essential or the seller refuses to deliver (L216-6 II).
 * - Where the terms give more, they apply: 004 art.5 lets the client terminate by written request
 *   once 72 h after the indicative delivery date have passed; 001 online §3.2 lets the consumer
 *   cancel an order not shipped within the lead time, with no effect once shipped.
 * - 003 art.7.2: a professional gets no cancellation and no compensation for delay.
 * - The refund is due 14 days after the termination (L216-7; the seeds' 30 days of 001 give
 *   way: A-11) and a late one carries L241-4's surcharge (src/kernel/late-refund.ts), or, in
 *   Belgium, legal interest.
 * - Force majeure lasting more than the terms' limit (001: 30 days, 003: 60, 004: 30) lets
 *   either party terminate from the next day (A-74; AS-59: from 2026-01-10, 03-11 refused, 03-12 allowed).
 */
import { Temporal } from 'temporal-polyfill';
import { DomainError } from '../kernel/errors.ts';
import { daysLateOf, L241_4_BRACKETS, lateDeliveryRefundDueOn, lateDeliveryRefundSurcharge, legalInterestCents, type SurchargeBracket } from '../kernel/late-refund.ts';
import type { Profile } from '../shops/profile/schema.ts';
import { parseDuration } from '../shops/profile/duration.ts';

type Day = Temporal.PlainDate;
const cmp = Temporal.PlainDate.compare;

/** What the terms and the law give a customer of this shop when delivery is late. */
export type LateDeliveryPolicy = {
  legalSystem: 'FR' | 'BE';
  /** 003 art.7.2: a professional has no remedy for delay. */
  noRemedy: boolean;
  /** With no date agreed: delivery at the latest this many days after conclusion (L216-1: 30). */
  defaultDays: number;
  /** 004 art.5: terminate by written request `graceDays` after the indicative date (`leadDays` after shipment). */
  grace: { graceDays: number; leadDays: number | null } | null;
  /** 001 online §3.2: the consumer may cancel an order not shipped in time… */
  cancelIfNotShipped: boolean;
  /** …with no effect once it has been shipped. */
  ineffectiveIfShipped: boolean;
  /** L216-7: 14 days (a longer period in the terms gives way). */
  refundWithinDays: number;
  /** The shop's own schedule (004 art.5, pre-2022 brackets): applied only where it gives more than L241-4. */
  shopBrackets: readonly SurchargeBracket[] | null;
  /** Force majeure: either party may terminate once it lasts more than this many days. */
  forceMajeureTerminateAfterDays: number | null;
};

/** An additional period the notice sets when the customer names none: a week (reasonable for goods in stock). */
export const DEFAULT_NOTICE_DAYS = 7;
/** Statuses whose goods are still to be delivered under a formed contract (state-machine.ts: a late-delivery cancellation ends these). */
export const OPEN_FOR_LATE_DELIVERY: readonly string[] = ['accepted', 'preparing', 'shipped'];

const daysOf = (iso: string | undefined): number | null => {
  if (!iso) return null;
  const p = parseDuration(iso);
  return p.years * 365 + p.months * 30 + p.weeks * 7 + p.days + Math.ceil((p.hours + p.minutes / 60) / 24);
};

/** The policy of a shop's profile for a customer of this kind. */
export function policyOf(profile: Profile, customerKind: string): LateDeliveryPolicy {
  const late = profile.lateDelivery;
  const consumer = late?.consumer;
  const carrier = profile.delivery?.modes.find((m) => m.leadTime?.from === 'shipment' && m.leadTime.max);
  const refundDays = daysOf(consumer?.refund.within) ?? 14;
  return {
    legalSystem: profile.legalSystem,
    noRemedy: customerKind === 'professional' && late?.professionalNoRemedy === true,
    // Terms may promise sooner than L216-1's 30 days, never later.
    defaultDays: Math.min(daysOf(profile.delivery?.consumerMaxDelay) ?? 30, 30),
    grace: consumer?.trigger === 'indicative_date_plus_grace' ? { graceDays: daysOf(consumer.grace) ?? 3, leadDays: daysOf(carrier?.leadTime?.max) } : null,
    cancelIfNotShipped: consumer?.trigger === 'displayed_lead_time',
    ineffectiveIfShipped: consumer?.ineffectiveIfShipped === true,
    refundWithinDays: Math.min(refundDays, 14),
    shopBrackets: consumer?.lateRefundSurcharges?.map((b) => ({ upToDays: daysOf(b.lateUpTo), bp: b.bp })) ?? null,
    forceMajeureTerminateAfterDays: daysOf(profile.forceMajeure?.terminateAfter),
  };
}

export type ForceMajeurePeriod = { startsOn: Day; endsOn: Day | null };

export type OrderFacts = {
  status: string;
  /** The day the contract was concluded (the 30 days of L216-1 run from it). */
  concludedOn: Day;
  /** A date agreed for this order (a campaign's latest delivery day); null: none given. */
  promisedOn: Day | null;
  shippedOn: Day | null;
  deliveredOn: Day | null;
  notice: { sentOn: Day; deliverBy: Day } | null;
  forceMajeure: readonly ForceMajeurePeriod[];
};

/** Whether `day` falls in a period of force majeure (an open one runs through `today`). */
function suspended(day: Day, periods: readonly ForceMajeurePeriod[], today: Day): boolean {
  return periods.some((p) => cmp(day, p.startsOn) >= 0 && cmp(day, p.endsOn ?? today) <= 0);
}

/**
 * A deadline pushed back by the days of force majeure that fall after `from` and before it
 * (C. civ. 1218: the obligation is suspended): each such day adds one, and days of force majeure
 * inside the added days count too. An open period runs through `today`.
 */
export function extendByForceMajeure(from: Day, deadline: Day, periods: readonly ForceMajeurePeriod[], today: Day): { on: Day; suspendedDays: number } {
  if (periods.length === 0) return { on: deadline, suspendedDays: 0 };
  let days = 0;
  let on = deadline;
  for (let d = from.add({ days: 1 }); cmp(d, on) <= 0; d = d.add({ days: 1 })) {
    if (suspended(d, periods, today)) {
      days += 1;
      on = on.add({ days: 1 });
    }
    if (days > 3660) break; // ten years of force majeure: no longer a suspension
  }
  return { on, suspendedDays: days };
}

export type DeliveryPromise = { promisedOn: Day; source: 'agreed' | 'default'; latestOn: Day; suspendedDays: number };

/** 004 art.5 O10: once shipped, the goods are announced within 48 h — the indicative delivery date. */
function indicativeOn(policy: LateDeliveryPolicy, facts: OrderFacts): Day | null {
  return policy.grace && facts.shippedOn && policy.grace.leadDays !== null ? facts.shippedOn.add({ days: policy.grace.leadDays }) : null;
}

/**
 * The last day to deliver (L216-1): the date agreed for the order (a campaign's, even past 30
 * days); else the indicative date the terms announce, when earlier than 30 days after conclusion;
 * else those 30 days — plus the days of force majeure.
 */
export function deliveryPromise(policy: LateDeliveryPolicy, facts: OrderFacts, today: Day): DeliveryPromise {
  const fallback = facts.concludedOn.add({ days: policy.defaultDays });
  const indicative = indicativeOn(policy, facts);
  const agreed = facts.promisedOn ?? (indicative && cmp(indicative, fallback) < 0 ? indicative : null);
  const promisedOn = agreed ?? fallback;
  const { on, suspendedDays } = extendByForceMajeure(facts.concludedOn, promisedOn, facts.forceMajeure, today);
  return { promisedOn, source: agreed ? 'agreed' : 'default', latestOn: on, suspendedDays };
}

/**
 * The first day the terms let the customer end the contract without a notice: 004, the day after
 * the 72 h that follow the indicative date (shipment + 48 h, AS-31: shipped Mon 03-02 → indicative
 * Wed 03-04 → from Sun 03-08); 001, the day after the promise while nothing has been shipped.
 */
export function directTerminationFrom(policy: LateDeliveryPolicy, facts: OrderFacts, promise: DeliveryPromise, today: Day): Day | null {
  if (policy.grace) {
    const indicative = indicativeOn(policy, facts) ?? promise.promisedOn;
    const end = extendByForceMajeure(facts.concludedOn, indicative.add({ days: policy.grace.graceDays }), facts.forceMajeure, today).on;
    return end.add({ days: 1 });
  }
  if (policy.cancelIfNotShipped && !facts.shippedOn) return promise.latestOn.add({ days: 1 });
  return null;
}

/** The day from which force majeure lets either party terminate: the day after its limit, if a period lasted that long (AS-59, AS-61). */
export function forceMajeureTerminationFrom(policy: LateDeliveryPolicy, periods: readonly ForceMajeurePeriod[]): Day | null {
  const n = policy.forceMajeureTerminateAfterDays;
  if (n === null) return null;
  const days = periods.filter((p) => p.endsOn === null || cmp(p.endsOn, p.startsOn.add({ days: n })) > 0).map((p) => p.startsOn.add({ days: n + 1 }));
  return days.reduce<Day | null>((a, b) => (a === null || cmp(b, a) < 0 ? b : a), null);
}

export type TerminationGround = 'notice_period_over' | 'essential_date' | 'refusal_to_deliver' | 'terms_lead_time' | 'force_majeure';
export const TERMINATION_GROUNDS: readonly TerminationGround[] = ['notice_period_over', 'essential_date', 'refusal_to_deliver', 'terms_lead_time', 'force_majeure'];

const refused = (code: string, params: Record<string, string | number> = {}, field?: string) => new DomainError(code, 'refused', params, field);

/** The refusals every remedy shares: an order ended, delivered, a professional without remedy, 001's shipped order. */
function checkOpen(policy: LateDeliveryPolicy, facts: OrderFacts, forceMajeure: boolean): void {
  if (facts.deliveredOn || ['delivered', 'completed'].includes(facts.status)) throw refused('order_already_delivered');
  if (!OPEN_FOR_LATE_DELIVERY.includes(facts.status)) throw refused('order_not_open_for_late_delivery', { status: facts.status });
  if (forceMajeure) return;
  if (policy.noRemedy) throw refused('late_delivery_no_remedy_for_professionals');
  if (policy.ineffectiveIfShipped && facts.shippedOn) throw refused('order_already_shipped', { shippedOn: facts.shippedOn.toString() });
}

/** The formal notice: when it may be sent, and the day it gives the seller (default: a week). Throws the refusal. */
export function checkNotice(policy: LateDeliveryPolicy, facts: OrderFacts, today: Day, deliverBy?: Day): { deliverBy: Day; latestOn: Day } {
  checkOpen(policy, facts, false);
  const promise = deliveryPromise(policy, facts, today);
  if (cmp(today, promise.latestOn) <= 0) throw refused('delivery_not_late', { latestOn: promise.latestOn.toString() });
  if (facts.notice) {
    if (cmp(today, noticeEnd(facts, today)) <= 0) throw refused('notice_period_running', { deliverBy: noticeEnd(facts, today).toString() });
    throw refused('notice_already_sent', { sentOn: facts.notice.sentOn.toString() });
  }
  const by = deliverBy ?? today.add({ days: DEFAULT_NOTICE_DAYS });
  if (cmp(by, today) <= 0) throw refused('notice_period_too_short', { today: today.toString() }, 'deliverBy');
  if (cmp(by, today.add({ days: 365 })) > 0) throw refused('notice_period_too_long', {}, 'deliverBy');
  return { deliverBy: by, latestOn: promise.latestOn };
}

/** The notice's period, pushed back by force majeure within it. */
function noticeEnd(facts: OrderFacts, today: Day): Day {
  if (!facts.notice) throw new RangeError('no notice');
  return extendByForceMajeure(facts.notice.sentOn, facts.notice.deliverBy, facts.forceMajeure, today).on;
}

/**
 * Whether the customer may terminate today, on `ground` or on the first ground that applies
 * (the terms' own rule, the notice's period over, force majeure beyond its limit). Throws the
 * refusal that explains best why not: not late yet, the notice's period still running, no notice.
 */
export function checkTermination(policy: LateDeliveryPolicy, facts: OrderFacts, today: Day, ground?: TerminationGround): TerminationGround {
  const fmFrom = forceMajeureTerminationFrom(policy, facts.forceMajeure);
  const fmOpen = fmFrom !== null && cmp(today, fmFrom) >= 0;
  if (ground === 'force_majeure') {
    checkOpen(policy, facts, true);
    if (!fmOpen) throw refused('force_majeure_limit_not_reached', fmFrom ? { from: fmFrom.toString() } : {}, 'ground');
    return ground;
  }
  if (ground === undefined && fmOpen) {
    checkOpen(policy, facts, true);
    return 'force_majeure';
  }
  checkOpen(policy, facts, false);
  if (ground === 'refusal_to_deliver') return ground;
  const promise = deliveryPromise(policy, facts, today);
  const late = cmp(today, promise.latestOn) > 0;
  const direct = directTerminationFrom(policy, facts, promise, today);
  const directOpen = direct !== null && cmp(today, direct) >= 0;
  if (ground === 'terms_lead_time' || (ground === undefined && directOpen)) {
    if (!directOpen) throw refused('delivery_not_late', { latestOn: (direct ?? promise.latestOn).subtract({ days: 1 }).toString() });
    return 'terms_lead_time';
  }
  if (!late) throw refused('delivery_not_late', { latestOn: promise.latestOn.toString() });
  if (ground === 'essential_date') return ground;
  if (!facts.notice) throw refused('late_delivery_notice_required', { latestOn: promise.latestOn.toString() });
  const end = noticeEnd(facts, today);
  if (cmp(today, end) <= 0) throw refused('notice_period_running', { deliverBy: end.toString() });
  return 'notice_period_over';
}

/** What the customer may do today, for the order page and the API. */
export type LateDeliveryState = {
  promisedOn: string;
  promiseSource: 'agreed' | 'default';
  latestOn: string;
  suspendedDays: number;
  late: boolean;
  notice: { sentOn: string; deliverBy: string } | null;
  /** The first day the terms allow a termination with no notice (004, 001), if any. */
  directTerminationFrom: string | null;
  forceMajeureTerminationFrom: string | null;
  canSendNotice: { allowed: true } | { allowed: false; code: string; params: Record<string, string | number> };
  canTerminate: { allowed: true; ground: TerminationGround } | { allowed: false; code: string; params: Record<string, string | number> };
};

const verdict = <T>(f: () => T): { allowed: true; value: T } | { allowed: false; code: string; params: Record<string, string | number> } => {
  try {
    return { allowed: true, value: f() };
  } catch (error) {
    if (error instanceof DomainError) return { allowed: false, code: error.code, params: error.params };
    throw error;
  }
};

export function lateDeliveryState(policy: LateDeliveryPolicy, facts: OrderFacts, today: Day): LateDeliveryState {
  const promise = deliveryPromise(policy, facts, today);
  const direct = directTerminationFrom(policy, facts, promise, today);
  const fm = forceMajeureTerminationFrom(policy, facts.forceMajeure);
  const notice = verdict(() => checkNotice(policy, facts, today));
  const terminate = verdict(() => checkTermination(policy, facts, today));
  return {
    promisedOn: promise.promisedOn.toString(),
    promiseSource: promise.source,
    latestOn: promise.latestOn.toString(),
    suspendedDays: promise.suspendedDays,
    late: cmp(today, promise.latestOn) > 0 && !facts.deliveredOn,
    notice: facts.notice ? { sentOn: facts.notice.sentOn.toString(), deliverBy: noticeEnd(facts, today).toString() } : null,
    directTerminationFrom: direct?.toString() ?? null,
    forceMajeureTerminationFrom: fm?.toString() ?? null,
    canSendNotice: notice.allowed ? { allowed: true } : notice,
    canTerminate: terminate.allowed ? { allowed: true, ground: terminate.value } : terminate,
  };
}

export type RefundAfterTermination = {
  refundDueOn: string;
  amountCents: number;
  refundedOn: string | null;
  daysLate: number;
  /** 'none', '10%', '20%', '50%' (L241-4), or 'legal_interest' (Belgium). */
  rateLabel: string;
  surchargeCents: number;
  totalDueCents: number;
};

/**
 * The refund after a termination: all sums paid, due `refundWithinDays` after it (L216-7); paid
 * late — or still unpaid `today` — it carries L241-4's surcharge (FR, late delivery), legal
 * interest pro rata (BE). A termination for force majeure owes the payments back (001 online
 * §8.1) with no L241-4 surcharge (that article sanctions L216-7 only).
 */
export function refundAfterTermination(
  policy: LateDeliveryPolicy,
  t: { terminatedOn: Day; ground: TerminationGround; amountCents: number; refundedOn: Day | null; legalRateBp: number },
  today: Day,
): RefundAfterTermination {
  const dueOn = lateDeliveryRefundDueOn(t.terminatedOn, policy.refundWithinDays);
  const base = { refundDueOn: dueOn.toString(), amountCents: t.amountCents, refundedOn: t.refundedOn?.toString() ?? null };
  if (t.amountCents === 0 || t.ground === 'force_majeure') {
    return { ...base, daysLate: t.amountCents === 0 ? 0 : daysLateOf(dueOn, t.refundedOn, today), rateLabel: 'none', surchargeCents: 0, totalDueCents: t.amountCents };
  }
  if (policy.legalSystem === 'BE') {
    const d = daysLateOf(dueOn, t.refundedOn, today);
    const surchargeCents = legalInterestCents(t.amountCents, t.legalRateBp, d);
    return { ...base, daysLate: d, rateLabel: d === 0 ? 'none' : 'legal_interest', surchargeCents, totalDueCents: t.amountCents + surchargeCents };
  }
  const s = lateDeliveryRefundSurcharge({ dueOn, paidOn: t.refundedOn, today, amountCents: t.amountCents, ...(policy.shopBrackets && { brackets: policy.shopBrackets }) });
  return { ...base, daysLate: s.daysLate, rateLabel: s.rateLabel, surchargeCents: s.surchargeCents, totalDueCents: t.amountCents + s.surchargeCents };
}

export { L241_4_BRACKETS };
