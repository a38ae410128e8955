/**
 * Legal pages. The legal notice is complete from the profile's identity, and says plainly what
 * is still missing (SPEC A-05). The terms documents (CGV, CGU, privacy, cookies) are shown by the
 * terms capability (legal/terms) in their version in force; this page is their fallback when no
 * version is in force (none published yet, A-24, or the last one has ended, A-68): it says so,
 * links to the versions, and shows the parameters of the profile as the software applies them.
 */
import type { Child } from '#jsx/jsx-runtime';
import { type Lang, type MessageKey, t } from '../../../kernel/i18n/index.ts';
import { parseDuration } from '../../../shops/profile/duration.ts';
import type { Profile } from '../../../shops/profile/schema.ts';
import type { Shop } from '../../../shops/service.ts';

export const LEGAL_DOCS = ['notice', 'cgv', 'cgu', 'privacy', 'cookies'] as const;
export type LegalDoc = (typeof LEGAL_DOCS)[number];

type Address = { line1: string; line2?: string | undefined; postalCode: string; city: string; country: string };
const addressText = (a: Address | undefined) => (a ? [a.line1, a.line2, `${a.postalCode} ${a.city}`, a.country].filter(Boolean).join(', ') : undefined);

function Fact({ lang, label, value }: { lang: Lang; label: MessageKey; value: Child }) {
  const missing = value === undefined || value === null || value === '';
  return (
    <>
      <dt>{t(lang, label)}</dt>
      <dd>{missing ? <em>{t(lang, 'legal.missing')}</em> : value}</dd>
    </>
  );
}

function LegalNotice({ lang, profile }: { lang: Lang; profile: Profile }) {
  const id = profile.identity;
  const required = [id.registrationNumber, id.registeredOffice, id.email, id.phone, id.host];
  const consumerFacing = profile.customers.kinds.some((k) => k !== 'professional');
  const incomplete = required.some((v) => v === undefined) || (profile.legalSystem === 'FR' && consumerFacing && !id.mediator);
  return (
    <>
      {incomplete && <p class="notice">{t(lang, 'legal.incomplete')}</p>}
      <h2>{t(lang, 'legal.publisher')}</h2>
      <dl class="facts">
        <Fact lang={lang} label="legal.legalName" value={[id.legalName, id.legalForm].filter(Boolean).join(', ')} />
        <Fact lang={lang} label="legal.registeredOffice" value={addressText(id.registeredOffice)} />
        {id.returnsAddress && <Fact lang={lang} label="legal.returnsAddress" value={addressText(id.returnsAddress)} />}
        <Fact lang={lang} label="legal.registration" value={id.registrationNumber} />
        <Fact lang={lang} label="legal.vatNumber" value={id.vatNumber} />
        <Fact lang={lang} label="legal.email" value={id.email && <a href={`mailto:${id.email}`}>{id.email}</a>} />
        <Fact lang={lang} label="legal.phone" value={id.phone} />
        <Fact lang={lang} label="legal.website" value={id.website} />
        <Fact lang={lang} label="legal.host" value={id.host ? [id.host.name, addressText(id.host.address)].filter(Boolean).join(', ') : undefined} />
        {(profile.legalSystem === 'FR' && consumerFacing) || id.mediator ? (
          <Fact lang={lang} label="legal.mediator" value={id.mediator ? [id.mediator.name, addressText(id.mediator.address), id.mediator.url].filter(Boolean).join(', ') : undefined} />
        ) : null}
      </dl>
    </>
  );
}

function days(duration: string): number | undefined {
  const p = parseDuration(duration);
  return p.years || p.months || p.hours || p.minutes ? undefined : p.weeks * 7 + p.days;
}

function KeyTerms({ lang, profile, doc }: { lang: Lang; profile: Profile; doc: LegalDoc }) {
  const withdrawalDays = profile.withdrawal ? days(profile.withdrawal.period) : undefined;
  return (
    <>
      <p class="notice" role="note">
        {t(lang, 'terms.noneInForce')} <a href={`/shops/${profile.slug}/terms/${doc}`}>{t(lang, 'terms.versions')}</a>
      </p>
      <p>{t(lang, 'legal.documentPending')}</p>
      <h2>{t(lang, 'legal.keyTerms')}</h2>
      <dl class="facts">
        <Fact lang={lang} label="legal.governingLaw" value={t(lang, `legalSystem.${profile.legalSystem}`)} />
        <Fact lang={lang} label="legal.customers" value={profile.customers.kinds.map((k) => t(lang, `accounts.kind.${k}` as MessageKey)).join(', ')} />
        {withdrawalDays !== undefined && <Fact lang={lang} label="legal.withdrawalDays" value={t(lang, 'legal.daysValue', { n: Math.max(14, withdrawalDays) })} />}
        {profile.payments && <Fact lang={lang} label="legal.paymentMethods" value={profile.payments.methods.map((m) => m.method).join(', ')} />}
        {profile.delivery && <Fact lang={lang} label="legal.deliveryModes" value={profile.delivery.modes.map((m) => m.mode).join(', ')} />}
        <Fact lang={lang} label="legal.timeZone" value={profile.timeZone} />
      </dl>
    </>
  );
}

export function LegalPage({ lang, shop, doc }: { lang: Lang; shop: Shop; doc: LegalDoc }) {
  return (
    <>
      <h1>{t(lang, `legal.${doc}`)}</h1>
      {doc === 'notice' ? <LegalNotice lang={lang} profile={shop.profile} /> : <KeyTerms lang={lang} profile={shop.profile} doc={doc} />}
    </>
  );
}
