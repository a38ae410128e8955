/**
 * "Enregistrer un fait": the facts the order's status admits (state-machine.ts), when it happened
 * on the shop's wall clock, the sum for a payment, who ends the contract for a cancellation, and a
 * note. Without JavaScript, the amount and `by` fields are there whenever their fact is offered,
 * and the server reads each only for its own fact. No fact is pre-selected; a refusal or a
 * cancellation needs its reason (written to the customer), the terms' ground where they name
 * some, and a ticked confirmation (issue 11 §8).
 */
import { type Lang, type MessageKey, t } from '../../../kernel/i18n/index.ts';
import { ErrorSummary, Field, type FieldErrors } from '../../forms.tsx';
import type { OrderEventType } from '../../../orders/state-machine.ts';
import { ENDING } from '../../../orders/staff-order.ts';
import { label } from './labels.ts';

/**
 * `grounds`: the grounds the shop's terms name for a refusal or its own cancellation (profile `orders`).
 * `refusalOver`: the refusal window's last day once it has passed, and whether the reader is an
 * operator — who alone may still refuse, giving the override's reason (issue 11 §10); anyone else
 * is told why the order can no longer be refused, and is not offered the refusal.
 */
type Props = { lang: Lang; action: string; csrf: string; allowed: readonly OrderEventType[]; values: Record<string, string>; errors: FieldErrors; grounds?: readonly string[]; refusalOver?: { until: string; operator: boolean } | undefined };

function Select({ lang, name, labelKey, hintKey, value, options, errors, placeholder }: { lang: Lang; name: string; labelKey: MessageKey; hintKey?: MessageKey; value: string | undefined; options: [string, string][]; errors: FieldErrors; placeholder?: string }) {
  const id = `f-${name}`;
  const error = errors[name];
  const describedBy = [hintKey ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{t(lang, labelKey)}</label>
      {hintKey && <p class="hint" id={`${id}-hint`}>{t(lang, hintKey)}</p>}
      {error && <p class="error" id={`${id}-error`}>{error}</p>}
      <select id={id} name={name} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy}>
        {placeholder !== undefined && <option value="" selected={value ? undefined : true}>{placeholder}</option>}
        {options.map(([v, text]) => <option value={v} selected={v === value ? true : undefined}>{text}</option>)}
      </select>
    </div>
  );
}

/** The confirmation a refusal or a cancellation asks for: a box to tick, read by the server (no script). */
function Confirm({ lang, checked, error }: { lang: Lang; checked: boolean; error: string | undefined }) {
  const describedBy = ['f-confirm-hint', error ? 'f-confirm-error' : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <p class="hint" id="f-confirm-hint">{t(lang, 'staffOrders.event.confirmHint')}</p>
      {error && <p class="error" id="f-confirm-error">{error}</p>}
      <p>
        <input type="checkbox" id="f-confirm" name="confirm" value="yes" checked={checked ? true : undefined} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} />{' '}
        <label for="f-confirm">{t(lang, 'staffOrders.event.confirm')}</label>
      </p>
    </div>
  );
}

export function OrderEventForm({ lang, action, csrf, allowed: admitted, values, errors, grounds = [], refusalOver }: Props) {
  const closed = refusalOver !== undefined && admitted.includes('refused');
  const override = closed && refusalOver.operator;
  const allowed = closed && !override ? admitted.filter((type) => type !== 'refused') : admitted;
  const why = closed && !override ? <p class="notice" id="refusal-over">{t(lang, 'staffOrders.event.refusalOver', { refusalUntil: refusalOver.until })}</p> : null;
  if (allowed.length === 0) return <>{why}<p>{t(lang, 'staffOrders.event.none')}</p></>;
  const ending = allowed.some((type) => ENDING.includes(type));
  return (
    <>
      {why}
      <ErrorSummary lang={lang} errors={errors} />
      <form method="post" action={action} novalidate aria-label={t(lang, 'staffOrders.event.form')}>
        <input type="hidden" name="_csrf" value={csrf} />
        {/* None pre-selected (issue 11 §8): staff choose the fact; a refusal cannot be one click away. */}
        <Select lang={lang} name="type" labelKey="staffOrders.event.type" value={values.type} options={allowed.map((type) => [type, label(lang, 'staffOrders.type', type)])} errors={errors} placeholder={t(lang, 'staffOrders.event.choose')} />
        <Field name="at" type="datetime-local" label={t(lang, 'staffOrders.event.at')} hint={t(lang, 'staffOrders.event.atHint')} value={values.at} required errors={errors} />
        {allowed.includes('payment_received') && (
          <Field name="amount" label={t(lang, 'staffOrders.event.amount')} hint={t(lang, 'staffOrders.event.amountHint')} value={values.amount} errors={errors} />
        )}
        {allowed.includes('cancelled') && (
          <Select
            lang={lang}
            name="by"
            labelKey="staffOrders.event.by"
            hintKey="staffOrders.event.byHint"
            value={values.by}
            options={[['seller', t(lang, 'staffOrders.event.by.seller')], ['customer', t(lang, 'staffOrders.event.by.customer')]]}
            errors={errors}
          />
        )}
        <Field name="note" label={t(lang, 'staffOrders.event.reason')} hint={ending ? t(lang, 'staffOrders.event.reasonHint') : undefined} value={values.note} errors={errors} />
        {ending && grounds.length > 0 && (
          <Select
            lang={lang}
            name="ground"
            labelKey="staffOrders.event.ground"
            hintKey="staffOrders.event.groundHint"
            value={values.ground}
            options={grounds.map((g) => [g, label(lang, 'ground', g)])}
            errors={errors}
            placeholder={t(lang, 'staffOrders.event.groundNone')}
          />
        )}
        {override && (
          <Field name="overrideReason" label={t(lang, 'staffOrders.event.overrideReason')} hint={t(lang, 'staffOrders.event.overrideHint', { refusalUntil: refusalOver.until })} value={values.overrideReason} errors={errors} />
        )}
        {ending && <Confirm lang={lang} checked={values.confirm === 'yes'} error={errors.confirm} />}
        <button type="submit">{t(lang, 'staffOrders.event.submit')}</button>
      </form>
    </>
  );
}
