/**
 * The guest's details (issue 10 §1): what registration asks but the password, as a consumer. The
 * page says what the e-mail is for (the confirmation and the link to follow the order) and that
 * signing in remains possible. The delivery address may differ at the next step.
 */
import { type Lang, type MessageKey, t } from '../../../kernel/i18n/index.ts';
import { AddressFieldset, ErrorSummary, Field, type FieldErrors, Form } from '../../forms.tsx';

type Props = { lang: Lang; shopSlug: string; csrf: string; values: Record<string, string | undefined>; errors: FieldErrors };

export function GuestPage({ lang, shopSlug, csrf, values, errors }: Props) {
  const base = `/shops/${shopSlug}`;
  const f = (name: string, key: MessageKey, extra: { type?: string; autocomplete?: string } = {}) => (
    <Field name={name} label={t(lang, key)} value={values[name]} errors={errors} required type={extra.type} autocomplete={extra.autocomplete} />
  );
  return (
    <>
      <p class="muted">{t(lang, 'checkout.step', { n: 1 })}</p>
      <h1>{t(lang, 'checkout.guest.title')}</h1>
      <ErrorSummary lang={lang} errors={errors} />
      <p>{t(lang, 'checkout.guest.intro')}</p>
      <p class="hint">{t(lang, 'common.requiredHint')}</p>
      <Form action={`${base}/checkout/guest`} csrfToken={csrf}>
        {f('email', 'accounts.email', { type: 'email', autocomplete: 'email' })}
        {f('firstName', 'accounts.firstName', { autocomplete: 'given-name' })}
        {f('lastName', 'accounts.lastName', { autocomplete: 'family-name' })}
        <AddressFieldset lang={lang} values={values} errors={errors} />
        <button type="submit">{t(lang, 'checkout.guest.submit')}</button>
      </Form>
      <p><a href={`${base}/checkout/sign-in`}>{t(lang, 'checkout.guest.signInInstead')}</a></p>
    </>
  );
}
