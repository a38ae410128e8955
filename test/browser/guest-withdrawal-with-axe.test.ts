/**
 * Issue 10 §1 in headless Chromium: "Guests can reach [the withdrawal function] from the link in
 * their confirmation e-mail". On a phone, a visitor of Bible et Jeux (no account required, 004)
 * orders as a guest — details page, delivery and payment, review, simulated card payment — then,
 * in a fresh browser with no cookie at all, opens the link of the confirmation e-mail received
 * over SMTP, withdraws in two steps ("Se rétracter du contrat ici", the statement, the separate
 * confirmation) and receives the acknowledgement e-mail with its PDF. The guest details page is
 * also checked at desktop size, with and without errors. Last, the guest opens an
 * account from the link (a password only) and finds the order in it. axe-core checks every page
 * (WCAG 2.1 A/AA).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserRun, chromiumAvailable, startBrowserRun } from '../support/browser.ts';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { pdfText } from '../support/pdf-text.ts';
import { startSmtp } from '../support/smtp.ts';

const SHOP = 'bible-et-jeux';
const EMAIL = 'invitee.mobile@example.fr';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };

describe('browser: a guest orders, then withdraws from the link in the confirmation e-mail', { skip: !chromiumAvailable && 'Debian chromium not installed' }, () => {
  let run: BrowserRun;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let orderLink = '';
  before(async () => {
    smtp = await startSmtp();
    run = await startBrowserRun({ SMTP_URL: smtp.url }, { stripe: false });
  });
  after(async () => {
    await run?.stop();
    await smtp?.close();
  });

  /** A page of `size` with a game in its cart, on the choice between signing in and ordering as a guest. */
  async function toGuestChoice(size: { width: number; height: number }, label: string): Promise<Page> {
    const page = await run.newPage();
    await page.setViewportSize(size);
    await page.goto(`${run.base}/shops/${SHOP}`);
    const game = page.locator('.cards > li', { has: page.locator('h3', { hasText: 'Jeu Hag Sameah' }) });
    await game.getByLabel('Quantité').fill('1');
    await game.getByRole('button', { name: 'Ajouter au panier' }).click();
    await page.waitForURL(/\/cart\?done=added$/);
    await page.getByRole('button', { name: 'Passer la commande' }).click();
    await page.waitForURL(/\/checkout\/sign-in$/);
    await run.audit(page, `sign in or order as a guest (${label})`);
    await page.getByRole('link', { name: 'Commander sans créer de compte' }).click();
    await page.waitForURL(/\/checkout\/guest$/);
    return page;
  }

  test('should show the guest details page at desktop size, with its errors, axe-clean', async () => {
    const page = await toGuestChoice(DESKTOP, 'desktop');
    assert.equal(await page.locator('h1').innerText(), 'Vos coordonnées');
    await run.audit(page, 'guest details (desktop)');
    await page.fill('#f-email', 'pas une adresse');
    await page.getByRole('button', { name: 'Continuer vers la livraison et le paiement' }).click();
    await page.waitForURL(/\/checkout\/guest$/);
    assert.ok(await page.locator('.error-summary').isVisible());
    await run.audit(page, 'guest details with errors (desktop)');
    await page.close();
  });

  test('should order as a guest on a phone, then withdraw in two steps from the e-mail link in a fresh browser, acknowledged with a PDF', async () => {
    const page = await toGuestChoice(PHONE, 'phone');
    await page.screenshot({ path: join(tmpdir(), 'comptoir-guest-details-phone.png'), fullPage: true });
    await run.audit(page, 'guest details (phone)');
    await page.fill('#f-email', EMAIL);
    await page.fill('#f-firstName', 'Salomé');
    await page.fill('#f-lastName', 'Invitée');
    await page.fill('#f-address-line1', '27 rue du Mas Donat');
    await page.fill('#f-address-postalCode', '66000');
    await page.fill('#f-address-city', 'Perpignan');
    await page.getByRole('button', { name: 'Continuer vers la livraison et le paiement' }).click();

    await page.waitForURL(/\/checkout$/);
    assert.equal(await page.locator('#f-delivery-address-line1').inputValue(), '27 rue du Mas Donat');
    await run.audit(page, 'checkout step 1 as a guest (phone)');
    await page.getByLabel('Livraison par transporteur').check();
    await page.getByLabel(/^Carte bancaire/).check();
    await page.getByRole('button', { name: 'Continuer vers le récapitulatif' }).click();
    await page.waitForURL(/\/checkout\/review$/);
    await run.audit(page, 'review as a guest (phone)');
    await page.getByLabel(/J'ai lu et j'accepte les conditions générales de vente/).check();
    await page.getByRole('button', { name: 'Commander avec obligation de paiement' }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}\/simulated-payment$/);
    await run.audit(page, 'simulated payment as a guest (phone)');
    await page.getByRole('button', { name: 'Payer', exact: true }).click();
    await page.waitForURL(/\?card=paid$/);
    assert.match(await page.locator('main').innerText(), /votre commande est payée/);
    await run.audit(page, 'order page right after the guest paid (phone)');
    await page.close();

    // The confirmation e-mail, over SMTP, with the order's signed link.
    await run.platform.runDueJobs();
    const mails = smtp.messages.filter((m) => new RegExp(`^To: ${EMAIL}`, 'm').test(m)).map((m) => m.replace(/=\r?\n/g, '').replace(/=3D/g, '='));
    const link = mails.map((m) => /(http:\/\/localhost:\d+\/shops\/bible-et-jeux\/orders\/[0-9a-f-]{36}\?access=[A-Za-z0-9_-]{43})/.exec(m)?.[1]).find(Boolean);
    assert.ok(link, 'the confirmation carries the order link');
    assert.ok(link.startsWith(run.base), 'built from the configured origin');
    orderLink = link;

    // A fresh browser: no session, no cookie, only the link.
    const fresh = await run.newPage();
    await fresh.setViewportSize(PHONE);
    await fresh.goto(link);
    await fresh.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    assert.doesNotMatch(fresh.url(), /access=/, 'the token left the address');
    const orderPage = await fresh.locator('main').innerText();
    assert.match(orderPage, /Commande BEJ-\d{4}-\d{6}/);
    assert.match(orderPage, /Formulaire de rétractation/i);
    await fresh.screenshot({ path: join(tmpdir(), 'comptoir-guest-order-link-phone.png'), fullPage: true });
    await run.audit(fresh, 'order page opened from the e-mail link (phone)');

    await fresh.getByRole('link', { name: 'Se rétracter du contrat ici' }).click();
    await fresh.waitForURL(/\/withdrawal$/);
    const statement = await fresh.locator('main').innerText();
    assert.match(statement, /Étape 1 sur 2/);
    assert.match(statement, /Salomé Invitée/);
    await run.audit(fresh, 'withdrawal step 1 from the link (phone)');
    await fresh.getByRole('button', { name: 'Continuer' }).click();
    await fresh.waitForURL(/\/withdrawal$/);
    assert.match(await fresh.locator('main').innerText(), /Étape 2 sur 2/);
    await run.audit(fresh, 'withdrawal step 2 from the link (phone)');
    await fresh.getByRole('button', { name: 'Confirmer la rétractation' }).click();
    await fresh.waitForURL(/\/withdrawals\/[0-9a-f-]{36}$/);
    const ack = await fresh.locator('main').innerText();
    assert.match(ack, /Rétractation enregistrée/);
    assert.match(ack, /1 × Jeu Hag Sameah/);
    await run.audit(fresh, 'withdrawal acknowledgement from the link (phone)');
    await fresh.close();

    await run.platform.runDueJobs();
    const raw = smtp.messages.find((m) => new RegExp(`^To: ${EMAIL}`, 'm').test(m) && m.includes(`${SHOP}-retractation-`));
    assert.ok(raw, 'the acknowledgement reached the guest over SMTP');
    // Like every e-mail about the order, it links to it with the signed link (issue 10 §1).
    assert.ok(raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=').includes(link), 'the acknowledgement carries the order’s signed link');
    const part = raw.slice(raw.indexOf(`name=${SHOP}-retractation-`));
    const bytes = Buffer.from((/\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(part)?.[1] ?? '').replace(/\s/g, ''), 'base64');
    writeFileSync(join(tmpdir(), 'comptoir-guest-withdrawal.pdf'), bytes);
    const pdf = pdfText(bytes);
    assert.ok(pdf.includes('Déclaration de rétractation') && pdf.includes('Salomé Invitée') && pdf.includes('Jeu Hag Sameah'), pdf.slice(0, 400));
  });

  test('should mark the guest for staff on the order list (desktop) and the order page (phone), axe-clean', async () => {
    for (const [size, label] of [[DESKTOP, 'desktop'], [PHONE, 'phone']] as const) {
      const staff = await run.newPage();
      await staff.setViewportSize(size);
      await staff.goto(`${run.base}/shops/${SHOP}/staff/login`);
      await staff.fill('#f-email', `staff@${SHOP}.example`);
      await staff.fill('#f-password', DEMO_PASSWORD);
      await staff.click('button[type=submit]');
      await staff.waitForURL(/\/staff$/);
      await staff.goto(`${run.base}/shops/${SHOP}/staff/orders`);
      const row = staff.locator('tbody tr', { hasText: 'Salomé Invitée' });
      assert.match(await row.innerText(), /Salomé Invitée\s+Client invité/);
      await run.audit(staff, `staff orders with a guest customer (${label})`);
      await row.getByRole('link').first().click();
      await staff.waitForURL(/\/staff\/orders\/[0-9a-f-]{36}$/);
      assert.match(await staff.locator('main').innerText(), /Salomé Invitée\s+Client invité/);
      await run.audit(staff, `staff order page of a guest (${label})`);
      await staff.close();
    }
  });

  test('should let the guest open an account from the link, refused then accepted, axe-clean at desktop and phone size', async () => {
    assert.ok(orderLink, 'the previous test found the link');
    const desk = await run.newPage();
    await desk.setViewportSize(DESKTOP);
    await desk.goto(orderLink);
    await desk.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const offer = desk.getByRole('region', { name: 'Créer un compte client' });
    assert.match(await offer.innerText(), /invitee\.mobile@example\.fr/);
    await run.audit(desk, 'order page from the link, with the account offer (desktop)');
    await offer.getByLabel(/Mot de passe/).fill('court');
    await offer.getByRole('button', { name: 'Créer mon compte' }).click();
    await desk.waitForURL(/\/account$/);
    assert.ok(await desk.locator('.error-summary').isVisible());
    await run.audit(desk, 'account from the link, refused password (desktop)');
    await desk.close();

    const phone = await run.newPage();
    await phone.setViewportSize(PHONE);
    await phone.goto(orderLink);
    await phone.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const form = phone.getByRole('region', { name: 'Créer un compte client' });
    await form.getByLabel(/Mot de passe/).fill('une longue phrase secrète');
    await form.getByRole('button', { name: 'Créer mon compte' }).click();
    await phone.waitForURL(/\/account\?welcome=1$/);
    assert.match(await phone.locator('main').innerText(), /BEJ-\d{4}-\d{6}/, 'the guest order is in the account');
    await run.audit(phone, 'account opened from the link (phone)');
    await phone.close();
  });
});
