/**
 * Issue 12 §4 in headless Chromium: at Coopso (home delivery by members in Charleroi), staff on a
 * desktop make a round of two paid orders, sort it by postcode, name the volunteer and make the
 * run-sheet link; the volunteer opens it on a phone (390×844), marks the first stop delivered and
 * the second absent with a note; the order then shows its `delivered` event by the volunteer, with
 * the withdrawal and warranty deadlines it starts; once the link has expired the phone shows a
 * clear page and nothing else; a member sees the day of the round their order is on. axe-core
 * checks every page against WCAG 2.1 A/AA.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { type BrowserRun, chromiumAvailable, signedInPage, startBrowserRun } from '../support/browser.ts';
import { ADMIN_TOKEN, bearer } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

const SHOP = 'coopso';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

describe('browser: a volunteer round, staff on a desktop and the run sheet on a phone', { skip: !chromiumAvailable && 'Debian chromium not installed' }, () => {
  let run: BrowserRun;
  let staff: Page;
  let phone: Page;
  let sheetUrl = '';
  let roundId = '';
  const orders: { id: string; street: string }[] = [];

  before(async () => {
    run = await startBrowserRun({ COMPTOIR_TEST_CLOCK: '2026-09-05T08:00:00+02:00' });
    const p = run.platform;
    for (const [email, line1, postalCode] of [['famille.b@coopso.example', 'Rue de Marcinelle 40', '6001'], ['famille.a@coopso.example', 'Boulevard Tirou 5', '6000']] as const) {
      const token = await customerToken(p, SHOP, email);
      const placed = await p.app.inject({
        method: 'POST', url: `/api/v1/shops/${SHOP}/orders`, headers: bearer(token),
        payload: { lines: [{ productId: await productIdBySku(p, SHOP, 'KIT-PRIM-P3'), quantity: 1 }], acceptedTerms: { version: await termsVersion(p, SHOP) }, delivery: { mode: 'volunteer', address: { line1, postalCode, city: 'Charleroi', country: 'BE' } }, paymentMethod: 'bank_transfer' },
      });
      assert.equal(placed.statusCode, 201, placed.body);
      const paid = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders/${placed.json().id}/events`, headers: bearer(ADMIN_TOKEN), payload: { type: 'payment_received', at: '2026-09-05T08:00:00+02:00', amountCents: placed.json().totals.grossCents } });
      assert.equal(paid.json().status, 'accepted', paid.body);
      orders.push({ id: placed.json().id, street: line1 });
    }
    staff = await run.newPage();
    await staff.setViewportSize(DESKTOP);
    phone = await run.newPage();
    await phone.setViewportSize(PHONE);
  });
  after(async () => run?.stop());

  /** Staff sign in (again after the test clock has moved past the session's idle time). */
  async function signIn() {
    await staff.goto(`${run.base}/shops/${SHOP}/staff/login`);
    await staff.fill('#f-email', 'staff@coopso.example');
    await staff.fill('#f-password', DEMO_PASSWORD);
    await staff.click('button[type=submit]');
    await staff.waitForURL(/\/staff$/);
  }

  test('staff make a round of the paid home deliveries, sorted by postcode, with a volunteer and a link', async () => {
    await signIn();
    await staff.getByRole('link', { name: 'Tournées de livraison' }).click();
    await run.audit(staff, 'rounds (empty)');
    await staff.getByRole('link', { name: 'Nouvelle tournée' }).click();
    await run.audit(staff, 'new round');
    await staff.getByLabel('Nom de la tournée').fill('Charleroi — samedi matin');
    await staff.getByLabel('Jour de la tournée').fill('2026-09-05');
    for (const o of orders) await staff.check(`#f-order-${o.id}`);
    await staff.getByRole('button', { name: 'Créer la tournée' }).click();
    await staff.waitForURL(/\/staff\/rounds\/[0-9a-f-]{36}$/);
    roundId = staff.url().split('/').pop() ?? '';
    // Sorted by postcode: 6000 before 6001, whatever order they were placed in.
    const stops = staff.locator('ol.stops > li h3');
    assert.match((await stops.nth(0).textContent()) ?? '', /^1\./);
    assert.ok((await staff.locator('ol.stops > li').nth(0).textContent())?.includes('Boulevard Tirou 5'));
    await staff.getByRole('button', { name: 'Descendre l’arrêt 1' }).click();
    assert.ok((await staff.locator('ol.stops > li').nth(0).textContent())?.includes('Rue de Marcinelle 40'), 'moved down');
    await staff.getByRole('button', { name: 'Trier par code postal' }).click();
    assert.ok((await staff.locator('ol.stops > li').nth(0).textContent())?.includes('Boulevard Tirou 5'), 'sorted again');
    await staff.getByLabel('Téléphone du client').first().fill('0471 22 33 44');
    await staff.getByLabel('Consignes (porte, étage, sonnette)').first().fill('Sonnette 2B');
    await staff.getByRole('button', { name: 'Enregistrer l’arrêt 1' }).click();
    await staff.getByLabel('Nom du bénévole').fill('Jean Bénévole');
    await staff.getByLabel('Téléphone du bénévole').fill('+32 470 12 34 56');
    await staff.getByRole('form', { name: 'Désigner le bénévole' }).getByRole('button', { name: 'Enregistrer' }).click();
    await run.audit(staff, 'round page');
    await staff.getByRole('button', { name: 'Créer un lien pour le bénévole' }).click();
    sheetUrl = (await staff.locator('#sheet-link').getAttribute('href')) ?? '';
    assert.ok(sheetUrl.startsWith(`${run.base}/shops/${SHOP}/run-sheet?token=`), sheetUrl);
    assert.match((await staff.locator('main').textContent()) ?? '', /Transmettez-le au bénévole/);
    await run.audit(staff, 'round page with its new link');
  });

  test('a member sees on a phone and a desktop the day of the round their order is on, and nothing of the volunteer (issue 12 §6)', async () => {
    for (const size of [PHONE, DESKTOP]) {
      const member = await signedInPage(run, SHOP, 'famille.b@coopso.example', 'correct horse battery', size);
      await member.getByRole('link', { name: /livraisons/i }).first().click();
      await member.waitForURL(/\/account\/deliveries$/);
      const text = await member.locator('main').innerText();
      assert.match(text, /Tournée du samedi 5 septembre 2026/);
      assert.doesNotMatch(text, /0471 22 33 44|Charleroi — samedi matin/, 'no volunteer, no round name, no other stop');
      await run.audit(member, `member deliveries (${size.width} px)`);
      await member.close();
    }
  });

  test('the volunteer marks the first stop delivered and the second absent, on a phone', async () => {
    await phone.goto(sheetUrl);
    await run.audit(phone, 'run sheet on a phone');
    const text = (await phone.locator('main').textContent()) ?? '';
    assert.match(text, /Boulevard Tirou 5/);
    assert.match(text, /Sonnette 2B/);
    assert.match(text, /1 × Kit scolaire 3e primaire/);
    assert.ok(!text.includes('€') && !text.includes('@'), 'no price, no e-mail');
    const width = await phone.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `no sideways scrolling (${width}px)`);
    await run.platform.clock.moveTo(Temporal.Instant.from('2026-09-05T10:15:00+02:00'));
    await phone.getByRole('button', { name: 'Livrée : arrêt 1' }).click();
    await phone.waitForURL(/#stop-/);
    assert.match((await phone.locator('ol.run-sheet > li').nth(0).textContent()) ?? '', /Livrée le 5 sept\. 2026, 10:15/);
    await phone.getByLabel('Mot pour l’absence (arrêt 2)').fill('Personne, avis dans la boîte');
    await phone.getByRole('form', { name: 'Absent : arrêt 2' }).getByRole('button', { name: 'Absent' }).click();
    assert.match((await phone.locator('ol.run-sheet > li').nth(1).textContent()) ?? '', /Absent le 5 sept\. 2026, 10:15 — Personne, avis dans la boîte/);
    await run.audit(phone, 'run sheet after marking');
  });

  test('the order shows the delivery event by the volunteer, which starts its deadlines', async () => {
    const delivered = orders.find((o) => o.street === 'Boulevard Tirou 5')?.id ?? '';
    const o = (await run.platform.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/orders/${delivered}`, headers: bearer(ADMIN_TOKEN) })).json();
    assert.equal(o.status, 'delivered');
    const event = o.events.find((e: { type: string }) => e.type === 'delivered');
    assert.deepEqual([event.at, event.by], ['2026-09-05T08:15:00.000Z', `volunteer:${roundId}`]);
    assert.equal(o.deadlines.withdrawalEndsOn, '2026-09-21', '14 days from Sun 09-06 end on Sat 09-19, carried to Monday 09-21');
    assert.equal(o.deadlines.warrantyEndsOn, '2028-09-05');
    await signIn();
    await staff.goto(`${run.base}/shops/${SHOP}/staff/orders/${delivered}`);
    const history = (await staff.locator('main').textContent()) ?? '';
    assert.ok(history.includes(`volunteer:${roundId}`), 'the staff order page names the volunteer’s round');
    await staff.goto(`${run.base}/shops/${SHOP}/staff/rounds`);
    await run.audit(staff, 'rounds with counts');
  });

  test('an expired link shows a clear page and nothing else', async () => {
    await run.platform.clock.moveTo(Temporal.Instant.from('2026-09-08T00:00:00+02:00'));
    const res = await phone.goto(sheetUrl);
    assert.equal(res?.status(), 410);
    assert.equal(await phone.locator('h1').textContent(), 'Ce lien a expiré');
    const text = (await phone.locator('main').textContent()) ?? '';
    assert.ok(!text.includes('Tirou') && !text.includes('Kit scolaire') && !text.includes('Camille'), 'nothing shown');
    await run.audit(phone, 'expired run sheet');
  });
});
