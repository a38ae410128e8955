import type { Lang } from '../../../kernel/i18n/index.ts';
import { t } from '../../../kernel/i18n/index.ts';
import type { Shop } from '../../../shops/service.ts';
import { localized, type Product } from '../../../catalogue/service.ts';
import { ProductCard } from './product-card.tsx';

export function ProductPage({ lang, shop, product, showHt, csrf }: { lang: Lang; shop: Shop; product: Product; showHt: boolean; csrf?: string | undefined }) {
  const description = localized(product.description, lang);
  return (
    <>
      <h1>{localized(product.name, lang)}</h1>
      <p class="muted">{t(lang, 'staff.sku')} : {product.sku}</p>
      {description && <p>{description}</p>}
      <ul class="cards"><ProductCard lang={lang} product={product} shopSlug={shop.slug} showHt={showHt} csrf={csrf} /></ul>
      <p><a href={`/shops/${shop.slug}`}>{t(lang, 'common.back')}</a></p>
    </>
  );
}
