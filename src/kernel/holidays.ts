/**
 * Public-holiday calendars for the jurisdictions Comptoir serves.
 *
 * Source: npm `date-holidays` (pinned in package-lock), keeping only entries of
 * type 'public'. Observances (BE Easter Sunday, 2 Nov, Fête du Roi, Mother's
 * Day…; FR Pentecost Sunday…) never extend a deadline (LEGAL §A12 pitfall 1).
 * For 2025–2035 the 'public' entries are exactly the legal lists — FR: Code du
 * travail L3133-1 (11 days); Alsace-Moselle: + Good Friday and 26 Dec
 * (L3134-13); BE: the 10 days of the law of 4 Jan 1974 — and holidays.test.ts
 * checks this against an independent Easter computation, so a dataset update
 * that adds or drops a day fails the build instead of silently moving
 * deadlines (LEGAL §A12 pitfall 5). We therefore use the library's public days
 * as they are, with no local allow-list to drift out of date.
 */
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import { Temporal } from 'temporal-polyfill';

/**
 * date-holidays holds every country's rules (≈ 20 MB once loaded): it is loaded, synchronously,
 * by the first date checked rather than at start-up (issue 9: idle memory).
 */
let HolidaysClass: typeof Holidays | undefined;
const loadHolidays = (): typeof Holidays => {
  HolidaysClass ??= createRequire(import.meta.url)('date-holidays') as typeof Holidays;
  return HolidaysClass;
};

/**
 * Where a period is performed. Alsace-Moselle (departments 57, 67, 68) has two
 * extra holidays; Good Friday is only legal in some of its communes but is
 * treated as a holiday in all three departments, which only ever lengthens a
 * consumer's period (LEGAL §A12).
 */
export type Jurisdiction = { country: 'FR' | 'BE'; zone?: 'alsace-moselle' };

/** Any of the three departments: date-holidays gives them identical rules. */
const ALSACE_MOSELLE_STATE = '57';

const calendars = new Map<string, Holidays>();
const byYear = new Map<string, { dates: readonly Temporal.PlainDate[]; iso: Set<string> }>();

function jurisdictionKey(j: Jurisdiction): string {
  return j.zone === 'alsace-moselle' ? `${j.country}-${j.zone}` : j.country;
}

function calendarFor(j: Jurisdiction): Holidays {
  const key = jurisdictionKey(j);
  let calendar = calendars.get(key);
  if (calendar === undefined) {
    if (j.zone === 'alsace-moselle' && j.country !== 'FR') {
      throw new RangeError(`Zone alsace-moselle only exists in FR, not ${j.country}`);
    }
    const Calendar = loadHolidays();
    calendar =
      j.zone === 'alsace-moselle'
        ? new Calendar(j.country, ALSACE_MOSELLE_STATE)
        : new Calendar(j.country);
    calendars.set(key, calendar);
  }
  return calendar;
}

function loadYear(j: Jurisdiction, year: number) {
  if (!Number.isSafeInteger(year)) throw new RangeError(`Not a year: ${year}`);
  const key = `${jurisdictionKey(j)}:${year}`;
  let entry = byYear.get(key);
  if (entry === undefined) {
    // `date` is "YYYY-MM-DD hh:mm:ss" in the country's own time zone, so the
    // local calendar date is its first 10 characters (LEGAL §A12 pitfall 4).
    const iso = new Set(
      calendarFor(j)
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    const dates = Object.freeze(
      [...iso].sort().map((d) => Temporal.PlainDate.from(d)),
    );
    entry = { dates, iso };
    byYear.set(key, entry);
  }
  return entry;
}

/** The legal public holidays of a jurisdiction in a year, sorted, cached per (jurisdiction, year). */
export function publicHolidays(j: Jurisdiction, year: number): readonly Temporal.PlainDate[] {
  return loadYear(j, year).dates;
}

export function isPublicHoliday(date: Temporal.PlainDate, j: Jurisdiction): boolean {
  return loadYear(j, date.year).iso.has(date.toString());
}
