/**
 * Issue 10 §2 in headless Chromium: a Coop Connexion customer, on a phone, buys the yearly IT help
 * desk (365 days, 120.00 €) on Mon 2026-03-02 — shown as a service with its withdrawal rule, the
 * express request to start during the period behind a box never ticked for her (leaving it
 * unticked refuses nothing), ticked, then paid on the simulated card page; staff, on a desktop,
 * record that performance started that day (a day before the order refused); on Wed 2026-03-11
 * she withdraws in two steps and reads, before confirming and on the acknowledgement, that 9 days
 * of 365 were supplied: 2,96 € owed, 117,04 € refunded (L221-25); the acknowledgement arrives
 * over real SMTP with its PDF. axe-core checks every page against WCAG 2.1 A/AA.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { type BrowserRun, chromiumAvailable, fillRegistration, signedInPage, startBrowserRun } from '../support/browser.ts';
import { pdfText } from '../support/pdf-text.ts';
import { ADMIN_TOKEN, bearer } from '../support/platform.ts';
import { startSmtp } from '../support/smtp.ts';

const SHOP = 'coopconnexion';
const EMAIL = 'assistance@coopconnexion.example';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };
const HELP_DESK = 'Assistance informatique coopérative, abonnement 1 an';
/** What the service owes, said the same on step 2, the acknowledgement page, its e-mail and its PDF. */
const OWED = /9 jours sur 365 ont été fournis jusqu’à votre rétractation, soit 2,96\s€ qui restent dus \(article L221-25 du Code de la consommation\) ; 117,04\s€ vous sont remboursés pour cette prestation/;

