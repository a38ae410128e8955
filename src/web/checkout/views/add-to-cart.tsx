/**
 * The small form under a product: a quantity and "Ajouter au panier". The button is described by
 * the product's heading, so a screen reader hears which product it adds (WCAG 2.4.6).
 */
import { type Lang, t } from '../../../kernel/i18n/index.ts';

type Props = { lang: Lang; shopSlug: string; productId: string; csrf: string; describedBy: string; max: number | null };

export function AddToCartForm({ lang, shopSlug, productId, csrf, describedBy, max }: Props) {
  const id = `qty-${productId}`;
  return (
    <form method="post" action={`/shops/${shopSlug}/cart/add`} class="add-to-cart" novalidate>
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="productId" value={productId} />
      <div class="field">
        <label for={id}>{t(lang, 'cart.quantity')}</label>
        <input id={id} name="quantity" type="number" inputmode="numeric" min="1" max={max ?? undefined} step="1" value="1" required aria-describedby={describedBy} />
      </div>
      <button type="submit" aria-describedby={describedBy}>{t(lang, 'cart.add')}</button>
    </form>
  );
}
