import { AddToCartForm } from '../../checkout/views/add-to-cart.tsx';
import { type Lang, type MessageKey, t } from '../../../kernel/i18n/index.ts';
import { numberFormat } from '../../../kernel/intl.ts';
import { LOCALES, money } from '../../../kernel/i18n/money.ts';
import { localized, type Product, priceExclVat } from '../../../catalogue/service.ts';


/** Price as the law wants it shown: TTC for consumers (L112-1), HT for professionals (A-33). */
/** Goods sold by length or weight show their price per metre or kilogram (C. consom. L112-1, arrêté 3 Dec 1987). */
export function Price({ lang, product, showHt }: { lang: Lang; product: Product; showHt: boolean }) {
  const per = product.unit === 'unit' ? '' : ` ${t(lang, `shop.per.${product.unit}`)}`;
  return (
    <p class="price">
      {showHt ? `${money(lang, priceExclVat(product))} ${t(lang, 'shop.priceHt')}${per}` : `${money(lang, product.unitPriceCents)} ${t(lang, 'shop.priceTtc')}${per}`}
      <span class="muted"> · {t(lang, 'shop.vatRate', { rate: numberFormat(LOCALES[lang]).format(product.vatRateBp / 100) })}</span>
    </p>
  );
}

/** With a CSRF token, the card carries the form adding the product to the cart. */
export function ProductCard({ lang, product, shopSlug, showHt, csrf }: { lang: Lang; product: Product; shopSlug: string; showHt: boolean; csrf?: string | undefined }) {
  const headingId = `p-${product.id}`;
  return (
    <li>
      <h3 id={headingId}><a href={`/shops/${shopSlug}/products/${product.id}`}>{localized(product.name, lang)}</a></h3>
      <Price lang={lang} product={product} showHt={showHt} />
      <p>{product.stock > 0 ? t(lang, 'shop.inStock', { n: product.stock }) : <strong>{t(lang, 'shop.outOfStock')}</strong>}</p>
      {product.maxPerOrder !== null && <p class="muted">{t(lang, 'shop.maxPerOrder', { n: product.maxPerOrder })}</p>}
      {product.withdrawalException && (
        <p class="muted">{t(lang, 'shop.noWithdrawal', { reason: t(lang, `exception.${product.withdrawalException}` as MessageKey) })}</p>
      )}
      {product.kind === 'service' && product.serviceDays !== null && (
        <>
          <p><span class="badge">{t(lang, 'service.badge', { days: product.serviceDays })}</span></p>
          <p class="muted">{t(lang, 'service.withdrawalNote')}</p>
        </>
      )}
      {product.specialOrder && <p><span class="badge">{t(lang, 'specialOrder.title')}</span> <span class="muted">{t(lang, 'product.specialOrder')}</span></p>}
      {product.regulated && <p><span class="badge">{t(lang, 'shop.regulated')}</span></p>}
      {product.condition === 'second_hand' && <p><span class="badge">{t(lang, 'shop.secondHand')}</span></p>}
      {csrf !== undefined && product.stock > 0 && <AddToCartForm lang={lang} shopSlug={shopSlug} productId={product.id} csrf={csrf} describedBy={headingId} max={product.maxPerOrder} />}
    </li>
  );
}
