import { cents, formatEuros } from '../money.ts';
import type { Lang } from './entry.ts';

/** The locale each language formats numbers and dates with. */
export const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB', nl: 'nl-BE' };

/** An amount in cents as the reader's language writes euros (pages, e-mails, PDFs alike). */
export function money(lang: Lang, amount: number): string {
  return formatEuros(cents(amount), LOCALES[lang]);
}
