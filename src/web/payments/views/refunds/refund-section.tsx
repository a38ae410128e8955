/**
 * The refunds part of the staff order page (src/web/orders/views/staff-order-page.tsx): the order's
 * refunds and the refund form. The means is chosen by the rules: back to the card or to the
 * account that paid, unless the customer expressly agreed to another.
 */
import { money } from '../../../../kernel/i18n/money.ts';
import { type Lang, t } from '../../../../kernel/i18n/index.ts';
import type { Shop } from '../../../../shops/service.ts';
import { ErrorSummary, Field, type FieldErrors } from '../../../forms.tsx';
import type { RefundJson } from '../../../../payments/refunds/service.ts';
import type { StaffOrder } from '../../../../payments/refunds/staff-order.ts';
import { RefundsTable } from './refunds-page.tsx';

type Props = { lang: Lang; shop: Shop; csrf: string; order: StaffOrder; refunds: readonly RefundJson[]; values: Record<string, string>; errors: FieldErrors };

export function RefundSection({ lang, shop, csrf, order, refunds, values, errors }: Props) {
  return (
    <>
      <h2>{t(lang, 'refund.staff.title')}</h2>
      <RefundsTable lang={lang} shop={shop} refunds={refunds} />
      <h2>{t(lang, 'refund.staff.form')}</h2>
      <p>{t(lang, 'refund.staff.refundable', { amount: money(lang, order.refundableCents) })}</p>
      {order.refundableCents > 0 && <RefundForm lang={lang} shop={shop} csrf={csrf} order={order} values={values} errors={errors} />}
    </>
  );
}

function RefundForm({ lang, shop, csrf, order, values, errors }: Omit<Props, 'refunds'>) {
  return (
    <>
      <ErrorSummary lang={lang} errors={errors} />
      <form method="post" action={`/shops/${shop.slug}/staff/orders/${order.id}/refunds`} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <Field name="amountCents" label={t(lang, 'refund.staff.amountEuros')} value={values.amountCents} required errors={errors} />
        <Field name="reason" label={t(lang, 'refund.staff.reason')} value={values.reason} required errors={errors} />
        <p>
          <input type="checkbox" id="f-otherMeansAgreed" name="otherMeansAgreed" value="yes" checked={values.otherMeansAgreed === 'yes' ? true : undefined} />{' '}
          <label for="f-otherMeansAgreed">{t(lang, 'refund.staff.otherMeans')}</label>
        </p>
        <Field name="iban" label={t(lang, 'refund.staff.iban')} value={values.iban} errors={errors} />
        <Field name="creditorName" label={t(lang, 'refund.staff.creditorName')} value={values.creditorName} errors={errors} />
        <button type="submit">{t(lang, 'refund.staff.form')}</button>
      </form>
    </>
  );
}
