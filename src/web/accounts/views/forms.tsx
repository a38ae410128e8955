import { type Lang, type MessageKey, t } from '../../../kernel/i18n/index.ts';
import { AddressFieldset, ErrorSummary, Field, type FieldErrors, Form } from '../../forms.tsx';

export type Values = Record<string, string | undefined>;

export function RegisterForm({ lang, action, csrf, kinds, values, errors }: { lang: Lang; action: string; csrf: string; kinds: readonly string[]; values: Values; errors: FieldErrors }) {
  const f = (name: string, key: MessageKey, extra: { type?: string; autocomplete?: string; required?: boolean; hint?: string } = {}) => (
    <Field name={name} label={t(lang, key)} value={values[name]} errors={errors} required={extra.required ?? true} type={extra.type} autocomplete={extra.autocomplete} hint={extra.hint} />
  );
  const chosen = values.kind ?? kinds[0];
  return (
    <>
      <h1>{t(lang, 'accounts.register.title')}</h1>
      <ErrorSummary lang={lang} errors={errors} />
      <p class="hint">{t(lang, 'common.requiredHint')}</p>
      <Form action={action} csrfToken={csrf}>
        <fieldset>
          <legend>{t(lang, 'accounts.kind')}</legend>
          {kinds.map((k) => (
            <div>
              <input type="radio" id={`kind-${k}`} name="kind" value={k} checked={k === chosen} />
              <label for={`kind-${k}`}>{t(lang, `accounts.kind.${k}` as MessageKey)}</label>
            </div>
          ))}
        </fieldset>
        {f('email', 'accounts.email', { type: 'email', autocomplete: 'email' })}
        {f('password', 'accounts.password', { type: 'password', autocomplete: 'new-password', hint: t(lang, 'accounts.passwordHint') })}
        {f('firstName', 'accounts.firstName', { autocomplete: 'given-name' })}
        {f('lastName', 'accounts.lastName', { autocomplete: 'family-name' })}
        <AddressFieldset lang={lang} values={values} errors={errors} />
        {kinds.includes('professional') && (
          <fieldset>
            <legend>{t(lang, 'accounts.company')}</legend>
            {f('companyName', 'accounts.companyName', { autocomplete: 'organization', required: false })}
            {f('siret', 'accounts.siret', { required: false, hint: t(lang, 'accounts.siretHint') })}
            {f('vatNumber', 'accounts.vatNumber', { required: false, hint: t(lang, 'accounts.vatHint') })}
          </fieldset>
        )}
        <button type="submit">{t(lang, 'accounts.register.submit')}</button>
      </Form>
    </>
  );
}

type LoginProps = { lang: Lang; title: string; action: string; csrf: string; values: Values; errors: FieldErrors; notice?: string | undefined; links?: { forgot: string; register: string } };

export function LoginForm({ lang, title, action, csrf, values, errors, notice, links }: LoginProps) {
  return (
    <>
      <h1>{title}</h1>
      {notice && <p class="notice" role="status">{notice}</p>}
      <ErrorSummary lang={lang} errors={errors} />
      <Form action={action} csrfToken={csrf}>
        <Field name="email" label={t(lang, 'accounts.email')} type="email" autocomplete="username" value={values.email} errors={errors} required />
        <Field name="password" label={t(lang, 'accounts.password')} type="password" autocomplete="current-password" errors={errors} required />
        <button type="submit">{t(lang, 'accounts.login.submit')}</button>
      </Form>
      {links && (
        <ul>
          <li><a href={links.forgot}>{t(lang, 'accounts.login.forgot')}</a></li>
          <li>{t(lang, 'accounts.login.noAccount')} <a href={links.register}>{t(lang, 'nav.register')}</a></li>
        </ul>
      )}
    </>
  );
}

export function ForgotForm({ lang, action, csrf, values, errors, sent }: { lang: Lang; action: string; csrf: string; values: Values; errors: FieldErrors; sent: boolean }) {
  return (
    <>
      <h1>{t(lang, 'accounts.forgot.title')}</h1>
      {sent ? <p class="notice" role="status">{t(lang, 'accounts.forgot.sent')}</p> : <p>{t(lang, 'accounts.forgot.intro')}</p>}
      <ErrorSummary lang={lang} errors={errors} />
      <Form action={action} csrfToken={csrf}>
        <Field name="email" label={t(lang, 'accounts.email')} type="email" autocomplete="email" value={values.email} errors={errors} required />
        <button type="submit">{t(lang, 'accounts.forgot.submit')}</button>
      </Form>
    </>
  );
}

export function ResetForm({ lang, action, csrf, token, errors }: { lang: Lang; action: string; csrf: string; token: string; errors: FieldErrors }) {
  return (
    <>
      <h1>{t(lang, 'accounts.reset.title')}</h1>
      <ErrorSummary lang={lang} errors={errors} />
      <Form action={action} csrfToken={csrf}>
        <input type="hidden" name="token" value={token} />
        <Field name="password" label={t(lang, 'accounts.newPassword')} type="password" autocomplete="new-password" errors={errors} required hint={t(lang, 'accounts.passwordHint')} />
        <button type="submit">{t(lang, 'accounts.reset.submit')}</button>
      </Form>
    </>
  );
}
