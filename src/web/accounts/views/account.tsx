import type { CustomerRow } from '../../../db/schema.ts';
import { type Lang, type MessageKey, t } from '../../../kernel/i18n/index.ts';

export function AccountPage({ lang, customer, welcome }: { lang: Lang; customer: CustomerRow; welcome: boolean }) {
  const address = customer.address as unknown as { line1: string; postalCode: string; city: string; country: string };
  return (
    <>
      <h1>{t(lang, 'accounts.me.title')}</h1>
      {welcome && <p class="notice" role="status">{t(lang, 'accounts.register.done')}</p>}
      <dl class="facts">
        <dt>{t(lang, 'staff.name')}</dt>
        <dd>{customer.first_name} {customer.last_name}</dd>
        <dt>{t(lang, 'accounts.email')}</dt>
        <dd>{customer.email}</dd>
        <dt>{t(lang, 'accounts.me.kind')}</dt>
        <dd>{t(lang, `accounts.kind.${customer.kind}` as MessageKey)}</dd>
        {customer.company_name && (
          <>
            <dt>{t(lang, 'accounts.companyName')}</dt>
            <dd>{customer.company_name}</dd>
          </>
        )}
        {customer.siret && (
          <>
            <dt>{t(lang, 'accounts.siret')}</dt>
            <dd>{customer.siret}</dd>
          </>
        )}
        {customer.vat_number && (
          <>
            <dt>{t(lang, 'accounts.vatNumber')}</dt>
            <dd>{customer.vat_number}</dd>
          </>
        )}
        <dt>{t(lang, 'accounts.address')}</dt>
        <dd>{address.line1}, {address.postalCode} {address.city}, {address.country}</dd>
        <dt>{t(lang, 'accounts.me.since')}</dt>
        <dd>{customer.created_at.toISOString().slice(0, 10)}</dd>
      </dl>
    </>
  );
}
