/**
 * The seller's refusal of an order (SPEC C07, issue 11 §2): until when it may be notified, and on
 * which grounds. Pure: the caller gives the order's day, the profile's terms and what it knows of
 * the customer.
 *
 * - 001 CG §3.2: any reason, notified within 4 working days ("jours ouvrés", BE) of receiving the
 *   order; A-10: once the window has passed, the order is deemed accepted for refusal purposes,
 *   and only an operator may still refuse it, recording why (AS-14).
 * - 004 art.2: a customer in a payment dispute over an earlier order; 003 art.2.6: a customer in
 *   bad faith or who failed an earlier order. Profiles with no `refusal` section state no ground:
 *   the refusal is recorded with staff's note, as before.
 */
import type { Temporal } from 'temporal-polyfill';
import { addCalendarDays, addMonths, type Jurisdiction, periodEnd } from '../kernel/calendar.ts';
import type { Profile } from '../shops/profile/schema.ts';
import { parseDuration } from '../shops/profile/duration.ts';

export type RefusalTerms = NonNullable<Profile['orders']>['refusal'];
export type RefusalReason = NonNullable<RefusalTerms>['reasons'][number];
export type Period = { within: string; counting?: string | undefined };

/**
 * The last day of a day-, week- or month-based period counted from `start` (day 0, not counted),
 * as profiles write them: `business_days` are jours ouvrés (Mon–Fri), `working_days` jours
 * ouvrables (Mon–Sat), both without public holidays; `calendar_days_extended` runs on to the next
 * working day (Reg. 1182/71 art. 3(4)).
 */
export function periodLastDay(start: Temporal.PlainDate, period: Period, js: readonly Jurisdiction[]): Temporal.PlainDate {
  const d = parseDuration(period.within);
  const base = d.years || d.months ? addMonths(start, d.years * 12 + d.months) : start;
  const days = d.weeks * 7 + d.days;
  switch (period.counting ?? 'calendar_days') {
    case 'business_days':
      return periodEnd(base, { days, unit: 'jours_ouvres', extendToWorkingDay: false }, js);
    case 'working_days':
      return periodEnd(base, { days, unit: 'jours_ouvrables', extendToWorkingDay: false }, js);
    case 'calendar_days_extended':
      return periodEnd(base, { days, unit: 'calendar', extendToWorkingDay: true }, js);
    default:
      return addCalendarDays(base, days);
  }
}

/**
 * API.md `deadlines.refusalUntil`: the last day the seller may still notify a refusal, for a
 * profile that sets a window (001: 4 jours ouvrés from the order's receipt), while the order may
 * still be refused; undefined otherwise ("only what applies").
 */
export function refusalUntil(terms: RefusalTerms, placedOn: Temporal.PlainDate, js: readonly Jurisdiction[]): Temporal.PlainDate | undefined {
  const window = terms?.notifyWithin;
  if (!window) return undefined;
  return periodLastDay(placedOn, window, js);
}

export type RefusalCheck =
  | { ok: true; overridden: boolean }
  | { ok: false; code: 'refusal_window_over'; params: { refusalUntil: string }; field: 'at' }
  | { ok: false; code: 'refusal_reason_not_allowed'; params: { reasons: string }; field: 'reason' }
  | { ok: false; code: 'no_payment_dispute'; params: Record<string, never>; field: 'reason' }
  | { ok: false; code: 'refusal_override_reason_required'; params: Record<string, never>; field: 'overrideReason' }
  | { ok: false; code: 'refusal_customer_kind'; params: { kind: string }; field: 'type' };

export type RefusalFacts = {
  terms: RefusalTerms;
  /** The day the refusal is notified (the fact's day, shop-local). */
  on: Temporal.PlainDate;
  placedOn: Temporal.PlainDate;
  customerKind: string;
  reason: RefusalReason | undefined;
  /** The customer has a payment dispute open on another order. */
  customerInDispute: boolean;
  /** An operator (never a shop's staff) may refuse after the window, giving why. */
  operator: boolean;
  overrideReason: string | undefined;
  jurisdictions: readonly Jurisdiction[];
};

/** Whether the refusal may be recorded; the refusal's code when not. */
export function checkRefusal(f: RefusalFacts): RefusalCheck {
  const { terms } = f;
  if (terms?.customerKinds && !terms.customerKinds.includes(f.customerKind as never)) return { ok: false, code: 'refusal_customer_kind', params: { kind: f.customerKind }, field: 'type' };
  // A ground the terms do not give is refused; `any_reason` covers every one (001 CG §3.2).
  if (terms && f.reason !== undefined && !terms.reasons.includes('any_reason') && !terms.reasons.includes(f.reason)) {
    return { ok: false, code: 'refusal_reason_not_allowed', params: { reasons: terms.reasons.join(', ') }, field: 'reason' };
  }
  // Terms that name their grounds (003, 004) need one of them.
  if (terms && f.reason === undefined && !terms.reasons.includes('any_reason')) return { ok: false, code: 'refusal_reason_not_allowed', params: { reasons: terms.reasons.join(', ') }, field: 'reason' };
  // 004 art.2: the dispute must be there, open, on another order.
  if (f.reason === 'payment_dispute' && !f.customerInDispute) return { ok: false, code: 'no_payment_dispute', params: {}, field: 'reason' };
  const until = refusalUntil(terms, f.placedOn, f.jurisdictions);
  if (until && f.on.until(until).days < 0) {
    if (!f.operator) return { ok: false, code: 'refusal_window_over', params: { refusalUntil: until.toString() }, field: 'at' };
    if (!f.overrideReason?.trim()) return { ok: false, code: 'refusal_override_reason_required', params: {}, field: 'overrideReason' };
    return { ok: true, overridden: true };
  }
  return { ok: true, overridden: false };
}
