/**
 * Issue 11 §4–§5 over HTTP with the test clock, at DISTRITEC (003, France): no date given, so
 * delivery is due 30 days after the order (L216-1: placed Mon 2026-03-02 → Wed 2026-04-01). From
 * Thu 04-02 the consumer may give formal notice with an additional period, then terminate once it
 * passes (L216-6); the refund of all sums paid is due 14 days later (L216-7) and a late one is
 * increased by 10 % up to 14 days late, 20 % up to 30, 50 % beyond (L241-4). Force majeure declared
 * by staff suspends the deadline and, past 60 days (art.17.4), lets either party terminate. A
 * professional has no remedy (art.7.2); at Coopso (001 online §3.2) an order already shipped stays due.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { issueApiToken } from '../../src/accounts/service.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform, moveTestClock } from '../support/platform.ts';
import { outboxEmails } from '../support/outbox.ts';
import { customerToken, productIdBySku, stockOf, termsVersion } from '../support/shoppers.ts';

const SHOP = 'distritec';
const SKU = 'POMPE-VIDE-2E';
let p: TestPlatform;
before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-03-02T10:00:00+01:00' }, { stripe: false });
});
after(() => p.stop());

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read field by field and checked by the assertions
type Json = Record<string, any>;
const staff = bearer(ADMIN_TOKEN);
const moveClock = (now: string) => moveTestClock(p, now);
/** A customer's API token for the months the test clock runs through (a session would expire on the way). */
async function longToken(shop: string, email: string): Promise<string> {
  const c = await p.database.db.selectFrom('customers').select(['id', 'first_name']).where('shop_id', '=', shop).where('email', '=', email).executeTakeFirstOrThrow();
  return issueApiToken({ db: p.database.db, clock: p.clock }, { kind: 'customer', shopId: shop, id: c.id, name: c.first_name }, 'test', 365);
}
const post = (url: string, headers: Record<string, string>, payload: Json = {}, shop = SHOP) => p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/${url}`, headers, payload });
const situation = async (order: Json, token: string) => {
  const res = await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/orders/${order.id}/late-delivery`, headers: bearer(token) });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
};
const refusedWith = (res: { statusCode: number; body: string; json(): Json }, code: string) => {
  assert.equal(res.statusCode, 422, res.body);
  assert.equal(res.json().error.code, code, res.body);
  return res.json().error;
};

async function place(token: string, shop = SHOP, sku = SKU): Promise<Json> {
  const res = await post('orders', bearer(token), { lines: [{ productId: await productIdBySku(p, shop, sku), quantity: 1 }], acceptedTerms: { version: await termsVersion(p, shop) }, delivery: { mode: 'carrier' }, paymentMethod: 'bank_transfer' }, shop);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}
async function fact(order: Json, type: string, at: string, extra: Json = {}, shop = SHOP) {
  const res = await post(`orders/${order.id}/events`, staff, { type, at, ...extra }, shop);
  assert.equal(res.statusCode, 201, `${type}: ${res.body}`);
}
const pay = (order: Json, shop = SHOP) => fact(order, 'payment_received', '2026-03-02T10:00:00+01:00', { amountCents: order.totals.grossCents }, shop);

async function professionalToken(email: string): Promise<string> {
  const address = { line1: '12 avenue de la Gare', postalCode: '66000', city: 'Perpignan', country: 'FR' };
  const reg = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/customers`, payload: { kind: 'professional', email, password: 'correct horse battery', firstName: 'Paul', lastName: 'Froid', companyName: 'Froid Sud SARL', siret: '732 829 320 00074', vatNumber: 'FR40303265045', address } });
  assert.equal(reg.statusCode, 201, reg.body);
  return (await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/session`, payload: { email, password: 'correct horse battery' } })).json().token;
}

const t: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'pro', string> = { a: '', b: '', c: '', d: '', e: '', f: '', pro: '' };
const o: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'pro', Json> = { a: {}, b: {}, c: {}, d: {}, e: {}, f: {}, pro: {} };
const EMAIL = { a: 'anne@late.example', b: 'bruno@late.example', c: 'chloe@late.example', d: 'denis@late.example', e: 'emile@late.example', f: 'fanny@late.example' };
const notices: Json = {};
const fm: Json = {};

