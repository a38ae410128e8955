/**
 * Issue 11 §6, 003 art.7.2 at DISTRITEC with the test clock: what binds the customer is what was
 * shown when they bought. Each order line keeps the special-order flag as sold
 * (`order_lines.special_order`, written with the lines): staff changing the product's flag later
 * changes no open order — neither its settlement, its pages, its letter nor the refusal of the
 * ordinary non-collection cancellation (special_order_full_price_due). The cart and the review page
 * repeat the product page's notice next to such a line (FR/EN/NL), and the staff "today" view
 * lists a special order whose letter's period has run until it is closed.
 *
 * Worked example: GROUPE-COND-SPE (1,500.00 € TTC, special) and POMPE-VIDE-2E (384.00 € TTC, not
 * special) each ordered and paid on Mon 2026-03-02; then staff clear the unit's flag and set the
 * pump's. Letters first presented on Tue 03-10 (8 days, art.7.2): the period runs to 03-18. On
 * 03-18 the "today" view lists nothing to close; on Thu 03-19 it lists the unit's order
 * ("aujourd'hui"), on Mon 03-23 still ("dépassée de 4 j"), and so does the staff's daily digest;
 * closed on 03-23 for its whole price, it leaves the view. The pump's order is never a special
 * order: cancelled for non-collection.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FormClient } from '../support/form-client.ts';
import { outboxEmails } from '../support/outbox.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform, moveTestClock } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

const SHOP = 'distritec';
const EMAIL = 'jules@as-sold.example';
let p: TestPlatform;
before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-03-02T10:00:00+01:00' }, { stripe: false });
});
after(() => p.stop());

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read field by field and checked by the assertions
type Json = Record<string, any>;
const staff = bearer(ADMIN_TOKEN);
const moveClock = (now: string) => moveTestClock(p, now);
const post = (url: string, headers: Record<string, string>, payload: Json = {}) => p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/${url}`, headers, payload });
const get = (url: string, headers: Record<string, string>) => p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/${url}`, headers });
const refusedWith = (res: { statusCode: number; body: string; json(): Json }, code: string) => {
  assert.equal(res.statusCode, 422, res.body);
  assert.equal(res.json().error.code, code, res.body);
};
const setFlag = async (sku: string, specialOrder: boolean) => {
  const res = await p.app.inject({ method: 'PATCH', url: `/api/v1/shops/${SHOP}/products/${await productIdBySku(p, SHOP, sku)}`, headers: staff, payload: { specialOrder } });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().specialOrder, specialOrder);
};
/** The "today" view's rows for one order number: [kind label, when] per row. */
const todayRows = async (number: string) => {
  const page = await p.app.inject({ method: 'GET', url: `/shops/${SHOP}/staff/today`, headers: staff });
  assert.equal(page.statusCode, 200);
  const rows = [...page.body.matchAll(/<tr[^>]*><th scope="row"><a[^>]*>([^<]+)<\/a><\/th><td>[^<]*<\/td><td>([^<]+)<\/td><td>[^<]+<\/td><td>(?:<strong>)?([^<]+)/g)];
  return rows.filter((m) => m[1] === number).map((m) => [m[2], m[3]]);
};
const TO_CLOSE = 'Commande spéciale non retirée : à clore';
const NOTICE_FR = 'Commande spéciale : article commandé spécialement pour vous. Non retiré après mise en demeure, son prix reste dû en totalité, avec les frais de stockage.';

let token = '';
const unit: Json = {};
const pump: Json = {};
const notices: Record<string, string> = {};

async function place(sku: string): Promise<Json> {
  const res = await post('orders', bearer(token), { lines: [{ productId: await productIdBySku(p, SHOP, sku), quantity: 1 }], acceptedTerms: { version: await termsVersion(p, SHOP) }, delivery: { mode: 'carrier' }, paymentMethod: 'bank_transfer' });
  assert.equal(res.statusCode, 201, res.body);
  const o = res.json();
  const paid = await post(`orders/${o.id}/events`, staff, { type: 'payment_received', at: '2026-03-02', amountCents: o.totals.grossCents });
  assert.equal(paid.statusCode, 201, paid.body);
  return o;
}

