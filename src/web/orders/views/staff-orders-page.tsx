/**
 * Back office "Commandes": the shop's orders, newest first, 50 a page, filtered by status with a
 * plain GET form (no JavaScript).
 */
import { money } from '../../../kernel/i18n/money.ts';
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import type { Shop } from '../../../shops/service.ts';
import { ORDER_STATUSES, type StaffOrderLine, type StaffOrdersQuery } from '../../../orders/staff-orders.ts';
import { label, shopDate } from './labels.ts';

type Props = { lang: Lang; shop: Shop; orders: readonly StaffOrderLine[]; query: StaffOrdersQuery; hasNext: boolean };

export function StaffOrdersPage({ lang, shop, orders, query, hasNext }: Props) {
  const base = `/shops/${shop.slug}/staff/orders`;
  const pageUrl = (page: number) => `${base}?${new URLSearchParams({ ...(query.status && { status: query.status }), page: String(page) })}`;
  return (
    <>
      <h1>{t(lang, 'staffOrders.title')}</h1>
      <p><a href={`/shops/${shop.slug}/staff/today`}>{t(lang, 'today.link')}</a></p>
      <form method="get" action={base} class="inline-form">
        <label for="f-status">{t(lang, 'staffOrders.filter.status')}</label>{' '}
        <select id="f-status" name="status">
          <option value="">{t(lang, 'staffOrders.filter.all')}</option>
          {ORDER_STATUSES.map((s) => (
            <option value={s} selected={query.status === s ? true : undefined}>{label(lang, 'order.status', s)}</option>
          ))}
        </select>{' '}
        <button type="submit">{t(lang, 'staffOrders.filter.submit')}</button>
      </form>
      {orders.length === 0 ? (
        <p>{t(lang, 'staffOrders.none')}</p>
      ) : (
        <table>
          <caption class="muted">{t(lang, 'staffOrders.caption', { page: query.page })}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'staffOrders.col.number')}</th>
              <th scope="col">{t(lang, 'staffOrders.col.placedOn')}</th>
              <th scope="col">{t(lang, 'staffOrders.col.customer')}</th>
              <th scope="col" class="num">{t(lang, 'staffOrders.col.total')}</th>
              <th scope="col">{t(lang, 'staffOrders.col.status')}</th>
              <th scope="col">{t(lang, 'staffOrders.col.payment')}</th>
              <th scope="col">{t(lang, 'staffOrders.col.method')}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr>
                <td><a href={`${base}/${o.id}`}>{o.number}</a></td>
                <td>{shopDate(lang, o.placedAt, shop.timeZone)}</td>
                <td>{o.customerName}{o.guest && <> <span class="badge">{t(lang, 'staffOrders.guest')}</span></>}</td>
                <td class="num">{money(lang, o.grossCents)}</td>
                <td>{label(lang, 'order.status', o.status)}</td>
                <td>{label(lang, 'payment.status', o.paymentStatus)}</td>
                <td>{label(lang, 'payment', o.paymentMethod)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(query.page > 1 || hasNext) && (
        <nav aria-label={t(lang, 'staffOrders.pages')}>
          <p>
            {query.page > 1 && <a href={pageUrl(query.page - 1)} rel="prev">{t(lang, 'staffOrders.previous')}</a>}
            {query.page > 1 && hasNext && ' · '}
            {hasNext && <a href={pageUrl(query.page + 1)} rel="next">{t(lang, 'staffOrders.next')}</a>}
          </p>
        </nav>
      )}
    </>
  );
}
