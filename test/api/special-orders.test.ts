/**
 * Issue 11 §6, 003 art.7.2 over HTTP with the test clock, at DISTRITEC: the demo's
 * GROUPE-COND-SPE (1,250.00 € HT, 1,500.00 € TTC) is a special order, shown as such before purchase.
 * Ordered and paid on Mon 2026-03-02 and not collected, staff document 3 weeks of storage at
 * 25.00 € HT a week (75.00 € HT → 90.00 € TTC) and send a registered letter first presented on
 * Tue 03-10: the seller may dispose of the goods from Thu 03-19. The order is then not cancelled
 * with the deposit kept (the non-collection termination refuses it): it is closed, its full price
 * stays due, the storage costs are invoiced on a line of their own, and the customer is told.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform, moveTestClock } from '../support/platform.ts';
import { outboxEmails } from '../support/outbox.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

const SHOP = 'distritec';
const EMAIL = 'sophie@special.example';
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
  return res.json().error;
};

let token = '';
const order: Json = {};
const plain: Json = {};
let noticeId = '';

async function place(sku: string): Promise<Json> {
  const res = await post('orders', bearer(token), { lines: [{ productId: await productIdBySku(p, SHOP, sku), quantity: 1 }], acceptedTerms: { version: await termsVersion(p, SHOP) }, delivery: { mode: 'carrier' }, paymentMethod: 'bank_transfer' });
  assert.equal(res.statusCode, 201, res.body);
  const o = res.json();
  const paid = await post(`orders/${o.id}/events`, staff, { type: 'payment_received', at: '2026-03-02', amountCents: o.totals.grossCents });
  assert.equal(paid.statusCode, 201, paid.body);
  return o;
}

describe('special orders not collected (003 art.7.2)', () => {
  test('the special order is flagged in the catalogue and shown before purchase', async () => {
    const products = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/products?q=GROUPE-COND-SPE` })).json();
    const list = (products.items ?? products) as Json[];
    const spe = list.find((x) => x.sku === 'GROUPE-COND-SPE');
    assert.ok(spe, JSON.stringify(products).slice(0, 300));
    assert.equal(spe.specialOrder, true);
    assert.equal(list.find((x) => x.sku !== 'GROUPE-COND-SPE')?.specialOrder ?? false, false);
    const page = await p.app.inject({ method: 'GET', url: `/shops/${SHOP}/products/${spe.id}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Commande spéciale/);
    assert.match(page.body, /son prix reste dû en totalité, avec les frais de stockage/);
  });

  test('staff flag a product as a special order through the API and the back-office form', async () => {
    const id = await productIdBySku(p, SHOP, 'MANO-4V');
    const patched = await p.app.inject({ method: 'PATCH', url: `/api/v1/shops/${SHOP}/products/${id}`, headers: staff, payload: { specialOrder: true } });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().specialOrder, true);
    const form = await p.app.inject({ method: 'GET', url: `/shops/${SHOP}/staff/products/${id}`, headers: staff });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<input type="checkbox" id="f-specialOrder" name="specialOrder" checked>/);
    assert.match(form.body, /<label for="f-specialOrder">Commande spéciale \(art\. 7\.2 : prix dû en totalité si non retiré\)<\/label>/);
    const csrf = /name="_csrf" value="([^"]*)"/.exec(form.body)?.[1] ?? '';
    const cookie = ([] as string[]).concat(form.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const fields = /<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/.exec(form.body)?.[1] ?? '';
    const values = new URLSearchParams({ _csrf: csrf });
    for (const m of fields.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) if (m[1] !== '_csrf' && m[1] !== 'specialOrder') values.set(m[1] ?? '', (m[2] ?? '').replace(/&amp;/g, '&').replace(/&quot;/g, '"'));
    for (const m of fields.matchAll(/<select[^>]*name="([^"]+)"[^>]*>[\s\S]*?<option value="([^"]*)" selected/g)) values.set(m[1] ?? '', m[2] ?? '');
    for (const m of fields.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) values.set(m[1] ?? '', m[2] ?? '');
    values.set('active', 'on');
    const saved = await p.app.inject({ method: 'POST', url: `/shops/${SHOP}/staff/products/${id}`, headers: { ...staff, cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: values.toString() });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
    assert.equal((await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/products/${id}` })).json().specialOrder, false, 'unticked in the form: no longer a special order');
  });

  test('ordered and paid on 03-02: the order says it is a special order; a plain order is not one (specialOrder false, 422 not_a_special_order)', async () => {
    await customerToken(p, SHOP, EMAIL);
    token = (await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/session`, payload: { email: EMAIL, password: 'correct horse battery' } })).json().token ?? token;
    Object.assign(order, await place('GROUPE-COND-SPE'));
    Object.assign(plain, await place('POMPE-VIDE-2E'));
    assert.equal(order.lines[0].totalCents, 150_000);
    const res = await get(`orders/${order.id}/special-order`, bearer(token));
    assert.equal(res.statusCode, 200, res.body);
    const so = res.json();
    assert.deepEqual(so.lines.map((l: Json) => [l.sku, l.specialOrder]), [['GROUPE-COND-SPE', true]]);
    assert.equal(so.specialOrder, true);
    assert.deepEqual([so.settlement.priceDueCents, so.settlement.storageCents, so.settlement.balanceCents, so.notice, so.settled], [order.totals.grossCents, 0, 0, null, null]);
    assert.deepEqual((await get(`orders/${plain.id}/special-order`, bearer(token))).json(), { orderId: plain.id, specialOrder: false, lines: [], storageCosts: [], notice: null, settlement: null, settled: null });
    refusedWith(await post(`orders/${plain.id}/storage-costs`, staff, { description: 'Stockage', amountExclVatCents: 100 }), 'not_a_special_order');
  });

  test('staff document 3 weeks of storage at 25.00 € HT: 90.00 € TTC; the customer may read it but not write it', async () => {
    assert.equal((await post(`orders/${order.id}/storage-costs`, bearer(token), { description: 'x', amountExclVatCents: 7500 })).statusCode, 403);
    assert.equal((await post(`orders/${order.id}/storage-costs`, staff, { description: '', amountExclVatCents: 7500 })).statusCode, 400);
    assert.equal((await post(`orders/${order.id}/storage-costs`, staff, { description: 'x', amountExclVatCents: -1 })).statusCode, 400);
    const res = await post(`orders/${order.id}/storage-costs`, staff, { description: 'Stockage au dépôt de Perpignan, 3 semaines à 25,00 € HT', amountExclVatCents: 7500, document: 'Grille tarifaire du dépôt 2026, ligne « palette sur commande »' });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([res.json().amountExclVatCents, res.json().vatRateBp, res.json().grossCents, res.json().invoiceId], [7500, 2000, 9000, null]);
    const so = (await get(`orders/${order.id}/special-order`, bearer(token))).json();
    assert.deepEqual([so.storageCosts.length, so.settlement.storageCents, so.settlement.totalDueCents, so.settlement.balanceCents], [1, 9000, order.totals.grossCents + 9000, 9000]);
  });

  test('the letter first presented on 03-10: on 03-18 closing is refused (formal_notice_period_running), and the ordinary non-collection termination always is (special_order_full_price_due)', async () => {
    await moveClock('2026-03-12T10:00:00+01:00');
    const sent = await post(`orders/${order.id}/formal-notices`, staff, { kind: 'non_collection', sentOn: '2026-03-09', presentedOn: '2026-03-10' });
    assert.equal(sent.statusCode, 201, sent.body);
    noticeId = sent.json().id;
    const letter = await p.app.inject({ method: 'GET', url: `/shops/${SHOP}/staff/orders/${order.id}/formal-notices`, headers: staff });
    assert.equal(letter.statusCode, 200);
    assert.match(letter.body, /commandée spécialement pour vous, est à votre disposition/);
    assert.match(letter.body, /vous resterez redevable de la totalité du prix de vente et des frais de stockage, conformément à l’article 7\.2/);
    assert.doesNotMatch(letter.body, /l’acompte versé restant acquis/, 'not the letter of ordinary goods');
    assert.deepEqual([sent.json().periodEndsOn, sent.json().effectiveFrom], ['2026-03-18', '2026-03-19']);
    await moveClock('2026-03-18T18:00:00+01:00');
    const running = refusedWith(await post(`orders/${order.id}/special-order-settlement`, staff, { noticeId }), 'formal_notice_period_running');
    assert.match(running.message, /2026-03-18/);
    await moveClock('2026-03-19T09:00:00+01:00');
    refusedWith(await post(`orders/${order.id}/formal-notice-termination`, staff, { noticeId }), 'special_order_full_price_due');
    refusedWith(await post(`orders/${order.id}/events`, staff, { type: 'cancelled', kind: 'non_collection', at: '2026-03-19', note: 'Non retiré' }), 'special_order_full_price_due');
    const plainCancel = await post(`orders/${plain.id}/events`, staff, { type: 'cancelled', kind: 'non_collection', at: '2026-03-19', note: 'Non retiré' });
    assert.equal(plainCancel.statusCode, 201, `ordinary goods are still cancelled for non-collection: ${plainCancel.body}`);
    assert.equal((await post(`orders/${order.id}/special-order-settlement`, bearer(token), { noticeId })).statusCode, 403);
  });

  test('on 03-19 staff close it: completed, not cancelled; the storage costs invoiced as a line; the customer told the amounts', async () => {
    const res = await post(`orders/${order.id}/special-order-settlement`, staff, { noticeId, note: 'Pas de réponse à la LRAR' });
    assert.equal(res.statusCode, 201, res.body);
    const so = res.json();
    assert.deepEqual(so.settlement, { priceDueCents: order.totals.grossCents, storageCents: 9000, totalDueCents: order.totals.grossCents + 9000, paidCents: order.totals.grossCents, balanceCents: 9000, wholeOrder: true });
    assert.equal(so.settled.on, '2026-03-19');
    assert.match(so.settled.storageInvoiceNumber, /^F-2026-\d{6}$/);
    assert.notEqual(so.settled.storageInvoiceNumber, so.settled.invoiceNumber);
    const json = (await get(`orders/${order.id}`, bearer(token))).json();
    assert.equal(json.status, 'completed');
    assert.ok(json.events.some((e: Json) => e.type === 'special_order_settled'));
    assert.ok(!json.events.some((e: Json) => e.type === 'cancelled'));
    // The storage-costs invoice: one line of 90.00 € (75.00 HT + 15.00 VAT), due in full.
    const row = await p.database.db.selectFrom('invoices').select(['id', 'kind', 'number']).where('shop_id', '=', SHOP).where('order_id', '=', order.id).where('kind', '=', 'storage_costs').executeTakeFirstOrThrow();
    const inv = (await get(`invoices/${row.id}`, bearer(token))).json();
    assert.equal(inv.kind, 'storage_costs');
    assert.deepEqual(inv.lines.map((l: Json) => [l.name, l.totalCents]), [['Stockage au dépôt de Perpignan, 3 semaines à 25,00 € HT', 9000]]);
    assert.deepEqual([inv.totals.netCents, inv.totals.vatCents, inv.totals.grossCents, inv.amountDueCents], [7500, 1500, 9000, 9000]);
    assert.equal(so.storageCosts[0].invoiceId, row.id);
    const mail = (await outboxEmails(p.database.db, EMAIL)).find((m) => /commandée spécialement non retirée/.test(m.subject));
    assert.ok(mail, 'the customer is told');
    assert.match(mail.text_body, /Frais de stockage : 90,00\s€/);
    assert.match(mail.text_body, /Reste à payer : 90,00\s€/);
    assert.match(mail.text_body, new RegExp(row.number));
    const staffPage = await p.app.inject({ method: 'GET', url: `/shops/${SHOP}/staff/orders/${order.id}`, headers: staff });
    assert.match(staffPage.body, /Frais de stockage enregistrés<\/td>/);
    assert.match(staffPage.body, /Commande spéciale close pour non-enlèvement et facturée<\/td>/);
    const customerPage = await p.app.inject({ method: 'GET', url: `/shops/${SHOP}/orders/${order.id}`, headers: bearer(token) });
    assert.match(customerPage.body, /Commande close pour non-enlèvement : prix et frais de stockage facturés/);
    refusedWith(await post(`orders/${order.id}/special-order-settlement`, staff, { noticeId }), 'transition_not_allowed');
    refusedWith(await post(`orders/${order.id}/storage-costs`, staff, { description: 'Encore', amountExclVatCents: 100 }), 'order_not_waiting_for_collection');
  });

  test('a mixed order (the special unit and a pump of 384.00 €, all paid): only the unit’s price and the storage are due, the pump is credited off the invoice, the rest owed back', async () => {
    const res = await post('orders', bearer(token), { lines: [{ productId: await productIdBySku(p, SHOP, 'GROUPE-COND-SPE'), quantity: 1 }, { productId: await productIdBySku(p, SHOP, 'POMPE-VIDE-2E'), quantity: 1 }], acceptedTerms: { version: await termsVersion(p, SHOP) }, delivery: { mode: 'carrier' }, paymentMethod: 'bank_transfer' });
    assert.equal(res.statusCode, 201, res.body);
    const mixed = res.json();
    assert.equal((await post(`orders/${mixed.id}/events`, staff, { type: 'payment_received', at: '2026-03-19', amountCents: mixed.totals.grossCents })).statusCode, 201);
    assert.equal((await post(`orders/${mixed.id}/storage-costs`, staff, { description: 'Stockage 1 semaine', amountExclVatCents: 2500 })).statusCode, 201);
    const sent = await post(`orders/${mixed.id}/formal-notices`, staff, { kind: 'non_collection', sentOn: '2026-03-19', presentedOn: '2026-03-19' });
    assert.equal(sent.statusCode, 201, sent.body);
    await moveClock('2026-03-28T09:00:00+01:00');
    const done = await post(`orders/${mixed.id}/special-order-settlement`, staff, { noticeId: sent.json().id });
    assert.equal(done.statusCode, 201, done.body);
    const so = done.json();
    assert.deepEqual([so.settlement.priceDueCents, so.settlement.storageCents, so.settlement.totalDueCents, so.settlement.balanceCents, so.settlement.wholeOrder], [150_000, 3000, 153_000, 153_000 - mixed.totals.grossCents, false]);
    assert.match(so.settled.creditNoteNumber, /^AV-2026-\d{6}$/);
    const note = await p.database.db.selectFrom('credit_notes').select(['number', 'totals']).where('shop_id', '=', SHOP).where('number', '=', so.settled.creditNoteNumber).executeTakeFirstOrThrow();
    assert.equal(note.totals.grossCents, mixed.totals.grossCents - 150_000, 'the pump (and any delivery) credited');
    const owed = await p.database.db.selectFrom('customer_credits').select(['amount_cents', 'kind']).where('shop_id', '=', SHOP).where('order_id', '=', mixed.id).execute();
    assert.deepEqual(owed.map((c) => [Number(c.amount_cents), c.kind]), [[mixed.totals.grossCents - 153_000, 'overpayment']], 'paid beyond what is due is owed back');
  });

  test('the routes are in the OpenAPI description', async () => {
    const paths = (await p.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json().paths as Json;
    assert.match(paths['/api/v1/shops/{shop}/orders/{id}/special-order-settlement'].post.summary, /formal_notice_period_running.*not_a_special_order/);
    assert.match(paths['/api/v1/shops/{shop}/orders/{id}/storage-costs'].post.summary, /amountExclVatCents/);
    assert.ok(paths['/api/v1/shops/{shop}/orders/{id}/special-order'].get);
  });
});
