/** Pieces the rounds pages share: a stop's address, its items, its state in words. */
import type { Lang } from '../../kernel/i18n/index.ts';
import { t } from '../../kernel/i18n/index.ts';
import { dateTimeFormat } from '../../kernel/intl.ts';
import type { RoundStop } from '../../flows/volunteer-rounds.ts';

const LOCALE: Record<Lang, string> = { fr: 'fr-BE', en: 'en-GB', nl: 'nl-BE' };

/** An instant on the shop's wall clock: "5 sept. 2026, 10:15". */
export const shopDateTime = (lang: Lang, at: Date, timeZone: string) => dateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(at);

/** The round's day written out: "samedi 5 septembre 2026". */
export const roundDay = (lang: Lang, day: string) => dateTimeFormat(LOCALE[lang], { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

export function StopAddress({ stop }: { stop: RoundStop }) {
  const a = stop.order?.address;
  if (!a) return null;
  return (
    <address>
      {a.line1}
      <br />
      {a.postalCode} {a.city}
    </address>
  );
}

export function StopItems({ lang, stop }: { lang: Lang; stop: RoundStop }) {
  return (
    <ul aria-label={t(lang, 'rounds.items')}>
      {(stop.order?.items ?? []).map((i) => (
        <li>
          {i.quantity} × {i.name}
        </li>
      ))}
    </ul>
  );
}

export function stopState(lang: Lang, stop: RoundStop, timeZone: string): string {
  if (stop.outcome === 'delivered' && stop.outcome_at) return t(lang, 'rounds.stop.delivered', { at: shopDateTime(lang, stop.outcome_at, timeZone) });
  if (stop.outcome === 'absent' && stop.outcome_at) return `${t(lang, 'rounds.stop.absent', { at: shopDateTime(lang, stop.outcome_at, timeZone) })}${stop.outcome_note ? ` — ${stop.outcome_note}` : ''}`;
  return t(lang, 'rounds.stop.pending');
}
