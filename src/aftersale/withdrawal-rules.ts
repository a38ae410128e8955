/**
 * The consumer's withdrawal period, as pure rules (SPEC C13; LEGAL §A1, §A2).
 *
 * FR C. consom. L221-18 to L221-20 and BE CDE VI.47, VI.48: 14 days, counted from the day
 * after the consumer (or a third party they designated, other than the carrier) took
 * possession of the goods — of the LAST lot when delivered in several — or from the day after
 * conclusion for services; a period ending on a Saturday, Sunday or public holiday of the
 * shop's legal system runs to the next working day (L221-19, Reg. 1182/71 art. 3(4), BE Civil
 * Code art. 1.7). Dates are local calendar dates in the shop's zone; nothing here reads a clock.
 */
import { Temporal } from 'temporal-polyfill';
import { periodEnd, withdrawalDeadline, type Jurisdiction } from '../kernel/calendar.ts';

export type WithdrawalKind = 'goods' | 'services';
export type PeriodExtension = 'non_working_day' | 'information_missing';

export type WithdrawalPeriodInput = {
  kind: WithdrawalKind;
  /** Each lot's possession day (goods). The LAST one starts the period (L221-18 2°, VI.47 §2). */
  possessionDates: readonly Temporal.PlainDate[];
  /** Set while lots of a split delivery are still on their way: the period has not started. */
  awaitingLots?: boolean;
  /**
   * `regular`: goods delivered regularly over a defined period (a subscription box): the FIRST
   * delivery starts the period (L221-18 3°, VI.47 §2); `awaitingLots` does not apply then.
   */
  deliveryPattern?: 'lots' | 'regular';
  concludedOn: Temporal.PlainDate;
  /**
   * When the withdrawal information (L221-5 7°, VI.45) reached the consumer. null/undefined =
   * never given → +12 months (L221-20, VI.48); given after conclusion → the period ends 14 days
   * after it was given, if that falls within the 12-month extension (L221-20 al. 2).
   */
  informationGivenOn?: Temporal.PlainDate | null;
  /** The shop's legal system and zone (a holiday in any of them extends the end). */
  jurisdictions: readonly Jurisdiction[];
};

export type WithdrawalPeriod = {
  /** Day 1 of the period (the day after possession or conclusion); null before delivery. */
  startsOn: Temporal.PlainDate | null;
  /** Last day to SEND the withdrawal, until 23:59:59 local time; null before delivery. */
  endsOn: Temporal.PlainDate | null;
  extendedBecause: PeriodExtension[];
};

const cmp = Temporal.PlainDate.compare;
const later = (a: Temporal.PlainDate, b: Temporal.PlainDate) => (cmp(a, b) >= 0 ? a : b);
const earlier = (a: Temporal.PlainDate, b: Temporal.PlainDate) => (cmp(a, b) <= 0 ? a : b);

/** The date itself if it is a working day in every jurisdiction, else the next one that is. */
function onOrNextWorkingDay(date: Temporal.PlainDate, js: readonly Jurisdiction[]): Temporal.PlainDate {
  return periodEnd(date, { days: 0, unit: 'calendar', extendToWorkingDay: true }, js);
}

/** The event that starts the count: last possession for goods, conclusion for services. */
function startEvent(input: WithdrawalPeriodInput): Temporal.PlainDate | null {
  if (input.kind === 'services') return input.concludedOn;
  if (input.possessionDates.length === 0) return null;
  if (input.deliveryPattern === 'regular') return input.possessionDates.reduce(earlier);
  if (input.awaitingLots) return null;
  return input.possessionDates.reduce(later);
}

