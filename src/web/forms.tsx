/**
 * Form building blocks: every field has a visible label, an error message tied to it with
 * aria-describedby, and the error summary at the top lists every problem with a link to its field
 * (RGAA 11.10, WCAG 3.3.1).
 */
import type { Child } from '#jsx/jsx-runtime';
import { type Lang, type MessageKey, t } from '../kernel/i18n/index.ts';

export type FieldErrors = Record<string, string>;

const idOf = (name: string) => `f-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;

export function ErrorSummary({ lang, errors }: { lang: Lang; errors: FieldErrors }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex="-1">
      <p>{t(lang, 'common.errorsIntro')}</p>
      <ul>
        {entries.map(([field, message]) => (
          <li>{field === '_form' ? message : <a href={`#${idOf(field)}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

type FieldProps = {
  name: string;
  label: string;
  type?: string;
  value?: string | undefined;
  required?: boolean;
  autocomplete?: string;
  errors: FieldErrors;
  hint?: string;
};

export function Field({ name, label, type = 'text', value, required, autocomplete, errors, hint }: FieldProps) {
  const id = idOf(name);
  const error = errors[name];
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p class="error" id={`${id}-error`}>{error}</p>}
      <input
        id={id}
        name={name}
        type={type}
        value={type === 'password' ? undefined : value}
        required={required}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        autocomplete={autocomplete}
      />
    </div>
  );
}

export function Form({ action, csrfToken, children, label }: { action: string; csrfToken: string; children?: Child; label?: string }) {
  return (
    <form method="post" action={action} novalidate aria-label={label}>
      <input type="hidden" name="_csrf" value={csrfToken} />
      {children}
    </form>
  );
}

/** The postal address, every field required, named `address.*` as the registration and guest schemas read them. */
export function AddressFieldset({ lang, values, errors }: { lang: Lang; values: Record<string, string | undefined>; errors: FieldErrors }) {
  const field = (part: string, key: MessageKey, autocomplete: string) => (
    <Field name={`address.${part}`} label={t(lang, key)} value={values[`address.${part}`]} errors={errors} required autocomplete={autocomplete} />
  );
  return (
    <fieldset>
      <legend>{t(lang, 'accounts.address')}</legend>
      {field('line1', 'accounts.line1', 'address-line1')}
      {field('postalCode', 'accounts.postalCode', 'postal-code')}
      {field('city', 'accounts.city', 'address-level2')}
      {field('country', 'accounts.country', 'country')}
    </fieldset>
  );
}
