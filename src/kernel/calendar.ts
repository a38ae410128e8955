/**
 * The legal calendar: counting periods on local calendar dates (SPEC §0.2).
 *
 * Every rule works on Temporal.PlainDate in the tenant's time zone, never on
 * UTC instants (LEGAL §A12 pitfall 4). Functions are pure: "today" is always a
 * parameter, never read from a clock.
 */
import { Temporal } from 'temporal-polyfill';
import { isPublicHoliday, type Jurisdiction } from './holidays.ts';

export { isPublicHoliday, publicHolidays, type Jurisdiction } from './holidays.ts';

export type PeriodUnit = 'calendar' | 'jours_ouvres' | 'jours_ouvrables';

export type PeriodRule = {
  days: number;
  unit: PeriodUnit;
  /** Reg. 1182/71 art. 3(4): a period ending on Sat/Sun/holiday runs to the next working day. */
  extendToWorkingDay: boolean;
};

const SATURDAY = 6;

export function isWeekend(date: Temporal.PlainDate): boolean {
  return date.dayOfWeek >= SATURDAY;
}

/** "Jour ouvré": Monday to Friday, not a public holiday. */
export function isWorkingDay(date: Temporal.PlainDate, j: Jurisdiction): boolean {
  return !isWeekend(date) && !isPublicHoliday(date, j);
}

/** "Jour ouvrable": Monday to Saturday, not a public holiday. */
export function isJourOuvrable(date: Temporal.PlainDate, j: Jurisdiction): boolean {
  return date.dayOfWeek <= SATURDAY && !isPublicHoliday(date, j);
}

function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${what} must be a whole number ≥ 0, got ${n}`);
  }
}

function assertJurisdictions(js: readonly Jurisdiction[]): void {
  if (js.length === 0) {
    throw new RangeError('A legal period needs at least one jurisdiction');
  }
}

/**
 * A day counts only if it counts in every jurisdiction: a holiday in any of
 * them is skipped, which never shortens the period (LEGAL §A12 pitfall 3).
 */
function countsInAll(
  date: Temporal.PlainDate,
  js: readonly Jurisdiction[],
  counts: (d: Temporal.PlainDate, j: Jurisdiction) => boolean,
): boolean {
  return js.every((j) => counts(date, j));
}

/** Day n after start: the start day is not counted (Reg. 1182/71 art. 3(1)). */
function addCountedDays(
  start: Temporal.PlainDate,
  n: number,
  counts: (d: Temporal.PlainDate) => boolean,
): Temporal.PlainDate {
  let date = start;
  for (let counted = 0; counted < n; ) {
    date = date.add({ days: 1 });
    if (counts(date)) counted += 1;
  }
  return date;
}

export function addCalendarDays(start: Temporal.PlainDate, n: number): Temporal.PlainDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Days must be a whole number, got ${n}`);
  return start.add({ days: n });
}

/** n "jours ouvrés" after start; the start day is not counted, day 1 is the next working day. */
export function addWorkingDays(
  start: Temporal.PlainDate,
  n: number,
  j: Jurisdiction,
): Temporal.PlainDate {
  assertCount(n, 'Working days');
  return addCountedDays(start, n, (d) => isWorkingDay(d, j));
}

/** n "jours ouvrables" (Mon–Sat, not holidays) after start; the start day is not counted. */
export function addJoursOuvrables(
  start: Temporal.PlainDate,
  n: number,
  j: Jurisdiction,
): Temporal.PlainDate {
  assertCount(n, 'Jours ouvrables');
  return addCountedDays(start, n, (d) => isJourOuvrable(d, j));
}

/** Same date n months later; a date missing in that month becomes its last day (SPEC §0.2). */
export function addMonths(start: Temporal.PlainDate, n: number): Temporal.PlainDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Months must be a whole number, got ${n}`);
  return start.add({ months: n }, { overflow: 'constrain' });
}

export function addWeeks(start: Temporal.PlainDate, n: number): Temporal.PlainDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Weeks must be a whole number, got ${n}`);
  return start.add({ weeks: n });
}

function lastDayOfPeriod(
  eventDate: Temporal.PlainDate,
  rule: PeriodRule,
  js: readonly Jurisdiction[],
): Temporal.PlainDate {
  switch (rule.unit) {
    case 'calendar':
      return eventDate.add({ days: rule.days });
    case 'jours_ouvres':
      return addCountedDays(eventDate, rule.days, (d) => countsInAll(d, js, isWorkingDay));
    case 'jours_ouvrables':
      return addCountedDays(eventDate, rule.days, (d) => countsInAll(d, js, isJourOuvrable));
  }
}

