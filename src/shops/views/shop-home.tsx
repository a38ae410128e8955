import { type Lang, type MessageKey, t } from '../../kernel/i18n/index.ts';
import type { Product } from '../../catalogue/service.ts';
import { ProductCard } from '../../catalogue/views/product-card.tsx';
import type { Shop } from '../service.ts';

/** `payment`: no usable means of payment here, or card payments simulated (issue 8 §12). */
type Props = { lang: Lang; shop: Shop; products: Product[]; total: number; search: string; max: string; sort: string; offset: number; limit: number; showHt: boolean; csrf?: string | undefined; payment?: 'none' | 'simulated' | null };

export function ShopHome({ lang, shop, products, total, search, max, sort, offset, limit, showHt, csrf, payment }: Props) {
  const base = `/shops/${shop.slug}`;
  const page = (o: number) => `${base}?${new URLSearchParams({ ...(search && { q: search }), ...(max && { max }), sort, offset: String(o) })}`;
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
      <p role="status">{t(lang, 'shop.results', { n: total })}</p>
      {products.length === 0 ? (
        <p>{t(lang, 'shop.empty')}</p>
      ) : (
        <ul class="cards">
          {products.map((p) => <ProductCard lang={lang} product={p} shopSlug={shop.slug} showHt={showHt} csrf={csrf} />)}
        </ul>
      )}
      {(offset > 0 || offset + limit < total) && (
        <nav aria-label={t(lang, 'shop.pagination')}>
          <ul>
            {offset > 0 && <li><a href={page(Math.max(0, offset - limit))}>{t(lang, 'shop.previous')}</a></li>}
            {offset + limit < total && <li><a href={page(offset + limit)}>{t(lang, 'shop.next')}</a></li>}
          </ul>
        </nav>
      )}
    </>
  );
}
