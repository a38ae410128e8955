/**
 * Issue 12 §3, §7 on the pages, at Coopso (a browser without JavaScript): the shop's page and the
 * cart say each mode's fee by zone; a member living in Liège is offered the Liège centre with its
 * open slots at checkout, picks Saturday 5 September 09:00–12:00 (AS-29), sees it on the review,
 * the order page and the confirmation e-mail; the staff's list of the point shows the order in its
 * slot. A member of Charleroi is offered home delivery by members at 3.50 €, on the invoice too.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FormClient } from '../support/form-client.ts';
import { outboxEmail } from '../support/outbox.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { productIdBySku } from '../support/shoppers.ts';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';

const SHOP = '/shops/coopso';
let p: TestPlatform;
let product = '';
before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-08-31T10:00:00+02:00' }, { stripe: false });
  product = await productIdBySku(p, 'coopso', 'CAHIER-A4-96');
});
after(async () => p.stop());

async function member(email: string, address: { postalCode: string; city: string }): Promise<FormClient> {
  const b = new FormClient(p.app);
  const reg = await b.submit(`${SHOP}/register`, `${SHOP}/register`, {
    kind: 'consumer', email, password: 'une phrase de passe', firstName: 'Léa', lastName: 'Dupont',
    'address.line1': 'rue Hors-Château 3', 'address.postalCode': address.postalCode, 'address.city': address.city, 'address.country': 'BE',
  });
  assert.equal(reg.statusCode, 303, reg.body);
  assert.equal((await b.submit(SHOP, `${SHOP}/cart/add`, { productId: product, quantity: '2' })).statusCode, 303);
  return b;
}

async function placeFromReview(b: FormClient): Promise<string> {
  const review = await b.get(`${SHOP}/checkout/review`);
  assert.equal(review.statusCode, 200, review.body);
  const form = review.body.slice(review.body.indexOf('/checkout/confirm'));
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(form)?.[1] ?? '';
  const { _csrf, ...fields } = Object.fromEntries(['_csrf', 'expectedGrossCents', 'termsVersion', 'cartDigest', 'checkoutToken'].map((n) => [n, field(n)]));
  const placed = await b.submit(`${SHOP}/cart`, `${SHOP}/checkout/confirm`, { ...fields, acceptTerms: 'yes' }, { csrf: _csrf });
  assert.equal(placed.statusCode, 303, placed.body);
  return String(placed.headers.location).split('?')[0] ?? '';
}

test('should show each mode’s fee by zone on the shop’s page and in the cart', async () => {
  const home = await p.app.inject({ method: 'GET', url: SHOP });
  assert.match(home.body, /Livraison et frais de livraison/);
  assert.match(home.body, /Livraison à domicile par des membres de Coopso — pour Charleroi \(6000–6061\) : <strong>3,50\s€<\/strong>/);
  assert.match(home.body, /Centre de distribution local — pour Liège \(4000–4032\), Mons \(7000–7034\), Dison \(4820–4821\) : <strong>sans frais<\/strong>/);
  assert.match(home.body, /Livraison à domicile — pour les autres communes : <strong>7,90\s€<\/strong>/);
  const b = await member('panier@coopso.example', { postalCode: '4000', city: 'Liège' });
  assert.match((await b.get(`${SHOP}/cart`)).body, /Livraison à domicile — pour les autres communes : <strong>7,90\s€<\/strong>/);
});

test('should let a member of Liège choose a slot at the Liège centre, and show it on the review, the order, the e-mail and the staff’s list', async () => {
  const b = await member('liege@coopso.example', { postalCode: '4020', city: 'Liège' });
  const step1 = await b.get(`${SHOP}/checkout`);
  assert.equal(step1.statusCode, 200);
  assert.doesNotMatch(step1.body, /membres de Coopso|value="carrier"/, 'only what Liège is offered');
  assert.match(step1.body, /Centre de distribution de Liège, Liège/);
  assert.match(step1.body, /Jour et heure de retrait à Centre de distribution de Liège/);
  assert.match(step1.body, /mercredi 2 septembre 2026, 14:00–16:00/);
  const saturday = /id="f-delivery-slotId-([0-9a-f-]{36})" name="delivery.slotId" value="[0-9a-f-]{36}"\s*\/?>\s*<label for="f-delivery-slotId-[0-9a-f-]{36}">samedi 5 septembre 2026, 09:00–12:00<span class="muted"> — 40 place\(s\) libre\(s\)/.exec(step1.body)?.[1];
  assert.ok(saturday, 'the Saturday slot is offered with its 40 places');

  const chosen = await b.submit(`${SHOP}/checkout`, `${SHOP}/checkout`, { 'delivery.mode': 'pickup', 'delivery.pickupPointId': 'liege', 'delivery.slotId': saturday, paymentMethod: 'bank_transfer' });
  assert.equal(chosen.statusCode, 303, chosen.body);
  const review = await b.get(`${SHOP}/checkout/review`);
  assert.match(review.body, /Retrait : Centre de distribution de Liège, rue Saint-Gilles 12, 4000 Liège/);
  assert.match(review.body, /Créneau : samedi 5 septembre 2026, 09:00–12:00/);

  const orderUrl = await placeFromReview(b);
  const page = await b.get(orderUrl);
  assert.match(page.body, /Créneau : samedi 5 septembre 2026, 09:00–12:00/);
  const mail = await outboxEmail(p.database.db, 'liege@coopso.example');
  assert.match(mail.text_body, /Retrait : Centre de distribution de Liège, samedi 5 septembre 2026, 09:00–12:00\./);

  const staff = await p.app.inject({ method: 'GET', url: `${SHOP}/staff/pickup-points`, headers: bearer(ADMIN_TOKEN) });
  assert.equal(staff.statusCode, 200, staff.body);
  const row = staff.body.slice(staff.body.indexOf('samedi 5 septembre 2026, 09:00–12:00'));
  assert.match(row.slice(0, 600), /<td>1 \/ 40<\/td>/);
  assert.match(row.slice(0, 600), /COO-2026-\d+<\/a> — Léa Dupont/);
  // A customer may not read it.
  assert.notEqual((await b.get(`${SHOP}/staff/pickup-points`)).statusCode, 200);
  assert.notEqual((await p.app.inject({ method: 'GET', url: `${SHOP}/staff/pickup-points` })).statusCode, 200, 'nor anyone signed out');
});

test('should refuse a slot gone full between the list and the choice, next to the slot', async () => {
  const b = await member('plein@coopso.example', { postalCode: '4000', city: 'Liège' });
  const step1 = await b.get(`${SHOP}/checkout`);
  const wednesday = /name="delivery.slotId" value="([0-9a-f-]{36})"/.exec(step1.body)?.[1] ?? '';
  await p.database.db.updateTable('pickup_slots').set({ taken: 40 }).where('id', '=', wednesday).execute();
  const chosen = await b.submit(`${SHOP}/checkout`, `${SHOP}/checkout`, { 'delivery.mode': 'pickup', 'delivery.pickupPointId': 'liege', 'delivery.slotId': wednesday, paymentMethod: 'bank_transfer' });
  assert.equal(chosen.statusCode, 422);
  assert.match(chosen.body, /Ce créneau de retrait \(Centre de distribution de Liège\) est complet : choisissez-en un autre\./);
  assert.doesNotMatch(chosen.body, new RegExp(`value="${wednesday}"`), 'the full slot is no longer offered');
});

test('should offer a member of Charleroi home delivery by members at 3.50 €, on the review and the invoice', async () => {
  const b = await member('charleroi@coopso.example', { postalCode: '6000', city: 'Charleroi' });
  const step1 = await b.get(`${SHOP}/checkout`);
  assert.match(step1.body, /Livraison à domicile par des membres de Coopso<span class="muted"> — frais : 3,50\s€/);
  assert.doesNotMatch(step1.body, /Centre de distribution/);
  const choice = {
    'delivery.mode': 'volunteer', paymentMethod: 'bank_transfer',
    'delivery.address.line1': 'rue de la Montagne 3', 'delivery.address.postalCode': '6000', 'delivery.address.city': 'Charleroi', 'delivery.address.country': 'BE',
    'delivery.doorNotes': 'Code 4512, 2e étage',
  };
  // The phone is optional, but a phone it must be: the page says so next to the field.
  const wrong = await b.submit(`${SHOP}/checkout`, `${SHOP}/checkout`, { ...choice, 'delivery.phone': 'appelez-moi' });
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /<p class="error" id="f-delivery-phone-error">Indiquez un numéro de téléphone/);
  const chosen = await b.submit(`${SHOP}/checkout`, `${SHOP}/checkout`, { ...choice, 'delivery.phone': '+32 470 11 22 33' });
  assert.equal(chosen.statusCode, 303, chosen.body);
  const orderUrl = await placeFromReview(b);
  const id = orderUrl.split('/').pop() ?? '';
  // Whoever delivers reaches the member: the order keeps the phone and the door notes, and staff see them.
  const order = await p.app.inject({ method: 'GET', url: `/api/v1/shops/coopso/orders/${id}`, headers: bearer(ADMIN_TOKEN) });
  assert.deepEqual({ phone: order.json().delivery.phone, doorNotes: order.json().delivery.doorNotes }, { phone: '+32 470 11 22 33', doorNotes: 'Code 4512, 2e étage' });
  const staff = new FormClient(p.app);
  assert.equal((await staff.submit(`${SHOP}/staff/login`, `${SHOP}/staff/login`, { email: 'staff@coopso.example', password: DEMO_PASSWORD })).statusCode, 303);
  const staffPage = (await staff.get(`${SHOP}/staff/orders/${id}`)).body;
  assert.match(staffPage, /href="tel:\+32470112233">\+32 470 11 22 33<\/a>/);
  assert.match(staffPage, /Code 4512, 2e étage/);
  const invoices = await p.app.inject({ method: 'GET', url: `/api/v1/shops/coopso/invoices?orderId=${id}`, headers: bearer(ADMIN_TOKEN) });
  assert.equal(invoices.statusCode, 200, invoices.body);
  const [invoice] = invoices.json().items ?? invoices.json();
  const shipping = invoice.lines.find((l: { name: string }) => /Livraison/.test(l.name));
  assert.deepEqual({ total: shipping?.totalCents, vat: shipping?.vatRateBp }, { total: 350, vat: 2100 });
});

test('should let staff close a slot with its reason, so no one is offered it, and reopen it', async () => {
  const staff = new FormClient(p.app);
  const signedIn = await staff.submit(`${SHOP}/staff/login`, `${SHOP}/staff/login`, { email: 'staff@coopso.example', password: DEMO_PASSWORD });
  assert.equal(signedIn.statusCode, 303, signedIn.body);
  const liege = async () => ((await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopso/delivery-options?country=BE&postalCode=4000' })).json() as { pickupPoints: { slots: { id: string; startsAt: string }[] }[] }[])[0]?.pickupPoints[0]?.slots ?? [];
  const saturday = (await liege()).find((s) => s.startsAt === '2026-09-12T07:00:00.000Z');
  assert.ok(saturday, 'Saturday 12 September is offered');
  const closed = await staff.submit(`${SHOP}/staff/pickup-points`, `${SHOP}/staff/pickup-slots/${saturday.id}/close`, { reason: 'inventaire' });
  assert.equal(closed.statusCode, 303, closed.body);
  assert.ok(!(await liege()).some((s) => s.id === saturday.id), 'a closed slot is not offered');
  assert.match((await staff.get(`${SHOP}/staff/pickup-points`)).body, /samedi 12 septembre 2026, 09:00–12:00 \(fermé : inventaire\)/);
  assert.equal((await staff.submit(`${SHOP}/staff/pickup-points`, `${SHOP}/staff/pickup-slots/${saturday.id}/reopen`, {})).statusCode, 303);
  assert.ok((await liege()).some((s) => s.id === saturday.id), 'offered again');
  assert.equal((await staff.submit(`${SHOP}/staff/pickup-points`, `${SHOP}/staff/pickup-slots/00000000-0000-4000-8000-000000000000/close`, {})).statusCode, 404);
});
