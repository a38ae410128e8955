/**
 * Issue 11 §3, "Done when", in headless Chromium at Bible et Jeux (004 art.2). Three orders paid by
 * card on Tue 2026-12-01; with no date set by staff the shipment is planned Tue 12-29 (30 days
 * after the order, less the carrier's 48 h), so a change must reach the shop by Mon 12-28.
 * - On a desktop the customer reads on the order page what they may still do and until when,
 *   cancels one order (a confirmation step shows the cost and the refund) and sees the refund due day.
 * - On a phone, a change typed on 12-28 and sent after midnight is refused with the reason on the
 *   page; once the order has shipped, the page says why it can no longer be cancelled.
 * - Staff accept a pending request from the back-office order page.
 * axe-core checks every page against WCAG 2.1 A/AA.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { money } from '../../src/kernel/i18n/money.ts';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { type BrowserRun, chromiumAvailable, signedInPage, startBrowserRun } from '../support/browser.ts';
import { ADMIN_TOKEN, bearer } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

const SHOP = 'bible-et-jeux';
const EMAIL = 'annulation@bible.example';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };

describe('browser: a customer cancels within the window and is refused after it, desktop and phone', { skip: !chromiumAvailable && 'Debian chromium not installed' }, () => {
  let run: BrowserRun;
  const orders: { id: string; grossCents: number }[] = [];
  const clock = (now: string) => run.platform.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN), payload: { now } });
  const fact = (id: string, payload: Record<string, unknown>) => run.platform.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders/${id}/events`, headers: bearer(ADMIN_TOKEN), payload });

  before(async () => {
    run = await startBrowserRun({ COMPTOIR_TEST_CLOCK: '2026-12-01T10:00:00+01:00' }, { stripe: false });
    const p = run.platform;
    const token = await customerToken(p, SHOP, EMAIL);
    const productId = await productIdBySku(p, SHOP, 'JHS-JEU');
    for (const quantity of [1, 2, 3]) {
      const placed = await p.app.inject({
        method: 'POST', url: `/api/v1/shops/${SHOP}/orders`, headers: bearer(token),
        payload: { lines: [{ productId, quantity }], acceptedTerms: { version: await termsVersion(p, SHOP) }, delivery: { mode: 'carrier' }, paymentMethod: 'card' },
      });
      assert.equal(placed.statusCode, 201, placed.body);
      const order = placed.json();
      orders.push({ id: order.id, grossCents: order.totals.grossCents });
      assert.equal((await fact(order.id, { type: 'payment_received', at: '2026-12-01T10:00:00+01:00', amountCents: order.totals.grossCents })).statusCode, 201);
    }
    // The third order carries a change request for staff to answer.
    const asked = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders/${orders[2]?.id}/modification`, headers: bearer(token), payload: { message: 'Un emballage cadeau, s’il vous plaît.' } });
    assert.equal(asked.statusCode, 202, asked.body);
  });
  after(async () => run?.stop());

  const signedIn = (size: { width: number; height: number }): Promise<Page> => signedInPage(run, SHOP, EMAIL, 'correct horse battery', size);
  const section = (page: Page) => page.getByRole('region', { name: 'Annuler ou modifier la commande' });

  test('should show what may still be done and until when, then cancel with a confirmation (desktop)', async () => {
    const [order] = orders;
    assert.ok(order);
    const page = await signedIn(DESKTOP);
    await page.goto(`${run.base}/shops/${SHOP}/orders/${order.id}`);
    const text = await section(page).innerText();
    assert.match(text, /sans frais jusqu’à son expédition/);
    assert.ok(text.includes(`Les sommes versées (${money('fr', order.grossCents)})`), text);
    assert.match(text, /demander une modification jusqu’au lundi 28 décembre 2026 inclus \(1 jour au moins avant l’expédition prévue le mardi 29 décembre 2026\)/);
    await run.audit(page, 'order page with what the customer may do (desktop)');

    await section(page).getByLabel('Motif (facultatif)').fill('Offert par ma sœur finalement.');
    await section(page).getByRole('button', { name: 'Annuler la commande' }).click();
    await page.waitForURL(/\/cancellation$/);
    const confirm = await page.locator('main').innerText();
    assert.match(confirm, /Confirmer l’annulation de la commande/);
    assert.ok(confirm.includes(`Coût : ${money('fr', 0)}. Remboursement : ${money('fr', order.grossCents)}.`), confirm);
    await run.audit(page, 'cancellation confirmation (desktop)');
    await page.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    await page.waitForURL(/\?changed=cancelled$/);
    const done = await page.locator('main').innerText();
    assert.match(done, /Statut\s+Annulée/);
    assert.ok(done.includes(`Commande annulée. ${money('fr', order.grossCents)} vous sont remboursés au plus tard le mardi 15 décembre 2026.`), done);
    assert.match(done, /Cette commande est close/);
    await run.audit(page, 'order page after the cancellation (desktop)');
    await page.close();
  });

  test('should refuse a change sent after the window and, once shipped, a cancellation, each with its reason (phone)', async () => {
    const order = orders[1];
    assert.ok(order);
    await clock('2026-12-28T23:50:00+01:00');
    const page = await signedIn(PHONE);
    await page.goto(`${run.base}/shops/${SHOP}/orders/${order.id}`);
    await section(page).getByLabel(/Modification souhaitée/).fill('Livrer chez ma voisine au numéro 5.');
    // Midnight passes before the customer presses the button.
    await clock('2026-12-29T00:05:00+01:00');
    await section(page).getByRole('button', { name: 'Envoyer la demande de modification' }).click();
    const refused = await page.locator('main').innerText();
    assert.match(await page.locator('.error-summary').innerText(), /Le délai de modification a pris fin le 2026-12-28/);
    assert.match(refused, /Plus de modification possible : le délai a pris fin le lundi 28 décembre 2026, car une modification doit parvenir 1 jour au moins avant l’expédition prévue le mardi 29 décembre 2026\./);
    assert.match(refused, /sans frais jusqu’à son expédition/, 'cancelling is still possible');
    await run.audit(page, 'change refused after the window (phone)');

    assert.equal((await fact(order.id, { type: 'shipped', at: '2026-12-29T00:04:00+01:00' })).statusCode, 201);
    // The page still shows the cancel button it was loaded with: the server refuses, and says why.
    await section(page).getByRole('button', { name: 'Annuler la commande' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /La commande est expédiée : elle ne peut plus être annulée ni modifiée/);
    await run.audit(page, 'cancellation refused once shipped (phone)');
    await page.goto(`${run.base}/shops/${SHOP}/orders/${order.id}`);
    assert.equal(await section(page).getByRole('button').count(), 0, 'no form is offered any more');
    await run.audit(page, 'order page once shipped (phone)');
    await page.close();
  });

  test('should let staff accept a pending request from the order page', async () => {
    const staff = await run.newPage();
    await staff.setViewportSize(DESKTOP);
    await staff.goto(`${run.base}/shops/${SHOP}/staff/login`);
    await staff.fill('#f-email', 'staff@bible-et-jeux.example');
    await staff.fill('#f-password', DEMO_PASSWORD);
    await staff.click('button[type=submit]');
    await staff.waitForURL(/\/staff$/);
    await staff.goto(`${run.base}/shops/${SHOP}/staff/orders/${orders[2]?.id}`);
    const region = staff.getByRole('region', { name: 'Demandes du client' });
    assert.match(await region.innerText(), /Modification demandée le mardi 1 décembre 2026 : en attente de la réponse de la boutique — « Un emballage cadeau, s’il vous plaît\. »/);
    await run.audit(staff, 'staff order page with a pending request');
    await region.getByRole('button', { name: 'Accepter' }).click();
    await staff.waitForURL(/done=changeDecision$/);
    assert.match(await staff.getByRole('region', { name: 'Demandes du client' }).innerText(), /Réponse enregistrée[\s\S]*: acceptée/);
    await run.audit(staff, 'staff order page after accepting');
    await staff.close();
  });
});
