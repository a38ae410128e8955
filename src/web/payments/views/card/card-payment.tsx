/**
 * The card payment still to make on the order page: a button to Stripe's hosted page (no card
 * field here: PCI SAQ-A), or to the simulated payment page on an installation without Stripe
 * (issue 8 §12, labelled as such); with capture at shipment, that the card is authorised.
 */
import { money } from '../../../../kernel/i18n/money.ts';
import { type Lang, t } from '../../../../kernel/i18n/index.ts';
import type { CardPaymentState } from '../../../../payments/card/checkout.ts';

/** How the customer came back: from Stripe (`returned`, `cancelled`), or from the simulated page. */
export const CARD_NOTICES = ['returned', 'cancelled', 'paid', 'authorized', 'refused'] as const;
export type CardNotice = (typeof CARD_NOTICES)[number] | null;

export const cardNotice = (value: unknown): CardNotice => (CARD_NOTICES as readonly unknown[]).includes(value) ? (value as CardNotice) : null;

/** What the simulated page's outcome says once back on the order page, whatever the order's state now. */
export function SimulatedOutcome({ lang, notice }: { lang: Lang; notice: CardNotice }) {
  if (notice === 'paid') return <p class="notice" role="status">{t(lang, 'card.simulated.paid')}</p>;
  if (notice === 'authorized') return <p class="notice" role="status">{t(lang, 'card.simulated.authorized')}</p>;
  return null;
}

export function CardPayment({ lang, card, action, csrf, notice }: { lang: Lang; card: CardPaymentState; action: string; csrf: string; notice: CardNotice }) {
  const simulated = card.simulated;
  return (
    <section class="card-payment" aria-labelledby="card-payment-title">
      <h2 id="card-payment-title">{simulated ? t(lang, 'card.simulated.label') : t(lang, 'card.pay.title')}</h2>
      {notice === 'returned' && card.state === 'pay' && <p class="notice" role="status">{t(lang, 'card.pay.returned')}</p>}
      {notice === 'cancelled' && card.state === 'pay' && <p class="notice" role="status">{t(lang, 'card.pay.cancelled')}</p>}
      {notice === 'refused' && card.state === 'pay' && <p class="notice" role="alert">{t(lang, 'card.simulated.refused')}</p>}
      {card.state === 'authorized' ? (
        <p class="notice">{simulated ? t(lang, 'card.simulated.authorized') : t(lang, 'card.pay.authorized')}</p>
      ) : (
        <form method="post" action={action}>
          <input type="hidden" name="_csrf" value={csrf} />
          <p>{t(lang, simulated ? 'card.simulated.pending' : 'card.pay.pending', { amount: money(lang, card.amountCents) })}</p>
          <button type="submit">{simulated ? t(lang, 'card.simulated.button') : t(lang, 'card.pay.button')}</button>
        </form>
      )}
    </section>
  );
}
