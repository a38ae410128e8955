/**
 * Issue 12 §4 over HTTP, at Coopso (001 CG §4: home delivery in Charleroi by members): staff make
 * a round from the orders to deliver by members (paid, not delivered, not cancelled, on no other
 * round), its stops sorted by postcode and moved; the volunteer's run sheet, reached by a link
 * built on PUBLIC_URL and e-mailed through the outbox, shows names, addresses, phones, door notes
 * and items and no price, e-mail or history; "delivered" records the order's `delivered` event
 * (which starts the 14-day withdrawal and 2-year warranty), twice changes nothing; an absence
 * keeps its note; a cancelled order is refused with its reason; an expired link (the test clock
 * moved past 48 h after the round's day) and a replaced one show a clear page and nothing else.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { FormClient } from '../support/form-client.ts';
import { outboxEmails } from '../support/outbox.ts';
import { pdfText } from '../support/pdf-text.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform, moveTestClock } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

const PUBLIC_URL = 'https://coopso.example.org';
let p: TestPlatform;
let staff: FormClient;

type Placed = { id: string; number: string; grossCents: number; email: string };
const orders: Record<string, Placed> = {};

async function place(key: string, line1: string, postalCode: string, city: string, options: { mode?: string; pay?: boolean } = {}): Promise<Placed> {
  const email = `${key}@rounds.example`;
  const token = await customerToken(p, 'coopso', email);
  const delivery = options.mode === 'pickup' ? { mode: 'pickup', pickupPointId: '0', address: { line1: 'Rue Léopold 1', postalCode: '4000', city: 'Liège', country: 'BE' } } : { mode: 'volunteer', address: { line1, postalCode, city, country: 'BE' } };
  const res = await p.app.inject({
    method: 'POST',
    url: '/api/v1/shops/coopso/orders',
    headers: bearer(token),
    payload: { lines: [{ productId: await productIdBySku(p, 'coopso', 'CALC-SCI'), quantity: 1 }, { productId: await productIdBySku(p, 'coopso', 'CAHIER-A4-96'), quantity: 4 }], acceptedTerms: { version: await termsVersion(p, 'coopso') }, delivery, paymentMethod: 'bank_transfer' },
  });
  assert.equal(res.statusCode, 201, res.body);
  const placed = { id: res.json().id, number: res.json().number, grossCents: res.json().totals.grossCents, email };
  if (options.pay !== false) {
    const paid = await event(placed.id, { type: 'payment_received', at: '2026-09-01T10:00:00+02:00', amountCents: placed.grossCents });
    assert.equal(paid.json().status, 'accepted', paid.body);
  }
  orders[key] = placed;
  return placed;
}
const event = (id: string, payload: Record<string, unknown>) => p.app.inject({ method: 'POST', url: `/api/v1/shops/coopso/orders/${id}/events`, headers: bearer(ADMIN_TOKEN), payload });
const orderJson = async (id: string) => (await p.app.inject({ method: 'GET', url: `/api/v1/shops/coopso/orders/${id}`, headers: bearer(ADMIN_TOKEN) })).json();
const moveClock = (now: string) => moveTestClock(p, now);
const stopOrder = (html: string) => [...html.matchAll(/id="stop-([0-9a-f-]{36})"/g)].map((m) => m[1]);
const key = (id: string | undefined) => Object.keys(orders).find((k) => orders[k]?.id === id);

/** The volunteer's phone: no session, only the link. */
let volunteer: FormClient;
async function mark(sheetPath: string, orderId: string, outcome: 'delivered' | 'absent', note = '', csrf?: string) {
  const token = new URL(sheetPath, PUBLIC_URL).searchParams.get('token') ?? '';
  return volunteer.submit(sheetPath, `/shops/coopso/run-sheet/stops/${orderId}`, { token, outcome, note }, csrf ? { csrf } : {});
}

