/**
 * The member's pickups and deliveries (issue 12 §6): for each pickup order its distribution point
 * (name, address, opening hours) and slot, for each home delivery by members the day of its round
 * — nothing of the volunteer. Upcoming first, then the recent ones.
 */
import type { HandOver } from '../../../flows/member-deliveries.ts';
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import { dateTimeFormat } from '../../../kernel/intl.ts';
import type { Shop } from '../../../shops/service.ts';
import { slotText } from '../../checkout/views/delivery-facts.tsx';
import { statusLabel } from '../../checkout/views/order-page.tsx';

const LOCALE: Record<Lang, string> = { fr: 'fr-BE', en: 'en-GB', nl: 'nl-BE' };
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "samedi 5 septembre 2026": a calendar day (a round's), as the language writes it. */
export function dayText(lang: Lang, day: string): string {
  return dateTimeFormat(LOCALE[lang], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

/** "mercredi, samedi 09:00–12:00". */
function openingText(lang: Lang, o: { days: readonly string[]; from: string; to: string }): string {
  const name = dateTimeFormat(LOCALE[lang], { weekday: 'long', timeZone: 'UTC' });
  const days = o.days.map((d) => name.format(new Date(Date.UTC(2026, 0, 5 + Math.max(0, WEEKDAYS.indexOf(d)), 12))));
  return `${days.join(', ')} ${o.from}–${o.to}`;
}

function HandOverItem({ lang, shop, h }: { lang: Lang; shop: Shop; h: HandOver }) {
  return (
    <li>
      <h3><a href={`/shops/${shop.slug}/orders/${h.orderId}`}>{t(lang, 'rounds.member.order', { number: h.number })}</a></h3>
      <dl class="facts">
        <dt>{t(lang, 'rounds.member.status')}</dt>
        <dd>{statusLabel(lang, h.status)}</dd>
        {h.kind === 'pickup' ? (
          <>
            <dt>{t(lang, 'rounds.member.pickup')}</dt>
            <dd>
              {h.point.name}
              {h.point.address && `, ${h.point.address.line1}, ${h.point.address.postalCode} ${h.point.address.city}`}
            </dd>
            {h.point.opening.length > 0 && (
              <>
                <dt>{t(lang, 'rounds.member.opening')}</dt>
                <dd>{h.point.opening.map((o, i) => (i === 0 ? openingText(lang, o) : `; ${openingText(lang, o)}`))}</dd>
              </>
            )}
            <dt>{t(lang, 'rounds.member.slot')}</dt>
            <dd>{h.slot ? <strong>{slotText(lang, h.slot, shop.timeZone)}</strong> : t(lang, 'rounds.member.slotToCome')}</dd>
          </>
        ) : (
          <>
            <dt>{t(lang, 'rounds.member.round')}</dt>
            <dd>{h.roundOn ? <strong>{t(lang, 'rounds.member.roundOn', { day: dayText(lang, h.roundOn) })}</strong> : t(lang, 'rounds.member.roundToCome')}</dd>
          </>
        )}
      </dl>
    </li>
  );
}

export function MemberDeliveriesPage({ lang, shop, handOvers }: { lang: Lang; shop: Shop; handOvers: readonly HandOver[] }) {
  const upcoming = handOvers.filter((h) => h.upcoming);
  const recent = handOvers.filter((h) => !h.upcoming);
  return (
    <>
      <h1>{t(lang, 'rounds.member.title')}</h1>
      <p>{t(lang, 'rounds.member.intro')}</p>
      {handOvers.length === 0 && <p>{t(lang, 'rounds.member.none')}</p>}
      {upcoming.length > 0 && (
        <section aria-labelledby="deliveries-upcoming">
          <h2 id="deliveries-upcoming">{t(lang, 'rounds.member.upcoming')}</h2>
          <ul>{upcoming.map((h) => <HandOverItem lang={lang} shop={shop} h={h} />)}</ul>
        </section>
      )}
      {recent.length > 0 && (
        <section aria-labelledby="deliveries-recent">
          <h2 id="deliveries-recent">{t(lang, 'rounds.member.recent')}</h2>
          <ul>{recent.map((h) => <HandOverItem lang={lang} shop={shop} h={h} />)}</ul>
        </section>
      )}
    </>
  );
}

/**
 * The order page's line (issue 12 §6): for an order on a volunteer round, the round's day; for a
 * pickup or home delivery by members, the way to all the member's pickups and deliveries.
 */
export function HandOverLine({ lang, shop, mode, roundOn }: { lang: Lang; shop: Shop; mode: string | undefined; roundOn: string | null }) {
  const link = <a href={`/shops/${shop.slug}/account/deliveries`}>{t(lang, 'rounds.member.title')}</a>;
  if (roundOn) return <p class="notice">{t(lang, 'rounds.member.orderLine', { day: dayText(lang, roundOn) })} {link}</p>;
  return mode === 'pickup' || mode === 'volunteer' ? <p>{link}</p> : null;
}
