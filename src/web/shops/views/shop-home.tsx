import { type Lang, type MessageKey, t } from '../../../kernel/i18n/index.ts';
import { encodeCursor } from '../../../catalogue/cursor.ts';
import type { CataloguePage } from '../../../catalogue/service.ts';
import { ProductCard } from '../../catalogue/views/product-card.tsx';
import type { Shop } from '../../../shops/service.ts';
import { DeliveryFees } from '../../delivery/views/delivery-fees.tsx';

/** `payment`: no usable means of payment here, or card payments simulated (issue 8 §12). */
/** `page`: the page's number, shown without a total beyond the catalogue's exact count (`catalogue.totalExact`). */
type Props = { lang: Lang; shop: Shop; catalogue: CataloguePage; page: number; search: string; max: string; sort: string; showHt: boolean; csrf?: string | undefined; payment?: 'none' | 'simulated' | null };

export function ShopHome({ lang, shop, catalogue, page, search, max, sort, showHt, csrf, payment }: Props) {
  const base = `/shops/${shop.slug}`;
  const products = catalogue.items;
  // Keyset pages (issue 9): the next link carries where the next page starts, not how many rows to skip.
  const link = (after?: string) => `${base}?${new URLSearchParams({ ...(search && { q: search }), ...(max && { max }), sort, ...(after && { after, page: String(page + 1) }) })}`;
  const results = catalogue.totalExact ? t(lang, 'shop.results', { n: catalogue.total }) : t(lang, 'shop.resultsAbout', { n: catalogue.total });
  return (
    <>
      <h1>{shop.name}</h1>
      {/* Said here, before anyone creates an account, not only at checkout. */}
      {payment === 'none' && <p class="notice" role="note">{t(lang, 'card.noMethod')}</p>}
      {payment === 'simulated' && <p class="notice" role="note">{t(lang, 'card.simulated.shopNotice')}</p>}
      <p>
        {t(lang, 'shop.customersServed')}{' '}
        {shop.profile.customers.kinds.map((k) => t(lang, `accounts.kind.${k}` as MessageKey)).join(', ')}.
      </p>
      <DeliveryFees lang={lang} profile={shop.profile} />
      <h2>{t(lang, 'shop.catalogue')}</h2>
      <form method="get" action={base} role="search">
        <div class="field">
          <label for="q">{t(lang, 'shop.search')}</label>
          <input id="q" name="q" type="search" value={search} />
        </div>
        <div class="field">
          <label for="max">{t(lang, 'shop.maxPrice')}</label>
          <input id="max" name="max" type="number" min="0" step="1" inputmode="numeric" value={max} />
        </div>
        <div class="field">
          <label for="sort">{t(lang, 'shop.sort')}</label>
          <select id="sort" name="sort">
            {(['sku', 'price_asc', 'price_desc'] as const).map((s) => <option value={s} selected={s === sort}>{t(lang, `shop.sort.${s}`)}</option>)}
          </select>
        </div>
        <button type="submit">{t(lang, 'shop.searchSubmit')}</button>
      </form>
      <p role="status">{results}{page > 1 && ` · ${t(lang, 'shop.page', { n: page })}`}</p>
      {products.length === 0 ? (
        <p>{t(lang, 'shop.empty')}</p>
      ) : (
        <ul class="cards">
          {products.map((p) => <ProductCard lang={lang} product={p} shopSlug={shop.slug} showHt={showHt} csrf={csrf} />)}
        </ul>
      )}
      {(page > 1 || catalogue.next) && (
        <nav aria-label={t(lang, 'shop.pagination')}>
          <ul>
            {page > 1 && <li><a href={link()}>{t(lang, 'shop.first')}</a></li>}
            {catalogue.next && <li><a href={link(encodeCursor(catalogue.next))} rel="next">{t(lang, 'shop.next')}</a></li>}
          </ul>
        </nav>
      )}
    </>
  );
}
