import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { verifyAll } from '../../src/legal/evidence/service.ts';
import { outboxEmail } from '../support/outbox.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, productIdBySku, stockOf, termsVersion } from '../support/shoppers.ts';

let p: TestPlatform;
let token: string;
let version: string;
let jeu: string;
let lot3: string;
let carte: string;
before(async () => {
  p = await startPlatform();
  token = await customerToken(p, 'bible-et-jeux', 'joueur@example.fr');
  version = await termsVersion(p, 'bible-et-jeux');
  jeu = await productIdBySku(p, 'bible-et-jeux', 'JHS-JEU');
  lot3 = await productIdBySku(p, 'bible-et-jeux', 'JHS-LOT3-7CP');
  carte = await productIdBySku(p, 'bible-et-jeux', 'JHS-CP');
});
after(async () => p.stop());

const order = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  p.app.inject({ method: 'POST', url: '/api/v1/shops/bible-et-jeux/orders', headers: { ...bearer(token), ...headers }, payload: body });
const base = () => ({ acceptedTerms: { version }, delivery: { mode: 'carrier' }, paymentMethod: 'card' });

describe('placing an order at Bible et Jeux', () => {
  test('should price on the server, take stock from bundle parts, bind the terms and log the evidence', async () => {
    const res = await order({ ...base(), lines: [{ productId: jeu, quantity: 2, unitPriceCents: 1 }, { productId: lot3, quantity: 1 }] });
    assert.equal(res.statusCode, 201, res.body);
    const o = res.json();
    assert.match(o.number, /^BEJ-\d{4}-\d{6}$/);
    assert.equal(o.status, 'awaiting_payment');
    // 2 × 29,90 + 79,90 = 139,70 TTC; VAT per line half-up: 9,97 + 13,32 = 23,29; HT 116,41.
    assert.deepEqual(o.totals, { netCents: 11641, vatCents: 2329, grossCents: 13970, shippingCents: 0, feesCents: 0 });
    assert.deepEqual(o.lines.map((l: { sku: string; totalCents: number }) => [l.sku, l.totalCents]), [['JHS-JEU', 5980], ['JHS-LOT3-7CP', 7990]]);
    assert.equal(o.acceptedTerms.version, version);
    assert.match(o.acceptedTerms.sha256, /^[0-9a-f]{64}$/);
    assert.equal(await stockOf(p, 'bible-et-jeux', 'JHS-JEU'), 120 - 2 - 3);
    assert.equal(await stockOf(p, 'bible-et-jeux', 'JHS-CP'), 500 - 7);

    const evidence = await p.app.inject({ method: 'GET', url: `/api/v1/shops/bible-et-jeux/orders/${o.id}/evidence`, headers: bearer(token) });
    assert.equal(evidence.json().verified, true);
    const placed = evidence.json().events[0];
    assert.equal(placed.type, 'placed');
    assert.equal(placed.data.terms[0].version, version);
    assert.equal(placed.data.buttonLabel, 'Commander avec obligation de paiement');
    assert.ok(placed.data.ip && placed.data.checkboxText);

    const mail = await outboxEmail(p.database.db, 'joueur@example.fr');
    assert.match(mail.subject, new RegExp(o.number));
    assert.match(mail.text_body, /139,70/);
    assert.equal(mail.attachments[0]?.contentType, 'application/pdf');
    assert.equal(Buffer.from(mail.attachments[0]?.contentBase64 ?? '', 'base64').subarray(0, 5).toString(), '%PDF-');
  });

  test('should refuse what the terms forbid with the API error codes, placing nothing', async () => {
    const before = await stockOf(p, 'bible-et-jeux', 'JHS-JEU');
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base(), lines: [{ productId: jeu, quantity: 5 }] }, 422, 'max_per_product'],
      [{ ...base(), lines: [{ productId: carte, quantity: 1 }] }, 422, 'min_order_amount'],
      [{ ...base(), acceptedTerms: undefined, lines: [{ productId: jeu, quantity: 1 }] }, 422, 'terms_not_accepted'],
      [{ ...base(), acceptedTerms: { version: '1999-01' }, lines: [{ productId: jeu, quantity: 1 }] }, 422, 'terms_version_outdated'],
      [{ ...base(), paymentMethod: 'bank_transfer', lines: [{ productId: jeu, quantity: 1 }] }, 422, 'payment_method_not_offered'],
      [{ ...base(), delivery: { mode: 'carrier', address: { line1: '1 Main St', postalCode: '10001', city: 'New York', country: 'US' } }, lines: [{ productId: jeu, quantity: 1 }] }, 400, 'invalid_country'],
      [{ ...base(), delivery: { mode: 'carrier', address: { line1: 'Calle 1', postalCode: '08001', city: 'Barcelona', country: 'NO' } }, lines: [{ productId: jeu, quantity: 1 }] }, 422, 'territory_not_served'],
      [{ ...base(), lines: [{ productId: jeu, quantity: 0 }] }, 400, 'invalid_quantity'],
      [{ ...base(), lines: [{ productId: jeu, quantity: -2 }] }, 400, 'invalid_quantity'],
      [{ ...base(), lines: [{ productId: jeu, quantity: 1.5 }] }, 400, 'invalid_quantity'],
      [{ ...base(), lines: [] }, 400, 'empty_order'],
      [{ ...base(), lines: [{ productId: '00000000-0000-4000-8000-000000000000', quantity: 1 }] }, 422, 'unknown_product'],
      [{ ...base(), lines: [{ productId: "1' OR '1'='1", quantity: 1 }] }, 422, 'unknown_product'],
    ];
    for (const [body, status, code] of cases) {
      const res = await order(body);
      assert.equal(res.statusCode, status, `${code}: ${res.body}`);
      assert.equal(res.json().error.code, code);
    }
    const foreign = (await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopso/products' })).json().items[0].id;
    assert.equal((await order({ ...base(), lines: [{ productId: foreign, quantity: 1 }] })).json().error.code, 'unknown_product');
    assert.equal(await stockOf(p, 'bible-et-jeux', 'JHS-JEU'), before);
  });

  test('should invoice an export to Switzerland excl. VAT (004 art.1 O1)', async () => {
    const res = await order({ ...base(), delivery: { mode: 'carrier', address: { line1: 'Rue du Lac 2', postalCode: '1201', city: 'Genève', country: 'CH' } }, lines: [{ productId: jeu, quantity: 1 }] });
    assert.equal(res.statusCode, 201, res.body);
    // 29,90 TTC at 20 %: VAT 4,98 (4,983 half-up), so 24,92 HT is charged, at 0 %.
    assert.deepEqual(res.json().totals, { netCents: 2492, vatCents: 0, grossCents: 2492, shippingCents: 0, feesCents: 0 });
  });

  test('should tell the customer the new total when the cart changed since the review', async () => {
    const res = await order({ ...base(), expectedGrossCents: 2000, lines: [{ productId: jeu, quantity: 1 }] });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'cart_changed');
    assert.match(res.json().error.message, /29,90\s€/);
  });

  test('should place one order for a retried Idempotency-Key', async () => {
    const body = { ...base(), lines: [{ productId: jeu, quantity: 1 }] };
    const [a, b] = [await order(body, { 'idempotency-key': 'click-1' }), await order(body, { 'idempotency-key': 'click-1' })];
    assert.equal(a.statusCode, 201);
    assert.equal(b.json().id, a.json().id);
    const count = await p.database.db.selectFrom('orders').select((eb) => eb.fn.countAll().as('n')).where('number', '=', a.json().number).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
  });
});

