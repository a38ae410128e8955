/**
 * The card payment still to make on the order page: a button to Stripe's hosted page (no card
 * field here: PCI SAQ-A), or, with capture at shipment, that the card is authorised.
 */
import { money } from '../../../catalogue/views/product-card.tsx';
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import type { CardPaymentState } from '../checkout.ts';

export type CardNotice = 'returned' | 'cancelled' | null;

export function CardPayment({ lang, card, action, csrf, notice }: { lang: Lang; card: CardPaymentState; action: string; csrf: string; notice: CardNotice }) {
  return (
    <section class="card-payment" aria-labelledby="card-payment-title">
      <h2 id="card-payment-title">{t(lang, 'card.pay.title')}</h2>
      {notice === 'returned' && card.state === 'pay' && <p class="notice" role="status">{t(lang, 'card.pay.returned')}</p>}
      {notice === 'cancelled' && card.state === 'pay' && <p class="notice" role="status">{t(lang, 'card.pay.cancelled')}</p>}
      {card.state === 'authorized' ? (
        <p class="notice">{t(lang, 'card.pay.authorized')}</p>
      ) : (
        <form method="post" action={action}>
          <input type="hidden" name="_csrf" value={csrf} />
          <p>{t(lang, 'card.pay.pending', { amount: money(lang, card.amountCents) })}</p>
          <button type="submit">{t(lang, 'card.pay.button')}</button>
        </form>
      )}
    </section>
  );
}
