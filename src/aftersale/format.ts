/** Dates and addresses as the withdrawal's e-mail, PDF and pages write them, in the reader's language. */
import { type Lang, hasMessage, type MessageKey, t } from '../kernel/i18n/index.ts';
import { LOCALES } from '../kernel/i18n/money.ts';
import { dateTimeFormat } from '../kernel/intl.ts';

/** A calendar day `YYYY-MM-DD`, written out ("vendredi 17 juillet 2026"). */
export const longDate = (lang: Lang, iso: string) => dateTimeFormat(LOCALES[lang], { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

/** An instant on the shop's wall clock, with the zone named: the acknowledgement's "date and time". */
export const dateTime = (lang: Lang, at: Date, timeZone: string) =>
  `${dateTimeFormat(LOCALES[lang], { dateStyle: 'full', timeStyle: 'long', timeZone }).format(at)}`;

export const addressLine = (a: { line1: string; line2?: string | undefined; postalCode: string; city: string; country: string } | null) =>
  a ? [a.line1, a.line2, `${a.postalCode} ${a.city}`, a.country].filter(Boolean).join(', ') : '';

/** A legal exception's words ("bien personnalisé"), or the code when the catalogue has none. */
export const exceptionLabel = (lang: Lang, code: string) => (hasMessage(`exception.${code}`) ? t(lang, `exception.${code}` as MessageKey) : code);

export const channelLabel = (lang: Lang, channel: string) => (hasMessage(`withdrawal.channel.${channel}`) ? t(lang, `withdrawal.channel.${channel}` as MessageKey) : channel);
