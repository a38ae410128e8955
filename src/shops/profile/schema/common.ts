/**
 * Building blocks shared by every section of the profile schema.
 *
 * Conventions (the same in every section, so a profile reads one way throughout):
 * - keys are camelCase English; every object is strict, so a misspelt key is an error;
 * - money is integer cents (`…Cents`), rates and percentages are basis points (`…Bp`, 5000 = 50 %);
 * - every period is an ISO-8601 duration string (`Duration`: P14D, P2M, PT72H); when a clause
 *   counts other than calendar days, a sibling `counting` says how (see `Counting`);
 * - dates are ISO calendar dates (`IsoDate`) read in the shop's time zone.
 * Each primitive carries its own plain-English expectation, used in validation messages.
 */
import { z } from 'zod';
import { isDuration } from '../duration.ts';

/** Describes what went wrong in the words of the expectation ("must be a whole number ≥ 1 (got "four")"). */
export function expecting(description: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined
      ? `is missing (expected ${description})`
      : `must be ${description} (got ${showValue(issue.input)})`;
}

export function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'a group of settings';
  return String(value);
}

export function wholeNumber(min = 0, max?: number) {
  const description =
    max === undefined ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`;
  const error = expecting(description);
  const base = z.number({ error }).int({ error }).min(min, { error });
  return max === undefined ? base : base.max(max, { error });
}

export const Cents = wholeNumber(0);
/** Basis points: 10000 = 100 %. */
export const Bp = wholeNumber(0, 10000);

export const Text = z.string({ error: expecting('text') }).trim().min(1, { error: expecting('non-empty text') });

export const Flag = z.boolean({ error: expecting('true or false') });

export const Duration = z
  .string({ error: expecting('a duration such as P14D, P2M or PT72H') })
  .refine(isDuration, { error: expecting('a duration such as P14D, P2M or PT72H') });

function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const IsoDate = z
  .string({ error: expecting('a date written YYYY-MM-DD') })
  .refine(isCalendarDate, { error: expecting('a real date written YYYY-MM-DD') });

/** A day of any year, "MM-DD", for yearly campaigns (001 CG §4 hard-codes 2016; A-08). */
export const MonthDay = z
  .string({ error: expecting('a day of the year written MM-DD') })
  .refine((t) => isCalendarDate(`2000-${t}`), { error: expecting('a real day of the year written MM-DD') });

export const Slug = z
  .string({ error: expecting('a slug (lowercase letters, digits and hyphens)') })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: expecting('a slug (lowercase letters, digits and hyphens)') });

export const CountryCode = z
  .string({ error: expecting('a two-letter country code such as FR or BE') })
  .regex(/^[A-Z]{2}$/, { error: expecting('a two-letter country code such as FR or BE') });

export const Email = z
  .string({ error: expecting('an e-mail address') })
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: expecting('an e-mail address') });

export const Url = z
  .string({ error: expecting('a web address starting with https://') })
  .regex(/^https?:\/\/[^\s/]+\.[^\s]+$/, { error: expecting('a web address starting with https://') });

export const Phone = z
  .string({ error: expecting('a phone number') })
  .regex(/^\+?[0-9][0-9 .()-]{5,19}$/, { error: expecting('a phone number') });

export const LanguageCode = z.enum(['fr', 'en', 'nl']);
export type LanguageCode = z.infer<typeof LanguageCode>;

/** Text in the shop's languages; French is always present (DESIGN §10: French first). */
export const LocalizedText = z.strictObject({ fr: Text, en: Text.optional(), nl: Text.optional() });

// Postal codes are checked for the two countries the platform serves, so a Belgian 4-digit
// code typed into a French address is caught at load.
const POSTAL_CODES: Readonly<Record<string, RegExp>> = { FR: /^\d{5}$/, BE: /^\d{4}$/ };

export const Address = z
  .strictObject({
    line1: Text,
    line2: Text.optional(),
    postalCode: z.string({ error: expecting('a postal code written as text, e.g. "75008"') }),
    city: Text,
    country: CountryCode,
  })
  .superRefine((address, ctx) => {
    const pattern = POSTAL_CODES[address.country];
    if (pattern && !pattern.test(address.postalCode)) {
      ctx.addIssue({
        code: 'custom',
        path: ['postalCode'],
        message: `must be a ${address.country === 'FR' ? '5' : '4'}-digit ${address.country} postal code (got ${showValue(address.postalCode)})`,
        input: address.postalCode,
      });
    }
  });
export type Address = z.infer<typeof Address>;

export const CustomerKind = z.enum(['consumer', 'non_professional', 'professional']);
export type CustomerKind = z.infer<typeof CustomerKind>;

/** A non-empty list of customer kinds, each at most once. */
export const CustomerKinds = z
  .array(CustomerKind)
  .min(1, { error: 'must list at least one customer kind' })
  .refine((kinds) => new Set(kinds).size === kinds.length, { error: 'lists a customer kind twice' });

/**
 * How the days of a period are counted (SPEC §0.2). The calendar engine implements each one.
 * - calendar_days: every day counts, the event day does not;
 * - calendar_days_extended: same, and an end on Sat/Sun/holiday moves to the next working day
 *   ("jours francs" with extension; Reg. 1182/71 art. 3(4));
 * - working_days: jours ouvrables, Monday–Saturday without public holidays;
 * - business_days: jours ouvrés, Monday–Friday without public holidays;
 * - hours_excl_holidays: clock hours, hours falling on a public holiday are skipped (003 art.7.2);
 * - days_excl_holidays: days after the event, public holidays skipped, Saturdays count (C. com. L133-3).
 */
export const Counting = z.enum([
  'calendar_days',
  'calendar_days_extended',
  'working_days',
  'business_days',
  'hours_excl_holidays',
  'days_excl_holidays',
]);
export type Counting = z.infer<typeof Counting>;

/** The event a period runs from; day 0 is that event's day (SPEC §0.2). */
export const PeriodStart = z.enum([
  'order_received',
  'conclusion',
  'shipment',
  'delivery',
  'receipt_or_discovery',
  'discovery',
  'defect_appears',
  'defect_found',
  'damage_occurred',
  'invoice_received',
  'notice_received',
  'termination_notice',
  'registered_letter_first_presented',
  'registered_letter_received_or_first_presented',
  'written_complaint',
]);

/** A period with its counting rule and the event it runs from. */
export const Period = z.strictObject({
  within: Duration,
  counting: Counting.optional(),
  from: PeriodStart.optional(),
});
export type Period = z.infer<typeof Period>;

/** A closed set of words, each at most once (channels, exclusions, rights…). */
export function uniqueList<T extends z.ZodType>(item: T, min = 0) {
  return z
    .array(item)
    .min(min, { error: `must list at least ${min} item${min === 1 ? '' : 's'}` })
    .refine((items) => new Set(items).size === items.length, { error: 'lists the same item twice' });
}
