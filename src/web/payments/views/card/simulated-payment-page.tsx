/**
 * The simulated payment page (issue 8 §12), standing in for Stripe's hosted page on an
 * installation without a payment provider: it says plainly that nothing is debited, and offers
 * the two outcomes as two forms, each with its CSRF token. No card field, as on the real path.
 */
import { money } from '../../../../kernel/i18n/money.ts';
import { type Lang, t } from '../../../../kernel/i18n/index.ts';

type Props = { lang: Lang; action: string; orderUrl: string; csrf: string; order: { number: string; amountCents: number } };

export function SimulatedPaymentPage({ lang, action, orderUrl, csrf, order }: Props) {
  return (
    <>
      <h1>{t(lang, 'card.simulated.label')}</h1>
      <p class="notice">{t(lang, 'card.simulated.intro')}</p>
      <dl class="facts">
        <dt>{t(lang, 'order.number')}</dt>
        <dd>{order.number}</dd>
        <dt>{t(lang, 'card.simulated.amount')}</dt>
        <dd><strong>{money(lang, order.amountCents)}</strong></dd>
      </dl>
      <form method="post" action={action} class="inline">
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="decision" value="pay" />
        <button type="submit">{t(lang, 'card.simulated.pay')}</button>
      </form>{' '}
      <form method="post" action={action} class="inline">
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="decision" value="refuse" />
        <button type="submit">{t(lang, 'card.simulated.refuse')}</button>
      </form>
      <p><a href={orderUrl}>{t(lang, 'card.simulated.back')}</a></p>
    </>
  );
}
