/**
 * The cart: every line with its unit price (TTC, or HT for a professional, A-33) and total, the
 * shop's rules stated before checkout, and what stands in the way of ordering, next to the line
 * at fault. Quantity and removal are plain forms: the page works without JavaScript.
 */
import type { CustomerKind } from '../../../accounts/schema.ts';
import { DeliveryFees } from '../../delivery/views/delivery-fees.tsx';
import { money } from '../../../kernel/i18n/money.ts';
import { localized } from '../../../catalogue/service.ts';
import { type Lang, type MessageKey, t } from '../../../kernel/i18n/index.ts';
import type { Shop } from '../../../shops/service.ts';
import { ErrorSummary, type FieldErrors } from '../../forms.tsx';
import type { CartIssue, LineIssue } from '../../../checkout/cart-rules.ts';
import type { CartLineView, CartView } from '../../../checkout/cart-service.ts';
import { countryName, kindLabel, paymentLabel, paymentMethodsFor } from './labels.ts';
import { SpecialOrderNotice } from './order-lines.tsx';

export function lineIssueText(lang: Lang, issue: LineIssue): string {
  if (issue.code === 'product_unavailable') return t(lang, 'cart.issue.unavailable');
  if (issue.code === 'max_per_product') return t(lang, 'cart.issue.max', { max: issue.max });
  return issue.available > 0 ? t(lang, 'cart.issue.stock', { available: issue.available }) : t(lang, 'cart.issue.noStock');
}

export function cartIssueText(lang: Lang, issue: CartIssue): string {
  if (issue.code === 'empty_cart') return t(lang, 'cart.issue.empty');
  if (issue.code === 'customer_kind_not_allowed') return t(lang, 'cart.issue.kind', { kind: kindLabel(lang, issue.kind) });
  const key: MessageKey = issue.basis === 'excl_vat' ? 'cart.issue.minHt' : 'cart.issue.minTtc';
  return t(lang, key, { min: money(lang, issue.minCents), missing: money(lang, issue.missingCents) });
}

/** The shop's terms that bear on a cart, said before checkout (004 art.2 O3, O4; C02; C27; L221-14). */
export function ShopRules({ lang, shop, kind }: { lang: Lang; shop: Shop; kind: CustomerKind | null }) {
  const { profile } = shop;
  const c = profile.checkout;
  const methods = paymentMethodsFor(profile, kind);
  return (
    <section aria-labelledby="shop-rules">
      <h2 id="shop-rules">{t(lang, 'cart.rules.title')}</h2>
      <ul>
        {c.maxPerProduct !== undefined && <li>{t(lang, 'cart.rules.maxPerProduct', { max: c.maxPerProduct })}</li>}
        {c.minOrderCents !== undefined && (
          <li>{t(lang, c.minOrderBasis === 'excl_vat_excl_shipping' ? 'cart.rules.minOrderHt' : 'cart.rules.minOrderTtc', { amount: money(lang, c.minOrderCents) })}</li>
        )}
        <li>{t(lang, 'cart.rules.kinds', { kinds: profile.customers.kinds.map((k) => kindLabel(lang, k)).join(', ') })}</li>
        <li>{t(lang, 'cart.rules.territories', { places: profile.territories.served.map((c) => countryName(lang, c)).join(', ') })}</li>
        {profile.territories.pricesExclVatOutsideEu && <li>{t(lang, 'cart.rules.exportHt')}</li>}
        {methods.length > 0 && <li>{t(lang, 'cart.rules.payment', { methods: methods.map((m) => paymentLabel(lang, m.method)).join(', ') })}</li>}
        <li>{t(lang, 'cart.rules.stock')}</li>
      </ul>
    </section>
  );
}

type LineProps = { lang: Lang; shopSlug: string; line: CartLineView; csrf: string; showHt: boolean; error: string | undefined };