describe('late delivery and force majeure (issue 11 §4–§5)', () => {
  test('before 2026-04-01 nothing is late: the notice and the termination are refused with delivery_not_late, and the order page says until when', async () => {
    for (const k of ['a', 'b', 'c', 'd', 'f'] as const) {
      await customerToken(p, SHOP, EMAIL[k]);
      t[k] = await longToken(SHOP, EMAIL[k]);
      o[k] = await place(t[k]);
      await pay(o[k]);
    }
    await professionalToken('achats@froid-late.example');
    t.pro = await longToken(SHOP, 'achats@froid-late.example');
    o.pro = await place(t.pro);
    await pay(o.pro);
    assert.equal(o.a.totals.grossCents, 38_400, 'the pump costs 384.00 €, carriage forward');

    await moveClock('2026-03-10T10:00:00+01:00');
    const s = await situation(o.a, t.a);
    assert.deepEqual([s.status, s.promisedOn, s.promiseSource, s.deliveryLatestOn, s.late, s.suspendedDays], ['accepted', '2026-04-01', 'default', '2026-04-01', false, 0]);
    assert.deepEqual(s.canSendNotice, { allowed: false, code: 'delivery_not_late', params: { latestOn: '2026-04-01' } });
    const notice = refusedWith(await post(`orders/${o.a.id}/late-delivery-notice`, bearer(t.a)), 'delivery_not_late');
    assert.match(notice.message, /2026-04-01/);
    refusedWith(await post(`orders/${o.a.id}/termination`, bearer(t.a), { ground: 'essential_date' }), 'delivery_not_late');

    // The customer's pages: the order links to its late-delivery page, which gives the day and why nothing can be done yet.
    const orderPage = await p.app.inject({ method: 'GET', url: `/shops/${SHOP}/orders/${o.a.id}`, headers: bearer(t.a) });
    assert.equal(orderPage.statusCode, 200);
    assert.ok(orderPage.body.includes(`/shops/${SHOP}/orders/${o.a.id}/late-delivery`), 'the order page links to the late-delivery page');
    assert.match(orderPage.body, /Livraison due au plus tard le 1 avril 2026\./);
    const page = await p.app.inject({ method: 'GET', url: `/shops/${SHOP}/orders/${o.a.id}/late-delivery`, headers: bearer(t.a) });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /1 avril 2026/);
    assert.match(page.body, /La livraison n’est pas en retard : le vendeur a jusqu’au 1 avril 2026 inclus/);
    assert.doesNotMatch(page.body, /late-delivery-notice"/, 'no notice form before the day');

    // The OpenAPI description names the routes and their refusals.
    const paths = (await p.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json().paths as Json;
    assert.match(paths['/api/v1/shops/{shop}/orders/{id}/late-delivery-notice'].post.summary, /delivery_not_late, notice_period_running/);
    assert.match(paths['/api/v1/shops/{shop}/orders/{id}/termination'].post.summary, /late_delivery_notice_required.*order_already_shipped/);
    for (const path of ['/api/v1/shops/{shop}/orders/{id}/late-delivery', '/api/v1/shops/{shop}/force-majeure', '/api/v1/shops/{shop}/force-majeure/{id}/end', '/api/v1/shops/{shop}/orders/{id}/formal-notices', '/api/v1/shops/{shop}/orders/{id}/formal-notice-termination']) assert.ok(paths[path], path);
  });

  test('force majeure: staff declare a strike on order B from 03-05 (customer told by e-mail, termination possible from 05-05 under art.17.4), and on order C from 03-06, ended 03-08', async () => {
    const declared = await post('force-majeure', staff, { orderId: o.b.id, cause: 'strike', startsOn: '2026-03-05', note: 'Grève des transporteurs' });
    assert.equal(declared.statusCode, 201, declared.body);
    Object.assign(fm, { b: declared.json() });
    assert.deepEqual([fm.b.scope, fm.b.startsOn, fm.b.endsOn, fm.b.terminationFrom, fm.b.ordersNotified], ['order', '2026-03-05', null, '2026-05-05', 1]);
    const mails = await outboxEmails(p.database.db, EMAIL.b);
    const told = mails.find((m) => /force majeure/.test(m.subject));
    assert.ok(told, JSON.stringify(mails.map((m) => m.subject)));
    assert.match(told.text_body, /Grève/);
    assert.match(told.text_body, /5 mai 2026/);

    refusedWith(await post('force-majeure', staff, { orderId: o.c.id, cause: 'strike', startsOn: '2026-03-11' }), 'event_in_future');
    const c = await post('force-majeure', staff, { orderId: o.c.id, cause: 'equipment_breakdown', startsOn: '2026-03-06' });
    assert.equal(c.statusCode, 201, c.body);
    refusedWith(await post(`force-majeure/${c.json().id}/end`, staff, { endsOn: '2026-03-05' }), 'force_majeure_dates_out_of_order');
    const ended = await post(`force-majeure/${c.json().id}/end`, staff, { endsOn: '2026-03-08' });
    assert.equal(ended.statusCode, 200, ended.body);
    assert.deepEqual([ended.json().endsOn, ended.json().terminationFrom], ['2026-03-08', null]);
    refusedWith(await post(`force-majeure/${c.json().id}/end`, staff, { endsOn: '2026-03-09' }), 'force_majeure_already_ended');
    assert.equal((await post('force-majeure', bearer(t.a), { cause: 'strike', startsOn: '2026-03-05' })).statusCode, 403, 'a customer declares nothing');
    const list = await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/force-majeure`, headers: staff });
    assert.equal(list.json().length, 2);
    // The staff page lists both periods; the customer's page, in English here, names the strike and the day termination opens.
    const staffPage = await p.app.inject({ method: 'GET', url: `/shops/${SHOP}/staff/force-majeure`, headers: staff });
    assert.equal(staffPage.statusCode, 200, staffPage.body);
    assert.match(staffPage.body, /Grève/);
    assert.match(staffPage.body, /Panne de matériel ou de véhicule/);
    const customerPage = await p.app.inject({ method: 'GET', url: `/shops/${SHOP}/orders/${o.b.id}/late-delivery`, headers: { ...bearer(t.b), 'accept-language': 'en' } });
    assert.equal(customerPage.statusCode, 200, customerPage.body);
    assert.match(customerPage.body, /Strike: since 5 March 2026, ongoing/);
    assert.match(customerPage.body, /either party may terminate the contract from 5 May 2026/);
  });

  test('Thu 04-02, A is late: termination needs a notice first; the notice gives until 04-09 and is acknowledged by e-mail; B is not late (29 days of strike added), C is due 04-04 (3 days)', async () => {
    await moveClock('2026-04-02T10:00:00+02:00');
    const before = await situation(o.a, t.a);
    assert.deepEqual([before.late, before.canSendNotice.allowed], [true, true]);
    const needed = refusedWith(await post(`orders/${o.a.id}/termination`, bearer(t.a)), 'late_delivery_notice_required');
    assert.match(needed.message, /2026-04-01/);
    refusedWith(await post(`orders/${o.a.id}/late-delivery-notice`, bearer(t.a), { deliverBy: '2026-04-02' }), 'notice_period_too_short');
    const sent = await post(`orders/${o.a.id}/late-delivery-notice`, bearer(t.a), { deliverBy: '2026-04-09', note: 'Livrez-moi avant le 9 avril.' });
    assert.equal(sent.statusCode, 201, sent.body);
    assert.deepEqual(sent.json(), { orderId: o.a.id, sentOn: '2026-04-02', deliverBy: '2026-04-09', latestOn: '2026-04-01' });
    refusedWith(await post(`orders/${o.a.id}/late-delivery-notice`, bearer(t.a)), 'notice_period_running');
    const ack = (await outboxEmails(p.database.db, EMAIL.a)).find((m) => /mise en demeure/.test(m.subject));
    assert.ok(ack);
    assert.match(ack.text_body, /au plus tard le 9 avril 2026/);
    const a = await situation(o.a, t.a);
    assert.deepEqual(a.notice, { sentOn: '2026-04-02', deliverBy: '2026-04-09' });
    assert.deepEqual(a.canTerminate, { allowed: false, code: 'notice_period_running', params: { deliverBy: '2026-04-09' } });

    const b = await situation(o.b, t.b);
    assert.deepEqual([b.deliveryLatestOn, b.suspendedDays, b.late, b.forceMajeureTerminationFrom], ['2026-04-30', 29, false, '2026-05-05']);
    refusedWith(await post(`orders/${o.b.id}/late-delivery-notice`, bearer(t.b)), 'delivery_not_late');
    const c = await situation(o.c, t.c);
    assert.deepEqual([c.deliveryLatestOn, c.suspendedDays, c.late], ['2026-04-04', 3, false]);

    refusedWith(await post(`orders/${o.pro.id}/late-delivery-notice`, bearer(t.pro)), 'late_delivery_no_remedy_for_professionals');
    refusedWith(await post(`orders/${o.pro.id}/termination`, bearer(t.pro), { ground: 'essential_date' }), 'late_delivery_no_remedy_for_professionals');
    assert.equal((await post(`orders/${o.a.id}/late-delivery-notice`, bearer(t.b))).statusCode, 404, 'another customer’s order is not found');
  });

  test('§6, 003 art.7.2: goods not collected — a registered letter sent 03-20, first presented 03-27: disposal open from 04-05 (8 days), not before; the letter printed for staff', async () => {
    const sent = await post(`orders/${o.pro.id}/formal-notices`, staff, { kind: 'non_collection', sentOn: '2026-03-20', trackingNumber: '1A00000000017' });
    assert.equal(sent.statusCode, 201, sent.body);
    notices.pro = sent.json();
    assert.deepEqual([notices.pro.kind, notices.pro.clause, notices.pro.days, notices.pro.periodEndsOn, notices.pro.effectiveFrom], ['non_collection', 'art.7.2', 8, null, null]);
    refusedWith(await post(`orders/${o.pro.id}/formal-notice-termination`, staff, { noticeId: notices.pro.id }), 'formal_notice_not_presented');
    refusedWith(await post(`orders/${o.pro.id}/formal-notices/dates`, staff, { noticeId: notices.pro.id, presentedOn: '2026-03-19' }), 'letter_dates_out_of_order');
    const dated = await post(`orders/${o.pro.id}/formal-notices/dates`, staff, { noticeId: notices.pro.id, presentedOn: '2026-03-27' });
    assert.equal(dated.statusCode, 200, dated.body);
    assert.deepEqual([dated.json().presentedOn, dated.json().periodEndsOn, dated.json().effectiveFrom], ['2026-03-27', '2026-04-04', '2026-04-05']);
    const running = refusedWith(await post(`orders/${o.pro.id}/formal-notice-termination`, staff, { noticeId: notices.pro.id }), 'formal_notice_period_running');
    assert.match(running.message, /2026-04-04/);
    assert.equal((await post(`orders/${o.pro.id}/formal-notices`, bearer(t.pro), { kind: 'non_payment', sentOn: '2026-03-20' })).statusCode, 403, 'a customer sends no notice in the shop’s name');
    const page = await p.app.inject({ method: 'GET', url: `/shops/${SHOP}/staff/orders/${o.pro.id}/formal-notices`, headers: staff });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /Lettre recommandée avec accusé de réception — Mise en demeure/);
    assert.match(page.body, /dans un délai de 8 jours à compter de la première présentation/);
    assert.match(page.body, /Froid Sud SARL/);
  });

  test('a delivered order is no longer late (order_already_delivered); a shipped one may be terminated at once for an essential date', async () => {
    await fact(o.d, 'shipped', '2026-04-01T09:00:00+02:00');
    await fact(o.d, 'delivered', '2026-04-02T09:00:00+02:00');
    refusedWith(await post(`orders/${o.d.id}/termination`, bearer(t.d), { ground: 'essential_date' }), 'order_already_delivered');
    // F's pump left on 04-01 and never arrived: an essential date lets F terminate at once; the pump is on its way, not back in stock.
    await fact(o.f, 'shipped', '2026-04-01T09:00:00+02:00');
    const stock = await stockOf(p, SHOP, SKU);
    const res = await post(`orders/${o.f.id}/termination`, bearer(t.f), { ground: 'essential_date', note: 'Pour un chantier le 1er avril.' });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([res.json().status, res.json().termination.ground, res.json().termination.refundDueOn], ['cancelled', 'essential_date', '2026-04-16']);
    assert.equal(await stockOf(p, SHOP, SKU), stock, 'goods in transit do not return to stock on the termination');
  });

  test('§6: on 04-05 the uncollected order is closed as non_collection, the 50 % deposit kept and the rest owed back', async () => {
    await moveClock('2026-04-05T10:00:00+02:00');
    const res = await post(`orders/${o.pro.id}/formal-notice-termination`, staff, { noticeId: notices.pro.id });
    assert.equal(res.statusCode, 201, res.body);
    const deposit = o.pro.payment.depositCents;
    assert.ok(deposit > 0, JSON.stringify(o.pro.payment));
    assert.deepEqual([res.json().status, res.json().reason, res.json().terminatedOn, res.json().keptCents, res.json().refundCents], ['cancelled', 'non_collection', '2026-04-05', deposit, o.pro.totals.grossCents - deposit]);
    const evidence = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/orders/${o.pro.id}/evidence`, headers: staff })).json();
    assert.equal(evidence.verified, true);
    assert.deepEqual((evidence.events as Json[]).filter((e) => e.type.startsWith('formal_notice') || e.type === 'cancelled').map((e) => e.type), ['formal_notice_sent', 'formal_notice_dates', 'cancelled']);
  });

  test('Sun 04-05, C gives notice with no day named: a week, until 04-12', async () => {
    const sent = await post(`orders/${o.c.id}/late-delivery-notice`, bearer(t.c));
    assert.equal(sent.statusCode, 201, sent.body);
    assert.equal(sent.json().deliverBy, '2026-04-12');
  });

  test('§6, 003 art.19: non-payment — presented 04-07, received 04-08: 15 days from the first (04-22), cured by a payment, so no termination', async () => {
    await customerToken(p, SHOP, EMAIL.e);
    t.e = await longToken(SHOP, EMAIL.e);
    o.e = await place(t.e);
    await moveClock('2026-04-08T10:00:00+02:00');
    const sent = await post(`orders/${o.e.id}/formal-notices`, staff, { kind: 'non_payment', sentOn: '2026-04-03', presentedOn: '2026-04-07', receivedOn: '2026-04-08', amountCents: 19_200 });
    assert.equal(sent.statusCode, 201, sent.body);
    notices.e = sent.json();
    assert.deepEqual([notices.e.clause, notices.e.days, notices.e.periodEndsOn, notices.e.effectiveFrom], ['art.19', 15, '2026-04-22', '2026-04-23']);
    refusedWith(await post(`orders/${o.e.id}/formal-notices`, staff, { kind: 'non_payment', sentOn: '2026-04-09' }), 'event_in_future');
  });

  test('A terminates on Fri 04-10 (refused on 04-09, the notice’s last day): order cancelled, stock back, 384.00 € due by Fri 04-24, e-mail', async () => {
    await moveClock('2026-04-09T18:00:00+02:00');
    refusedWith(await post(`orders/${o.a.id}/termination`, bearer(t.a)), 'notice_period_running');
    await moveClock('2026-04-10T09:00:00+02:00');
    const stock = await stockOf(p, SHOP, SKU);
    refusedWith(await post(`orders/${o.a.id}/termination`, staff, { ground: 'notice_period_over' }), 'termination_ground_not_for_staff');
    const res = await post(`orders/${o.a.id}/termination`, bearer(t.a), { note: 'Toujours rien reçu.' });
    assert.equal(res.statusCode, 201, res.body);
    const s = res.json();
    assert.equal(s.status, 'cancelled');
    assert.deepEqual(s.termination, { terminatedOn: '2026-04-10', ground: 'notice_period_over', reason: 'late_delivery', refundDueOn: '2026-04-24', amountCents: 38_400, refundedOn: null, daysLate: 0, rateLabel: 'none', surchargeCents: 0, totalDueCents: 38_400 });
    assert.equal(await stockOf(p, SHOP, SKU), stock + 1, 'the pump is back in stock');
    const order = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/orders/${o.a.id}`, headers: bearer(t.a) })).json();
    assert.equal(order.status, 'cancelled');
    const mail = (await outboxEmails(p.database.db, EMAIL.a)).find((m) => /contrat résolu/.test(m.subject));
    assert.ok(mail);
    assert.match(mail.text_body, /384,00\s€/);
    assert.match(mail.text_body, /24 avril 2026/);
    refusedWith(await post(`orders/${o.a.id}/termination`, bearer(t.a)), 'order_not_open_for_late_delivery');
    const evidence = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/orders/${o.a.id}/evidence`, headers: staff })).json();
    assert.equal(evidence.verified, true);
    const cancelled = (evidence.events as Json[]).find((e) => e.type === 'cancelled');
    assert.deepEqual([cancelled?.data.reason, cancelled?.data.ground, cancelled?.data.refundDueOn], ['late_delivery', 'notice_period_over', '2026-04-24']);
    assert.ok((evidence.events as Json[]).some((e) => e.type === 'late_delivery_notice'));
  });

  test('Mon 04-13, C terminates: refund due Mon 04-27', async () => {
    await moveClock('2026-04-13T09:00:00+02:00');
    const res = await post(`orders/${o.c.id}/termination`, bearer(t.c));
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([res.json().termination.terminatedOn, res.json().termination.refundDueOn], ['2026-04-13', '2026-04-27']);
  });

  test('A refunded Thu 04-30 (D+20, 6 days late, within 14): +10 % = 38.40 €, 422.40 € in all, shown on the page', async () => {
    await moveClock('2026-04-30T11:00:00+02:00');
    // §6: E paid on 04-20, within the notice's 15 days: the breach is cured, the contract goes on.
    await fact(o.e, 'payment_received', '2026-04-20', { amountCents: 19_200 });
    refusedWith(await post(`orders/${o.e.id}/formal-notice-termination`, staff, { noticeId: notices.e.id }), 'formal_notice_cured');
    const refund = await post(`customers/${o.a.customerId}/credit/refund`, staff, { amountCents: 38_400, iban: 'FR7630006000011234567890189', creditorName: 'Camille Martin' });
    assert.equal(refund.statusCode, 201, refund.body);
    const s = await situation(o.a, t.a);
    assert.deepEqual(s.termination, { terminatedOn: '2026-04-10', ground: 'notice_period_over', reason: 'late_delivery', refundDueOn: '2026-04-24', amountCents: 38_400, refundedOn: '2026-04-30', daysLate: 6, rateLabel: '10%', surchargeCents: 3_840, totalDueCents: 42_240 });
    const page = await p.app.inject({ method: 'GET', url: `/shops/${SHOP}/orders/${o.a.id}/late-delivery`, headers: bearer(t.a) });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<strong>422,40\s€<\/strong>/);
    assert.match(page.body, /en retard de 6 jour\(s\) : majoration de 10 %/);
  });

  test('force majeure on B: terminating on 05-04 is refused (day 60), from 05-05 staff may; the payments go back with no L241-4 surcharge', async () => {
    await moveClock('2026-05-04T10:00:00+02:00');
    const early = refusedWith(await post(`orders/${o.b.id}/termination`, bearer(t.b), { ground: 'force_majeure' }), 'force_majeure_limit_not_reached');
    assert.match(early.message, /2026-05-05/);
    await moveClock('2026-05-05T10:00:00+02:00');
    const res = await post(`orders/${o.b.id}/termination`, staff, { ground: 'force_majeure' });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([res.json().status, res.json().termination.reason, res.json().termination.refundDueOn, res.json().termination.amountCents], ['cancelled', 'force_majeure', '2026-05-19', 38_400]);
  });

  test('C not refunded on 05-20 (23 days late): 20 % so far, 460.80 €; refunded 05-30 (33 days late, beyond 30): +50 %, 576.00 €', async () => {
    await moveClock('2026-05-20T10:00:00+02:00');
    const so = (await situation(o.c, t.c)).termination;
    assert.deepEqual([so.refundedOn, so.daysLate, so.rateLabel, so.surchargeCents, so.totalDueCents], [null, 23, '20%', 7_680, 46_080]);
    await moveClock('2026-05-30T10:00:00+02:00');
    const refund = await post(`customers/${o.c.customerId}/credit/refund`, staff, { amountCents: 38_400, iban: 'FR7630006000011234567890189', creditorName: 'Chloé Martin' });
    assert.equal(refund.statusCode, 201, refund.body);
    const done = (await situation(o.c, t.c)).termination;
    assert.deepEqual([done.refundedOn, done.daysLate, done.rateLabel, done.surchargeCents, done.totalDueCents], ['2026-05-30', 33, '50%', 19_200, 57_600]);
  });

  test('001 (Coopso): an order already shipped when the cancellation arrives stays due — order_already_shipped', async () => {
    // In Namur: home delivery by carrier (CG §4, the communes with no centre).
    const address = { line1: 'rue de Fer 10', postalCode: '5000', city: 'Namur', country: 'BE' };
    const reg = await p.app.inject({ method: 'POST', url: '/api/v1/shops/coopso/customers', payload: { kind: 'consumer', email: 'eva@late.example', password: 'correct horse battery', firstName: 'Eva', lastName: 'Dumont', address } });
    assert.equal(reg.statusCode, 201, reg.body);
    const token = await longToken('coopso', 'eva@late.example');
    const order = await place(token, 'coopso', 'CALC-SCI');
    await fact(order, 'payment_received', '2026-05-30', { amountCents: order.totals.grossCents }, 'coopso');
    await fact(order, 'shipped', '2026-05-30', {}, 'coopso');
    const res = await post(`orders/${order.id}/termination`, bearer(token), {}, 'coopso');
    const error = refusedWith(res, 'order_already_shipped');
    assert.match(error.message, /2026-05-30/);
    // Coopso's terms set no termination after formal notice for non-payment.
    refusedWith(await post(`orders/${order.id}/formal-notices`, staff, { kind: 'non_payment', sentOn: '2026-05-30' }, 'coopso'), 'formal_notice_not_in_terms');
  });
});
