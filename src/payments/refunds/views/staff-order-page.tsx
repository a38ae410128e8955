/**
 * A staff view of one order: its lines, the payments received, its refunds, and the refund form
 * (the means is chosen by the rules: back to the card or to the account that paid, unless the
 * customer expressly agreed to another).
 */
import { money } from '../../../catalogue/views/product-card.tsx';
import { hasMessage, type Lang, t } from '../../../kernel/i18n/index.ts';
import { OrderLines } from '../../../checkout/views/order-lines.tsx';
import type { Shop } from '../../../shops/service.ts';
import { ErrorSummary, Field, type FieldErrors } from '../../../web/forms.tsx';
import type { RefundJson } from '../service.ts';
import { RefundsTable } from './refunds-page.tsx';

export type StaffOrder = {
  id: string;
  number: string;
  status: string;
  paymentStatus: string;
  grossCents: number;
  lines: { sku: string; name: string; quantity: number; unitPriceCents: number; totalCents: number }[];
  payments: { method: string; amountCents: number; receivedOn: string }[];
  refundableCents: number;
};

/** A code in words when the catalogue has them (`order.status.accepted`), else the code itself. */
const label = (lang: Lang, prefix: string, code: string) => {
  const key = `${prefix}.${code}`;
  return hasMessage(key) ? t(lang, key) : code;
};

type Props = { lang: Lang; shop: Shop; csrf: string; order: StaffOrder; refunds: readonly RefundJson[]; values: Record<string, string>; errors: FieldErrors; done: boolean };

export function StaffOrderPage({ lang, shop, csrf, order, refunds, values, errors, done }: Props) {
  return (
    <>
      <h1>{t(lang, 'refund.staff.orderTitle', { number: order.number })}</h1>
      {done && <p class="notice" role="status">{t(lang, 'refund.staff.done')}</p>}
      <p>
        {label(lang, 'order.status', order.status)} — {label(lang, 'payment.status', order.paymentStatus)} — {money(lang, order.grossCents)}
      </p>
      <h2>{t(lang, 'refund.staff.lines')}</h2>
      <OrderLines lang={lang} lines={order.lines} exclVat={false} captionClass="muted" />
      <h2>{t(lang, 'refund.staff.payments')}</h2>
      {order.payments.length === 0 ? (
        <p>{t(lang, 'refund.staff.noPayments')}</p>
      ) : (
        <ul>
          {order.payments.map((pm) => (
            <li>{pm.receivedOn} — {label(lang, 'payment', pm.method)} — {money(lang, pm.amountCents)}</li>
          ))}
        </ul>
      )}
      <h2>{t(lang, 'refund.staff.title')}</h2>
      <RefundsTable lang={lang} shop={shop} refunds={refunds} />
      <h2>{t(lang, 'refund.staff.form')}</h2>
      <p>{t(lang, 'refund.staff.refundable', { amount: money(lang, order.refundableCents) })}</p>
      {order.refundableCents > 0 && <RefundForm lang={lang} shop={shop} csrf={csrf} order={order} values={values} errors={errors} />}
    </>
  );
}

function RefundForm({ lang, shop, csrf, order, values, errors }: Omit<Props, 'refunds' | 'done'>) {
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
