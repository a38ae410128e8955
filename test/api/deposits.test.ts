/**
 * Issue 4 §4: DISTRITEC asks a deposit of at least 50 % with each order (003 art.2.3, an acompte),
 * and the order is valid once it is encashed (art.2.6); the balance is due on delivery (art.6.1).
 * Bible et Jeux's 30 % applies to quotes only, so its web orders carry none.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { paymentAtPlacement } from '../../src/payments/at-placement.ts';
import { getShop } from '../../src/shops/service.ts';
import { outboxEmail } from '../support/outbox.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, termsVersion } from '../support/shoppers.ts';

let p: TestPlatform;
before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-04-01T10:00:00+02:00' });
});
after(async () => p.stop());

async function placeOrder(shop: string, token: string, paymentMethod: string) {
  // Coopso's test customers live in Liège, where its distribution centre is offered (issue 12 §2).
  const delivery = shop === 'coopso' ? { mode: 'pickup', pickupPointId: '0' } : { mode: 'carrier' };
  const products = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${shop}/products?sort=price_desc` })).json().items as { id: string; stock: number; regulated: boolean }[];
  const product = products.find((x) => x.stock > 1 && !x.regulated);
  assert.ok(product);
  const res = await p.app.inject({
    method: 'POST',
    url: `/api/v1/shops/${shop}/orders`,
    headers: bearer(token),
    payload: { lines: [{ productId: product.id, quantity: 1 }], acceptedTerms: { version: await termsVersion(p, shop) }, delivery, paymentMethod },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}
const event = (shop: string, id: string, payload: Record<string, unknown>) => p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/orders/${id}/events`, headers: bearer(ADMIN_TOKEN), payload });

describe('deposits', () => {
  let token = '';
  let order: { id: string; totals: { grossCents: number }; payment: Record<string, unknown>; status: string; deadlines: Record<string, string> };

  test('should ask a DISTRITEC order for an acompte of half its total, rounded up to the cent', async () => {
    token = await customerToken(p, 'distritec', 'acompte@distritec.example');
    order = await placeOrder('distritec', token, 'bank_transfer');
    const deposit = Math.ceil(order.totals.grossCents / 2);
    assert.equal(order.status, 'awaiting_payment');
    assert.equal(order.payment.depositCents, deposit);
    assert.equal(order.payment.depositKind, 'acompte');
    assert.equal(order.payment.amountDueCents, deposit, 'the transfer asks for the deposit');
    const mail = await outboxEmail(p.database.db, 'acompte@distritec.example');
    const euros = (deposit / 100).toFixed(2).replace('.', ',');
    assert.ok(mail.text_body.includes(euros), `the confirmation asks for ${euros}`);
  });

  test('should show the deposit, its kind explained, and the balance on the order page', async () => {
    const page = await p.app.inject({ method: 'GET', url: `/shops/distritec/orders/${order.id}`, headers: bearer(token) });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Acompte et solde/);
    assert.match(page.body, /engagement ferme/);
    assert.match(page.body, /Solde dû le/);
  });

  test('should make the order valid once the deposit is encashed, then ask the balance on delivery', async () => {
    const deposit = Number(order.payment.depositCents);
    const paid = await event('distritec', order.id, { type: 'payment_received', at: '2026-04-01T10:00:00+02:00', amountCents: deposit });
    assert.equal(paid.statusCode, 201, paid.body);
    assert.equal(paid.json().status, 'accepted');
    assert.equal(paid.json().payment.status, 'partially_paid');
    assert.equal(paid.json().payment.amountDueCents, order.totals.grossCents - deposit);
    await p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN), payload: { now: '2026-04-10T18:00:00+02:00' } });
    assert.equal((await event('distritec', order.id, { type: 'shipped', at: '2026-04-08T09:00:00+02:00' })).statusCode, 201);
    const delivered = await event('distritec', order.id, { type: 'delivered', at: '2026-04-09T23:30:00+02:00' });
    assert.equal(delivered.statusCode, 201, delivered.body);
    assert.equal(delivered.json().status, 'delivered');
    // Delivered late on 04-09 in Paris (21:30 UTC): the balance is due that local day (003 art.6.1).
    assert.equal(delivered.json().deadlines.balanceDueOn, '2026-04-09');
    const page = await p.app.inject({ method: 'GET', url: `/shops/distritec/orders/${order.id}`, headers: bearer(token) });
    assert.match(page.body, /2026-04-09/);
  });

  test('should set no balance date when the order was paid in full before delivery', async () => {
    const full = await placeOrder('distritec', await customerToken(p, 'distritec', 'comptant@distritec.example'), 'bank_transfer');
    await event('distritec', full.id, { type: 'payment_received', at: '2026-04-10T18:00:00+02:00', amountCents: full.totals.grossCents });
    await event('distritec', full.id, { type: 'shipped', at: '2026-04-10T18:00:00+02:00' });
    const delivered = await event('distritec', full.id, { type: 'delivered', at: '2026-04-10T18:00:00+02:00' });
    assert.equal(delivered.json().deadlines.balanceDueOn, undefined);
    assert.equal(delivered.json().payment.status, 'paid');
  });

  test('should ask no deposit of a Bible et Jeux web order (its 30 % applies to quotes), nor at Coopso', async () => {
    const bej = await getShop(p.database.db, 'bible-et-jeux');
    assert.deepEqual(paymentAtPlacement(bej.profile, { paymentMethod: 'card', customerKind: 'consumer', grossCents: 10_000, placedOn: Temporal.PlainDate.from('2026-04-10') }), { payment_due_on: null, deposit_cents: null, deposit_kind: null });
    const coopso = await placeOrder('coopso', await customerToken(p, 'coopso', 'sansacompte@coopso.example'), 'bank_transfer');
    assert.equal(coopso.payment.depositCents, undefined);
    assert.equal(coopso.payment.amountDueCents, coopso.totals.grossCents);
  });
});
