import { money } from '../../../kernel/i18n/money.ts';
import { type Lang, t } from '../../../kernel/i18n/index.ts';

type Line = { name: string; sku: string; quantity: number; unitPriceCents: number; totalCents: number; specialOrder?: boolean | undefined };

/**
 * A line ordered specially for the customer (003 art.7.2): what follows if it is not collected,
 * in the product page's words, repeated next to the line in the cart and on the review page.
 */
export function SpecialOrderNotice({ lang }: { lang: Lang }) {
  return <p class="special-order"><span class="badge">{t(lang, 'specialOrder.title')}</span> <span class="muted">{t(lang, 'product.specialOrder')}</span></p>;
}

/** The lines of an order, as reviewed before confirming and as read after: one table for both. */
export function OrderLines({ lang, lines, exclVat, captionClass }: { lang: Lang; lines: readonly Line[]; exclVat: boolean; captionClass?: string }) {
  return (
    <table>
      <caption class={captionClass}>{t(lang, 'order.lines')}</caption>
      <thead>
        <tr>
          <th scope="col">{t(lang, 'cart.product')}</th>
          <th scope="col" class="num">{t(lang, exclVat ? 'cart.unitHt' : 'cart.unitTtc')}</th>
          <th scope="col" class="num">{t(lang, 'cart.quantity')}</th>
          <th scope="col" class="num">{t(lang, exclVat ? 'cart.lineHt' : 'cart.lineTtc')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr>
            <th scope="row">{l.name} <span class="muted">({l.sku})</span>{l.specialOrder && <SpecialOrderNotice lang={lang} />}</th>
            <td class="num">{money(lang, l.unitPriceCents)}</td>
            <td class="num">{l.quantity}</td>
            <td class="num">{money(lang, l.totalCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
