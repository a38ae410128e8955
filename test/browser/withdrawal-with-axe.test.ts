/**
 * Issue 10 §1 in headless Chromium: a Coopso member whose order was picked up withdraws through
 * the withdrawal function — the clearly labelled "Se rétracter du contrat ici" on the order page,
 * step 1 the statement (the personalised labels shown as excluded, not selectable), step 2
 * "Confirmer la rétractation", then the acknowledgement — once on a desktop for one calculator,
 * once on a phone for the rest; each acknowledgement arrives over real SMTP with the statement as
 * PDF. Staff then see the withdrawals, the refund's due day and the surcharge on the back-office
 * order page. axe-core checks every page against WCAG 2.1 A/AA.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { type BrowserRun, chromiumAvailable, startBrowserRun, signedInPage } from '../support/browser.ts';
import { pdfText } from '../support/pdf-text.ts';
import { ADMIN_TOKEN, bearer } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';
import { startSmtp } from '../support/smtp.ts';

const SHOP = 'coopso';
const EMAIL = 'retractation@coopso.example';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };

describe('browser: the withdrawal function in two steps, desktop and phone', { skip: !chromiumAvailable && 'Debian chromium not installed' }, () => {
  let run: BrowserRun;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let orderId = '';
  let letterOrderId = '';
  before(async () => {
    smtp = await startSmtp();
    run = await startBrowserRun({ SMTP_URL: smtp.url, COMPTOIR_TEST_CLOCK: '2026-07-06T10:00:00+02:00' });
    const p = run.platform;
    // An order picked up on Tue 2026-07-07 (the period runs to Wed 07-22, 21 July being a Belgian holiday).
    const token = await customerToken(p, SHOP, EMAIL);
    const line = async (sku: string, quantity: number) => ({ productId: await productIdBySku(p, SHOP, sku), quantity });
    const placed = await p.app.inject({
      method: 'POST', url: `/api/v1/shops/${SHOP}/orders`, headers: bearer(token),
      payload: { lines: [await line('CALC-SCI', 2), await line('ETIQ-NOM', 1), await line('SAC-DOS', 1)], acceptedTerms: { version: await termsVersion(p, SHOP) }, delivery: { mode: 'pickup', pickupPointId: '0' }, paymentMethod: 'bank_transfer' },
    });
    assert.equal(placed.statusCode, 201, placed.body);
    orderId = placed.json().id;
    // A second order, not yet collected, withdrawn by a letter staff record.
    const second = await p.app.inject({
      method: 'POST', url: `/api/v1/shops/${SHOP}/orders`, headers: bearer(token),
      payload: { lines: [await line('ATLAS-SCOL', 1)], acceptedTerms: { version: await termsVersion(p, SHOP) }, delivery: { mode: 'pickup', pickupPointId: '0' }, paymentMethod: 'bank_transfer' },
    });
    assert.equal(second.statusCode, 201, second.body);
    letterOrderId = second.json().id;
    const staff = bearer(ADMIN_TOKEN);
    const fact = (payload: Record<string, unknown>) => p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders/${orderId}/events`, headers: staff, payload });
    assert.equal((await fact({ type: 'payment_received', at: '2026-07-06T10:00:00+02:00', amountCents: placed.json().totals.grossCents })).statusCode, 201);
    await p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: staff, payload: { now: '2026-07-07T12:00:00+02:00' } });
    assert.equal((await fact({ type: 'picked_up', at: '2026-07-07T11:00:00+02:00' })).statusCode, 201);
    await p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: staff, payload: { now: '2026-07-10T09:30:00+02:00' } });
  });
  after(async () => {
    await run?.stop();
    await smtp?.close();
  });

  const signedIn = (size: { width: number; height: number }): Promise<Page> => signedInPage(run, SHOP, EMAIL, 'correct horse battery', size);

  async function step1(page: Page, label: string): Promise<void> {
    await page.goto(`${run.base}/shops/${SHOP}/orders/${orderId}`);
    const entry = page.getByRole('link', { name: 'Se rétracter du contrat ici' });
    assert.ok(await entry.isVisible(), 'the withdrawal function is on the order page');
    assert.match(await page.locator('main').innerText(), /jusqu’au mercredi 22 juillet 2026 inclus/);
    await run.audit(page, `order page with the withdrawal link (${label})`);
    await entry.click();
    await page.waitForURL(/\/withdrawal$/);
    const statement = await page.locator('main').innerText();
    assert.match(statement, /Étape 1 sur 2/);
    assert.match(statement, /Camille Martin/);
    assert.match(statement, /Exclu du droit de rétractation \(bien personnalisé\)/);
    assert.equal(await page.getByRole('spinbutton', { name: /Étiquettes nominatives/ }).count(), 0, 'the excluded line cannot be chosen');
    await run.audit(page, `withdrawal step 1 (${label})`);
  }

  async function confirm(page: Page, label: string): Promise<string> {
    await page.waitForURL(/\/withdrawal$/);
    assert.match(await page.locator('main').innerText(), /Étape 2 sur 2/);
    await run.audit(page, `withdrawal step 2 (${label})`);
    await page.getByRole('button', { name: 'Confirmer la rétractation' }).click();
    await page.waitForURL(/\/withdrawals\/[0-9a-f-]{36}$/);
    const ack = await page.locator('main').innerText();
    assert.match(ack, /Rétractation enregistrée/);
    assert.match(ack, /Date et heure de la rétractation\s+vendredi 10 juillet 2026 à \d\d:\d\d:\d\d UTC\+2/);
    await run.audit(page, `acknowledgement (${label})`);
    return ack;
  }

  test('should withdraw one calculator on a desktop: chosen line and quantity, then a separate confirmation', async () => {
    const page = await signedIn(DESKTOP);
    await step1(page, 'desktop');
    await page.getByLabel('seulement les articles et quantités choisis ci-dessous').check();
    await page.getByRole('spinbutton', { name: /Calculatrice scientifique/ }).fill('3');
    await page.getByRole('button', { name: 'Continuer' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /au plus 2/);
    await run.audit(page, 'withdrawal step 1 with a refused quantity');
    await page.getByLabel('seulement les articles et quantités choisis ci-dessous').check();
    await page.getByRole('spinbutton', { name: /Calculatrice scientifique/ }).fill('1');
    await page.getByRole('spinbutton', { name: /Sac à dos/ }).fill('0');
    await page.getByRole('button', { name: 'Continuer' }).click();
    assert.match(await page.locator('main').innerText(), /1 × Calculatrice scientifique/);
    const ack = await confirm(page, 'desktop');
    assert.match(ack, /1 × Calculatrice scientifique \(CALC-SCI\)/);
    assert.doesNotMatch(ack, /Sac à dos/);
    await page.close();
  });

  test('should withdraw the rest on a phone, and e-mail both acknowledgements with their PDF over SMTP', async () => {
    const page = await signedIn(PHONE);
    await step1(page, 'phone');
    await page.getByRole('button', { name: 'Continuer' }).click();
    const ack = await confirm(page, 'phone');
    assert.match(ack, /1 × Calculatrice scientifique/);
    assert.match(ack, /1 × Sac à dos scolaire/);
    // Nothing left to withdraw: the link is gone from the order page.
    await page.goto(`${run.base}/shops/${SHOP}/orders/${orderId}`);
    assert.equal(await page.getByRole('link', { name: 'Se rétracter du contrat ici' }).count(), 0);
    await page.close();

    await run.platform.runDueJobs();
    const acks = smtp.messages.filter((m) => new RegExp(`^To: ${EMAIL}`, 'm').test(m) && m.includes('coopso-retractation-'));
    assert.equal(acks.length, 2, 'two acknowledgements received over SMTP');
    for (const raw of acks) {
      const part = raw.slice(raw.indexOf('name=coopso-retractation-'));
      const pdf = pdfText(Buffer.from((/\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(part)?.[1] ?? '').replace(/\s/g, ''), 'base64'));
      assert.ok(pdf.includes('Déclaration de rétractation') && pdf.includes('Calculatrice scientifique'), pdf.slice(0, 300));
    }
  });

  test('should show staff the withdrawals, the refund due day and the surcharge on the order page', async () => {
    const staff = await run.newPage();
    await staff.setViewportSize(PHONE);
    await staff.goto(`${run.base}/shops/${SHOP}/staff/login`);
    await staff.fill('#f-email', 'staff@coopso.example');
    await staff.fill('#f-password', DEMO_PASSWORD);
    await staff.click('button[type=submit]');
    await staff.waitForURL(/\/staff$/);
    await staff.goto(`${run.base}/shops/${SHOP}/staff/orders/${orderId}`);
    const section = await staff.getByRole('region', { name: 'Rétractations' }).innerText();
    assert.match(section, /Fin du délai de rétractation\s+mercredi 22 juillet 2026/);
    assert.match(section, /en attente du retour des articles/);
    await run.audit(staff, 'staff order page with its withdrawals');
    // The goods come back: the refund is due 14 days after the notice, and staff see what lateness would cost.
    const first = staff.getByRole('region', { name: 'Rétractations' }).locator('article').first();
    await first.getByLabel('Fait', { exact: true }).selectOption('goods_received');
    await first.getByLabel('Date', { exact: true }).fill('2026-07-10');
    await first.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await staff.waitForURL(/done=withdrawalEvent$/);
    const after = await staff.getByRole('region', { name: 'Rétractations' }).innerText();
    assert.match(after, /Remboursement dû au plus tard le\s+vendredi 24 juillet 2026/);
    assert.match(after, /aucune si le remboursement part au plus tard le vendredi 24 juillet 2026/);
    await run.audit(staff, 'staff order page after the goods came back');

    // A letter for the second order: its postmark date, never one in the future.
    await staff.goto(`${run.base}/shops/${SHOP}/staff/orders/${letterOrderId}`);
    const record = staff.getByRole('form', { name: 'Enregistrer une rétractation reçue par courrier ou e-mail' });
    await record.getByLabel(/Date d’envoi par le client/).fill('2026-07-11');
    await record.getByRole('button', { name: 'Enregistrer la rétractation' }).click();
    assert.match(await staff.locator('.error-summary').first().innerText(), /daté dans le futur/);
    await run.audit(staff, 'staff order page with a refused letter');
    await staff.getByRole('form', { name: 'Enregistrer une rétractation reçue par courrier ou e-mail' }).getByLabel(/Date d’envoi par le client/).fill('2026-07-08');
    await staff.getByRole('form', { name: 'Enregistrer une rétractation reçue par courrier ou e-mail' }).getByRole('button', { name: 'Enregistrer la rétractation' }).click();
    await staff.waitForURL(/done=withdrawal$/);
    const letter = await staff.getByRole('region', { name: 'Rétractations' }).innerText();
    assert.match(letter, /Envoyée le mercredi 8 juillet 2026 — courrier/);
    assert.match(letter, /Fin du délai de rétractation\s+pas commencé/);
    await run.audit(staff, 'staff order page with a recorded letter');
    await staff.close();
  });
});
