/**
 * Issue 8 §12 in headless Chromium, without Stripe: a card order at Coopo is refused, then paid,
 * on the simulated payment page ("Paiement simulé (démonstration)"), and every page on the way —
 * the shop home that says card payment is simulated, step 1 with its label, the simulated page,
 * the order page after a refusal and after the payment — is checked by axe-core against WCAG 2.1
 * A/AA. Skipped without Chromium, except in CI.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type BrowserRun, chromiumAvailable, fillRegistration, startBrowserRun } from '../support/browser.ts';

describe('browser: a simulated card payment at Coopo', { skip: !chromiumAvailable && 'Debian chromium not installed' }, () => {
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun({}, { stripe: false });
  });
  after(async () => run?.stop());

  test('should refuse then pay on the simulated page, every page axe-clean', async () => {
    const { base } = run;
    const page = await run.newPage();
    await page.goto(`${base}/shops/coopo`);
    assert.match(await page.locator('main').innerText(), /le paiement par carte est simulé dans cette boutique/);
    await run.audit(page, 'shop home, cards simulated');

    await page.goto(`${base}/shops/coopo/register`);
    await fillRegistration(page, 'simulee@example.fr');
    await page.waitForURL((url) => !url.pathname.endsWith('/register'));

    await page.goto(`${base}/shops/coopo`);
    const mug = page.locator('.cards > li', { has: page.locator('h3', { hasText: 'Tasse émaillée Coopo' }) });
    await mug.getByLabel('Quantité').fill('1');
    await mug.getByRole('button', { name: 'Ajouter au panier' }).click();
    await page.waitForURL(/\/cart\?done=added$/);
    await page.getByRole('button', { name: 'Passer la commande' }).click();
    await page.waitForURL(/\/checkout\??$/);
    assert.match(await page.locator('#f-paymentMethod').innerText(), /Carte bancaire — Paiement simulé \(démonstration\)/);
    await run.audit(page, 'checkout step 1, card simulated');
    await page.getByRole('button', { name: 'Continuer vers le récapitulatif' }).click();
    await page.waitForURL(/\/checkout\/review$/);
    await page.getByLabel(/J'ai lu et j'accepte/).check();
    await page.getByRole('button', { name: 'Commander avec obligation de paiement' }).click();

    await page.waitForURL(/\/orders\/[0-9a-f-]{36}\/simulated-payment$/);
    assert.equal(await page.locator('h1').innerText(), 'Paiement simulé (démonstration)');
    await run.audit(page, 'simulated payment page');
    await page.getByRole('button', { name: 'Refuser le paiement' }).click();
    await page.waitForURL(/\?card=refused$/);
    assert.match(await page.locator('[role=alert]').innerText(), /Le paiement a été refusé \(paiement simulé\)/);
    await run.audit(page, 'order page after a refused payment');

    await page.getByRole('button', { name: 'Payer (paiement simulé)' }).click();
    await page.waitForURL(/\/simulated-payment$/);
    await page.getByRole('button', { name: 'Payer', exact: true }).click();
    await page.waitForURL(/\?card=paid$/);
    const order = await page.locator('main').innerText();
    assert.match(order, /Paiement simulé accepté : votre commande est payée\./);
    assert.match(order, /Acceptée/);
    await run.audit(page, 'order page after the simulated payment');
    await page.close();
  });
});