function CartLine({ lang, shopSlug, line, csrf, showHt, error }: LineProps) {
  const name = localized(line.name, lang);
  const qtyId = `f-qty-${line.productId}`;
  const problems = [...line.issues.map((i) => lineIssueText(lang, i)), ...(error ? [error] : [])];
  const problemsId = `problems-${line.productId}`;
  return (
    <tr>
      <th scope="row">
        <a href={`/shops/${shopSlug}/products/${line.productId}`}>{name}</a>
        <br />
        <span class="muted">{line.sku}</span>
        {line.specialOrder && <SpecialOrderNotice lang={lang} />}
        {problems.length > 0 && (
          <ul class="error" id={problemsId}>
            {problems.map((p) => <li>{p}</li>)}
          </ul>
        )}
      </th>
      <td class="num">{money(lang, showHt ? line.unitNetCents : line.unitPriceCents)}</td>
      <td>
        <form method="post" action={`/shops/${shopSlug}/cart/update`} class="inline" novalidate>
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="productId" value={line.productId} />
          <input
            id={qtyId}
            name="quantity"
            type="number"
            inputmode="numeric"
            min="1"
            max={line.max ?? undefined}
            step="1"
            value={String(line.quantity)}
            aria-label={t(lang, 'cart.quantityOf', { name })}
            aria-invalid={problems.length > 0 ? 'true' : undefined}
            aria-describedby={problems.length > 0 ? problemsId : undefined}
            size="4"
          />{' '}
          <button type="submit" aria-label={t(lang, 'cart.updateOf', { name })}>{t(lang, 'cart.update')}</button>
        </form>
      </td>
      <td class="num">{money(lang, showHt ? line.totalNetCents : line.totalCents)}</td>
      <td>
        <form method="post" action={`/shops/${shopSlug}/cart/remove`} class="inline">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="productId" value={line.productId} />
          <button type="submit" class="link" aria-label={t(lang, 'cart.removeOf', { name })}>{t(lang, 'cart.remove')}</button>
        </form>
      </td>
    </tr>
  );
}

export type CartPageProps = {
  lang: Lang;
  shop: Shop;
  cart: CartView;
  csrf: string;
  showHt: boolean;
  kind: CustomerKind | null;
  notice?: string | undefined;
  /** Form errors; `qty-<productId>` keys belong to a line. */
  errors: FieldErrors;
};

export function CartPage({ lang, shop, cart, csrf, showHt, kind, notice, errors }: CartPageProps) {
  const base = `/shops/${shop.slug}`;
  const blocking = cart.issues.filter((i) => i.code !== 'empty_cart');
  return (
    <>
      <h1>{t(lang, 'cart.title')}</h1>
      {notice && <p class="notice" role="status">{notice}</p>}
      <ErrorSummary lang={lang} errors={errors} />
      {cart.lines.length === 0 ? (
        <p>{t(lang, 'cart.empty')}</p>
      ) : (
        <>
          <table>
            <caption class="muted">{t(lang, 'cart.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'cart.product')}</th>
                <th scope="col" class="num">{t(lang, showHt ? 'cart.unitHt' : 'cart.unitTtc')}</th>
                <th scope="col">{t(lang, 'cart.quantity')}</th>
                <th scope="col" class="num">{t(lang, showHt ? 'cart.lineHt' : 'cart.lineTtc')}</th>
                <th scope="col">{t(lang, 'cart.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {cart.lines.map((line) => <CartLine lang={lang} shopSlug={shop.slug} line={line} csrf={csrf} showHt={showHt} error={errors[`qty-${line.productId}`]} />)}
            </tbody>
          </table>
          <dl class="facts">
            {showHt && (
              <>
                <dt>{t(lang, 'cart.productsHt')}</dt>
                <dd>{money(lang, cart.products.netCents)}</dd>
              </>
            )}
            <dt>{t(lang, 'cart.productsTtc')}</dt>
            <dd><strong>{money(lang, cart.products.grossCents)}</strong></dd>
            <dt>{t(lang, 'cart.vatIncluded')}</dt>
            <dd>{money(lang, cart.products.vatCents)}</dd>
          </dl>
          <p class="muted">{t(lang, 'cart.shippingLater')}</p>
          {blocking.length > 0 || !cart.ready ? (
            <div class="error-summary" role="alert">
              <p>{t(lang, 'cart.notReady')}</p>
              <ul>
                {blocking.map((i) => <li>{cartIssueText(lang, i)}</li>)}
                {cart.lines.filter((l) => l.issues.length > 0).map((l) => (
                  <li><a href={`#f-qty-${l.productId}`}>{localized(l.name, lang)}</a> : {l.issues.map((i) => lineIssueText(lang, i)).join(' ')}</li>
                ))}
              </ul>
            </div>
          ) : (
            <form method="get" action={`${base}/checkout`}>
              <button type="submit">{t(lang, 'cart.checkout')}</button>
            </form>
          )}
        </>
      )}
      <ShopRules lang={lang} shop={shop} kind={kind} />
      <DeliveryFees lang={lang} profile={shop.profile} kind={kind} />
      <p><a href={base}>{t(lang, 'cart.continue')}</a></p>
    </>
  );
}