/**
 * The last day of a period (it ends at that day's 23:59:59.999 local time).
 *
 * Reg. 1182/71 art. 3(1) and C. consom. L221-19: the event day is not counted.
 * Art. 3(4): if extendToWorkingDay and the last day is a Saturday, Sunday or a
 * public holiday in ANY of the jurisdictions (seller's and consumer's — the
 * consumer-favourable reading, LEGAL §A12 pitfall 3), the period runs to the
 * next day that is a working day in all of them. Days that are holidays in
 * any jurisdiction are likewise not counted in working-day units. Pass only
 * the jurisdictions whose holidays should lengthen the period.
 */
export function periodEnd(
  eventDate: Temporal.PlainDate,
  rule: PeriodRule,
  jurisdictions: readonly Jurisdiction[],
): Temporal.PlainDate {
  assertCount(rule.days, 'Period length');
  assertJurisdictions(jurisdictions);
  let last = lastDayOfPeriod(eventDate, rule, jurisdictions);
  if (rule.extendToWorkingDay) {
    while (!countsInAll(last, jurisdictions, isWorkingDay)) {
      last = last.add({ days: 1 });
    }
  }
  return last;
}

/**
 * Last day to send a withdrawal: 14 days from receipt (C. consom. L221-18,
 * CDE VI.47), counted and extended under L221-19 / Reg. 1182/71 art. 3(4).
 */
export function withdrawalDeadline(
  receiptDate: Temporal.PlainDate,
  jurisdictions: readonly Jurisdiction[],
): Temporal.PlainDate {
  return periodEnd(
    receiptDate,
    { days: 14, unit: 'calendar', extendToWorkingDay: true },
    jurisdictions,
  );
}

/**
 * The last instant of a local day: 23:59:59.999 in timeZone. Computed as the
 * start of the next local day minus 1 ms, so it stays right on DST change days
 * (days of 23 or 25 hours). A millisecond timestamp t is within day D iff
 * t ≤ this instant; for finer timestamps compare localDate(t, timeZone) ≤ D.
 */
export function endOfDayInstant(
  date: Temporal.PlainDate,
  timeZone: string,
): Temporal.ZonedDateTime {
  return date.add({ days: 1 }).toZonedDateTime({ timeZone }).subtract({ milliseconds: 1 });
}

/**
 * The local day last asked for, per time zone, and its bounds in epoch milliseconds: an order asks
 * for "today" three times and every order of the day asks for the same one, while converting an
 * instant to a zoned date costs ≈ 30 µs (issue 9). The bounds are the starts of that day and of
 * the next (23 or 25 hours apart around DST changes); PlainDate is immutable, so shared safely.
 */
const lastDay = new Map<string, { from: number; until: number; date: Temporal.PlainDate }>();

/** The calendar date of an instant in a time zone (e.g. Europe/Paris). */
export function localDate(instant: Temporal.Instant, timeZone: string): Temporal.PlainDate {
  const ms = instant.epochMilliseconds;
  const day = lastDay.get(timeZone);
  if (day && day.from <= ms && ms < day.until) return day.date;
  const zoned = instant.toZonedDateTimeISO(timeZone);
  const date = zoned.toPlainDate();
  const from = zoned.startOfDay().epochMilliseconds;
  const until = date.add({ days: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds;
  lastDay.set(timeZone, { from, until, date });
  return date;
}

/**
 * A fact's time as staff give it: an ISO instant, or a bare day `YYYY-MM-DD` (a letter received on
 * Tuesday) standing for the start of that day in the shop's zone — not noon: the law counts the
 * day, the instant only orders the facts, and noon of today may not have come yet when staff
 * record this morning's delivery (it would be refused as in the future). The start of the day
 * keeps the local day exact whatever the zone's offset.
 */
export function factTime(at: string, timeZone: string): { on: Temporal.PlainDate; instant: Temporal.Instant } {
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) {
    const on = Temporal.PlainDate.from(at);
    return { on, instant: on.toZonedDateTime(timeZone).toInstant() };
  }
  const instant = Temporal.Instant.from(at);
  return { on: localDate(instant, timeZone), instant };
}
