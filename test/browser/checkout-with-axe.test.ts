/**
 * Headless Chromium (Debian's package) places an order at Bible et Jeux through the pages, as a
 * guest who signs up on the way: shop → cart → sign up → delivery and payment → review → terms
 * box → "Commander avec obligation de paiement" → Stripe's hosted page (the tests' stand-in) → order
 * page. axe-core checks every page seen
 * against WCAG 2.1 A/AA. Without Chromium the test is skipped, except in CI where it must run.
 */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type BrowserRun, chromiumAvailable, fillRegistration, startBrowserRun } from '../support/browser.ts';

/** Where the review page's screenshot is written, for a person to look at. */
export const REVIEW_SCREENSHOT = join(tmpdir(), 'comptoir-checkout-review.png');

describe('browser: an order at Bible et Jeux through the pages', { skip: !chromiumAvailable && 'Debian chromium not installed' }, () => {
  let run: BrowserRun;
  let base: string;
  let p: BrowserRun['platform'];
  const audit: BrowserRun['audit'] = (page, label) => run.audit(page, label);

  before(async () => {
    run = await startBrowserRun();
    base = run.base;
    p = run.platform;
  });
  after(async () => run?.stop());

  test('should browse, fill the cart, sign up, review and place the order, every page axe-clean', async () => {
    const page = await run.newPage();
    await page.goto(`${base}/`);
    await audit(page, 'platform home');
    await page.click('a[href="/shops/bible-et-jeux"]');
    await audit(page, 'shop home');

    // The lot, from the shop home.
    const lot = page.locator('.cards > li', { has: page.locator('h3', { hasText: 'Lot de 3 jeux et 7 cartes postales' }) });
    await lot.getByLabel('Quantité').fill('1');
    await lot.getByRole('button', { name: 'Ajouter au panier' }).click();
    await page.waitForURL(/\/cart\?done=added$/);
    assert.match(await page.locator('[role=status]').last().innerText(), /ajouté à votre panier/);
    await audit(page, 'cart with the lot');

    // A game, from its product page.
    await page.goto(`${base}/shops/bible-et-jeux`);
    await page.click('.cards h3 a:text-is("Jeu Hag Sameah")');
    await audit(page, 'product page');
    await page.getByLabel('Quantité').fill('1');
    await page.getByRole('button', { name: 'Ajouter au panier' }).click();
    await page.waitForURL(/\/cart\?done=added$/);
    const cart = await page.locator('main').innerText();
    assert.match(cart, /Lot de 3 jeux et 7 cartes postales/);
    assert.match(cart, /Jeu Hag Sameah/);
    assert.match(cart, /4 exemplaires au plus/);
    assert.match(cart, /109,80\s€/);
    await page.screenshot({ path: join(tmpdir(), 'comptoir-checkout-cart.png'), fullPage: true });
    await audit(page, 'cart with two lines');

    // A quantity the shop refuses (004 art.2 O3), shown accessibly, changing nothing.
    await page.getByRole('spinbutton', { name: 'Quantité de Jeu Hag Sameah' }).fill('5');
    await page.getByRole('button', { name: 'Mettre à jour la quantité de Jeu Hag Sameah' }).click();
    assert.match(await page.locator('.error-summary').first().innerText(), /plus de 4 exemplaires/);
    await audit(page, 'cart with a refused quantity');

    await page.getByRole('button', { name: 'Passer la commande' }).click();
    await page.waitForURL(/\/checkout\/sign-in$/);
    await audit(page, 'sign in to order');
    await page.getByRole('link', { name: 'Je n’ai pas de compte : en créer un' }).click();
    await page.waitForURL(/\/register$/);
    await audit(page, 'register form');
    await fillRegistration(page, 'acheteuse@example.fr');

    // Back to checkout, step 1: delivery and payment, nothing chosen for the customer.
    await page.waitForURL(/\/checkout$/);
    assert.match(await page.locator('h1').innerText(), /Livraison et paiement/);
    await audit(page, 'checkout step 1');
    await page.getByRole('button', { name: 'Continuer vers le récapitulatif' }).click();
    assert.ok(await page.locator('.error-summary').isVisible());
    await audit(page, 'checkout step 1 with errors');
    await page.getByLabel('Livraison par transporteur').check();
    await page.getByLabel('Carte bancaire').check();
    await page.screenshot({ path: join(tmpdir(), 'comptoir-checkout-step1.png'), fullPage: true });
    assert.equal(await page.locator('#f-delivery-address-city').inputValue(), 'Perpignan');
    await page.getByRole('button', { name: 'Continuer vers le récapitulatif' }).click();

    // Step 2: the review (C. civ. 1127-2).
    await page.waitForURL(/\/checkout\/review$/);
    const review = await page.locator('main').innerText();
    assert.match(review, /Vérifiez votre commande/);
    assert.match(review, /Total TTC à payer\s+109,80\s€/);
    assert.match(review, /Conditions générales de vente, version /);
    assert.equal(await page.locator('#f-acceptTerms').isChecked(), false);
    await page.screenshot({ path: REVIEW_SCREENSHOT, fullPage: true });
    await audit(page, 'review');

    await page.getByRole('button', { name: 'Commander avec obligation de paiement' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /accepter les conditions générales de vente/);
    await audit(page, 'review with the box unticked');
    await page.getByLabel(/J'ai lu et j'accepte les conditions générales de vente/).check();
    await page.getByRole('button', { name: 'Commander avec obligation de paiement' }).click();

    // Card: on to Stripe's hosted page (here the test server's stand-in), then back to the order.
    await page.waitForURL(/\/pay\/cs_test_[0-9a-f]+$/);
    await page.click('#pay');
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}\?placed=1&card=returned$/);
    const order = await page.locator('main').innerText();
    assert.match(order, /dès que Stripe nous confirme votre paiement/);
    assert.match(order, /Commande BEJ-\d{4}-\d{6}/);
    assert.match(order, /Merci ! Votre commande/);
    assert.match(order, /109,80\s€/);
    assert.match(order, /empreinte SHA-256/);
    assert.match(order, /[0-9a-f]{64}/);
    await audit(page, 'order page');

    await page.getByRole('link', { name: 'Mon compte' }).click();
    assert.match(await page.locator('main').innerText(), /Mes commandes[\s\S]*BEJ-\d{4}-\d{6}/);
    await audit(page, 'account with its orders');
    const orders = await p.database.db.selectFrom('orders').select('gross_cents').where('shop_id', '=', 'bible-et-jeux').execute();
    assert.deepEqual(orders.map((o) => o.gross_cents), [10980]);
    await page.close();
  });
});
