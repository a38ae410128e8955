/**
 * Issue 12 §3 in headless Chromium, axe-checked: on Monday 31 August 2026 a Coopso member living
 * in Liège picks the Saturday 5 September 09:00–12:00 slot at the Liège centre on a phone (step 1
 * offers only the centre of her commune and its open slots), reviews it and orders; on a desktop
 * the staff's list of the Liège centre shows the slot 1 / 40 with her order (and on a phone).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { type BrowserRun, chromiumAvailable, signedInPage, startBrowserRun } from '../support/browser.ts';
import { customerToken, productIdBySku } from '../support/shoppers.ts';

const SHOP = 'coopso';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };

describe('browser: choosing a pickup slot, and the staff’s list of the point', { skip: !chromiumAvailable && 'Debian chromium not installed' }, () => {
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun({ COMPTOIR_TEST_CLOCK: '2026-08-31T10:00:00+02:00' }, { stripe: false });
  });
  after(async () => run?.stop());

  test('should let a member of Liège choose Saturday’s slot on a phone, and show it to staff on a desktop', async () => {
    const p = run.platform;
    await customerToken(p, SHOP, 'creneau@coopso.example');
    const page = await signedInPage(run, SHOP, 'creneau@coopso.example', 'correct horse battery', PHONE);
    await page.goto(`${run.base}/shops/${SHOP}`);
    await run.audit(page, 'shop page with its delivery fees (phone)');
    const product = await productIdBySku(p, SHOP, 'CAHIER-A4-96');
    await page.goto(`${run.base}/shops/${SHOP}/products/${product}`);
    await page.click('button[type=submit]:has-text("Ajouter au panier")');
    await page.goto(`${run.base}/shops/${SHOP}/checkout`);
    assert.equal(await page.getByLabel(/membres de Coopso/).count(), 0, 'Liège is not offered home delivery by members');
    await page.getByLabel(/^Centre de distribution local/).check();
    await page.getByLabel('samedi 5 septembre 2026, 09:00–12:00 — 40 place(s) libre(s)').check();
    await page.getByLabel(/^Virement/).check();
    await run.audit(page, 'checkout step 1 with pickup slots (phone)');
    await page.click('button[type=submit]:has-text("Continuer")');
    await page.waitForURL(/\/checkout\/review$/);
    assert.match(await page.locator('main').innerText(), /Créneau : samedi 5 septembre 2026, 09:00–12:00/);
    await run.audit(page, 'review with the slot (phone)');
    await page.check('#f-acceptTerms');
    await page.click('button[type=submit]:has-text("Commander")');
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}/);
    assert.match(await page.locator('main').innerText(), /Créneau : samedi 5 septembre 2026, 09:00–12:00/);
    await page.close();

    const staff = await run.newPage();
    await staff.setViewportSize(DESKTOP);
    await staff.goto(`${run.base}/shops/${SHOP}/staff/login`);
    await staff.fill('#f-email', 'staff@coopso.example');
    await staff.fill('#f-password', DEMO_PASSWORD);
    await staff.click('button[type=submit]');
    await staff.waitForURL(/\/staff$/);
    await staff.click('a:has-text("Points de retrait et créneaux")');
    await staff.waitForURL(/\/staff\/pickup-points$/);
    const row = staff.getByRole('row', { name: /samedi 5 septembre 2026, 09:00–12:00/ }).first();
    assert.match(await row.innerText(), /1 \/ 40[\s\S]*COO-2026-\d+ — Camille Martin/);
    await run.audit(staff, 'staff list of pickup points and slots (desktop)');
    await staff.setViewportSize(PHONE);
    await run.audit(staff, 'staff list of pickup points and slots (phone)');
    await staff.close();
  });
});
