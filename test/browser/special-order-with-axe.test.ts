/**
 * Issue 11 §6, 003 art.7.2 in headless Chromium, at DISTRITEC with the test clock: Camille orders
 * the condensing unit made to order (GROUPE-COND-SPE, a special order: the product page and her
 * order page say what follows if it is not collected) and pays it on Mon 2026-03-02. It is never
 * collected: staff document 3 weeks of storage at 75,00 € HT from the order page (a form without
 * amount comes back with its error), send a registered letter first presented on 03-10, and on
 * Thu 03-19 close the order (asked to confirm first): the storage costs are invoiced, and Camille,
 * on her phone, reads what is due. Her cart and the review page of a second purchase repeat the
 * product page's notice next to the unit. axe-core checks every page against WCAG 2.1 A/AA.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { type BrowserRun, chromiumAvailable, signedInPage, startBrowserRun } from '../support/browser.ts';
import { ADMIN_TOKEN, bearer } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

const SHOP = 'distritec';
const EMAIL = 'camille@special.example';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };

describe('browser: a special order not collected, its storage costs and its closing', { skip: !chromiumAvailable && 'Debian chromium not installed' }, () => {
  let run: BrowserRun;
  let order = { id: '', number: '', productId: '' };
  const moveClock = async (now: string) => assert.equal((await run.platform.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN), payload: { now } })).statusCode, 200);
  before(async () => {
    run = await startBrowserRun({ COMPTOIR_TEST_CLOCK: '2026-03-02T10:00:00+01:00' }, { stripe: false });
    const p = run.platform;
    const token = await customerToken(p, SHOP, EMAIL);
    const productId = await productIdBySku(p, SHOP, 'GROUPE-COND-SPE');
    const placed = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders`, headers: bearer(token), payload: { lines: [{ productId, quantity: 1 }], acceptedTerms: { version: await termsVersion(p, SHOP) }, delivery: { mode: 'carrier' }, paymentMethod: 'bank_transfer' } });
    assert.equal(placed.statusCode, 201, placed.body);
    order = { id: placed.json().id, number: placed.json().number, productId };
    const paid = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders/${order.id}/events`, headers: bearer(ADMIN_TOKEN), payload: { type: 'payment_received', at: '2026-03-02', amountCents: placed.json().totals.grossCents } });
    assert.equal(paid.statusCode, 201, paid.body);
  });
  after(async () => run?.stop());

  async function staffPage(size: { width: number; height: number }): Promise<Page> {
    const page = await run.newPage();
    await page.setViewportSize(size);
    await page.goto(`${run.base}/shops/${SHOP}/staff/login`);
    await page.fill('#f-email', 'staff@distritec.example');
    await page.fill('#f-password', DEMO_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/staff$/);
    return page;
  }

  test('desktop: the product and the order say it is a special order; staff document the storage costs', async () => {
    const customer = await signedInPage(run, SHOP, EMAIL, 'correct horse battery', DESKTOP);
    await customer.goto(`${run.base}/shops/${SHOP}/products/${order.productId}`);
    assert.match(await customer.locator('main').innerText(), /Commande spéciale : article commandé spécialement pour vous\. Non retiré après mise en demeure, son prix reste dû en totalité, avec les frais de stockage\./);
    await run.audit(customer, 'special-order product page (desktop)');
    await customer.goto(`${run.base}/shops/${SHOP}/orders/${order.id}`);
    const section = await customer.getByRole('region', { name: 'Commande spéciale' }).innerText();
    assert.match(section, /Marchandises commandées spécialement : Groupe de condensation 12 kW – sur commande\./);
    assert.match(section, /la commande n’est pas annulée : le prix reste dû en totalité, avec les frais de stockage/);
    await run.audit(customer, 'customer’s special order (desktop)');

    const page = await staffPage(DESKTOP);
    await page.goto(`${run.base}/shops/${SHOP}/staff/orders/${order.id}`);
    assert.match(await page.getByRole('region', { name: 'Commande spéciale' }).innerText(), /Aucun frais de stockage enregistré\./);
    await page.fill('#f-description', 'Stockage au dépôt, 3 semaines à 25,00 € HT');
    await page.click('button[type=submit]:has-text("Enregistrer les frais de stockage")');
    await page.waitForLoadState();
    assert.ok((await page.locator('#f-amount-error').innerText()).length > 0, 'the amount is asked for');
    await run.audit(page, 'storage cost refused (desktop)');
    await page.fill('#f-amount', '75,00');
    await page.fill('#f-document', 'Grille tarifaire du dépôt 2026');
    await page.click('button[type=submit]:has-text("Enregistrer les frais de stockage")');
    await page.waitForURL(/\?done=storage-cost/);
    const text = await page.getByRole('region', { name: 'Commande spéciale' }).innerText();
    assert.match(text, /Frais de stockage enregistrés\./);
    assert.match(text, /Stockage au dépôt, 3 semaines à 25,00 € HT\s+75,00\s€\s+90,00\s€\s+Grille tarifaire du dépôt 2026/);
    assert.match(text, /Reste à payer\s+90,00\s€/);
    assert.doesNotMatch(text, /Clore pour non-enlèvement/, 'no letter yet: nothing to close');
    await run.audit(page, 'staff order page with storage costs (desktop)');
  });

  test('the cart and the review page repeat the notice next to the special line (desktop and phone)', async () => {
    const notice = /Commande spéciale : article commandé spécialement pour vous\. Non retiré après mise en demeure, son prix reste dû en totalité, avec les frais de stockage\./;
    const customer = await signedInPage(run, SHOP, EMAIL, 'correct horse battery', DESKTOP);
    await customer.goto(`${run.base}/shops/${SHOP}/products/${order.productId}`);
    await customer.getByLabel('Quantité').fill('1');
    await customer.getByRole('button', { name: 'Ajouter au panier' }).click();
    await customer.waitForURL(/\/cart\?done=added$/);
    const row = customer.locator('main tr', { hasText: 'GROUPE-COND-SPE' });
    assert.match(await row.innerText(), notice);
    await run.audit(customer, 'cart with a special order (desktop)');
    await customer.goto(`${run.base}/shops/${SHOP}/checkout`);
    await customer.getByLabel(/transporteur/i).first().check();
    const transfer = customer.getByLabel(/virement/i);
    if ((await transfer.count()) > 0) await transfer.first().check();
    await customer.getByRole('button', { name: 'Continuer vers le récapitulatif' }).click();
    await customer.waitForURL(/\/checkout\/review$/);
    const line = customer.locator('main table tr', { hasText: 'GROUPE-COND-SPE' });
    assert.match(await line.innerText(), notice);
    await run.audit(customer, 'review page with a special order (desktop)');
    await customer.setViewportSize(PHONE);
    await run.audit(customer, 'review page with a special order (phone)');
    await customer.goto(`${run.base}/shops/${SHOP}/cart`);
    assert.match(await customer.locator('main tr', { hasText: 'GROUPE-COND-SPE' }).innerText(), notice);
    await run.audit(customer, 'cart with a special order (phone)');
  });

  test('phone: on 03-19, after the letter first presented on 03-10, staff close the order once they confirm; the customer reads what is due', async () => {
    await moveClock('2026-03-12T10:00:00+01:00');
    const letter = await run.platform.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders/${order.id}/formal-notices`, headers: bearer(ADMIN_TOKEN), payload: { kind: 'non_collection', sentOn: '2026-03-09', presentedOn: '2026-03-10' } });
    assert.equal(letter.statusCode, 201, letter.body);
    await moveClock('2026-03-19T09:00:00+01:00');
    const page = await staffPage(PHONE);
    await page.goto(`${run.base}/shops/${SHOP}/staff/orders/${order.id}`);
    assert.match(await page.getByRole('region', { name: 'Commande spéciale' }).innerText(), /Mise en demeure envoyée le lundi 9 mars 2026 ; disposition possible à partir du jeudi 19 mars 2026\./);
    await run.audit(page, 'staff order page, ready to close (phone)');
    await page.click('button[type=submit]:has-text("Clore pour non-enlèvement et facturer")');
    await page.waitForLoadState();
    assert.ok((await page.locator('#f-settle-confirm-error').innerText()).length > 0, 'a confirmation is asked for');
    await run.audit(page, 'closing asked for its confirmation (phone)');
    await page.check('#f-settle-confirm');
    await page.click('button[type=submit]:has-text("Clore pour non-enlèvement et facturer")');
    await page.waitForURL(/\?done=special-order/);
    const text = await page.getByRole('region', { name: 'Commande spéciale' }).innerText();
    assert.match(text, /Commande close et facturée ; le client a été informé\./);
    assert.match(text, /Commande close le jeudi 19 mars 2026 pour non-enlèvement/);
    assert.match(await page.locator('main dl.facts').first().innerText(), /Statut\s+Terminée/);
    await run.audit(page, 'special order closed (phone)');

    const customer = await signedInPage(run, SHOP, EMAIL, 'correct horse battery', PHONE);
    await customer.goto(`${run.base}/shops/${SHOP}/orders/${order.id}`);
    const mine = await customer.getByRole('region', { name: 'Commande spéciale' }).innerText();
    assert.match(mine, /Commande close le jeudi 19 mars 2026 pour non-enlèvement : la marchandise commandée spécialement reste due en totalité avec les frais de stockage \(facture F-2026-\d{6}, F-2026-\d{6}\)\./);
    assert.match(mine, /Frais de stockage\s+90,00\s€/);
    assert.match(mine, /Reste à payer\s+90,00\s€/);
    await run.audit(customer, 'customer’s closed special order (phone)');
    const pdf = await customer.getByRole('link', { name: /Frais de stockage — F-2026-\d{6} \(PDF\)/ }).getAttribute('href');
    assert.ok(pdf);
    const res = await customer.request.get(`${run.base}${pdf}`);
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'application/pdf');
  });
});
