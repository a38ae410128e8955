/** The customer's credit on their account page, when they have some (issue 4 §2, §5). */
import { money } from '../../../../kernel/i18n/money.ts';
import { type Lang, t } from '../../../../kernel/i18n/index.ts';

export function CreditNotice({ lang, balanceCents }: { lang: Lang; balanceCents: number }) {
  if (balanceCents <= 0) return null;
  return (
    <section id="customer-credit">
      <p><strong>{t(lang, 'credit.balance', { amount: money(lang, balanceCents) })}</strong></p>
      <p class="muted">{t(lang, 'credit.balanceHint')}</p>
    </section>
  );
}
