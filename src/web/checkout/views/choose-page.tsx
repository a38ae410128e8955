/**
 * Checkout step 1: how to deliver and how to pay. The means of payment are shown from the start
 * of ordering (C. consom. L221-14 al. 1); nothing with a cost is chosen for the customer: a
 * choice is preselected only when it is the only one.
 */
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import type { Profile } from '../../../shops/profile/schema.ts';
import { ErrorSummary, Field, type FieldErrors } from '../../forms.tsx';
import { viaStripe } from '../../../payments/card/availability.ts';
import { deliveryLabel, paymentLabel } from './labels.ts';

type Mode = NonNullable<Profile['delivery']>['modes'][number];
export type ModeOption = { mode: Mode; feeText: string };
/** A pickup point offered, with its open slots (null: the point takes no slot). */
export type PointOption = { id: string; label: string; name: string; slots: { id: string; label: string; remaining: number }[] | null };

type Props = {
  lang: Lang;
  shopSlug: string;
  csrf: string;
  modes: readonly ModeOption[];
  /** The pickup points the customer's address is offered (issue 12 §2, §3). */
  points: readonly PointOption[];
  paymentMethods: readonly string[];
  /** Card and PayPal are taken by the development provider: say so beside them (issue 8 §12). */
  simulatedMethods?: boolean;
  /** Flat form values ("delivery.address.city"). */
  values: Record<string, string | undefined>;
  errors: FieldErrors;
  showsAddress: boolean;
};

function Choice({ name, value, label, checked, hint }: { name: string; value: string; label: string; checked: boolean; hint?: string }) {
  const id = `f-${name.replace(/[^a-zA-Z0-9]+/g, '-')}-${value.replace(/[^a-zA-Z0-9]+/g, '-')}`;
  return (
    <div>
      <input type="radio" id={id} name={name} value={value} checked={checked} required />
      <label for={id}>
        {label}
        {hint && <span class="muted"> — {hint}</span>}
      </label>
    </div>
  );
}

function ErrorFor({ errors, name }: { errors: FieldErrors; name: string }) {
  const message = errors[name];
  return message ? <p class="error" id={`f-${name.replace(/[^a-zA-Z0-9]+/g, '-')}-error`}>{message}</p> : null;
}