describe('browser: a service bought with the express request, started, then withdrawn from pro rata', { skip: !chromiumAvailable && 'Debian chromium not installed' }, () => {
  let run: BrowserRun;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let orderId = '';
  before(async () => {
    smtp = await startSmtp();
    run = await startBrowserRun({ SMTP_URL: smtp.url, COMPTOIR_TEST_CLOCK: '2026-03-02T10:00:00+01:00' }, { stripe: false });
  });
  after(async () => {
    await run?.stop();
    await smtp?.close();
  });

  test('should sell the help desk as a service on a phone: withdrawal rule shown, express request never pre-ticked, paid by card', async () => {
    const page = await run.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(`${run.base}/shops/${SHOP}/register`);
    await fillRegistration(page, EMAIL);
    await page.waitForURL((url) => !url.pathname.endsWith('/register'));

    await page.goto(`${run.base}/shops/${SHOP}`);
    const card = page.locator('.cards > li', { has: page.locator('h3', { hasText: HELP_DESK }) });
    const shown = await card.innerText();
    assert.match(shown, /Prestation de service de 365 jours/);
    assert.match(shown, /Droit de rétractation de 14 jours à compter du lendemain de la commande\. La prestation ne commence avant la fin de ce délai que si vous le demandez expressément ; vous payez alors la part fournie si vous vous rétractez\./);
    assert.match(shown, /120,00\s€/);
    await run.audit(page, 'shop home with the service (phone)');
    await card.getByLabel('Quantité').fill('1');
    await card.getByRole('button', { name: 'Ajouter au panier' }).click();
    await page.waitForURL(/\/cart\?done=added$/);
    assert.match(await page.locator('main').innerText(), new RegExp(HELP_DESK));
    await run.audit(page, 'cart with the service (phone)');
    await page.getByRole('button', { name: 'Passer la commande' }).click();
    await page.waitForURL(/\/checkout\??$/);
    assert.match(await page.locator('#f-paymentMethod').innerText(), /Carte bancaire — Paiement simulé \(démonstration\)/);
    await run.audit(page, 'checkout step 1 (phone)');
    await page.getByRole('button', { name: 'Continuer vers le récapitulatif' }).click();
    await page.waitForURL(/\/checkout\/review$/);

    const request = page.getByRole('group', { name: 'Début de la prestation de service' });
    const box = request.getByRole('checkbox', { name: /Je demande expressément que la prestation commence dès aujourd’hui/ });
    assert.equal(await box.isChecked(), false, 'the express request is never ticked for the customer');
    assert.match(await box.getAttribute('aria-describedby') ?? '', /service-start-consequence/);
    assert.match(await request.innerText(), /vous devrez un montant proportionnel à ce qui a été fourni jusqu’à votre rétractation/);
    await run.audit(page, 'checkout review with the express request (phone)');
    // Unticked, the box refuses nothing: only the terms left unaccepted stop the order.
    await page.getByRole('button', { name: 'Commander avec obligation de paiement' }).click();
    await page.waitForURL(/\/checkout\/confirm$/);
    const refused = await page.locator('.error-summary').innerText();
    assert.equal(await page.locator('.error-summary li').count(), 1, refused);
    assert.match(refused, /conditions/i);
    assert.doesNotMatch(refused, /prestation/i);
    assert.equal(await page.locator('[aria-invalid=true]').count(), 1, 'only the terms box is marked invalid');
    assert.equal(await page.getByRole('checkbox', { name: /Je demande expressément/ }).isChecked(), false, 'still not ticked for her after a refusal');
    await run.audit(page, 'checkout review refused for the terms (phone)');

    await page.getByRole('checkbox', { name: /Je demande expressément/ }).check();
    await page.getByLabel(/J'ai lu et j'accepte/).check();
    await page.getByRole('button', { name: 'Commander avec obligation de paiement' }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}\/simulated-payment$/);
    orderId = /\/orders\/([0-9a-f-]{36})\//.exec(page.url())?.[1] ?? '';
    await run.audit(page, 'simulated payment page (phone)');
    await page.getByRole('button', { name: 'Payer', exact: true }).click();
    await page.waitForURL(/\?card=paid$/);
    const order = await page.locator('main').innerText();
    assert.match(order, /Paiement simulé accepté : votre commande est payée\./);
    assert.match(order, /Vous avez demandé le 2 mars 2026 à 10:00 que la prestation commence pendant le délai de rétractation\./);
    // Started at her request, the service is withdrawn from pro rata: no free cancellation of the whole price.
    assert.doesNotMatch(order, /annuler cette commande sans frais/);
    assert.match(order, /Les conditions de vente ne permettent d’annuler qu’avec l’accord écrit de la boutique/);
    await run.audit(page, 'order page after payment, express request recorded (phone)');
    await page.close();
  });

  test('should let staff record on a desktop the day performance started, refusing a day before the order', async () => {
    const staff = await run.newPage();
    await staff.setViewportSize(DESKTOP);
    await staff.goto(`${run.base}/shops/${SHOP}/staff/login`);
    await staff.fill('#f-email', 'staff@coopconnexion.example');
    await staff.fill('#f-password', DEMO_PASSWORD);
    await staff.click('button[type=submit]');
    await staff.waitForURL(/\/staff$/);
    await staff.goto(`${run.base}/shops/${SHOP}/staff/orders/${orderId}`);
    const form = () => staff.getByRole('form', { name: 'Début d’exécution de la prestation' });
    assert.match(await form().innerText(), /Demande expresse de commencer pendant le délai\s+lundi 2 mars 2026/);
    const history = await staff.locator('main').innerText();
    assert.match(history, /Paiement par carte commencé/);
    assert.doesNotMatch(history, /Card_checkout_started/, 'every event of the history is named in French');
    await run.audit(staff, 'staff order page with the service start form (desktop)');
    await form().getByLabel('Jour où l’exécution a commencé').fill('2026-03-01');
    await form().getByRole('button').click();
    assert.match(await form().locator('.error-summary').innerText(), /La prestation ne peut pas commencer avant la commande/);
    await run.audit(staff, 'staff order page with a refused start day (desktop)');
    await form().getByLabel('Jour où l’exécution a commencé').fill('2026-03-02');
    await form().getByRole('button').click();
    await staff.waitForURL(/done=serviceStart$/);
    const done = await form().innerText();
    assert.match(done, /Début d’exécution enregistré/);
    assert.match(done, /Jour où l’exécution a commencé\s+lundi 2 mars 2026/);
    await run.audit(staff, 'staff order page with the start recorded (desktop)');
    await staff.close();
  });

  test('should withdraw on a phone on 2026-03-11, owe 2,96 € and refund 117,04 € for the service, and e-mail the acknowledgement with its PDF', async () => {
    const moved = await run.platform.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN), payload: { now: '2026-03-11T12:00:00+01:00' } });
    assert.equal(moved.statusCode, 200, moved.body);
    // Nine idle days end a shopper's session: she signs in again.
    const page: Page = await signedInPage(run, SHOP, EMAIL, 'une longue phrase secrète', PHONE);
    await page.goto(`${run.base}/shops/${SHOP}/orders/${orderId}`);
    const mine = await page.locator('main').innerText();
    assert.match(mine, /Début d’exécution de la prestation : lundi 2 mars 2026\./);
    assert.match(mine, /jusqu’au lundi 16 mars 2026 inclus/);
    await run.audit(page, 'order page with the withdrawal link (phone)');
    await page.getByRole('link', { name: 'Se rétracter du contrat ici' }).click();
    await page.waitForURL(/\/withdrawal$/);
    const step1 = await page.locator('main').innerText();
    assert.match(step1, /Étape 1 sur 2/);
    assert.match(step1, /ma rétractation du contrat pour la prestation de services ci-dessous/);
    await run.audit(page, 'withdrawal step 1 (phone)');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.waitForURL(/\/withdrawal$/);
    const step2 = await page.locator('main').innerText();
    assert.match(step2, /Étape 2 sur 2/);
    assert.match(step2, /ma rétractation du contrat pour la prestation de services ci-dessous/);
    assert.match(step2, new RegExp(`1 × ${HELP_DESK}`));
    assert.match(step2, /la prestation a commencé le lundi 2 mars 2026/);
    assert.match(step2, OWED);
    await run.audit(page, 'withdrawal step 2 with the amount owed (phone)');
    await page.getByRole('button', { name: 'Confirmer la rétractation' }).click();
    await page.waitForURL(/\/withdrawals\/[0-9a-f-]{36}$/);
    const ack = await page.locator('main').innerText();
    assert.match(ack, /Rétractation enregistrée/);
    assert.match(ack, /ma rétractation du contrat pour la prestation de services ci-dessous/);
    assert.doesNotMatch(ack, /vente des biens/);
    assert.match(ack, /Date et heure de la rétractation\s+mercredi 11 mars 2026 à 12:00:\d\d UTC\+1/);
    assert.match(ack, OWED);
    // A service: nothing to send back, no goods to wait for before the refund.
    assert.match(ack, /Rien à renvoyer : votre rétractation porte sur une prestation de service/);
    assert.doesNotMatch(ack, /Renvoyez les articles|Adresse de retour|récupérer les articles/);
    assert.match(ack, /Nous vous rembourserons 117,04\s€ par le moyen de paiement utilisé, au plus tard 14 jours après avoir reçu votre rétractation\./);
    await run.audit(page, 'withdrawal acknowledgement (phone)');
    await page.close();

    await run.platform.runDueJobs();
    const acks = smtp.messages.filter((m) => new RegExp(`^To: ${EMAIL}`, 'm').test(m) && m.includes('coopconnexion-retractation-'));
    assert.equal(acks.length, 1, 'one acknowledgement received over SMTP');
    const raw = acks[0] ?? '';
    // The e-mail itself (quoted-printable text) says the same as the page.
    const body = Buffer.from(raw.slice(0, raw.indexOf('name=coopconnexion-retractation-')).replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))), 'latin1').toString('utf8');
    assert.match(body, /ma rétractation du contrat pour la prestation de services ci-dessous/);
    assert.match(body, OWED);
    assert.match(body, /Rien à renvoyer/);
    const part = raw.slice(raw.indexOf('name=coopconnexion-retractation-'));
    const pdf = pdfText(Buffer.from((/\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(part)?.[1] ?? '').replace(/\s/g, ''), 'base64'));
    assert.ok(pdf.includes('Déclaration de rétractation') && pdf.includes(HELP_DESK), pdf.slice(0, 300));
    assert.match(pdf.replace(/\s+/g, ' '), /2,96\s€ qui restent dus/);
    assert.match(pdf.replace(/\s+/g, ' '), /117,04\s€ vous sont remboursés/);
    assert.match(pdf.replace(/\s+/g, ' '), /Rien à renvoyer/);
    assert.match(pdf.replace(/\s+/g, ' '), /ma rétractation du contrat pour la prestation de services ci-dessous/);
    assert.doesNotMatch(pdf, /Renvoyez les articles/);
  });
});
