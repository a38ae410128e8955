import type { Product } from '../../../catalogue/service.ts';
import { localized } from '../../../catalogue/service.ts';
import { money } from '../../../kernel/i18n/money.ts';
import { type Lang, type MessageKey, t } from '../../../kernel/i18n/index.ts';
import type { Finding } from '../../../shops/profile/check.ts';
import type { Shop } from '../../../shops/service.ts';

type CustomerLine = { id: string; kind: string; email: string; first_name: string; last_name: string; company_name: string | null };
type Props = { lang: Lang; shop: Shop; counts: { products: number; customers: number; staff: number }; products: Product[]; customers: CustomerLine[]; findings: Finding[]; saved: boolean };

export function StaffDashboard({ lang, shop, counts, products, customers, findings, saved }: Props) {
  return (
    <>
      <h1>{t(lang, 'staff.title', { shop: shop.name })}</h1>
      <p><a href={`/shops/${shop.slug}/staff/orders`}>{t(lang, 'staffOrders.link')}</a></p>
      <p><a href={`/shops/${shop.slug}/staff/today`}>{t(lang, 'today.link')}</a></p>
      <p><a href={`/shops/${shop.slug}/staff/bank`}>{t(lang, 'bank.title')}</a></p>
      {shop.profile.delivery?.modes.some((m) => m.mode === 'volunteer') && <p><a href={`/shops/${shop.slug}/staff/rounds`}>{t(lang, 'rounds.link')}</a></p>}
      <p><a href={`/shops/${shop.slug}/staff/campaigns`}>{t(lang, 'campaign.list.title')}</a></p>
      {shop.profile.delivery?.modes.some((m) => m.mode === 'pickup') && <p><a href={`/shops/${shop.slug}/staff/pickup-points`}>{t(lang, 'delivery.staff.link')}</a></p>}
      <dl class="facts">
        <dt>{t(lang, 'staff.products')}</dt>
        <dd>{counts.products}</dd>
        <dt>{t(lang, 'staff.customers')}</dt>
        <dd>{counts.customers}</dd>
        <dt>{t(lang, 'staff.staff')}</dt>
        <dd>{counts.staff}</dd>
        <dt>{t(lang, 'staff.profileHash')}</dt>
        <dd><code>{shop.profileSha256}</code></dd>
      </dl>
      <p><a href={`/shops/${shop.slug}/staff/refunds`}>{t(lang, 'refund.staff.link')}</a></p>
      <h2>{t(lang, 'staff.findings')}</h2>
      {findings.length === 0 ? (
        <p>{t(lang, 'staff.noFindings')}</p>
      ) : (
        <ul>
          {findings.map((f) => (
            <li><strong>{f.severity}</strong> — <code>{f.path}</code> : {f.message}</li>
          ))}
        </ul>
      )}
      <h2>{t(lang, 'staff.products')}</h2>
      {saved && <p class="notice" role="status">{t(lang, 'staff.saved')}</p>}
      <p><a href={`/shops/${shop.slug}/staff/products/new`}>{t(lang, 'staff.newProduct')}</a></p>
      <table>
        <caption class="muted">{t(lang, 'shop.results', { n: products.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'staff.sku')}</th>
            <th scope="col">{t(lang, 'staff.name')}</th>
            <th scope="col" class="num">{t(lang, 'staff.price')}</th>
            <th scope="col" class="num">{t(lang, 'staff.stock')}</th>
          </tr>
        </thead>
        <tbody>
          {products.map((p) => (
            <tr>
              <td><a href={`/shops/${shop.slug}/staff/products/${p.id}`}>{p.sku}</a></td>
              <td>{localized(p.name, lang)}</td>
              <td class="num">{money(lang, p.unitPriceCents)}</td>
              <td class="num">{p.stock}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t(lang, 'staff.customers')}</h2>
      {customers.length === 0 ? (
        <p>{t(lang, 'staff.noCustomers')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'staff.name')}</th>
              <th scope="col">{t(lang, 'staff.email')}</th>
              <th scope="col">{t(lang, 'staff.kind')}</th>
            </tr>
          </thead>
          <tbody>
            {customers.map((c) => (
              <tr>
                <td>{c.first_name} {c.last_name}{c.company_name ? ` (${c.company_name})` : ''}</td>
                <td>{c.email}</td>
                <td>{t(lang, `accounts.kind.${c.kind}` as MessageKey)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