export function ChoosePage({ lang, shopSlug, csrf, modes, points, paymentMethods, simulatedMethods, values, errors, showsAddress }: Props) {
  const base = `/shops/${shopSlug}`;
  const only = (n: number) => n === 1;
  const pickup = modes.find((m) => m.mode.mode === 'pickup')?.mode;
  const field = (name: string, label: string, autocomplete: string) => (
    <Field name={name} label={label} value={values[name]} errors={errors} autocomplete={autocomplete} required />
  );
  return (
    <>
      <p class="muted">{t(lang, 'checkout.step', { n: 1 })}</p>
      <h1>{t(lang, 'checkout.choose.title')}</h1>
      <ErrorSummary lang={lang} errors={errors} />
      <p class="hint">{t(lang, 'common.requiredHint')}</p>
      <form method="post" action={`${base}/checkout`} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <fieldset id="f-delivery-mode" aria-describedby={errors['delivery.mode'] ? 'f-delivery-mode-error' : undefined}>
          <legend>{t(lang, 'checkout.delivery.mode')} <span aria-hidden="true">*</span></legend>
          <ErrorFor errors={errors} name="delivery.mode" />
          {modes.map((m) => (
            <Choice name="delivery.mode" value={m.mode.mode} label={deliveryLabel(lang, m.mode)} hint={m.feeText} checked={values['delivery.mode'] === m.mode.mode || (only(modes.length) && !values['delivery.mode'])} />
          ))}
        </fieldset>
        {pickup?.mode === 'pickup' && (
          <fieldset id="f-delivery-pickupPointId" aria-describedby={errors['delivery.pickupPointId'] ? 'f-delivery-pickupPointId-error' : undefined}>
            <legend>{t(lang, 'checkout.delivery.pickupPoint')}</legend>
            <p class="hint">{t(lang, 'checkout.delivery.pickupHint')}</p>
            <ErrorFor errors={errors} name="delivery.pickupPointId" />
            {points.map((p) => (
              <Choice name="delivery.pickupPointId" value={p.id} label={p.label} checked={values['delivery.pickupPointId'] === p.id || values['delivery.pickupPointId'] === p.name || (only(points.length) && !values['delivery.pickupPointId'])} />
            ))}
          </fieldset>
        )}
        {pickup?.mode === 'pickup' && points.map((p) => p.slots && <SlotChoice lang={lang} point={p} values={values} errors={errors} />)}
        {showsAddress && (
          <fieldset>
            <legend>{t(lang, 'checkout.delivery.address')}</legend>
            <p class="hint">{t(lang, 'checkout.delivery.addressHint')}</p>
            {field('delivery.address.line1', t(lang, 'accounts.line1'), 'address-line1')}
            {field('delivery.address.postalCode', t(lang, 'accounts.postalCode'), 'postal-code')}
            {field('delivery.address.city', t(lang, 'accounts.city'), 'address-level2')}
            {field('delivery.address.country', t(lang, 'accounts.country'), 'country')}
            <Field name="delivery.doorNotes" label={t(lang, 'checkout.delivery.doorNotes')} hint={t(lang, 'checkout.delivery.doorNotesHint')} value={values['delivery.doorNotes']} errors={errors} autocomplete="off" />
          </fieldset>
        )}
        <Field name="delivery.phone" type="tel" label={t(lang, 'checkout.delivery.phone')} hint={t(lang, 'checkout.delivery.phoneHint')} value={values['delivery.phone']} errors={errors} autocomplete="tel" />
        <fieldset id="f-paymentMethod" aria-describedby={errors.paymentMethod ? 'f-paymentMethod-error' : undefined}>
          <legend>{t(lang, 'checkout.payment.title')} <span aria-hidden="true">*</span></legend>
          <ErrorFor errors={errors} name="paymentMethod" />
          {paymentMethods.map((m) => (
            <Choice name="paymentMethod" value={m} label={paymentLabel(lang, m)} hint={simulatedMethods && viaStripe(m) ? t(lang, 'card.simulated.hint') : undefined} checked={values.paymentMethod === m || (only(paymentMethods.length) && !values.paymentMethod)} />
          ))}
          {paymentMethods.length === 0 && <p class="error" role="alert">{t(lang, 'card.noMethod')}</p>}
        </fieldset>
        <button type="submit">{t(lang, 'checkout.continue')}</button>
      </form>
      <p><a href={`${base}/cart`}>{t(lang, 'checkout.backToCart')}</a></p>
    </>
  );
}

/** A point's open slots (issue 12 §3): full ones are not offered; none chosen, the first free one is held. */
function SlotChoice({ lang, point, values, errors }: { lang: Lang; point: PointOption; values: Record<string, string | undefined>; errors: FieldErrors }) {
  const key = point.id.replace(/[^a-zA-Z0-9]+/g, '-');
  return (
    <fieldset id={`f-delivery-slotId-${key}`} aria-describedby={errors['delivery.slotId'] ? 'f-delivery-slotId-error' : undefined}>
      <legend>{t(lang, 'delivery.slot.legend', { point: point.name })}</legend>
      <p class="hint">{t(lang, 'delivery.slot.hint')} {t(lang, 'delivery.slot.earliest')}</p>
      <ErrorFor errors={errors} name="delivery.slotId" />
      {point.slots?.length === 0 && <p>{t(lang, 'delivery.slot.none')}</p>}
      {point.slots?.map((s) => {
        const id = `f-delivery-slotId-${s.id}`;
        return (
          <div>
            <input type="radio" id={id} name="delivery.slotId" value={s.id} checked={values['delivery.slotId'] === s.id} />
            <label for={id}>
              {s.label}
              <span class="muted"> — {t(lang, 'delivery.slot.remaining', { n: s.remaining })}</span>
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** `guest`: the shop takes guests (profile `checkout.registrationRequired: false`, issue 10 §1). */
export function SignInFirst({ lang, shopSlug, guest = false }: { lang: Lang; shopSlug: string; guest?: boolean }) {
  const base = `/shops/${shopSlug}`;
  return (
    <>
      <h1>{t(lang, 'checkout.signIn.title')}</h1>
      <p>{t(lang, 'checkout.signIn.intro')}</p>
      <ul>
        <li><a href={`${base}/login`}>{t(lang, 'checkout.signIn.login')}</a></li>
        <li><a href={`${base}/register`}>{t(lang, 'checkout.signIn.register')}</a></li>
        {guest && <li><a href={`${base}/checkout/guest`}>{t(lang, 'checkout.signIn.guest')}</a></li>}
      </ul>
      <p><a href={`${base}/cart`}>{t(lang, 'checkout.backToCart')}</a></p>
    </>
  );
}
