/**
 * The last day an order must be delivered by (API.md `deadlines.deliveryLatestOn`; SPEC C12,
 * issue 11 §4): the date promised for it (a campaign's promise, set on the order by whoever
 * promises it), else, for a consumer, the legal default — delivery without undue delay and at the
 * latest 30 days after the contract's conclusion (C. consom. L216-1; Directive 2011/83 art. 18,
 * CDE VI.43 in Belgium), or the profile's shorter `delivery.consumerMaxDelay`. A professional
 * buyer has no default date: only what was agreed. Pure, for every capability that needs it (the
 * order's deadlines, the late-delivery remedies, the staff "today" view).
 */
import { Temporal } from 'temporal-polyfill';
import { localDate } from '../kernel/calendar.ts';
import { isShorter, parseDuration } from '../shops/profile/duration.ts';

/** L216-1: 30 days after the conclusion when no date was agreed. */
export const LEGAL_MAX_DELAY = 'P30D';

export type DeliveryPromise = {
  customerKind: string;
  /** The day the contract was concluded (shop-local); null while it is not (awaiting payment or acceptance). */
  concludedOn: Temporal.PlainDate | null;
  /** A date promised for this order (a campaign's `deliveryLatestOn`), if any. */
  promisedLatestOn?: Temporal.PlainDate | null;
  /** The profile's `delivery.consumerMaxDelay` (ISO duration), if it sets one. */
  consumerMaxDelay?: string | undefined;
};

/** The day a delivery is due at the latest; undefined when nothing binds the seller to a day. */
export function deliveryLatestOn(p: DeliveryPromise): Temporal.PlainDate | undefined {
  if (p.promisedLatestOn) return p.promisedLatestOn;
  if (p.customerKind !== 'consumer' || p.concludedOn === null) return undefined;
  // Terms may promise sooner than the law, never later (L216-1 is a floor for consumers).
  const delay = p.consumerMaxDelay && isShorter(p.consumerMaxDelay, LEGAL_MAX_DELAY) ? p.consumerMaxDelay : LEGAL_MAX_DELAY;
  const d = parseDuration(delay);
  return p.concludedOn.add({ months: d.years * 12 + d.months, days: d.weeks * 7 + d.days });
}

/** What the conclusion is read from: the order's evidence events (their `data.statusTo`). */
export type ConclusionEvent = { type: string; at: string; data?: unknown };

/**
 * The day the contract was concluded, shop-local: the first event that accepted the order (staff's
 * `accepted`, or the payment that reached the price or the deposit: its `statusTo` is `accepted`);
 * null while none has.
 */
export function concludedOn(events: readonly ConclusionEvent[], timeZone: string): Temporal.PlainDate | null {
  const accepting = events.find((e) => e.type === 'accepted' || (e.data as { statusTo?: string } | undefined)?.statusTo === 'accepted');
  return accepting ? localDate(Temporal.Instant.from(accepting.at), timeZone) : null;
}
