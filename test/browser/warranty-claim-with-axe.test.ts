/**
 * Issue 10 §4 in headless Chromium: a Bible et Jeux customer whose order was delivered on Mon
 * 2026-03-02 opens a legal-warranty claim on 2027-06-01 from the order page — on a desktop with a
 * photo (the page says the presumption still applies, until 2028-03-02), then on a phone where a
 * PDF renamed `.jpg` is refused with a clear message — and reads the claim page with the D.211-2
 * box. Staff then decide a refund on the back-office order page and see it due on 2027-06-08
 * (004 art.8: 7 days after the finding), credited by credit note AV-2027-000001 and paid back (the
 * payment was recorded by hand: recorded as paid back by hand), which the customer reads on the
 * claim page; a second claim decided as a replacement gets its shipment recorded from the same
 * page, with no invoice. axe-core checks every page against WCAG 2.1 A/AA.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { type BrowserRun, chromiumAvailable, startBrowserRun, signedInPage } from '../support/browser.ts';
import { ADMIN_TOKEN, bearer } from '../support/platform.ts';
import { customerToken, termsVersion } from '../support/shoppers.ts';

const SHOP = 'bible-et-jeux';
const EMAIL = 'garantie@bible.example';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

describe('browser: a legal-warranty claim with a photo, desktop and phone', { skip: !chromiumAvailable && 'Debian chromium not installed' }, () => {
  let run: BrowserRun;
  let orderId = '';
  before(async () => {
    run = await startBrowserRun({ COMPTOIR_TEST_CLOCK: '2026-02-25T10:00:00+01:00' }, { stripe: false });
    const p = run.platform;
    const token = await customerToken(p, SHOP, EMAIL);
    const products = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/products?sort=price_desc` })).json().items as { id: string; stock: number; regulated: boolean }[];
    const product = products.find((x) => x.stock > 1 && !x.regulated);
    assert.ok(product);
    const placed = await p.app.inject({
      method: 'POST', url: `/api/v1/shops/${SHOP}/orders`, headers: bearer(token),
      payload: { lines: [{ productId: product.id, quantity: 1 }], acceptedTerms: { version: await termsVersion(p, SHOP) }, delivery: { mode: 'carrier' }, paymentMethod: 'card' },
    });
    assert.equal(placed.statusCode, 201, placed.body);
    orderId = placed.json().id;
    const staff = bearer(ADMIN_TOKEN);
    const fact = (payload: Record<string, unknown>) => p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders/${orderId}/events`, headers: staff, payload });
    assert.equal((await fact({ type: 'payment_received', at: '2026-02-25T10:00:00+01:00', amountCents: placed.json().totals.grossCents })).statusCode, 201);
    await p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: staff, payload: { now: '2026-03-02T18:00:00+01:00' } });
    assert.equal((await fact({ type: 'shipped', at: '2026-03-02T09:00:00+01:00' })).statusCode, 201);
    assert.equal((await fact({ type: 'delivered', at: '2026-03-02T15:00:00+01:00' })).statusCode, 201);
    await p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: staff, payload: { now: '2027-06-01T10:00:00+02:00' } });
  });
  after(async () => run?.stop());

  const signedIn = (size: { width: number; height: number }): Promise<Page> => signedInPage(run, SHOP, EMAIL, 'correct horse battery', size);

  async function openForm(page: Page, label: string): Promise<void> {
    await page.goto(`${run.base}/shops/${SHOP}/orders/${orderId}`);
    const entry = page.getByRole('link', { name: 'Signaler un défaut (garantie légale)' });
    assert.ok(await entry.isVisible(), 'the claim entry is on the delivered order page');
    await run.audit(page, `order page with the warranty entry (${label})`);
    await entry.click();
    await page.waitForURL(/\/warranty-claims\/new$/);
    const text = await page.locator('main').innerText();
    assert.match(text, /Garantie de conformité jusqu’au jeudi 2 mars 2028/);
    assert.match(text, /Jusqu’au jeudi 2 mars 2028, un défaut qui apparaît est présumé exister depuis la livraison/);
    await run.audit(page, `claim form (${label})`);
  }

  test('should open a conformity claim with a photo on a desktop, and show the D.211-2 box', async () => {
    const page = await signedIn(DESKTOP);
    await openForm(page, 'desktop');
    await page.fill('#f-description', 'Le plateau de jeu est fendu au milieu.');
    await page.setInputFiles('#f-photos', { name: 'plateau.png', mimeType: 'image/png', buffer: PNG });
    await page.click('button[type=submit]:has-text("Envoyer la réclamation")');
    await page.waitForURL(/\/warranty-claims\/[0-9a-f-]{36}$/);
    const text = await page.locator('main').innerText();
    assert.match(text, /Ouverte le mardi 1 juin 2027\. Garantie jusqu’au jeudi 2 mars 2028\./);
    assert.match(text, /Photos jointes : 1/);
    assert.match(text, /présumé avoir existé à la livraison/);
    assert.match(text, /articles L\. 217-1 à L\. 217-32 du code de la consommation/, 'the D.211-2 box');
    await run.audit(page, 'claim page (desktop)');
  });

  test('should refuse a PDF renamed .jpg on a phone with a clear message', async () => {
    const page = await signedIn(PHONE);
    await openForm(page, 'phone');
    await page.check('#f-kind-hidden_defect');
    await page.fill('#f-discoveredOn', '2027-05-28');
    await page.fill('#f-description', 'Le bois de la boîte était rongé de l’intérieur.');
    await page.setInputFiles('#f-photos', { name: 'preuve.jpg', mimeType: 'image/jpeg', buffer: PDF });
    await page.click('button[type=submit]:has-text("Envoyer la réclamation")');
    const text = await page.locator('main').innerText();
    assert.match(text, /Le fichier « preuve\.jpg » n’est pas une photo JPEG, PNG ou WebP\. Rien n’a été enregistré\./);
    await run.audit(page, 'claim form with the refused file (phone)');
    const claims = await run.platform.database.db.selectFrom('warranty_claims').select('kind').execute();
    assert.deepEqual(claims.map((c) => c.kind), ['conformity'], 'the refused claim stored nothing');
  });

  test('should let staff decide a refund on the order page and show its deadline', async () => {
    await run.platform.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN), payload: { now: '2027-06-01T16:00:00+02:00' } });
    const staff = await run.newPage();
    await staff.setViewportSize(PHONE);
    await staff.goto(`${run.base}/shops/${SHOP}/staff/login`);
    await staff.fill('#f-email', 'staff@bible-et-jeux.example');
    await staff.fill('#f-password', DEMO_PASSWORD);
    await staff.click('button[type=submit]');
    await staff.waitForURL(/\/staff$/);
    await staff.goto(`${run.base}/shops/${SHOP}/staff/orders/${orderId}`);
    const region = staff.getByRole('region', { name: 'Réclamations au titre de la garantie' });
    assert.match(await region.innerText(), /Délai de remboursement du profil : P7D après le constat/);
    await run.audit(staff, 'staff order page with the claim (phone)');
    await staff.selectOption('select[name=remedy]', 'refund');
    await staff.click('button[type=submit]:has-text("Enregistrer la décision")');
    await staff.waitForURL(/\/staff\/orders\/[0-9a-f-]{36}$/);
    const decided = await staff.getByRole('region', { name: 'Réclamations au titre de la garantie' }).innerText();
    console.log(`staff decision: ${decided.split('\n').filter((l) => /Décision|Remboursement/.test(l)).join(' | ')}`);
    assert.match(decided, /Décision du mardi 1 juin 2027 : remboursement\./);
    assert.match(decided, /Remboursement dû au plus tard le mardi 8 juin 2027\./);
    assert.match(decided, /Avoir\s+AV-2027-000001 — mardi 1 juin 2027 — \d+,\d\d\s€/);
    assert.match(decided, /rendus par la boutique hors Comptoir : effectué\./);
    await run.audit(staff, 'staff order page after the decision (phone)');
  });

  test('should show the customer the credit note and the refund on the claim page', async () => {
    const page = await signedIn(DESKTOP);
    const claim = await run.platform.database.db.selectFrom('warranty_claims').select('id').where('remedy', '=', 'refund').executeTakeFirstOrThrow();
    await page.goto(`${run.base}/shops/${SHOP}/warranty-claims/${claim.id}`);
    const text = await page.locator('main').innerText();
    assert.match(text, /Avoir\s+AV-2027-000001/);
    assert.ok(await page.getByRole('link', { name: 'AV-2027-000001' }).isVisible(), 'the credit note links its PDF');
    await run.audit(page, 'claim page with the credit note and the refund (desktop)');
  });

  test('should let staff record the shipment of a replacement, with its tracking number', async () => {
    const p = run.platform;
    const session = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/session`, payload: { email: EMAIL, password: 'correct horse battery' } });
    const opened = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders/${orderId}/warranty-claims`, headers: bearer(session.json().token), payload: { kind: 'conformity', description: 'Une carte du jeu est imprimée à l’envers.' } });
    assert.equal(opened.statusCode, 201, opened.body);
    const staff = await run.newPage();
    await staff.setViewportSize(DESKTOP);
    await staff.goto(`${run.base}/shops/${SHOP}/staff/login`);
    await staff.fill('#f-email', 'staff@bible-et-jeux.example');
    await staff.fill('#f-password', DEMO_PASSWORD);
    await staff.click('button[type=submit]');
    await staff.waitForURL(/\/staff$/);
    await staff.goto(`${run.base}/shops/${SHOP}/staff/orders/${orderId}`);
    await staff.selectOption('select[name=remedy]', 'replacement');
    await staff.click('button[type=submit]:has-text("Enregistrer la décision")');
    await staff.waitForURL(/\/staff\/orders\/[0-9a-f-]{36}$/);
    await run.audit(staff, 'staff order page with the replacement to record (desktop)');
    await staff.selectOption(`#f-fact-${opened.json().id}`, 'replacement_shipped');
    await staff.fill(`#f-tracking-${opened.json().id}`, '6A98765432109');
    await staff.click('button[type=submit]:has-text("Enregistrer un fait")');
    await staff.waitForURL(/\/staff\/orders\/[0-9a-f-]{36}$/);
    const region = await staff.getByRole('region', { name: 'Réclamations au titre de la garantie' }).innerText();
    assert.match(region, /Remplacement expédié le mardi 1 juin 2027\. Numéro de suivi : 6A98765432109/);
    await run.audit(staff, 'staff order page after the replacement shipped (desktop)');
    const docs = await p.database.db.selectFrom('invoices').select('id').where('order_id', '=', orderId).execute();
    assert.equal(docs.length, 1, 'no new invoice for the replacement');
  });
});
