/**
 * A version of a shop's document: its label, dates and SHA-256, links to its PDF and plain text,
 * the text itself, and every version of the document (previous versions stay readable).
 * The text is rendered from the stored body through the escaping runtime: no raw HTML.
 */
import type { Child } from '#jsx/jsx-runtime';
import { type Lang, type MessageKey, t } from '../../../kernel/i18n/index.ts';
import { longDate } from '../format.ts';
import { type Block, parseMarkup } from '../markup.ts';
import type { TermsVersion, TermsVersionSummary } from '../version.ts';
import { termsUrl } from '../urls.ts';


export type VersionStatus = 'current' | 'past' | 'future';

function BlockView({ block }: { block: Block }) {
  if (block.type === 'heading') return block.level === 2 ? <h2>{block.text}</h2> : <h3>{block.text}</h3>;
  if (block.type === 'list') return <ul>{block.items.map((item) => <li>{item}</li>)}</ul>;
  if (block.type === 'box') return <div class="guarantee-box">{block.paragraphs.map((p) => <p>{p}</p>)}</div>;
  return <p>{block.text}</p>;
}

export function TermsText({ body, language }: { body: string; language: string }) {
  return <div class="terms-text" lang={language}>{parseMarkup(body).map((block) => <BlockView block={block} />)}</div>;
}

function Dates({ lang, v }: { lang: Lang; v: { effectiveFrom: string; effectiveUntil: string | null } }) {
  const text = v.effectiveUntil
    ? t(lang, 'terms.versionDates', { from: longDate(lang, v.effectiveFrom), until: longDate(lang, v.effectiveUntil) })
    : t(lang, 'terms.versionFrom', { from: longDate(lang, v.effectiveFrom) });
  return <span>{text}</span>;
}

function VersionList({ lang, shop, versions, shown, currentId }: { lang: Lang; shop: string; versions: readonly TermsVersionSummary[]; shown: string; currentId: string | undefined }) {
  return (
    <section aria-labelledby="terms-versions">
      <h2 id="terms-versions">{t(lang, 'terms.versions')}</h2>
      <ul class="terms-versions">
        {versions.map((v) => (
          <li>
            <a href={termsUrl(shop, v.kind, v.version)} aria-current={v.id === shown ? 'page' : undefined}>
              {t(lang, 'terms.versionLabel')} {v.version}
            </a>{' '}
            — <Dates lang={lang} v={v} />
            {v.id === currentId && <strong> ({t(lang, 'terms.inForce')})</strong>}
            {' '}— <a href={`${termsUrl(shop, v.kind, v.version)}.pdf`} hreflang={v.language} type="application/pdf">PDF</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function StatusNotice({ lang, status, currentHref }: { lang: Lang; status: VersionStatus; currentHref: string | undefined }) {
  if (status === 'current') return null;
  return (
    <p class="notice" role="note">
      {t(lang, status === 'past' ? 'terms.past' : 'terms.future')}
      {currentHref && <> <a href={currentHref}>{t(lang, 'terms.seeCurrent')}</a></>}
    </p>
  );
}

export function TermsVersionPage(props: {
  lang: Lang;
  shop: string;
  version: TermsVersion;
  status: VersionStatus;
  versions: readonly TermsVersionSummary[];
  current: TermsVersionSummary | undefined;
}) {
  const { lang, shop, version: v } = props;
  const href = termsUrl(shop, v.kind, v.version);
  return (
    <>
      <h1>{v.title}</h1>
      <StatusNotice lang={lang} status={props.status} currentHref={props.current && termsUrl(shop, props.current.kind, props.current.version)} />
      <section aria-labelledby="terms-about">
        <h2 id="terms-about">{t(lang, 'terms.about')}</h2>
        <dl class="facts">
          <dt>{t(lang, 'terms.versionLabel')}</dt>
          <dd>{v.version}</dd>
          <dt>{t(lang, 'terms.effectiveFrom')}</dt>
          <dd><time datetime={v.effectiveFrom}>{longDate(lang, v.effectiveFrom)}</time></dd>
          <dt>{t(lang, 'terms.effectiveUntil')}</dt>
          <dd>{v.effectiveUntil ? <time datetime={v.effectiveUntil}>{longDate(lang, v.effectiveUntil)}</time> : t(lang, 'terms.noEnd')}</dd>
          <dt>{t(lang, 'terms.sha256')}</dt>
          <dd><code class="sha256">{v.sha256}</code></dd>
        </dl>
        <ul>
          <li><a href={`${href}.pdf`} type="application/pdf" download>{t(lang, 'terms.downloadPdf')}</a></li>
          <li><a href={`${href}.txt`} type="text/plain">{t(lang, 'terms.plainText')}</a></li>
        </ul>
        {v.language !== lang && <p lang={lang}>{t(lang, 'terms.writtenIn')}</p>}
      </section>
      <TermsText body={v.body} language={v.language} />
      <VersionList lang={lang} shop={shop} versions={props.versions} shown={v.id} currentId={props.current?.id} />
    </>
  );
}

/** No version of the kind in force today: say so, and list the versions that exist. */
export function NoTermsInForce({ lang, shop, kind, versions }: { lang: Lang; shop: string; kind: string; versions: readonly TermsVersionSummary[] }) {
  const children: Child = versions.length ? <VersionList lang={lang} shop={shop} versions={versions} shown="" currentId={undefined} /> : null;
  return (
    <>
      <h1>{t(lang, `terms.kind.${kind}` as MessageKey)}</h1>
      <p class="notice" role="note">{t(lang, 'terms.noneInForce')}</p>
      {children}
    </>
  );
}