describe('special orders bind as sold (003 art.7.2)', () => {
  test('the cart and the review page repeat the special-order notice next to the special line only, in FR, EN and NL', async () => {
    const b = new FormClient(p.app);
    const reg = await b.submit(`/shops/${SHOP}/register`, `/shops/${SHOP}/register`, {
      kind: 'consumer', email: 'panier@as-sold.example', password: 'une phrase de passe', firstName: 'Inès', lastName: 'Martin',
      'address.line1': '12 rue de la Loge', 'address.postalCode': '66000', 'address.city': 'Perpignan', 'address.country': 'FR',
    });
    assert.equal(reg.statusCode, 303, reg.body);
    for (const sku of ['GROUPE-COND-SPE', 'POMPE-VIDE-2E']) assert.equal((await b.submit(`/shops/${SHOP}`, `/shops/${SHOP}/cart/add`, { productId: await productIdBySku(p, SHOP, sku), quantity: '1' })).statusCode, 303);
    const cart = await b.get(`/shops/${SHOP}/cart`);
    assert.equal(cart.statusCode, 200);
    assert.equal(cart.body.split(NOTICE_FR).length - 1, 1, 'once: next to the special line, not the pump');
    const unitRow = /<tr>\s*<th scope="row">[\s\S]*?<\/tr>/g;
    const rows = cart.body.match(unitRow) ?? [];
    assert.ok(rows.find((r) => r.includes('GROUPE-COND-SPE'))?.includes(NOTICE_FR), 'the notice is in the unit’s row');
    assert.ok(!rows.find((r) => r.includes('POMPE-VIDE-2E'))?.includes(NOTICE_FR), 'not in the pump’s row');
    assert.match((await b.get(`/shops/${SHOP}/cart?lang=en`)).body, /Special order: ordered specially for you\. If not collected after formal notice, its whole price stays due, with the storage costs\./);
    assert.match((await b.get(`/shops/${SHOP}/cart?lang=nl`)).body, /Speciale bestelling: speciaal voor u besteld\. Wordt het na ingebrekestelling niet afgehaald, dan blijft de volledige prijs verschuldigd, met de opslagkosten\./);
    const chosen = await b.submit(`/shops/${SHOP}/checkout`, `/shops/${SHOP}/checkout`, {
      'delivery.mode': 'carrier', paymentMethod: 'bank_transfer',
      'delivery.address.line1': '12 rue de la Loge', 'delivery.address.postalCode': '66000', 'delivery.address.city': 'Perpignan', 'delivery.address.country': 'FR',
    });
    assert.equal(chosen.statusCode, 303, chosen.body.slice(0, 2000));
    const review = await b.get(`/shops/${SHOP}/checkout/review?lang=fr`);
    assert.equal(review.statusCode, 200);
    assert.equal(review.body.split(NOTICE_FR).length - 1, 1, 'the review page repeats it once, for the unit');
    assert.match(/<th scope="row">Groupe de condensation[^<]*<span class="muted">\(GROUPE-COND-SPE\)<\/span><p class="special-order">[\s\S]*?<\/p><\/th>/.exec(review.body)?.[0] ?? '', /son prix reste dû en totalité/);
    assert.match((await b.get(`/shops/${SHOP}/checkout/review?lang=en`)).body, /Special order: ordered specially for you\./);
    assert.match((await b.get(`/shops/${SHOP}/checkout/review?lang=nl`)).body, /Speciale bestelling: speciaal voor u besteld\./);
    // Staff flag the pump while the customer reads the review: confirming does not bind them to a
    // notice they were not shown — 409 cart_changed, the review again, now with the pump's notice.
    const reviewed = await b.get(`/shops/${SHOP}/checkout/review?lang=fr`);
    const fields: Record<string, string> = {};
    for (const name of ['_csrf', 'expectedGrossCents', 'termsVersion', 'cartDigest', 'checkoutToken']) fields[name] = new RegExp(`name="${name}" value="([^"]*)"`).exec(reviewed.body.slice(reviewed.body.indexOf('/checkout/confirm')))?.[1] ?? '';
    await setFlag('POMPE-VIDE-2E', true);
    const { _csrf, ...rest } = fields;
    const confirmed = await b.submit(`/shops/${SHOP}/cart`, `/shops/${SHOP}/checkout/confirm`, { ...rest, acceptTerms: 'yes' }, { csrf: _csrf ?? '' });
    assert.equal(confirmed.statusCode, 409, confirmed.body.slice(0, 500));
    assert.equal(confirmed.body.split(NOTICE_FR).length - 1, 2, 'the review again, the notice now next to both lines');
    const placed = await p.database.db.selectFrom('orders').innerJoin('customers', (j) => j.onRef('customers.shop_id', '=', 'orders.shop_id').onRef('customers.id', '=', 'orders.customer_id')).select('orders.id').where('customers.email', '=', 'panier@as-sold.example').execute();
    assert.deepEqual(placed, [], 'nothing ordered');
    await setFlag('POMPE-VIDE-2E', false);
  });

  test('ordered on 03-02, then staff clear the unit’s flag and set the pump’s: each order line keeps the flag as sold', async () => {
    await customerToken(p, SHOP, EMAIL);
    token = (await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/session`, payload: { email: EMAIL, password: 'correct horse battery' } })).json().token ?? token;
    Object.assign(unit, await place('GROUPE-COND-SPE'));
    Object.assign(pump, await place('POMPE-VIDE-2E'));
    const lines = await p.database.db.selectFrom('order_lines').select(['order_id', 'sku', 'special_order']).where('shop_id', '=', SHOP).where('order_id', 'in', [unit.id, pump.id]).execute();
    assert.deepEqual(lines.map((l) => [l.sku, l.special_order]).sort(), [['GROUPE-COND-SPE', true], ['POMPE-VIDE-2E', false]]);
    const placed = await p.database.db.selectFrom('order_events').select('data').where('shop_id', '=', SHOP).where('order_id', '=', unit.id).where('type', '=', 'placed').executeTakeFirstOrThrow();
    assert.equal((placed.data as Json).lines[0].specialOrder, true, 'the evidence of the sale says it too');
    await setFlag('GROUPE-COND-SPE', false);
    await setFlag('POMPE-VIDE-2E', true);
    const so = (await get(`orders/${unit.id}/special-order`, bearer(token))).json();
    assert.equal(so.specialOrder, true, 'the unit was sold as a special order: it still is one');
    assert.deepEqual(so.lines.map((l: Json) => [l.sku, l.specialOrder]), [['GROUPE-COND-SPE', true]]);
    assert.deepEqual((await get(`orders/${pump.id}/special-order`, bearer(token))).json(), { orderId: pump.id, specialOrder: false, lines: [], storageCosts: [], notice: null, settlement: null, settled: null }, 'the pump was not: flagged later, its order is not one');
    const page = await p.app.inject({ method: 'GET', url: `/shops/${SHOP}/orders/${unit.id}`, headers: bearer(token) });
    assert.match(page.body, /Marchandises commandées spécialement : Groupe de condensation/);
    assert.doesNotMatch((await p.app.inject({ method: 'GET', url: `/shops/${SHOP}/orders/${pump.id}`, headers: bearer(token) })).body, /Marchandises commandées spécialement/);
    assert.equal((await post(`orders/${unit.id}/storage-costs`, staff, { description: 'Stockage 3 semaines', amountExclVatCents: 7500 })).statusCode, 201);
    refusedWith(await post(`orders/${pump.id}/storage-costs`, staff, { description: 'Stockage', amountExclVatCents: 100 }), 'not_a_special_order');
  });

  test('letters first presented on 03-10: the unit’s is the special-order letter, the pump’s the ordinary one; nothing to close on 03-18', async () => {
    await moveClock('2026-03-12T10:00:00+01:00');
    for (const o of [unit, pump]) {
      const sent = await post(`orders/${o.id}/formal-notices`, staff, { kind: 'non_collection', sentOn: '2026-03-09', presentedOn: '2026-03-10' });
      assert.equal(sent.statusCode, 201, sent.body);
      assert.deepEqual([sent.json().periodEndsOn, sent.json().effectiveFrom], ['2026-03-18', '2026-03-19']);
      notices[o.id] = sent.json().id;
    }
    const letter = (id: string) => p.app.inject({ method: 'GET', url: `/shops/${SHOP}/staff/orders/${id}/formal-notices`, headers: staff });
    assert.match((await letter(unit.id)).body, /vous resterez redevable de la totalité du prix de vente et des frais de stockage/);
    const plainLetter = (await letter(pump.id)).body;
    assert.doesNotMatch(plainLetter, /commandée spécialement pour vous/);
    assert.match(plainLetter, /l’acompte versé restant acquis/);
    await moveClock('2026-03-18T18:00:00+01:00');
    assert.deepEqual(await todayRows(unit.number), [], 'the period runs to 03-18');
    refusedWith(await post(`orders/${unit.id}/special-order-settlement`, staff, { noticeId: notices[unit.id] }), 'formal_notice_period_running');
  });

  test('from Thu 03-19 the "today" view lists the unit’s order to close, and the ordinary non-collection cancellation is refused for it, allowed for the pump', async () => {
    await moveClock('2026-03-19T09:00:00+01:00');
    assert.deepEqual(await todayRows(unit.number), [[TO_CLOSE, 'aujourd’hui']]);
    assert.deepEqual(await todayRows(pump.number), [], 'the pump’s order is not a special order');
    refusedWith(await post(`orders/${unit.id}/formal-notice-termination`, staff, { noticeId: notices[unit.id] }), 'special_order_full_price_due');
    refusedWith(await post(`orders/${unit.id}/events`, staff, { type: 'cancelled', kind: 'non_collection', at: '2026-03-19', note: 'Non retiré' }), 'special_order_full_price_due');
    refusedWith(await post(`orders/${pump.id}/special-order-settlement`, staff, { noticeId: notices[pump.id] }), 'not_a_special_order');
    const cancelled = await post(`orders/${pump.id}/formal-notice-termination`, staff, { noticeId: notices[pump.id] });
    assert.equal(cancelled.statusCode, 201, `the pump, flagged after the sale, is cancelled as ordinary goods: ${cancelled.body}`);
    const today = await p.app.inject({ method: 'GET', url: `/shops/${SHOP}/staff/today?lang=en`, headers: staff });
    assert.match(today.body, /Special order not collected: to close/);
    assert.match((await p.app.inject({ method: 'GET', url: `/shops/${SHOP}/staff/today?lang=nl`, headers: staff })).body, /Speciale bestelling niet afgehaald: af te sluiten/);
  });

  test('on Mon 03-23 it is still listed, 4 days overdue; closed that day for its whole price as sold, it leaves the view', async () => {
    await moveClock('2026-03-23T09:00:00+01:00');
    assert.deepEqual(await todayRows(unit.number), [[TO_CLOSE, 'dépassée de 4 j']]);
    const done = await post(`orders/${unit.id}/special-order-settlement`, staff, { noticeId: notices[unit.id] });
    assert.equal(done.statusCode, 201, done.body);
    assert.deepEqual(done.json().settlement, { priceDueCents: unit.totals.grossCents, storageCents: 9000, totalDueCents: unit.totals.grossCents + 9000, paidCents: unit.totals.grossCents, balanceCents: 9000, wholeOrder: true });
    assert.equal((await get(`orders/${unit.id}`, staff)).json().status, 'completed');
    assert.deepEqual(await todayRows(unit.number), []);
    // The staff's daily digest said it on the 19th (from 07:00, shop time) and on the 23rd.
    const digests = (await outboxEmails(p.database.db, 'staff@distritec.example')).filter((m) => /à faire le/.test(m.subject));
    const on = (day: string) => digests.find((m) => m.subject.includes(`à faire le ${day}`))?.text_body ?? '';
    assert.match(on('19 mars 2026'), new RegExp(`- ${unit.number} \\([^)]*\\) — ${TO_CLOSE} : 19 mars 2026 \\(aujourd’hui\\)`));
    assert.match(on('23 mars 2026'), new RegExp(`- ${unit.number} \\([^)]*\\) — ${TO_CLOSE} : 19 mars 2026 \\(dépassée de 4 j\\)`));
    assert.doesNotMatch(on('18 mars 2026'), new RegExp(TO_CLOSE));
  });
});
