/**
 * The deposit of an order on its page (issue 4 §4): how much is paid in advance, whether it is an
 * acompte or arrhes with what that means on cancellation (C. consom. L214-1), the balance and
 * when it falls due; and, for a transfer order, the last day to pay.
 */
import { money } from '../../../../kernel/i18n/money.ts';
import { type Lang, t } from '../../../../kernel/i18n/index.ts';

type OrderFacts = {
  status: string;
  totals: { grossCents: number };
  payment: { paidCents: number; depositCents?: number; depositKind?: 'acompte' | 'arrhes' | null };
  deadlines: { paymentDueOn?: string; balanceDueOn?: string; paymentNotBefore?: string };
};

export function DepositFacts({ lang, order }: { lang: Lang; order: OrderFacts }) {
  const { depositCents, depositKind, paidCents } = order.payment;
  // The last day to pay only matters while the order still waits for the money.
  const awaiting = order.status === 'awaiting_payment';
  const dueOn = awaiting ? order.deadlines.paymentDueOn : undefined;
  const notBefore = awaiting ? order.deadlines.paymentNotBefore : undefined;
  if (depositCents === undefined && !dueOn && !notBefore) return null;
  return (
    <section aria-labelledby="deposit-title">
      <h2 id="deposit-title">{t(lang, 'deposit.title')}</h2>
      <dl class="facts">
        {notBefore && (
          <>
            <dt>{t(lang, 'order.paymentNotBefore')}</dt>
            <dd>
              {notBefore}
              <p class="muted">{t(lang, 'order.paymentNotBefore.why')}</p>
            </dd>
          </>
        )}
        {dueOn && (
          <>
            <dt>{t(lang, 'order.paymentDueOn')}</dt>
            <dd>{dueOn}</dd>
          </>
        )}
        {depositCents !== undefined && (
          <>
            <dt>{t(lang, 'deposit.amount')}</dt>
            <dd>
              <strong>{money(lang, depositCents)}</strong>
              {depositKind && <p class="muted">{t(lang, `deposit.kind.${depositKind}`)}</p>}
            </dd>
            <dt>{t(lang, 'deposit.balance')}</dt>
            <dd>{money(lang, Math.max(0, order.totals.grossCents - Math.max(paidCents, depositCents)))}</dd>
            <dt>{t(lang, 'deposit.balanceDueOn')}</dt>
            <dd>{order.deadlines.balanceDueOn ?? t(lang, 'deposit.balanceAtDelivery')}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
