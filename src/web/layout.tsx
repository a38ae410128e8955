/**
 * The page frame: language, skip link, header with navigation and language choice, main content,
 * footer with the shop's legal links. Accessible by construction (RGAA / WCAG 2.1 AA): one h1 per
 * page (given by the page), landmarks, visible focus, lang attribute, no JavaScript needed.
 */
import type { Child } from '#jsx/jsx-runtime';
import { type Lang, LANGS, t } from '../kernel/i18n/index.ts';

export type Viewer = { kind: 'customer' | 'staff' | 'operator'; name: string } | null;

export type PageFrame = {
  lang: Lang;
  title: string;
  /** Path and query of the current page, to build the language links. */
  path: string;
  shop?: { slug: string; name: string } | undefined;
  viewer?: Viewer | undefined;
  csrfToken?: string | undefined;
  testClockNow?: string | undefined;
};

function withLang(path: string, lang: Lang): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', lang);
  return url.pathname + url.search;
}

function ShopNav({ frame }: { frame: PageFrame }) {
  const { lang, shop, viewer } = frame;
  if (!shop) return null;
  const base = `/shops/${shop.slug}`;
  const signedInHere = viewer && viewer.kind !== 'operator';
  return (
    <ul>
      <li><a href={base}>{shop.name}</a></li>
      <li><a href={`${base}/cart`}>{t(lang, 'nav.cart')}</a></li>
      {viewer?.kind === 'customer' && <li><a href={`${base}/account`}>{t(lang, 'nav.account')}</a></li>}
      {viewer?.kind === 'staff' && <li><a href={`${base}/staff`}>{t(lang, 'nav.backOffice')}</a></li>}
      {!signedInHere && <li><a href={`${base}/login`}>{t(lang, 'nav.login')}</a></li>}
      {!signedInHere && <li><a href={`${base}/register`}>{t(lang, 'nav.register')}</a></li>}
      {signedInHere && (
        <li>
          <form method="post" action={`${base}/logout`} class="inline">
            <input type="hidden" name="_csrf" value={frame.csrfToken ?? ''} />
            <button type="submit" class="link">{t(lang, 'nav.logout')}</button>
          </form>
        </li>
      )}
    </ul>
  );
}

export function Page({ frame, children }: { frame: PageFrame; children?: Child }) {
  const { lang, shop } = frame;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{shop ? `${frame.title} — ${shop.name}` : `${frame.title} — Comptoir`}</title>
        <link rel="stylesheet" href="/assets/style.css" />
      </head>
      <body>
        <a class="skip" href="#main">{t(lang, 'nav.skip')}</a>
        {frame.testClockNow && <p class="test-clock" role="status">{t(lang, 'common.testClockBanner', { now: frame.testClockNow })}</p>}
        <header>
          <nav aria-label={t(lang, 'nav.main')}>
            <ul>
              <li><a href="/">{t(lang, 'app.name')}</a></li>
            </ul>
            <ShopNav frame={frame} />
          </nav>
          <nav aria-label={t(lang, 'nav.language')} class="langs">
            <ul>
              {LANGS.map((l) => (
                <li>
                  <a href={withLang(frame.path, l)} lang={l} hreflang={l} aria-current={l === lang ? 'true' : undefined}>
                    {t(l, `lang.${l}`)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex="-1">{children}</main>
        <footer>
          {shop ? (
            <nav aria-label={t(lang, 'nav.legal')}>
              <ul>
                <li><a href={`/shops/${shop.slug}/legal/notice`}>{t(lang, 'legal.notice')}</a></li>
                <li><a href={`/shops/${shop.slug}/legal/cgv`}>{t(lang, 'legal.cgv')}</a></li>
                <li><a href={`/shops/${shop.slug}/legal/cgu`}>{t(lang, 'legal.cgu')}</a></li>
                <li><a href={`/shops/${shop.slug}/legal/privacy`}>{t(lang, 'legal.privacy')}</a></li>
                <li><a href={`/shops/${shop.slug}/legal/cookies`}>{t(lang, 'legal.cookies')}</a></li>
              </ul>
            </nav>
          ) : (
            <p><a href="/api/docs">{t(lang, 'nav.apiDocs')}</a></p>
          )}
        </footer>
      </body>
    </html>
  );
}
