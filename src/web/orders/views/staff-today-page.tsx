/**
 * Back office "Aujourd'hui" (issue 11 §7): every order whose deadline is near or passed on the
 * shop's day, the most urgent first, each linked to its order page.
 */
import { type Lang, type MessageKey, t } from '../../../kernel/i18n/index.ts';
import type { TodayLine } from '../../../flows/staff-today.ts';
import type { Shop } from '../../../shops/service.ts';
import { plainDate } from './labels.ts';

/** "dépassée de 2 j", "aujourd'hui", "dans 3 j". */
export function whenLabel(lang: Lang, daysLeft: number): string {
  if (daysLeft < 0) return t(lang, 'today.when.overdue', { days: -daysLeft });
  return daysLeft === 0 ? t(lang, 'today.when.today') : t(lang, 'today.when.in', { days: daysLeft });
}

export function StaffTodayPage({ lang, shop, today, lines }: { lang: Lang; shop: Shop; today: string; lines: readonly TodayLine[] }) {
  const base = `/shops/${shop.slug}/staff/orders`;
  return (
    <>
      <p><a href={base}>{t(lang, 'staffOrders.back')}</a></p>
      <h1>{t(lang, 'today.title')}</h1>
      <p>{t(lang, 'today.intro', { date: plainDate(lang, today) })}</p>
      {lines.length === 0 ? (
        <p>{t(lang, 'today.none')}</p>
      ) : (
        <table>
          <caption class="muted">{t(lang, 'today.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'today.col.order')}</th>
              <th scope="col">{t(lang, 'today.col.customer')}</th>
              <th scope="col">{t(lang, 'today.col.kind')}</th>
              <th scope="col">{t(lang, 'today.col.on')}</th>
              <th scope="col">{t(lang, 'today.col.when')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr class={l.overdue ? 'overdue' : undefined}>
                <th scope="row"><a href={`${base}/${l.orderId}`}>{l.number}</a></th>
                <td>{l.customerName}</td>
                <td>{t(lang, `today.kind.${l.kind}` as MessageKey)}</td>
                <td>{plainDate(lang, l.on)}</td>
                <td>{l.overdue ? <strong>{whenLabel(lang, l.daysLeft)}</strong> : whenLabel(lang, l.daysLeft)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
