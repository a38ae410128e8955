/**
 * Issue 11 §7–§8 in headless Chromium: on Thursday 4 June 2026 Coopso's staff open "Aujourd'hui",
 * where two orders placed on Monday have their refusal window closing the next working day
 * (Friday 5 June, 001 CG §3.2); they open one, read what preparing it needs (pickup point,
 * customer's e-mail, lines, deadlines), find no fact pre-selected, try to refuse it without a
 * reason and are asked for one and for a confirmation, then refuse it with both. On a phone the
 * other order's page and the view read as well, and the customer, signed in on a phone, sees the
 * refusal with its reason and no payment asked. On Monday 8 June, the window over, staff read why
 * the other order can no longer be refused and an operator refuses it, asked first for the reason
 * of the override (issue 11 §10). axe-core checks every page against WCAG 2.1 A/AA.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { type BrowserRun, chromiumAvailable, signedInPage, startBrowserRun } from '../support/browser.ts';
import { ADMIN_TOKEN, bearer } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

const SHOP = 'coopso';
const EMAIL = 'suivi@coopso.example';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };

describe('browser: the staff order page, a refusal with its reason and confirmation, the today view', { skip: !chromiumAvailable && 'Debian chromium not installed' }, () => {
  let run: BrowserRun;
  const orders: { id: string; number: string }[] = [];
  before(async () => {
    // Monday 1 June 2026, 10:00 in Brussels: two orders; then Thursday 4 June, 09:00.
    run = await startBrowserRun({ COMPTOIR_TEST_CLOCK: '2026-06-01T10:00:00+02:00' });
    const p = run.platform;
    const token = await customerToken(p, SHOP, EMAIL);
    for (const sku of ['CALC-SCI', 'ATLAS-SCOL']) {
      const placed = await p.app.inject({
        method: 'POST', url: `/api/v1/shops/${SHOP}/orders`, headers: bearer(token),
        payload: { lines: [{ productId: await productIdBySku(p, SHOP, sku), quantity: 2 }], acceptedTerms: { version: await termsVersion(p, SHOP) }, delivery: { mode: 'pickup', pickupPointId: '0' }, paymentMethod: 'bank_transfer' },
      });
      assert.equal(placed.statusCode, 201, placed.body);
      orders.push({ id: placed.json().id, number: placed.json().number });
    }
    assert.equal((await p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN), payload: { now: '2026-06-04T09:00:00+02:00' } })).statusCode, 200);
  });
  after(async () => run?.stop());

  async function staffPage(size: { width: number; height: number }): Promise<Page> {
    const page = await run.newPage();
    await page.setViewportSize(size);
    await page.goto(`${run.base}/shops/${SHOP}/staff/login`);
    await page.fill('#f-email', 'staff@coopso.example');
    await page.fill('#f-password', DEMO_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/staff$/);
    return page;
  }

  test('desktop: from "Aujourd’hui" to the order, a refusal asked for its reason and confirmation, then recorded', async () => {
    const [first, second] = orders;
    assert.ok(first && second);
    const page = await staffPage(DESKTOP);
    await page.getByRole('link', { name: 'Aujourd’hui : échéances des commandes' }).click();
    await page.waitForURL(/\/staff\/today$/);
    const today = await page.locator('main').innerText();
    assert.match(today, /au 4 juin 2026/);
    for (const o of orders) assert.match(today, new RegExp(`${o.number}\\s+Camille Martin\\s+Fin du délai de refus\\s+5 juin 2026\\s+dans 1 j`));
    await run.audit(page, 'today view (desktop)');

    await page.getByRole('link', { name: first.number }).click();
    await page.waitForURL(new RegExp(`/staff/orders/${first.id}$`));
    const prepare = await page.getByRole('region', { name: 'Préparer et livrer' }).innerText();
    assert.match(prepare, /Point de retrait\s+Centre de distribution de Liège/);
    assert.match(prepare, /E-mail du client\s+suivi@coopso\.example/);
    const deadlines = await page.getByRole('region', { name: 'Échéances' }).innerText();
    assert.match(deadlines, /Refus possible par la boutique jusqu’au\s+5 juin 2026/);
    assert.match(deadlines, /À payer au plus tard le\s+8 juin 2026/);
    assert.equal(await page.locator('#f-type').inputValue(), '', 'no fact is pre-selected');
    await run.audit(page, 'staff order page (desktop)');

    // One click no longer refuses: a refusal without reason or confirmation is sent back.
    await page.selectOption('#f-type', 'refused');
    await page.click('button[type=submit]:has-text("Enregistrer")');
    await page.waitForLoadState();
    assert.match(await page.locator('#f-note-error').innerText(), /Indiquez le motif du refus/);
    assert.match(await page.locator('#f-confirm-error').innerText(), /Cochez la case pour confirmer/);
    assert.match(await page.locator('main dl.facts').first().innerText(), /En attente de paiement/);
    await run.audit(page, 'refusal asked for its reason and confirmation (desktop)');

    await page.fill('#f-note', 'Produit en rupture chez le fournisseur');
    await page.check('#f-confirm');
    await page.click('button[type=submit]:has-text("Enregistrer")');
    await page.waitForURL(/\?done=event$/);
    assert.match(await page.locator('main').innerText(), /Le fait est enregistré\./);
    assert.match(await page.locator('main dl.facts').first().innerText(), /Statut\s+Refusée/);
    await run.audit(page, 'order refused (desktop)');
  });

  test('phone: the other order with nothing pre-selected, the today view, and the customer’s refused order', async () => {
    const [first, second] = orders;
    assert.ok(first && second);
    const page = await staffPage(PHONE);
    await page.goto(`${run.base}/shops/${SHOP}/staff/orders/${second.id}`);
    assert.equal(await page.locator('#f-type').inputValue(), '');
    assert.match(await page.getByRole('region', { name: 'Préparer et livrer' }).innerText(), /Mode de livraison\s+Centre de distribution local/);
    await run.audit(page, 'staff order page (phone)');
    await page.goto(`${run.base}/shops/${SHOP}/staff/today`);
    const today = await page.locator('main').innerText();
    assert.match(today, new RegExp(second.number));
    assert.doesNotMatch(today, new RegExp(first.number), 'a refused order has no deadline left');
    await run.audit(page, 'today view (phone)');

    const customer = await signedInPage(run, SHOP, EMAIL, 'correct horse battery', PHONE);
    await customer.goto(`${run.base}/shops/${SHOP}/orders/${first.id}`);
    const text = await customer.locator('main').innerText();
    assert.match(text, /Cette commande a été refusée par la boutique/);
    assert.match(text, /Motif : Produit en rupture chez le fournisseur/);
    assert.doesNotMatch(text, /en attente du paiement/i);
    assert.match(text, /Commande refusée/);
    await run.audit(customer, 'customer’s refused order (phone)');
  });

  test('after the window (Mon 8 June): the shop’s staff read why refusing is no longer possible; an operator refuses with a reason for the override (issue 11 §10)', async () => {
    const [, second] = orders;
    assert.ok(second);
    assert.equal((await run.platform.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN), payload: { now: '2026-06-08T09:00:00+02:00' } })).statusCode, 200);
    const page = await staffPage(PHONE);
    await page.goto(`${run.base}/shops/${SHOP}/staff/orders/${second.id}`);
    assert.match(await page.locator('#refusal-over').innerText(), /Refus impossible : le délai pour refuser cette commande a expiré le 5 juin 2026/);
    assert.equal(await page.locator('#f-type option[value=refused]').count(), 0);
    assert.equal(await page.locator('#f-overrideReason').count(), 0);
    await run.audit(page, 'refusal window over, shop staff (phone)');

    const operator = await run.newPage();
    await operator.setViewportSize(DESKTOP);
    await operator.setExtraHTTPHeaders({ authorization: `Bearer ${ADMIN_TOKEN}` });
    await operator.goto(`${run.base}/shops/${SHOP}/staff/orders/${second.id}`);
    assert.match(await operator.locator('label[for=f-overrideReason]').innerText(), /Motif de dérogation/);
    await operator.selectOption('#f-type', 'refused');
    await operator.fill('#f-note', 'Produit retiré du catalogue');
    await operator.check('#f-confirm');
    await operator.click('button[type=submit]:has-text("Enregistrer")');
    await operator.waitForLoadState();
    assert.match(await operator.locator('#f-overrideReason-error').innerText(), /Refuser après le délai demande la raison de ce dépassement/);
    await run.audit(operator, 'operator asked for the override’s reason (desktop)');
    await operator.fill('#f-overrideReason', 'Commande reçue par courrier le 5 juin, saisie en retard');
    await operator.check('#f-confirm');
    await operator.click('button[type=submit]:has-text("Enregistrer")');
    await operator.waitForURL(/\?done=event$/);
    assert.match(await operator.locator('main dl.facts').first().innerText(), /Statut\s+Refusée/);
    await run.audit(operator, 'order refused by an operator after the window (desktop)');
  });
});
