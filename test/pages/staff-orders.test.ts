/**
 * Back office "Commandes" over HTTP, as a browser without JavaScript: the list of the shop's
 * orders with their statuses in words and a status filter; the order page offers only the facts
 * its status admits and records one through a CSRF-protected form, dated on the shop's clock; a
 * fact dated in the future is refused in French and changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { FormClient } from '../support/form-client.ts';
import { bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

let p: TestPlatform;
let staff: FormClient;
let order: { id: string; number: string; grossCents: number };
const list = '/shops/coopso/staff/orders';
const orderUrl = () => `${list}/${order.id}`;

before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-04-01T10:00:00+02:00' });
  const token = await customerToken(p, 'coopso', 'commandes@coopso.example');
  const res = await p.app.inject({
    method: 'POST', url: '/api/v1/shops/coopso/orders', headers: bearer(token),
    payload: { lines: [{ productId: await productIdBySku(p, 'coopso', 'CALC-SCI'), quantity: 2 }], acceptedTerms: { version: await termsVersion(p, 'coopso') }, delivery: { mode: 'pickup', pickupPointId: '0' }, paymentMethod: 'bank_transfer' },
  });
  assert.equal(res.statusCode, 201, res.body);
  order = { id: res.json().id, number: res.json().number, grossCents: res.json().totals.grossCents };
  await p.clock.moveTo(Temporal.Instant.from('2026-04-01T12:00:00+02:00'));
  staff = new FormClient(p.app);
  assert.equal((await staff.submit('/shops/coopso/staff/login', '/shops/coopso/staff/login', { email: 'staff@coopso.example', password: DEMO_PASSWORD })).statusCode, 303);
});
after(async () => p?.stop());

const facts = async () => ({
  payments: await p.database.db.selectFrom('order_payments').select('amount_cents').where('order_id', '=', order.id).execute(),
  events: (await p.database.db.selectFrom('order_events').select('type').where('order_id', '=', order.id).orderBy('seq').execute()).map((e) => e.type),
});

describe('staff orders list', () => {
  test('should send a visitor to the staff login', async () => {
    const res = await p.app.inject({ method: 'GET', url: list });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/shops/coopso/staff/login');
  });

  test('should be linked from the dashboard and list a placed order with its statuses in words', async () => {
    assert.match((await staff.get('/shops/coopso/staff')).body, /href="\/shops\/coopso\/staff\/orders">Commandes</);
    const page = await staff.get(list);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`href="${orderUrl()}">${order.number}</a>`), page.body);
    const row = page.body.slice(page.body.indexOf(order.number));
    assert.match(row, /Camille Martin/);
    assert.match(row, /En attente de paiement/);
    assert.match(row, /En attente du paiement/);
    assert.match(row, /Virement bancaire/);
  });

  test('should filter by status', async () => {
    const waiting = await staff.get(`${list}?status=awaiting_payment`);
    assert.ok(waiting.body.includes(order.number));
    assert.match(waiting.body, /<option value="awaiting_payment" selected>/);
    const shipped = await staff.get(`${list}?status=shipped`);
    assert.equal(shipped.statusCode, 200);
    assert.ok(!shipped.body.includes(order.number));
    assert.match(shipped.body, /Aucune commande\./);
  });
});

describe('staff order page', () => {
  test('should offer only the facts the order’s status admits, dated now on the shop’s clock', async () => {
    const page = await staff.get(orderUrl());
    assert.equal(page.statusCode, 200);
    const select = /<select id="f-type" name="type"[^>]*>(.*?)<\/select>/s.exec(page.body)?.[1] ?? '';
    const offered = [...select.matchAll(/value="([a-z_]+)"/g)].map((m) => m[1]);
    for (const type of ['refused', 'payment_received', 'cancelled', 'concluded_off_premises']) assert.ok(offered.includes(type), offered.join());
    for (const type of ['accepted', 'shipped', 'delivered', 'picked_up']) assert.ok(!offered.includes(type), offered.join());
    // Nothing pre-selected (issue 11 §8): the first option asks for a choice, and no fact is selected.
    assert.match(select, /^\s*<option value="" selected>— Choisir un fait —<\/option>/);
    assert.doesNotMatch(select, /value="[a-z_]+" selected/);
    assert.match(page.body, /name="at" type="datetime-local" value="2026-04-01T12:00"/);
  });

  test('should refuse a fact dated in the future with the French message, and change nothing', async () => {
    const before = await facts();
    const res = await staff.submit(orderUrl(), `${orderUrl()}/events`, { type: 'payment_received', at: '2026-04-02T09:00', amount: '12,50', note: '' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /<p class="error" id="f-at-error">Cet événement est daté dans le futur/);
    assert.match(res.body, /value="12,50"/);
    assert.deepEqual(await facts(), before);
  });

  test('should ask for the amount of a payment', async () => {
    const res = await staff.submit(orderUrl(), `${orderUrl()}/events`, { type: 'payment_received', at: '2026-04-01T11:30', amount: '' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /id="f-amount-error"/);
  });

  test('should refuse a form posted without its CSRF token', async () => {
    const before = await facts();
    const res = await p.app.inject({
      method: 'POST', url: `${orderUrl()}/events`,
      headers: { cookie: [...staff.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ type: 'payment_received', at: '2026-04-01T11:30', amount: '12,50' }).toString(),
    });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(await facts(), before);
  });

  test('should record a payment of 12,50 € received at 11:30 shop time, then show it and its event', async () => {
    const res = await staff.submit(orderUrl(), `${orderUrl()}/events`, { type: 'payment_received', at: '2026-04-01T11:30', amount: '12,50', note: 'espèces au comptoir' });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, `${orderUrl()}?done=event`);
    const { payments, events } = await facts();
    assert.deepEqual(payments.map((x) => Number(x.amount_cents)), [1250]);
    assert.ok(events.includes('payment_received'), events.join());
    const stored = await p.database.db.selectFrom('order_events').select('data').where('order_id', '=', order.id).where('type', '=', 'payment_received').executeTakeFirstOrThrow();
    assert.ok(JSON.stringify(stored.data).includes('"2026-04-01T11:30:00+02:00"'), JSON.stringify(stored.data));
    const page = await staff.get(`${orderUrl()}?done=event`);
    assert.match(page.body, /Le fait est enregistré\./);
    assert.match(page.body, /<li>1 avril 2026 — [^<]+ — 12,50\s€<\/li>/u);
    assert.match(page.body, /<dt>Déjà reçu<\/dt><dd>12,50\s€<\/dd>/u);
    assert.match(page.body, /<td>Paiement reçu<\/td><td>Équipe Coopso<\/td>/);
  });
});
