/** Words for the codes the back office's order pages show. */
import { hasMessage, type Lang, t } from '../../../kernel/i18n/index.ts';
import { dateTimeFormat } from '../../../kernel/intl.ts';

const LOCALE: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB', nl: 'nl-BE' };

/** A code in words when the catalogue has them (`order.status.accepted`), else the code itself. */
export function label(lang: Lang, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  const words = hasMessage(key) ? t(lang, key) : code;
  return words.charAt(0).toLocaleUpperCase() + words.slice(1);
}

/** The shop-local calendar date of an instant. */
export function shopDate(lang: Lang, at: Date, timeZone: string): string {
  return dateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeZone }).format(at);
}

/** A `YYYY-MM-DD` legal date, as the language writes it (no time zone: it is already a calendar date). */
export function plainDate(lang: Lang, date: string): string {
  return dateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}