describe('reading orders and their evidence', () => {
  test('should show an order to its customer and the staff, and hide it from other customers', async () => {
    const o = (await order({ ...base(), lines: [{ productId: jeu, quantity: 1 }] })).json();
    const other = await customerToken(p, 'bible-et-jeux', 'autre@example.fr');
    assert.equal((await p.app.inject({ method: 'GET', url: `/api/v1/shops/bible-et-jeux/orders/${o.id}`, headers: bearer(other) })).statusCode, 404);
    assert.equal((await p.app.inject({ method: 'GET', url: `/api/v1/shops/bible-et-jeux/orders/${o.id}`, headers: bearer(ADMIN_TOKEN) })).statusCode, 200);
    assert.equal((await p.app.inject({ method: 'GET', url: `/api/v1/shops/coopso/orders/${o.id}`, headers: bearer(ADMIN_TOKEN) })).statusCode, 404);
  });

  test('should report tampering with a stored event', async () => {
    const o = (await order({ ...base(), lines: [{ productId: jeu, quantity: 1 }] })).json();
    // The database refuses to change an event (migration 0007): tamper as a superuser can, past its triggers.
    await sql`alter table order_events disable trigger user`.execute(p.database.db);
    await p.database.db.updateTable('order_events').set({ data: JSON.stringify({ totals: { grossCents: 1 } }) }).where('order_id', '=', o.id).where('seq', '=', 1).execute();
    await sql`alter table order_events enable trigger user`.execute(p.database.db);
    const evidence = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/bible-et-jeux/orders/${o.id}/evidence`, headers: bearer(ADMIN_TOKEN) })).json();
    assert.equal(evidence.verified, false);
    assert.equal(evidence.brokenAt, 1);
    // `comptoir verify` runs the same check over every order of the shop.
    const report = await verifyAll(p.database.db, 'bible-et-jeux');
    assert.ok(report.orders >= 5);
    assert.deepEqual(report.tampered.map((t) => [t.orderId, t.check.brokenAt]), [[o.id, 1]]);
  });
});
