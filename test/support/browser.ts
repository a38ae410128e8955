/**
 * Headless Debian Chromium driving the real server on a local port, with axe-core checking each
 * page against WCAG 2.0/2.1 A and AA. Without Chromium the browser tests are skipped, except in CI
 * where they must run.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startPlatform, type TestPlatform } from './platform.ts';

const CHROMIUM = '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM);
if (!chromiumAvailable && process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium`);

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe served over HTTP with a long cache life, not inlined: Chromium then keeps the script and its
 * compiled code between the audits of a context, where an inline copy of its 550 KB was parsed
 * again on every audit.
 */
async function serveAxe(): Promise<{ url: string; close: () => void }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400, immutable' });
    res.end(axeSource);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/axe.min.js`, close: () => server.close() };
}

type Violation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };

export type BrowserRun = {
  platform: TestPlatform;
  base: string;
  /** A French-speaking page; bypassCSP only lets the test inject axe, the app's CSP stays as served. */
  newPage(): Promise<Page>;
  /** Runs axe on the page and fails on any WCAG 2.1 A/AA violation. */
  audit(page: Page, label: string): Promise<void>;
  stop(): Promise<void>;
};

/**
 * `env`: more configuration for the platform (SMTP_URL to receive its e-mails over real SMTP);
 * `options.stripe: false` starts without Stripe (the simulated payment provider, issue 8 §12).
 */
export async function startBrowserRun(env: Record<string, string> = {}, options: { stripe?: boolean } = {}): Promise<BrowserRun> {
  const platform = await startPlatform(env, options);
  await platform.app.listen({ port: 0, host: '127.0.0.1' });
  // `localhost`, as the links the platform writes without PUBLIC_URL (web/urls.ts): coming back
  // from Stripe's page on another host name would lose the session cookie.
  const base = `http://localhost:${(platform.app.server.address() as { port: number }).port}`;
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const axe = await serveAxe();
  const audited: number[] = [];
  return {
    platform,
    base,
    newPage: async () => (await browser.newContext({ bypassCSP: true, locale: 'fr-FR' })).newPage(),
    async audit(page, label) {
      await page.addScriptTag({ url: axe.url });
      const { violations } = (await page.evaluate(() =>
        // @ts-expect-error axe is injected into the page above
        window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }),
      )) as { violations: Violation[] };
      audited.push(violations.length);
      const lines = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(lines, [], `axe violations on ${label}`);
    },
    async stop() {
      await browser.close();
      axe.close();
      await platform.stop();
      console.log(`axe: ${audited.length} pages audited, ${audited.reduce((n, v) => n + v, 0)} violations`);
    },
  };
}

/** A new page of `size` (desktop or phone), signed in as a customer of `shop` through its French sign-in form. */
export async function signedInPage(run: BrowserRun, shop: string, email: string, password: string, size: { width: number; height: number }): Promise<Page> {
  const page = await run.newPage();
  await page.setViewportSize(size);
  await page.goto(`${run.base}/shops/${shop}/login`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', password);
  await page.click('button[type=submit]:has-text("Se connecter")');
  await page.waitForURL(/\/account$/);
  return page;
}

/** Fills the registration form of a French shop as Jeanne Rivière of Perpignan and submits it. */
export async function fillRegistration(page: Page, email: string): Promise<void> {
  await page.fill('#f-email', email);
  await page.fill('#f-password', 'une longue phrase secrète');
  await page.fill('#f-firstName', 'Jeanne');
  await page.fill('#f-lastName', 'Rivière');
  await page.fill('#f-address-line1', '12 avenue du Canigou');
  await page.fill('#f-address-postalCode', '66000');
  await page.fill('#f-address-city', 'Perpignan');
  await page.fill('#f-address-country', 'FR');
  await page.click('button[type=submit]:has-text("Créer mon compte")');
}
