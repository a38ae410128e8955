/**
 * Headless Chromium (Debian's package) drives the real server on a local port: a customer
 * registers through the pages, and axe-core checks every page visited against WCAG 2.1 A/AA.
 * Without Chromium on the machine the test is skipped, except in CI where it must run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { type BrowserRun, chromiumAvailable, fillRegistration, startBrowserRun } from '../support/browser.ts';

describe('browser: registration and accessibility', { skip: !chromiumAvailable && 'Debian chromium not installed' }, () => {
  let run: BrowserRun;
  let base: string;
  let p: BrowserRun['platform'];
  const visitAndAudit = (page: Page, label: string) => run.audit(page, label);

  before(async () => {
    run = await startBrowserRun();
    base = run.base;
    p = run.platform;
  });
  after(async () => run?.stop());

  test('should register a customer at Bible et Jeux through the pages, every page axe-clean', async () => {
    const page = await run.newPage();
    await page.goto(`${base}/`);
    await visitAndAudit(page, 'platform home');
    await page.click('a[href="/shops/bible-et-jeux"]');
    assert.match(await page.locator('h1').innerText(), /Bible et Jeux/i);
    await visitAndAudit(page, 'shop home');
    await page.locator('.cards h3 a').first().click();
    await visitAndAudit(page, 'product page');
    await page.goto(`${base}/shops/bible-et-jeux/register`);
    await visitAndAudit(page, 'register form');

    // A first try with a bad e-mail shows the errors, accessibly.
    await page.fill('#f-email', 'not-an-email');
    await page.fill('#f-password', 'short');
    await page.click('button[type=submit]:has-text("Créer mon compte")');
    assert.match(await page.locator('.error-summary').innerText(), /adresse e-mail n’est pas valide/);
    await visitAndAudit(page, 'register form with errors');

    await fillRegistration(page, 'jeanne@example.fr');
    await page.waitForURL(/\/shops\/bible-et-jeux\/account/);
    assert.match(await page.locator('main').innerText(), /Jeanne Rivière/);
    await visitAndAudit(page, 'account page');

    await page.click('button:has-text("Se déconnecter")');
    await page.goto(`${base}/shops/bible-et-jeux/login`);
    await visitAndAudit(page, 'login page');
    await page.fill('#f-email', 'jeanne@example.fr');
    await page.fill('#f-password', 'une longue phrase secrète');
    await page.click('button[type=submit]:has-text("Se connecter")');
    await page.waitForURL(/\/account$/);

    for (const path of ['/shops/bible-et-jeux/password/forgot', '/shops/bible-et-jeux/legal/notice', '/shops/bible-et-jeux/legal/cgv', '/shops/coopso?lang=nl', '/shops/distritec?lang=en']) {
      await page.goto(`${base}${path}`);
      await visitAndAudit(page, path);
    }
    await page.close();
  });

  test('should let staff sign in to the back office, axe-clean', async () => {
    const page = await run.newPage();
    const staff = await p.database.db.selectFrom('staff').select('email').where('shop_id', '=', 'coopso').executeTakeFirstOrThrow();
    await page.goto(`${base}/shops/coopso/staff/login`);
    await visitAndAudit(page, 'staff login');
    await page.fill('#f-email', staff.email);
    await page.fill('#f-password', DEMO_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/staff$/);
    await visitAndAudit(page, 'staff dashboard');
    await page.goto(`${base}/shops/coopso/staff/products/new`);
    await visitAndAudit(page, 'new product form');
    await page.click('main button[type=submit]');
    assert.match(await page.locator('.error-summary').innerText(), /obligatoire|valide/);
    await visitAndAudit(page, 'product form with errors');
    for (const path of ['/shops/coopso/terms/cgv', '/shops/bible-et-jeux/terms/cgv', '/shops/coopo/terms/privacy', '/shops/coopconnexion/legal/cookies']) {
      await page.goto(`${base}${path}`);
      await visitAndAudit(page, path);
    }
    await page.close();
  });
});