before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-09-01T09:00:00+02:00', PUBLIC_URL });
  await moveClock('2026-09-01T10:00:00+02:00');
  await place('montignies', 'Rue de la Station 10', '6061', 'Charleroi');
  await place('tirou12', 'Boulevard Tirou 12', '6000', 'Charleroi');
  await place('marcinelle', 'Avenue Mascaux 3', '6001', 'Charleroi');
  await place('tirou5', 'Boulevard Tirou 5', '6000', 'Charleroi');
  await place('unpaid', 'Rue du Parc 1', '6000', 'Charleroi', { pay: false });
  await place('liege', '', '', '', { mode: 'pickup' });
  volunteer = new FormClient(p.app);
  await signInStaff();
});

/** Staff sign in (again: a staff session ends after some idle hours of the test clock). */
async function signInStaff() {
  staff = new FormClient(p.app);
  assert.equal((await staff.submit('/shops/coopso/staff/login', '/shops/coopso/staff/login', { email: 'staff@coopso.example', password: DEMO_PASSWORD })).statusCode, 303);
}
after(async () => p?.stop());

let roundUrl = '';
let sheet = '';

describe('volunteer rounds at Coopso', () => {
  test('should offer for a round only the paid home-delivery orders, by commune', async () => {
    const page = await staff.get('/shops/coopso/staff/rounds/new');
    assert.equal(page.statusCode, 200);
    for (const k of ['montignies', 'tirou12', 'marcinelle', 'tirou5']) assert.ok(page.body.includes(`value="${orders[k]?.id}"`), `${k} offered`);
    assert.ok(!page.body.includes(orders.unpaid?.id ?? '?'), 'an order awaiting its payment is not ready');
    assert.ok(!page.body.includes(orders.liege?.id ?? '?'), 'a pickup order is not delivered by members');
    assert.match(page.body, /<legend>Charleroi \(4\)<\/legend>/);
  });

  test('should refuse a round with an order that is not eligible, creating nothing', async () => {
    const res = await staff.submit('/shops/coopso/staff/rounds/new', '/shops/coopso/staff/rounds', { name: 'Charleroi centre', zone: 'Charleroi', roundOn: '2026-09-01', orderIds: orders.unpaid?.id ?? '' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /ne peut plus rejoindre une tournée/);
    assert.equal((await p.database.db.selectFrom('volunteer_rounds').select('id').execute()).length, 0);
  });

  test('should create the round with its stops sorted by postcode, street and number', async () => {
    const csrfPage = await staff.get('/shops/coopso/staff/rounds/new');
    const csrf = /name="_csrf" value="([^"]*)"/.exec(csrfPage.body)?.[1] ?? '';
    const body = new URLSearchParams({ _csrf: csrf, name: 'Charleroi — samedi', zone: 'Charleroi', roundOn: '2026-09-01' });
    for (const k of ['montignies', 'tirou12', 'marcinelle', 'tirou5']) body.append('orderIds', orders[k]?.id ?? '');
    const res = await p.app.inject({ method: 'POST', url: '/shops/coopso/staff/rounds', headers: { cookie: [...staff.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
    assert.equal(res.statusCode, 303, res.body);
    roundUrl = String(res.headers.location);
    const page = await staff.get(roundUrl);
    assert.deepEqual(stopOrder(page.body).map(key), ['tirou5', 'tirou12', 'marcinelle', 'montignies']);
    // The orders are now on a round: not offered again.
    assert.ok(!(await staff.get('/shops/coopso/staff/rounds/new')).body.includes(orders.tirou5?.id ?? '?'));
    assert.match((await staff.get('/shops/coopso/staff/rounds')).body, /Charleroi — samedi/);
  });

  test('should give the round’s picking list: per stop in the round’s order, and totals equal to the order lines on it (CSV and PDF)', async () => {
    const csv = await staff.get(`${roundUrl}/picking.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    const rows = csv.body.trim().split('\r\n').map((r) => r.split(','));
    const onRound = ['tirou5', 'tirou12', 'marcinelle', 'montignies'].map((k) => orders[k]?.id ?? '');
    const lines = await p.database.db.selectFrom('order_lines').select(['name', 'quantity']).where('shop_id', '=', 'coopso').where('order_id', 'in', onRound).execute();
    const expected = new Map<string, number>();
    for (const l of lines) expected.set(l.name, (expected.get(l.name) ?? 0) + l.quantity);
    const totals = rows.filter((r) => r[1] === 'À charger : total par article').map((r) => [r[2], Number(r[3])]);
    assert.deepEqual(new Map(totals as [string, number][]), expected);
    // Each stop's lines, numbered in the round's order (postcode, street, number).
    const stopsSeen = [...new Set(rows.filter((r) => /^\d+$/.test(r[0] ?? '')).map((r) => `${r[0]} ${r[1]}`))];
    assert.deepEqual(stopsSeen.map((x) => x.split(' ')[0]), ['1', '2', '3', '4']);
    assert.ok(!/€|@/.test(csv.body), 'no price, no e-mail');
    const pdf = await p.app.inject({ method: 'GET', url: `${roundUrl}/picking.pdf`, headers: { cookie: [...staff.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    assert.equal(pdf.statusCode, 200);
    const words = pdfText(pdf.rawPayload);
    for (const word of ['Liste de préparation de la tournée', 'Charleroi — samedi', 'À charger']) assert.ok(words.includes(word), `${word} in the PDF`);
  });

  test('should move a stop down and up, and sort by postcode again', async () => {
    const first = orders.tirou5?.id ?? '';
    assert.equal((await staff.submit(roundUrl, `${roundUrl}/stops/${first}/move`, { direction: 'down' })).statusCode, 303);
    assert.deepEqual(stopOrder((await staff.get(roundUrl)).body).map(key), ['tirou12', 'tirou5', 'marcinelle', 'montignies']);
    const last = orders.montignies?.id ?? '';
    assert.equal((await staff.submit(roundUrl, `${roundUrl}/stops/${last}/move`, { direction: 'up' })).statusCode, 303);
    assert.deepEqual(stopOrder((await staff.get(roundUrl)).body).map(key), ['tirou12', 'tirou5', 'montignies', 'marcinelle']);
    assert.equal((await staff.submit(roundUrl, `${roundUrl}/sort`, {})).statusCode, 303);
    assert.deepEqual(stopOrder((await staff.get(roundUrl)).body).map(key), ['tirou5', 'tirou12', 'marcinelle', 'montignies']);
  });

  test('should assign a volunteer and e-mail a run-sheet link built on PUBLIC_URL', async () => {
    const bad = await staff.submit(roundUrl, `${roundUrl}/volunteer`, { name: 'Jean Bénévole', phone: 'appelez-moi', email: '' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Indiquez un numéro de téléphone/);
    assert.equal((await staff.submit(roundUrl, `${roundUrl}/volunteer`, { name: 'Jean Bénévole', phone: '+32 470 12 34 56', email: 'jean@benevoles.example' })).statusCode, 303);
    assert.equal((await staff.submit(roundUrl, `${roundUrl}/stops/${orders.tirou5?.id}`, { phone: '0471 22 33 44', doorNotes: 'Sonnette 2B, 3e étage' })).statusCode, 303);
    const res = await staff.submit(roundUrl, `${roundUrl}/link`, {});
    assert.equal(res.statusCode, 200);
    const url = /id="sheet-link">([^<]+)</.exec(res.body)?.[1] ?? '';
    assert.match(url, /^https:\/\/coopso\.example\.org\/shops\/coopso\/run-sheet\?token=[\w-]{43}$/);
    assert.match(res.body, /valable jusqu’au 4 sept\. 2026, 00:00/, '48 h after the round’s day');
    assert.match(res.body, /Envoyé par e-mail à jean@benevoles\.example/);
    const [mail] = await outboxEmails(p.database.db, 'jean@benevoles.example');
    assert.ok(mail?.text_body.includes(url), 'the e-mail carries the link');
    const token = new URL(url).searchParams.get('token') ?? '';
    const round = await p.database.db.selectFrom('volunteer_rounds').select(['sheet_token_hash']).executeTakeFirstOrThrow();
    assert.ok(round.sheet_token_hash && !round.sheet_token_hash.includes(token), 'only the hash is kept');
    sheet = `/shops/coopso/run-sheet?token=${token}`;
  });

  test('should show the volunteer names, addresses, phone, door notes and items, and no price, e-mail or history', async () => {
    const page = await volunteer.get(sheet);
    assert.equal(page.statusCode, 200);
    assert.deepEqual(stopOrder(page.body).map(key), ['tirou5', 'tirou12', 'marcinelle', 'montignies']);
    assert.match(page.body, /Camille Martin/);
    assert.match(page.body, /Boulevard Tirou 5<br\/?>6000 Charleroi/);
    assert.match(page.body, /href="tel:0471223344">0471 22 33 44</);
    assert.match(page.body, /Sonnette 2B, 3e étage/);
    assert.match(page.body, /1 × Calculatrice scientifique/);
    assert.match(page.body, /4 × Cahier A4 ligné 96 pages/);
    for (const o of Object.values(orders)) {
      assert.ok(!page.body.includes(o.email), 'no customer e-mail');
      assert.ok(!page.body.includes(o.number), 'no order number (no history)');
    }
    assert.ok(!page.body.includes('€'), 'no price');
    assert.ok(!/24,90|3,50|38,90/.test(page.body), 'no amount');
    assert.ok(!page.body.includes('jean@benevoles.example'));
    assert.equal(page.headers['cache-control'], 'no-store');
  });

  test('should record the delivery as the order’s event, which starts the withdrawal and warranty periods', async () => {
    await moveClock('2026-09-01T14:05:00+02:00');
    const id = orders.tirou5?.id ?? '';
    const res = await mark(sheet, id, 'delivered');
    assert.equal(res.statusCode, 303, res.body);
    const o = await orderJson(id);
    assert.equal(o.status, 'delivered');
    const roundId = roundUrl.split('/').pop();
    const facts = o.events.filter((e: { type: string }) => e.type === 'shipped' || e.type === 'delivered');
    assert.deepEqual(facts.map((e: { type: string; at: string; by: string }) => [e.type, e.at, e.by]), [
      ['shipped', '2026-09-01T12:05:00.000Z', `volunteer:${roundId}`],
      ['delivered', '2026-09-01T12:05:00.000Z', `volunteer:${roundId}`],
    ]);
    assert.equal(o.deadlines.withdrawalEndsOn, '2026-09-15', '14 days from the day after delivery');
    assert.equal(o.deadlines.warrantyEndsOn, '2028-09-01', 'two years from delivery');
    assert.match((await volunteer.get(sheet)).body, /Livrée le 1 sept\. 2026, 14:05/);
  });

  test('should change nothing when a stop is marked delivered twice', async () => {
    const id = orders.tirou5?.id ?? '';
    const before = (await orderJson(id)).events.length;
    await moveClock('2026-09-01T14:07:00+02:00');
    const res = await mark(sheet, id, 'delivered');
    assert.equal(res.statusCode, 303);
    assert.equal((await orderJson(id)).events.length, before);
    const absentAfter = await mark(sheet, id, 'absent', 'personne');
    assert.equal(absentAfter.statusCode, 422);
    assert.match(absentAfter.body, /déjà marquée livrée/);
  });

  test('should keep an absence with its note, the order still to deliver', async () => {
    const id = orders.tirou12?.id ?? '';
    const res = await mark(sheet, id, 'absent', 'Personne, avis laissé dans la boîte');
    assert.equal(res.statusCode, 303);
    assert.equal((await orderJson(id)).status, 'accepted');
    await signInStaff();
    const page = await staff.get(roundUrl);
    assert.equal(page.statusCode, 200, String(page.headers.location));
    assert.match(page.body, /Absent le 1 sept\. 2026, 14:07 — Personne, avis laissé dans la boîte/);
  });

  test('should offer an absent customer’s order for another round, and then not deliver it on the first', async () => {
    const id = orders.tirou12?.id ?? '';
    const page = await staff.get('/shops/coopso/staff/rounds/new?zone=Charleroi');
    assert.ok(page.body.includes(`value="${id}"`), 'offered again after the absence');
    const res = await staff.submit('/shops/coopso/staff/rounds/new', '/shops/coopso/staff/rounds', { name: 'Charleroi — repassage', zone: 'Charleroi', roundOn: '2026-09-02', orderIds: id });
    assert.equal(res.statusCode, 303, res.body);
    const twice = await mark(sheet, id, 'delivered');
    assert.equal(twice.statusCode, 422);
    assert.match(twice.body, /déjà sur une autre tournée/);
    assert.equal((await orderJson(id)).status, 'accepted', 'nothing recorded on the order');
  });

  test('should refuse to deliver a cancelled order, with the reason', async () => {
    const id = orders.marcinelle?.id ?? '';
    assert.equal((await event(id, { type: 'cancelled', by: 'seller', at: '2026-09-01T14:00:00+02:00', note: 'rupture' })).statusCode, 201);
    const page = await volunteer.get(sheet);
    assert.match(page.body, /Commande annulée : ne pas livrer/);
    const res = await mark(sheet, id, 'delivered');
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /a été annulée : ne la livrez pas/);
    const o = await orderJson(id);
    assert.equal(o.status, 'cancelled');
    assert.ok(!o.events.some((e: { type: string }) => e.type === 'delivered'));
  });

  test('should show a replaced or expired link as a clear page with nothing on it', async () => {
    const clean = (body: string) => {
      assert.ok(!body.includes('Camille'), 'no name');
      assert.ok(!body.includes('Tirou'), 'no address');
      assert.ok(!body.includes('Calculatrice'), 'no item');
    };
    const wrong = await volunteer.get('/shops/coopso/run-sheet?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    assert.equal(wrong.statusCode, 404);
    assert.match(wrong.body, /Ce lien n’est pas valide/);
    clean(wrong.body);
    assert.equal((await volunteer.get('/shops/coopso/run-sheet')).statusCode, 404);
    // Still valid on the evening of the 3rd; expired at midnight, 48 h after the round's day.
    await moveClock('2026-09-03T23:59:00+02:00');
    const lastEvening = await volunteer.get(sheet);
    assert.equal(lastEvening.statusCode, 200);
    const csrf = /name="_csrf" value="([^"]*)"/.exec(lastEvening.body)?.[1] ?? '';
    await moveClock('2026-09-04T00:00:00+02:00');
    const gone = await volunteer.get(sheet);
    assert.equal(gone.statusCode, 410);
    assert.match(gone.body, /Ce lien a expiré/);
    clean(gone.body);
    assert.match((await volunteer.get(`${sheet}&lang=nl`)).body, /Deze link is verlopen/);
    assert.match((await volunteer.get(`${sheet}&lang=en`)).body, /This link has expired/);
    const late = await mark(sheet, orders.montignies?.id ?? '', 'delivered', '', csrf);
    assert.equal(late.statusCode, 410);
    clean(late.body);
    assert.equal((await orderJson(orders.montignies?.id ?? '')).status, 'accepted', 'nothing recorded');
    // A new link replaces the old one: the old one is not valid any more.
    await signInStaff();
    const res = await staff.submit(roundUrl, `${roundUrl}/link`, {});
    const fresh = /id="sheet-link">([^<]+)</.exec(res.body)?.[1] ?? '';
    assert.match(res.body, /valable jusqu’au 4 sept\. 2026, 00:00/);
    assert.notEqual(new URL(fresh).search, new URL(sheet, PUBLIC_URL).search);
    assert.equal((await volunteer.get(sheet)).statusCode, 404, 'the replaced link opens nothing');
    assert.equal((await volunteer.get(new URL(fresh).pathname + new URL(fresh).search)).statusCode, 410, 'the new one also ends 48 h after the round’s day');
  });
});