export function withdrawalPeriod(input: WithdrawalPeriodInput): WithdrawalPeriod {
  const event = startEvent(input);
  if (event === null) return { startsOn: null, endsOn: null, extendedBecause: [] };
  const js = input.jurisdictions;
  const initialEnd = withdrawalDeadline(event, js);
  const moved = new Set<PeriodExtension>();
  if (cmp(initialEnd, event.add({ days: 14 })) !== 0) moved.add('non_working_day');

  let endsOn = initialEnd;
  const given = input.informationGivenOn ?? null;
  if (given === null || cmp(given, input.concludedOn) > 0) {
    // L221-20: 12 months from the end of the initial period. LEGAL §A1.4 anchors them on the
    // weekend-extended end (the consumer-favourable reading); that end is itself extended.
    const twelveMonths = initialEnd.add({ months: 12 }, { overflow: 'constrain' });
    const extensionEnd = onOrNextWorkingDay(twelveMonths, js);
    // Information given late: 14 days after it reached the consumer (counted like L221-19),
    // never before the initial end and never beyond the 12-month extension.
    const infoEnd = given === null ? null : withdrawalDeadline(given, js);
    const fromInfo = infoEnd !== null && cmp(infoEnd, extensionEnd) < 0;
    const lateEnd = fromInfo ? infoEnd : extensionEnd;
    if (cmp(lateEnd, initialEnd) > 0) {
      endsOn = lateEnd;
      // A weekend or holiday moved the end if it moved the date this end is counted from.
      if (fromInfo) moved.clear();
      const unextended = fromInfo ? (given as Temporal.PlainDate).add({ days: 14 }) : twelveMonths;
      if (cmp(lateEnd, unextended) !== 0) moved.add('non_working_day');
      moved.add('information_missing');
    }
  }
  const order: PeriodExtension[] = ['non_working_day', 'information_missing'];
  return { startsOn: event.add({ days: 1 }), endsOn, extendedBecause: order.filter((e) => moved.has(e)) };
}

/**
 * What counts is when the consumer SENT the withdrawal (Annex R221-3: "il suffit que vous
 * transmettiez votre communication … avant l'expiration du délai"). Before delivery the period
 * has not started, yet the consumer may already withdraw: always on time.
 */
export function isOnTime(sentOn: Temporal.PlainDate, period: Pick<WithdrawalPeriod, 'endsOn'>): boolean {
  return period.endsOn === null || cmp(sentOn, period.endsOn) <= 0;
}

export type LineWithdrawability = { withdrawable: boolean; reason?: string };

/**
 * A line is excluded only by a named legal exception (L221-28, VI.53: personalised, perishable,
 * unsealed hygiene goods…), which the product page showed as "no withdrawal" before purchase
 * (L221-5). A product merely flagged non-withdrawable with no exception named gives the consumer
 * no notice and the shop no legal ground, so the line stays withdrawable (consumer-favourable).
 */
export function lineWithdrawable(product: {
  withdrawable: boolean;
  withdrawalException: string | null;
}): LineWithdrawability {
  if (product.withdrawalException !== null && product.withdrawalException !== '') {
    return { withdrawable: false, reason: product.withdrawalException };
  }
  return { withdrawable: true };
}

/**
 * What the consumer owes for a service they asked to start during the withdrawal period and then
 * withdrew from (L221-25, VI.51 §3): the price in proportion to what was provided, here measured
 * in days, rounded half-up to the cent and never more than the price. The refund is the rest.
 */
export function proRataServiceCents(totalCents: number, serviceDays: number, daysProvided: number): number {
  if (!Number.isSafeInteger(totalCents) || totalCents < 0) throw new RangeError(`Not an amount in cents: ${totalCents}`);
  if (!Number.isSafeInteger(serviceDays) || serviceDays <= 0) throw new RangeError(`Service days must be ≥ 1, got ${serviceDays}`);
  if (!Number.isSafeInteger(daysProvided) || daysProvided < 0) throw new RangeError(`Days provided must be ≥ 0, got ${daysProvided}`);
  const days = Math.min(daysProvided, serviceDays);
  const numerator = BigInt(totalCents) * BigInt(days);
  const d = BigInt(serviceDays);
  return Number((2n * numerator + d) / (2n * d));
}
