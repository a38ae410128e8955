/**
 * Issue 12 §6, the member's side, at Coopso: on `/shops/coopso/account/deliveries` a member of
 * Liège sees the Liège distribution centre (address, opening hours) and the slot chosen at order,
 * Saturday 5 September 2026 09:00–12:00; a member of Charleroi whose order staff put on a round
 * sees the round's day (and the order page says "Livraison par un membre de la coopérative prévue
 * le samedi 5 septembre 2026"), never the volunteer's name or phone; another customer sees none of
 * it; nobody signed in is sent to the sign-in page.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { FormClient } from '../support/form-client.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

const SHOP = '/shops/coopso';
const PAGE = `${SHOP}/account/deliveries`;
let p: TestPlatform;
const tokens = { liege: '', charleroi: '', other: '' };
const orders = { liege: '', charleroi: '' };

async function place(token: string, delivery: Record<string, unknown>): Promise<string> {
  const res = await p.app.inject({
    method: 'POST',
    url: '/api/v1/shops/coopso/orders',
    headers: bearer(token),
    payload: { lines: [{ productId: await productIdBySku(p, 'coopso', 'CAHIER-A4-96'), quantity: 2 }], acceptedTerms: { version: await termsVersion(p, 'coopso') }, delivery, paymentMethod: 'bank_transfer' },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}
const page = (token: string | null, url = PAGE, lang = 'fr') => p.app.inject({ method: 'GET', url, headers: { ...(token ? bearer(token) : {}), 'accept-language': lang } });

before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-08-31T10:00:00+02:00' }, { stripe: false });
  for (const k of Object.keys(tokens) as (keyof typeof tokens)[]) tokens[k] = await customerToken(p, 'coopso', `${k}@members.example`);
  // Liège: the centre's Saturday slot.
  const options = (await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopso/delivery-options?country=BE&postalCode=4000' })).json() as { mode: string; pickupPoints?: { id: string; slots: { id: string; startsAt: string }[] }[] }[];
  const point = options.find((o) => o.mode === 'pickup')?.pickupPoints?.[0];
  const saturday = point?.slots.find((s) => s.startsAt === '2026-09-05T07:00:00.000Z');
  assert.ok(point && saturday, 'the Liège centre offers Saturday 5 September');
  orders.liege = await place(tokens.liege, { mode: 'pickup', pickupPointId: point.id, slotId: saturday.id, address: { line1: 'rue de Fer 1', postalCode: '4000', city: 'Liège', country: 'BE' } });
  // Charleroi: paid, then put on a round for Saturday 5 September, with a volunteer.
  orders.charleroi = await place(tokens.charleroi, { mode: 'volunteer', address: { line1: 'Boulevard Tirou 12', postalCode: '6000', city: 'Charleroi', country: 'BE' } });
  const gross = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/coopso/orders/${orders.charleroi}`, headers: bearer(ADMIN_TOKEN) })).json().totals.grossCents;
  const paid = await p.app.inject({ method: 'POST', url: `/api/v1/shops/coopso/orders/${orders.charleroi}/events`, headers: bearer(ADMIN_TOKEN), payload: { type: 'payment_received', at: '2026-08-31T10:00:00+02:00', amountCents: gross } });
  assert.equal(paid.json().status, 'accepted', paid.body);
  const staff = new FormClient(p.app);
  assert.equal((await staff.submit(`${SHOP}/staff/login`, `${SHOP}/staff/login`, { email: 'staff@coopso.example', password: DEMO_PASSWORD })).statusCode, 303);
  const round = await staff.submit(`${SHOP}/staff/rounds/new`, `${SHOP}/staff/rounds`, { name: 'Charleroi centre', zone: 'Charleroi', roundOn: '2026-09-05', orderIds: orders.charleroi });
  assert.equal(round.statusCode, 303, round.body);
  const roundUrl = String(round.headers.location);
  assert.equal((await staff.submit(roundUrl, `${roundUrl}/volunteer`, { name: 'Jean Bénévole', phone: '+32 471 99 88 77', email: '' })).statusCode, 303);
});
after(async () => p?.stop());

test('should show a member of Liège the Liège centre, its opening hours and the slot chosen at order', async () => {
  const res = await page(tokens.liege);
  assert.equal(res.statusCode, 200, res.body);
  assert.match(res.body, /<h1>Mes retraits et livraisons<\/h1>/);
  assert.match(res.body, /Centre de distribution de Liège, rue Saint-Gilles 12, 4000 Liège/);
  assert.match(res.body, /Heures d’ouverture<\/dt><dd>samedi 09:00–12:00; mercredi 14:00–18:00<\/dd>/);
  assert.match(res.body, /<strong>samedi 5 septembre 2026, 09:00–12:00<\/strong>/);
  assert.match(res.body, new RegExp(`href="/shops/coopso/orders/${orders.liege}"`));
  assert.doesNotMatch(res.body, /Tournée du/);
  // In English too, and the account page leads there.
  assert.match((await page(tokens.liege, PAGE, 'en')).body, /<strong>Saturday,? 5 September 2026, 09:00–12:00<\/strong>/);
  assert.match((await page(tokens.liege, `${SHOP}/account`)).body, /href="\/shops\/coopso\/account\/deliveries">Mes retraits et livraisons</);
  const order = (await page(tokens.liege, `${SHOP}/orders/${orders.liege}`)).body;
  assert.match(order, /href="\/shops\/coopso\/account\/deliveries">Mes retraits et livraisons</);
  assert.doesNotMatch(order, /Livraison par un membre de la coopérative prévue/, 'a pickup order is on no round');
});

test('should show a member of Charleroi the day of their round, never the volunteer', async () => {
  const res = await page(tokens.charleroi);
  assert.equal(res.statusCode, 200, res.body);
  assert.match(res.body, /Livraison par un membre<\/dt><dd><strong>Tournée du samedi 5 septembre 2026<\/strong>/);
  assert.match((await page(tokens.charleroi, PAGE, 'nl')).body, /Ronde van zaterdag,? 5 september 2026/);
  const order = await page(tokens.charleroi, `${SHOP}/orders/${orders.charleroi}`);
  assert.equal(order.statusCode, 200);
  assert.match(order.body, /Livraison par un membre de la coopérative prévue le samedi 5 septembre 2026\./);
  for (const body of [res.body, order.body]) {
    assert.doesNotMatch(body, /471\s?99\s?88\s?77|Jean Bénévole|Charleroi centre/, 'nothing of the volunteer nor the round’s name');
    assert.doesNotMatch(body, /Centre de distribution de Liège/, 'nor another member’s pickup');
  }
});

test('should show another customer none of it, and send nobody signed in to the sign-in page', async () => {
  const res = await page(tokens.other);
  assert.equal(res.statusCode, 200, res.body);
  assert.match(res.body, /Aucune commande à retirer ni à livrer par un membre\./);
  assert.doesNotMatch(res.body, /Centre de distribution de Liège|Tournée du|samedi 5 septembre|orders\//);
  const anonymous = await page(null);
  assert.equal(anonymous.statusCode, 303);
  assert.equal(anonymous.headers.location, '/shops/coopso/login');
});
