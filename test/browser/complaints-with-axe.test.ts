/**
 * Issue 10 §5 in headless Chromium: at DISTRITEC (003) an order delivered Fri 2026-03-06; on Mon
 * 03-09 a professional files a transport reserve from the order page on a desktop (the form shows
 * the art.8.1 window, open until Mon 9 March, and asks for the registered letter); a consumer
 * files an invoice dispute on a phone and the acknowledgement names CMAP and the year to seize it
 * (L612-2: until 9 March 2027). Staff then record the carrier's registered letter. axe-core checks
 * every page against WCAG 2.1 A/AA.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { type BrowserRun, chromiumAvailable, startBrowserRun, signedInPage } from '../support/browser.ts';
import { ADMIN_TOKEN, bearer } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

const SHOP = 'distritec';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };
const PASSWORD = 'correct horse battery';

describe('browser: complaints and reserves with their windows, desktop and phone', { skip: !chromiumAvailable && 'Debian chromium not installed' }, () => {
  let run: BrowserRun;
  const orders = { pro: '', consumer: '' };
  before(async () => {
    run = await startBrowserRun({ COMPTOIR_TEST_CLOCK: '2026-03-02T10:00:00+01:00' }, { stripe: false });
    const p = run.platform;
    const staff = bearer(ADMIN_TOKEN);
    const address = { line1: '12 avenue de la Gare', postalCode: '66000', city: 'Perpignan', country: 'FR' };
    const reg = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/customers`, payload: { kind: 'professional', email: 'pro@froid.example', password: PASSWORD, firstName: 'Paul', lastName: 'Froid', companyName: 'Froid Sud SARL', siret: '732 829 320 00074', vatNumber: 'FR40303265045', address } });
    assert.equal(reg.statusCode, 201, reg.body);
    const proToken = (await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/session`, payload: { email: 'pro@froid.example', password: PASSWORD } })).json().token;
    const consumerToken = await customerToken(p, SHOP, 'conso@froid.example');
    for (const [who, token] of [['pro', proToken], ['consumer', consumerToken]] as const) {
      const placed = await p.app.inject({
        method: 'POST', url: `/api/v1/shops/${SHOP}/orders`, headers: bearer(token),
        payload: { lines: [{ productId: await productIdBySku(p, SHOP, 'MANO-4V'), quantity: 1 }], acceptedTerms: { version: await termsVersion(p, SHOP) }, delivery: { mode: 'carrier' }, paymentMethod: 'bank_transfer' },
      });
      assert.equal(placed.statusCode, 201, placed.body);
      orders[who] = placed.json().id;
      const paid = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders/${orders[who]}/events`, headers: staff, payload: { type: 'payment_received', at: '2026-03-02T10:00:00+01:00', amountCents: placed.json().totals.grossCents } });
      assert.equal(paid.statusCode, 201, paid.body);
    }
    await p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: staff, payload: { now: '2026-03-06T18:00:00+01:00' } });
    for (const id of Object.values(orders)) {
      for (const [type, at] of [['shipped', '2026-03-04T09:00:00+01:00'], ['delivered', '2026-03-06T15:00:00+01:00']]) {
        const res = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders/${id}/events`, headers: staff, payload: { type, at } });
        assert.equal(res.statusCode, 201, res.body);
      }
    }
    await p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: staff, payload: { now: '2026-03-09T10:00:00+01:00' } });
  });
  after(async () => run?.stop());

  const signedIn = (email: string, size: { width: number; height: number }): Promise<Page> => signedInPage(run, SHOP, email, PASSWORD, size);

  test('should let a professional file a transport reserve on a desktop, on time by Mon 9 March (3 days, Sat and Sun counted)', async () => {
    const page = await signedIn('pro@froid.example', DESKTOP);
    await page.goto(`${run.base}/shops/${SHOP}/orders/${orders.pro}`);
    await page.getByRole('link', { name: 'Faire une réclamation', exact: true }).click();
    await page.waitForURL(/\/complaints\/new$/);
    const text = await page.locator('main').innerText();
    assert.match(text, /Réserves pour dommage ou manquant au transport — jusqu’au lundi 9 mars 2026 inclus — ouvert/);
    assert.match(text, /lettre recommandée avec avis de réception, avec copie à la boutique/);
    await run.audit(page, 'complaint form (desktop)');
    await page.selectOption('#f-kind', 'transport_reserve');
    await page.fill('#f-note', 'Manifold livré écran fissuré ; réserves portées sur le bon du transporteur.');
    await page.click('button[type=submit]:has-text("Envoyer la réclamation")');
    await page.waitForURL(/\/complaints\/[0-9a-f-]{36}$/);
    const ack = await page.locator('main').innerText();
    assert.match(ack, /Dans le délai/);
    assert.doesNotMatch(ack, /Médiation de la consommation/, 'no consumer mediation for a professional');
    await run.audit(page, 'complaint acknowledgement (desktop)');
  });

  test('should show a consumer the mediator and the year to seize it, on a phone', async () => {
    const page = await signedIn('conso@froid.example', PHONE);
    await page.goto(`${run.base}/shops/${SHOP}/orders/${orders.consumer}/complaints/new`);
    assert.match(await page.locator('main').innerText(), /Réserves pour dommage ou manquant au transport — non disponible/);
    await run.audit(page, 'complaint form (phone)');
    await page.selectOption('#f-kind', 'invoice_dispute');
    await page.fill('#f-note', 'Le port est facturé alors que la commande dépasse 250 € HT.');
    await page.click('button[type=submit]:has-text("Envoyer la réclamation")');
    await page.waitForURL(/\/complaints\/[0-9a-f-]{36}$/);
    const ack = await page.locator('main').innerText();
    assert.match(ack, /médiateur de la consommation CMAP, 39 avenue Franklin Delano Roosevelt, 75008 Paris, au plus tard le mardi 9 mars 2027/);
    await run.audit(page, 'complaint acknowledgement with mediation (phone)');
  });

  test('should let staff record the carrier’s registered letter with its dates', async () => {
    const staff = await run.newPage();
    await staff.setViewportSize(PHONE);
    await staff.goto(`${run.base}/shops/${SHOP}/staff/login`);
    await staff.fill('#f-email', 'staff@distritec.example');
    await staff.fill('#f-password', DEMO_PASSWORD);
    await staff.click('button[type=submit]');
    await staff.waitForURL(/\/staff$/);
    await staff.goto(`${run.base}/shops/${SHOP}/staff/orders/${orders.pro}`);
    await staff.getByRole('link', { name: 'Réclamations et lettres recommandées' }).click();
    await staff.waitForURL(/\/staff\/orders\/[0-9a-f-]{36}\/complaints$/);
    await run.audit(staff, 'staff complaints page (phone)');
    const form = staff.locator('form[action*="/letters"]').first();
    await form.locator('input[name=sentOn]').fill('2026-03-09');
    await form.locator('input[name=trackingNumber]').fill('1A00000000042');
    await form.locator('button[type=submit]').click();
    await staff.waitForURL(/\/complaints$/);
    assert.match(await staff.locator('main').innerText(), /1A00000000042/);
  });
});
