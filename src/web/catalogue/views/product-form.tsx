import { type Lang, type MessageKey, t } from '../../../kernel/i18n/index.ts';
import { ErrorSummary, Field, type FieldErrors, Form } from '../../forms.tsx';

const EXCEPTIONS = ['personalised', 'perishable', 'cannot_be_returned', 'sealed_hygiene', 'sealed_media', 'dated_leisure_service'] as const;

function Select({ name, label, value, options }: { name: string; label: string; value: string; options: [string, string][] }) {
  return (
    <div class="field">
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name}>
        {options.map(([v, text]) => <option value={v} selected={v === value}>{text}</option>)}
      </select>
    </div>
  );
}

type Props = { lang: Lang; title: string; action: string; csrf: string; values: Record<string, string>; errors: FieldErrors; editing: boolean };

export function ProductForm({ lang, title, action, csrf, values, errors, editing }: Props) {
  const f = (name: string, key: MessageKey, required = false, hint?: string) => (
    <Field name={name} label={t(lang, key)} value={values[name]} errors={errors} required={required} hint={hint} />
  );
  return (
    <>
      <h1>{title}</h1>
      <ErrorSummary lang={lang} errors={errors} />
      <p class="hint">{t(lang, 'common.requiredHint')}</p>
      <Form action={action} csrfToken={csrf}>
        {f('sku', 'staff.sku', true)}
        {f('name.fr', 'product.nameFr', true)}
        {f('name.en', 'product.nameEn')}
        {f('name.nl', 'product.nameNl')}
        {f('description.fr', 'product.description')}
        {f('price', 'staff.price', true, t(lang, 'product.priceHint'))}
        {f('vatRate', 'product.vatRate', true, t(lang, 'product.vatHint'))}
        {f('stock', 'staff.stock', true)}
        {f('maxPerOrder', 'product.maxPerOrder')}
        {!editing && f('serviceDays', 'service.form.days', false, t(lang, 'service.form.hint'))}
        <Select name="unit" label={t(lang, 'product.unit')} value={values.unit ?? 'unit'} options={[['unit', t(lang, 'product.unit.unit')], ['metre', t(lang, 'product.unit.metre')], ['kilogram', t(lang, 'product.unit.kilogram')]]} />
        <Select name="condition" label={t(lang, 'product.condition')} value={values.condition ?? 'new'} options={[['new', t(lang, 'product.condition.new')], ['second_hand', t(lang, 'shop.secondHand')]]} />
        <Select
          name="withdrawalException"
          label={t(lang, 'product.withdrawal')}
          value={values.withdrawalException ?? ''}
          options={[['', t(lang, 'product.withdrawable')], ...EXCEPTIONS.map((e): [string, string] => [e, t(lang, `exception.${e}` as MessageKey)])]}
        />
        <div class="field">
          <input type="checkbox" id="f-regulated" name="regulated" checked={values.regulated === 'on'} />
          <label for="f-regulated">{t(lang, 'shop.regulated')}</label>
        </div>
        <div class="field">
          <input type="checkbox" id="f-specialOrder" name="specialOrder" checked={values.specialOrder === 'on'} />
          <label for="f-specialOrder">{t(lang, 'product.specialOrderField')}</label>
        </div>
        {editing && (
          <div class="field">
            <input type="checkbox" id="f-active" name="active" checked={values.active === 'on'} />
            <label for="f-active">{t(lang, 'product.active')}</label>
          </div>
        )}
        <div class="field">
          <label for="f-images">{t(lang, 'product.images')}</label>
          <p class="hint" id="f-images-hint">{t(lang, 'product.imagesHint')}</p>
          <textarea id="f-images" name="images" rows="3" aria-describedby="f-images-hint">{values.images ?? ''}</textarea>
        </div>
        <button type="submit">{t(lang, 'common.save')}</button>
      </Form>
    </>
  );
}
