/**
 * Issue 10 §5–§6 over HTTP with the test clock: DISTRITEC's (003) transport reserves (art.8.1,
 * "dans les trois (3) jours suivant sa réception", holidays skipped, Saturdays and Sundays
 * counted: delivered Fri 2026-03-06 → by Mon 2026-03-09), its invoice disputes (art.6.1, 10
 * calendar days), a registered letter and its dates, goodwill returns (art.11: professionals,
 * under 15 days, a credit less 30 %), and the consumer mediator with the year to seize it (L612-2).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FormClient } from '../support/form-client.ts';
import { outboxEmails } from '../support/outbox.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform, moveTestClock } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

const SHOP = 'distritec';
let p: TestPlatform;
before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-03-02T10:00:00+01:00' }, { stripe: false });
});
after(() => p.stop());

type Json = Record<string, unknown>;
const staff = bearer(ADMIN_TOKEN);
const moveClock = (now: string) => moveTestClock(p, now);
const post = (url: string, headers: Record<string, string>, payload: Json = {}) => p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/${url}`, headers, payload });

async function professionalToken(email: string): Promise<string> {
  const address = { line1: '12 avenue de la Gare', postalCode: '66000', city: 'Perpignan', country: 'FR' };
  const reg = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/customers`, payload: { kind: 'professional', email, password: 'correct horse battery', firstName: 'Paul', lastName: 'Froid', companyName: 'Froid Sud SARL', siret: '732 829 320 00074', vatNumber: 'FR40303265045', address } });
  assert.equal(reg.statusCode, 201, reg.body);
  return (await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/session`, payload: { email, password: 'correct horse battery' } })).json().token;
}

async function place(token: string): Promise<Json> {
  const res = await post('orders', bearer(token), {
    lines: [{ productId: await productIdBySku(p, SHOP, 'POMPE-VIDE-2E'), quantity: 1 }],
    acceptedTerms: { version: await termsVersion(p, SHOP) },
    delivery: { mode: 'carrier' },
    paymentMethod: 'bank_transfer',
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

async function deliver(order: Json, deliveredAt: string) {
  const totals = order.totals as { grossCents: number };
  for (const [type, at, extra] of [['payment_received', '2026-03-02T10:00:00+01:00', { amountCents: totals.grossCents }], ['shipped', '2026-03-03T09:00:00+01:00', {}], ['delivered', deliveredAt, {}]] as const) {
    const ev = await post(`orders/${order.id}/events`, staff, { type, at, ...extra });
    assert.equal(ev.statusCode, 201, `${type}: ${ev.body}`);
  }
}

const tokens = { pro: '', consumer: '', other: '' };
const orders: Record<'pro' | 'consumer', Json> = { pro: {}, consumer: {} };

describe('complaints, reserves and goodwill returns (issue 10 §5–§6)', () => {
  test('003: delivered Fri 2026-03-06 → a professional reserve made Mon 03-09 is on time (L133-3 days: Sat and Sun count), one made Tue 03-10 is late and barred', async () => {
    tokens.pro = await professionalToken('achats@froid-sud.example');
    tokens.consumer = await customerToken(p, SHOP, 'camille@complaints.example');
    tokens.other = await customerToken(p, SHOP, 'other@complaints.example');
    orders.pro = await place(tokens.pro);
    orders.consumer = await place(tokens.consumer);
    await moveClock('2026-03-06T16:00:00+01:00');
    for (const o of [orders.pro, orders.consumer]) await deliver(o, '2026-03-06T15:00:00+01:00');

    await moveClock('2026-03-09T17:00:00+01:00');
    const onTime = await post(`orders/${orders.pro.id}/complaints`, bearer(tokens.pro), { kind: 'transport_reserve', note: 'Carton enfoncé, pompe fêlée' });
    assert.equal(onTime.statusCode, 201, onTime.body);
    const c = onTime.json();
    assert.deepEqual([c.kind, c.madeOn, c.windowEndsOn, c.contractualEndsAt, c.onTime, c.barred, c.status], ['transport_reserve', '2026-03-09', '2026-03-09', '2026-03-09T15:00:00+01:00', true, false, 'open']);
    assert.equal(c.mediation, undefined, 'no consumer mediation for a professional');

    await moveClock('2026-03-10T09:00:00+01:00');
    const late = await post(`orders/${orders.pro.id}/complaints`, bearer(tokens.pro), { kind: 'transport_reserve' });
    assert.equal(late.statusCode, 201, late.body);
    assert.deepEqual([late.json().windowEndsOn, late.json().onTime, late.json().barred, late.json().status], ['2026-03-09', false, true, 'refused']);
  });

  test('003: no reserves window for a consumer, who is not a party to the transport contract (A-35)', async () => {
    const res = await post(`orders/${orders.consumer.id}/complaints`, bearer(tokens.consumer), { kind: 'transport_reserve' });
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().error.code, 'complaint_not_open');
  });

  test('003 art.6.1: an invoice dispute recorded by staff runs 10 calendar days from the invoice (issued 2026-03-02 → 2026-03-12); a consumer disputing late is recorded, not barred (A-45)', async () => {
    const pro = await post(`orders/${orders.pro.id}/complaints`, staff, { kind: 'invoice_dispute', madeOn: '2026-03-10', receivedOn: '2026-03-10' });
    assert.equal(pro.statusCode, 201, pro.body);
    assert.deepEqual([pro.json().windowStartsOn, pro.json().windowEndsOn, pro.json().onTime], ['2026-03-02', '2026-03-12', true]);

    await moveClock('2026-03-13T10:00:00+01:00');
    const consumer = await post(`orders/${orders.consumer.id}/complaints`, bearer(tokens.consumer), { kind: 'invoice_dispute', note: 'Frais de port facturés deux fois' });
    assert.equal(consumer.statusCode, 201, consumer.body);
    const c = consumer.json();
    assert.deepEqual([c.windowEndsOn, c.onTime, c.barred, c.status], ['2026-03-12', false, false, 'open']);
    // L612-2 3°: the consumer may go to CMAP until one year after this written complaint.
    assert.deepEqual(c.mediation, { mediator: 'CMAP', address: '39 avenue Franklin Delano Roosevelt, 75008 Paris', url: null, endsOn: '2027-03-13' });
  });

  test('staff record the registered letter of a reserve with its sent, presented and received dates; the customer sees it', async () => {
    const reserve = (await post(`orders/${orders.pro.id}/complaints`, staff, { kind: 'transport_reserve', madeOn: '2026-03-08', receivedOn: '2026-03-11' })).json();
    assert.equal(reserve.onTime, true, 'a letter sent Sun 03-08 is within the three days');
    const res = await post(`complaints/${reserve.id}/letters`, staff, { direction: 'in', sentOn: '2026-03-08', presentedOn: '2026-03-10', receivedOn: '2026-03-11', trackingNumber: '1A12345678901' });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json().letters.map((l: Json) => [l.direction, l.sentOn, l.presentedOn, l.receivedOn, l.trackingNumber]), [['in', '2026-03-08', '2026-03-10', '2026-03-11', '1A12345678901']]);
    const seen = await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/complaints/${reserve.id}`, headers: bearer(tokens.pro) });
    assert.equal(seen.statusCode, 200, seen.body);
    assert.equal(seen.json().letters.length, 1);

    const backwards = await post(`complaints/${reserve.id}/letters`, staff, { direction: 'in', sentOn: '2026-03-08', receivedOn: '2026-03-07' });
    assert.equal(backwards.statusCode, 422, backwards.body);
    assert.deepEqual([backwards.json().error.code, backwards.json().error.field], ['letter_dates_out_of_order', 'receivedOn']);
    // Both facts are in the order's evidence chain, which still verifies.
    const evidence = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/orders/${orders.pro.id}/evidence`, headers: staff })).json();
    assert.equal(evidence.verified, true);
    const types = (evidence.events as Json[]).map((e) => e.type);
    assert.ok(types.includes('complaint_received') && types.includes('registered_letter_recorded'), JSON.stringify(types));
    const byCustomer = await post(`complaints/${reserve.id}/letters`, bearer(tokens.pro), { direction: 'in', sentOn: '2026-03-08' });
    assert.equal(byCustomer.statusCode, 403, byCustomer.body);
  });

  test('003 art.11: a professional goodwill return within 15 days gives a credit of the price less 30 %; refused for a consumer and after 15 days', async () => {
    const gross = orders.pro.totals as { grossCents: number };
    const ok = await post(`orders/${orders.pro.id}/complaints`, bearer(tokens.pro), { kind: 'goodwill_return_request', returnedCents: gross.grossCents, compensatingOrderCents: gross.grossCents });
    assert.equal(ok.statusCode, 201, ok.body);
    // The pump's invoiced value 384.00: the abatement is at least 30 % (115.20), the credit 268.80.
    assert.equal(gross.grossCents, 38_400);
    assert.deepEqual(ok.json().goodwill, { returnedCents: 38_400, compensatingOrderCents: 38_400, abatementCents: 11_520, creditCents: 26_880 });
    assert.equal(ok.json().windowEndsOn, '2026-03-20');
    // Prior written approval (issue 10 §6): staff accept, and the credit becomes a credit note of 268.80 on the invoice.
    const bare = await post(`complaints/${ok.json().id}/decision`, staff, { decision: 'refused' });
    assert.deepEqual([bare.statusCode, bare.json().error.field], [400, 'note']);
    const accepted = await post(`complaints/${ok.json().id}/decision`, staff, { decision: 'accepted' });
    assert.equal(accepted.statusCode, 201, accepted.body);
    assert.equal(accepted.json().status, 'accepted');
    assert.equal((await post(`complaints/${ok.json().id}/decision`, staff, { decision: 'accepted' })).json().error.code, 'complaint_not_open', 'decided once');
    const docs = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/invoices?orderId=${orders.pro.id}`, headers: bearer(tokens.pro) })).json().items;
    const credit = docs.find((d: { kind: string }) => d.kind === 'credit_note');
    assert.deepEqual([credit?.reason, credit?.totals.grossCents], ['goodwill_return', 26_880]);
    // The pump was paid: the credit note's 268.80 is the professional's credit on account (003 art.11 "un avoir"), spent by the compensating order.
    const account = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/customers/${orders.pro.customerId}/credit`, headers: staff })).json();
    assert.equal(account.balanceCents, 26_880, JSON.stringify(account));
    const evidence = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/orders/${orders.pro.id}/evidence`, headers: staff })).json();
    const decided = evidence.events.find((e: { type: string }) => e.type === 'goodwill_return_decided');
    assert.deepEqual([decided?.data.creditNoteNumber, decided?.data.creditOnAccountCents], [credit?.number, 26_880]);
    const told = (await outboxEmails(p.database.db, 'achats@froid-sud.example')).find((m) => /reprise acceptée/.test(m.subject));
    assert.match(told?.text_body ?? '', new RegExp(`Avoir ${credit?.number} : 268,80\\s€[^\\n]*\\n268,80\\s€ sont portés au crédit de votre compte client`));

    const consumer = await post(`orders/${orders.consumer.id}/complaints`, bearer(tokens.consumer), { kind: 'goodwill_return_request', compensatingOrderCents: 100_000 });
    assert.equal(consumer.statusCode, 422, consumer.body);
    assert.equal(consumer.json().error.code, 'goodwill_not_for_consumers');

    await moveClock('2026-03-21T10:00:00+01:00');
    const late = await post(`orders/${orders.pro.id}/complaints`, bearer(tokens.pro), { kind: 'goodwill_return_request', compensatingOrderCents: 100_000 });
    assert.equal(late.statusCode, 422, late.body);
    assert.equal(late.json().error.code, 'goodwill_period_over');
    assert.match(late.json().error.message, /2026-03-20/);
  });

  test('the three routes are in the OpenAPI description with their tag and summary', async () => {
    const spec = (await p.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const [path, method] of [['/api/v1/shops/{shop}/orders/{id}/complaints', 'post'], ['/api/v1/shops/{shop}/complaints/{id}/letters', 'post'], ['/api/v1/shops/{shop}/complaints/{id}', 'get']] as const) {
      const op = spec.paths[path]?.[method];
      assert.ok(op, `${method} ${path} documented`);
      assert.deepEqual(op.tags, ['aftersale']);
      assert.ok(op.summary.length > 20, op.summary);
    }
  });

  test("another customer's order or complaint is not found", async () => {
    const res = await post(`orders/${orders.pro.id}/complaints`, bearer(tokens.other), { kind: 'invoice_dispute' });
    assert.equal(res.statusCode, 404, res.body);
    const list = await p.database.db.selectFrom('complaints').select('id').where('shop_id', '=', SHOP).where('order_id', '=', orders.pro.id as string).execute();
    const seen = await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/complaints/${list[0]?.id}`, headers: bearer(tokens.other) });
    assert.equal(seen.statusCode, 404, seen.body);
  });

  test('pages: the customer sees each window on the form, files a dispute, and the acknowledgement names the mediator and the year (L612-2); staff see it and record a letter', async () => {
    const customer = new FormClient(p.app);
    const login = await customer.submit(`/shops/${SHOP}/login`, `/shops/${SHOP}/login`, { email: 'camille@complaints.example', password: 'correct horse battery' });
    assert.equal(login.statusCode, 303, login.body);
    const orderPage = await customer.get(`/shops/${SHOP}/orders/${orders.consumer.id}`);
    assert.ok(orderPage.body.includes(`/shops/${SHOP}/orders/${orders.consumer.id}/complaints/new`), 'the order page links to the complaint form');
    const form = await customer.get(`/shops/${SHOP}/orders/${orders.consumer.id}/complaints/new`);
    assert.equal(form.statusCode, 200, form.body);
    // Today is 2026-03-21: the invoice dispute window (to Thu 12 March) has passed; reserves are not for consumers.
    assert.match(form.body, /Contestation de facture<\/strong> — jusqu’au jeudi 12 mars 2026 inclus — dépassé/);
    assert.match(form.body, /Réserves pour dommage ou manquant au transport — non disponible/);
    const sent = await customer.submit(`/shops/${SHOP}/orders/${orders.consumer.id}/complaints/new`, `/shops/${SHOP}/orders/${orders.consumer.id}/complaints`, { kind: 'invoice_dispute', note: 'TVA erronée' });
    assert.equal(sent.statusCode, 303, sent.body);
    const ack = await customer.get(String(sent.headers.location));
    assert.equal(ack.statusCode, 200, ack.body);
    assert.match(ack.body, /Hors délai, mais votre réclamation reste examinée/);
    assert.match(ack.body, /médiateur de la consommation CMAP, 39 avenue Franklin Delano Roosevelt, 75008 Paris, au plus tard le dimanche 21 mars 2027/);

    const admin = bearer(ADMIN_TOKEN);
    const staffOrder = await p.app.inject({ method: 'GET', url: `/shops/${SHOP}/staff/orders/${orders.pro.id}`, headers: admin });
    assert.ok(staffOrder.body.includes(`/shops/${SHOP}/staff/orders/${orders.pro.id}/complaints`), 'the back-office order page links to complaints and letters');
    const staffPage = await p.app.inject({ method: 'GET', url: `/shops/${SHOP}/staff/orders/${orders.pro.id}/complaints`, headers: admin });
    assert.equal(staffPage.statusCode, 200, staffPage.body);
    assert.ok(staffPage.body.includes('1A12345678901'), 'the letter recorded over the API is listed');
    // The reserve sent Sun 03-08 (on time) whose carrier's letter came in over the API; staff add the shop's answer.
    const csrf = /name="_csrf" value="([^"]*)"/.exec(staffPage.body)?.[1] ?? '';
    const cookie = [staffPage.headers['set-cookie'] ?? []].flat().map((c) => String(c).split(';')[0]).join('; ');
    const reserve = await p.database.db.selectFrom('complaints').select('id').where('shop_id', '=', SHOP).where('order_id', '=', orders.pro.id as string).where('kind', '=', 'transport_reserve').orderBy('made_on').executeTakeFirstOrThrow();
    const letter = await p.app.inject({ method: 'POST', url: `/shops/${SHOP}/staff/complaints/${reserve.id}/letters`, headers: { ...admin, cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrf, direction: 'out', sentOn: '2026-03-12', presentedOn: '2026-03-13', receivedOn: '', trackingNumber: '1A99999999999' }).toString() });
    assert.equal(letter.statusCode, 303, letter.body);
    const seen = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/complaints/${reserve.id}`, headers: admin })).json();
    assert.deepEqual(seen.letters.map((l: Json) => [l.direction, l.sentOn, l.presentedOn, l.receivedOn]), [['in', '2026-03-08', '2026-03-10', '2026-03-11'], ['out', '2026-03-12', '2026-03-13', null]]);
  });
});
