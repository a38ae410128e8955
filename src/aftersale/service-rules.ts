/**
 * Services withdrawn from after the consumer asked them to start (issue 10 §2, SPEC R000-16,
 * seed 000 §7.2; C. consom. L221-25, BE CDE VI.51 §3), as pure rules.
 *
 * - Nothing is owed when the consumer did not expressly ask for performance to start during the
 *   withdrawal period (L221-25 al. 2): the shop had no right to start.
 * - With the request, the consumer owes the price in proportion to what was supplied until the
 *   withdrawal was communicated, relative to the contract's full coverage (its days as sold).
 * - Convention, counted in the shop's calendar days: performance starts on the day of conclusion
 *   (the request is made with the order) unless staff recorded a later day; the day performance
 *   starts counts as supplied, the day the withdrawal is SENT does not (it was supplied "until" the
 *   communication). Ordered 2 March, withdrawal sent 11 March: 2–10 March, 9 days supplied.
 * - A service fully performed before the withdrawal, started at the consumer's express request,
 *   is no longer withdrawable (L221-28 1°; the checkout's box states that consequence).
 */
import type { Temporal } from 'temporal-polyfill';
import { proRataServiceCents } from './withdrawal-rules.ts';

export type ServiceLineFacts = {
  /** The line's price as paid (quantity × unit price), in cents. */
  priceCents: number;
  /** The service's full coverage in days, as sold. */
  serviceDays: number;
  /** The consumer's express request to start during the period (L221-25 al. 1). */
  requested: boolean;
  /** The day performance started: the staff's record, else the day of conclusion. */
  startedOn: Temporal.PlainDate;
  /** The day the consumer sent the withdrawal. */
  notifiedOn: Temporal.PlainDate;
};

export type ServiceOwed = {
  /** Days supplied until the withdrawal was communicated (0 without the request). */
  suppliedDays: number;
  /** What the consumer owes for them, rounded half-up to the cent, never more than the price. */
  owedCents: number;
  /** What comes back: the price less what is owed. */
  refundCents: number;
};

/** Whole days from `startedOn` (counted) to `notifiedOn` (not counted); 0 when it had not started. */
export function suppliedDays(startedOn: Temporal.PlainDate, notifiedOn: Temporal.PlainDate): number {
  return Math.max(0, startedOn.until(notifiedOn, { largestUnit: 'days' }).days);
}

export function serviceOwed(f: ServiceLineFacts): ServiceOwed {
  if (!f.requested) return { suppliedDays: 0, owedCents: 0, refundCents: f.priceCents };
  const days = Math.min(suppliedDays(f.startedOn, f.notifiedOn), f.serviceDays);
  const owedCents = proRataServiceCents(f.priceCents, f.serviceDays, days);
  return { suppliedDays: days, owedCents, refundCents: f.priceCents - owedCents };
}

/** Fully performed on `on` at the consumer's request: the right is lost (L221-28 1°). */
export function fullyPerformed(f: Pick<ServiceLineFacts, 'serviceDays' | 'requested' | 'startedOn'>, on: Temporal.PlainDate): boolean {
  return f.requested && suppliedDays(f.startedOn, on) >= f.serviceDays;
}

/**
 * The period's kind for an order: from conclusion only when every line is a service. An order
 * holding goods too is a sales contract (Directive 2011/83 art. 2(5): "including any contract
 * having as its object both goods and services"), whose period runs from the goods' receipt.
 */
export function periodKind(lines: readonly { serviceDays: number | null }[]): 'goods' | 'services' {
  return lines.length > 0 && lines.every((l) => l.serviceDays !== null) ? 'services' : 'goods';
}
