/**
 * Dates of versions as people read them, in the page's language: "1 janvier 2027".
 * A version's dates are calendar dates of the shop's zone; they are formatted as plain dates
 * (UTC), never shifted through an instant.
 */
import type { Lang } from '../../kernel/i18n/index.ts';
import { dateTimeFormat } from '../../kernel/intl.ts';

const LOCALES: Readonly<Record<Lang, string>> = { fr: 'fr-FR', en: 'en-GB', nl: 'nl-BE' };

export function longDate(lang: Lang, isoDate: string): string {
  return dateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}
