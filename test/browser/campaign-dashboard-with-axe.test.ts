/**
 * Issue 12 §1, §6 in headless Chromium: at Coopso, staff on a desktop open the group purchases
 * (the demo Rentrée 2027 is listed), send the creation form empty (every error shown next to its
 * field), then create "Printemps 2027" with the atlas capped at 5; a customer orders 2 atlases;
 * the dashboard shows the order, its amount unpaid and the cap 40 % filled. On a phone (390×844)
 * staff read the dashboard and copy the campaign for next season: "Printemps 2028" is listed.
 * axe-core checks every page against WCAG 2.1 A/AA.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { type BrowserRun, chromiumAvailable, startBrowserRun } from '../support/browser.ts';
import { bearer } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

const SHOP = 'coopso';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

describe('browser: staff campaign pages on a desktop and a phone', { skip: !chromiumAvailable && 'Debian chromium not installed' }, () => {
  let run: BrowserRun;
  let desktop: Page;
  let phone: Page;
  let dashboardUrl = '';

  async function signIn(page: Page, size: { width: number; height: number }) {
    await page.setViewportSize(size);
    await page.goto(`${run.base}/shops/${SHOP}/staff/login`);
    await page.fill('#f-email', 'staff@coopso.example');
    await page.fill('#f-password', DEMO_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/staff$/);
  }

  before(async () => {
    run = await startBrowserRun({ COMPTOIR_TEST_CLOCK: '2027-03-01T09:00:00+01:00' });
    desktop = await run.newPage();
    phone = await run.newPage();
    await signIn(desktop, DESKTOP);
    await signIn(phone, PHONE);
  });
  after(async () => run?.stop());

  test('staff create a campaign on a desktop: errors next to their fields, then the dashboard with its orders and caps', async () => {
    await desktop.getByRole('link', { name: 'Achats groupés' }).click();
    await desktop.waitForURL(/\/staff\/campaigns$/);
    assert.ok((await desktop.locator('main').innerText()).includes('Rentrée 2027'));
    await run.audit(desktop, 'campaign list (desktop)');
    await desktop.getByRole('link', { name: 'Nouvel achat groupé' }).click();
    await desktop.waitForURL(/\/staff\/campaigns\/new$/);
    await run.audit(desktop, 'new campaign form');
    await desktop.getByRole('button', { name: 'Créer l’achat groupé' }).click();
    await desktop.waitForURL(/\/staff\/campaigns$/);
    const summary = await desktop.locator('.error-summary').innerText();
    assert.ok(summary.length > 0, 'the error summary lists the problems');
    assert.ok(await desktop.locator('#f-title-error').isVisible(), 'the title’s error sits by the title');
    await run.audit(desktop, 'new campaign form with errors');
    await desktop.fill('#f-title', 'Printemps 2027');
    await desktop.fill('#f-opensAt', '2027-03-01T00:00');
    await desktop.fill('#f-closesAt', '2027-03-10T00:00');
    // Products are listed by SKU: ATLAS-SCOL first.
    await desktop.check('#f-p-0-include');
    await desktop.fill('#f-p-0-cap', '5');
    await desktop.fill('#f-lateLatest', '2027-04-30');
    await desktop.getByRole('button', { name: 'Créer l’achat groupé' }).click();
    await desktop.waitForURL(/\/staff\/campaigns\/[0-9a-f-]{36}\?created=1$/);
    dashboardUrl = desktop.url().replace(/\?created=1$/, '');
    assert.ok((await desktop.locator('p.notice[role=status]').innerText()).includes('Achat groupé créé'));

    const p = run.platform;
    const token = await customerToken(p, SHOP, 'atlas@coopso.example');
    const placed = await p.app.inject({
      method: 'POST',
      url: `/api/v1/shops/${SHOP}/orders`,
      headers: bearer(token),
      payload: { lines: [{ productId: await productIdBySku(p, SHOP, 'ATLAS-SCOL'), quantity: 2 }], acceptedTerms: { version: await termsVersion(p, SHOP) }, delivery: { mode: 'pickup', pickupPointId: 'liege' }, paymentMethod: 'bank_transfer' },
    });
    assert.equal(placed.statusCode, 201, placed.body);
    await desktop.goto(dashboardUrl);
    const text = await desktop.locator('main').innerText();
    for (const fact of ['Printemps 2027', 'ATLAS-SCOL', '40 %', '1 commande(s)', 'Centre de distribution de Liège', 'Listes de préparation (PDF)']) assert.ok(text.includes(fact), `${fact} in:\n${text}`);
    await run.audit(desktop, 'campaign dashboard (desktop)');
  });

  test('staff read the dashboard on a phone and copy the campaign for next season', async () => {
    await phone.goto(dashboardUrl);
    await run.audit(phone, 'campaign dashboard (phone)');
    await phone.getByRole('button', { name: 'Dupliquer pour la saison suivante' }).click();
    await phone.waitForURL(/\/staff\/campaigns\?cloned=1$/);
    const text = await phone.locator('main').innerText();
    assert.ok(text.includes('Printemps 2028'), text);
    assert.ok(text.includes('Copie créée pour la saison suivante'));
    await run.audit(phone, 'campaign list with the copy (phone)');
  });
});
