/**
 * Periods in profiles are ISO-8601 durations ("P14D", "P2M", "P1W", "PT72H"). One notation for
 * every period keeps the YAML uniform; how the days are *counted* (calendar days, jours ouvrés,
 * hours skipping holidays…) is a separate `counting` field, because ISO-8601 cannot say it.
 *
 * Deadlines themselves are computed by the legal calendar (kernel); this module only parses,
 * describes and compares the configured lengths, which is what validation and the checker need.
 */

const PATTERN = /^P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?)?$/;

export interface DurationParts {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
}

export function isDuration(text: string): boolean {
  return PATTERN.test(text);
}

export function parseDuration(text: string): DurationParts {
  const match = PATTERN.exec(text);
  if (!match) throw new RangeError(`not an ISO-8601 duration: ${JSON.stringify(text)}`);
  const n = (i: number) => Number(match[i] ?? 0);
  return { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6) };
}

/** Whole months when the duration has only years/months, else undefined. */
function exactMonths(p: DurationParts): number | undefined {
  if (p.weeks || p.days || p.hours || p.minutes) return undefined;
  return p.years * 12 + p.months;
}

/** Exact minutes when the duration has no years/months, else undefined. */
function exactMinutes(p: DurationParts): number | undefined {
  if (p.years || p.months) return undefined;
  return ((p.weeks * 7 + p.days) * 24 + p.hours) * 60 + p.minutes;
}

// Mean Gregorian month, used only when comparing a month-based period with a day-based one
// (e.g. a DSAR reply set as "P31D" against the GDPR's "one month").
const MINUTES_PER_MONTH = (365.2425 / 12) * 24 * 60;

function nominalMinutes(p: DurationParts): number {
  return (p.years * 12 + p.months) * MINUTES_PER_MONTH + (exactMinutes({ ...p, years: 0, months: 0 }) ?? 0);
}

/** -1 if a is shorter than b, 0 if equal, 1 if longer. */
export function compareDurations(a: string, b: string): -1 | 0 | 1 {
  const pa = parseDuration(a);
  const pb = parseDuration(b);
  const [ma, mb] = [exactMonths(pa), exactMonths(pb)];
  const [xa, xb] =
    ma !== undefined && mb !== undefined
      ? [ma, mb]
      : [exactMinutes(pa) ?? nominalMinutes(pa), exactMinutes(pb) ?? nominalMinutes(pb)];
  return xa < xb ? -1 : xa > xb ? 1 : 0;
}

export const isShorter = (a: string, b: string): boolean => compareDurations(a, b) < 0;
export const isLonger = (a: string, b: string): boolean => compareDurations(a, b) > 0;

const UNITS: ReadonlyArray<[keyof DurationParts, string]> = [
  ['years', 'year'],
  ['months', 'month'],
  ['weeks', 'week'],
  ['days', 'day'],
  ['hours', 'hour'],
  ['minutes', 'minute'],
];

/** "P14D" → "14 days", "P1Y6M" → "1 year and 6 months", "PT72H" → "72 hours". */
export function describeDuration(text: string): string {
  const parts = parseDuration(text);
  const words = UNITS.filter(([key]) => parts[key] > 0).map(
    ([key, unit]) => `${parts[key]} ${unit}${parts[key] === 1 ? '' : 's'}`,
  );
  if (words.length === 0) return 'no time at all';
  return words.length === 1 ? (words[0] as string) : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
