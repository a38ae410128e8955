/**
 * Staff page "Remboursements": the refunds of the shop by status, and the button that downloads
 * the pending transfer refunds as one pain.001 file for the bank.
 */
import { money } from '../../../../kernel/i18n/money.ts';
import { type Lang, type MessageKey, t } from '../../../../kernel/i18n/index.ts';
import type { Shop } from '../../../../shops/service.ts';
import { ErrorSummary, type FieldErrors } from '../../../forms.tsx';
import { formatIban } from '../../../../kernel/iban.ts';
import type { RefundJson } from '../../../../payments/refunds/service.ts';

export function RefundsTable({ lang, shop, refunds }: { lang: Lang; shop: Shop; refunds: readonly RefundJson[] }) {
  if (refunds.length === 0) return <p>{t(lang, 'refund.staff.none')}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t(lang, 'refund.staff.requestedAt')}</th>
          <th scope="col">{t(lang, 'refund.staff.order')}</th>
          <th scope="col">{t(lang, 'refund.staff.method')}</th>
          <th scope="col">{t(lang, 'refund.staff.creditor')}</th>
          <th scope="col" class="num">{t(lang, 'refund.staff.amount')}</th>
          <th scope="col">{t(lang, 'refund.staff.status')}</th>
          <th scope="col">{t(lang, 'refund.staff.file')}</th>
        </tr>
      </thead>
      <tbody>
        {refunds.map((r) => (
          <tr>
            <td>{r.requestedAt.slice(0, 10)}</td>
            <td><a href={`/shops/${shop.slug}/staff/orders/${r.orderId}`}>{r.orderNumber ?? r.orderId}</a></td>
            <td>{t(lang, `refund.method.${r.method}` as MessageKey)}</td>
            <td>{r.creditorName ?? ''}{r.creditorIban ? ` — ${formatIban(r.creditorIban)}` : ''}</td>
            <td class="num">{money(lang, r.amountCents)}</td>
            <td>{t(lang, `refund.status.${r.status}` as MessageKey)}</td>
            <td>{r.paymentFileId ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Props = { lang: Lang; shop: Shop; csrf: string; refunds: readonly RefundJson[]; errors: FieldErrors };

export function RefundsPage({ lang, shop, csrf, refunds, errors }: Props) {
  const pending = refunds.filter((r) => r.status === 'pending' && r.method === 'bank_transfer');
  return (
    <>
      <h1>{t(lang, 'refund.staff.title')}</h1>
      <ErrorSummary lang={lang} errors={errors} />
      <form method="post" action={`/shops/${shop.slug}/staff/refunds/export`}>
        <input type="hidden" name="_csrf" value={csrf} />
        <button type="submit" disabled={pending.length === 0 ? true : undefined}>{t(lang, 'refund.staff.export')}</button>
      </form>
      <RefundsTable lang={lang} shop={shop} refunds={refunds} />
    </>
  );
}
