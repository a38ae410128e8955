/**
 * Intl formatters, built once per locale and options for the life of the process. Building one
 * loads the locale's data (ICU) and costs far more than formatting with it: `formatEuros` building
 * its NumberFormat per price was 19 % of a catalogue page (issue 9). Formatters are immutable, so
 * sharing them is safe; the key set is small (3 languages × a few styles).
 */
const cache = new Map<string, unknown>();

function cached<T>(kind: string, args: unknown[], build: () => T): T {
  const key = `${kind}:${JSON.stringify(args)}`;
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    value = build();
    cache.set(key, value);
  }
  return value;
}

export const numberFormat = (locale: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat =>
  cached('number', [locale, options], () => new Intl.NumberFormat(locale, options));

/** A time zone that does not exist throws here, as the constructor does, and nothing is cached. */
export const dateTimeFormat = (locale: string, options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  cached('date', [locale, options], () => new Intl.DateTimeFormat(locale, options));

export const displayNames = (locales: string[], options: Intl.DisplayNamesOptions): Intl.DisplayNames =>
  cached('names', [locales, options], () => new Intl.DisplayNames(locales, options));
