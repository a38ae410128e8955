/**
 * API.md `POST /shops/{shop}/orders/{id}/events`: staff record facts dated in the past, never in
 * the future; the state machine refuses impossible steps; a payment is recorded as money received
 * on the shop-local day of `at`; an off-premises consumer contract takes no payment before day 8
 * (L221-10, AS-19); a cancellation gives the stock back and applies the deposit's meaning.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform, moveTestClock } from '../support/platform.ts';
import { customerToken, termsVersion } from '../support/shoppers.ts';

let p: TestPlatform;
before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-04-01T10:00:00+02:00' });
});
after(async () => p.stop());

type Order = { id: string; status: string; totals: { grossCents: number }; payment: { depositCents: number; status: string; paidCents: number }; deadlines: Record<string, string>; lines: { productId: string }[] };

async function placeOrder(email: string): Promise<Order> {
  const token = await customerToken(p, 'distritec', email);
  const products = (await p.app.inject({ method: 'GET', url: '/api/v1/shops/distritec/products?sort=price_desc' })).json().items as { id: string; stock: number; regulated: boolean }[];
  const product = products.find((x) => x.stock > 5 && !x.regulated);
  assert.ok(product);
  const res = await p.app.inject({
    method: 'POST',
    url: '/api/v1/shops/distritec/orders',
    headers: bearer(token),
    payload: { lines: [{ productId: product.id, quantity: 2 }], acceptedTerms: { version: await termsVersion(p, 'distritec') }, delivery: { mode: 'carrier' }, paymentMethod: 'bank_transfer' },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}
const post = (id: string, payload: Record<string, unknown>, headers: Record<string, string> = bearer(ADMIN_TOKEN), shop = 'distritec') => p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/orders/${id}/events`, headers, payload });
const refusedWith = (res: { statusCode: number; json(): { error: { code: string } } }, status: number, code: string) => {
  assert.equal(res.statusCode, status);
  assert.equal(res.json().error.code, code);
};
const moveClock = (now: string) => moveTestClock(p, now);
const stock = async (productId: string) => (await p.database.db.selectFrom('products').select('stock').where('id', '=', productId).executeTakeFirstOrThrow()).stock;
const evidence = async (id: string) => (await p.app.inject({ method: 'GET', url: `/api/v1/shops/distritec/orders/${id}/evidence`, headers: bearer(ADMIN_TOKEN) })).json();

describe('staff order events', () => {
  let offPremises: Order;
  let order: Order;

  test('AS-19: an off-premises contract signed Wed 2026-04-01 takes no payment before Thu 2026-04-09', async () => {
    offPremises = await placeOrder('domicile@distritec.example');
    const concluded = await post(offPremises.id, { type: 'concluded_off_premises', at: '2026-04-01T09:00:00+02:00', note: 'signé au domicile du client' });
    assert.equal(concluded.statusCode, 201, concluded.body);
    assert.equal(concluded.json().deadlines.paymentNotBefore, '2026-04-09');
    await moveClock('2026-04-10T12:00:00+02:00');
    const early = await post(offPremises.id, { type: 'payment_received', at: '2026-04-08T23:59:00+02:00', amountCents: offPremises.payment.depositCents });
    refusedWith(early, 422, 'payment_blocked_off_premises');
    assert.match(early.json().error.message, /2026-04-09/);
    const none = await p.database.db.selectFrom('order_payments').select('id').where('order_id', '=', offPremises.id).execute();
    assert.equal(none.length, 0, 'nothing recorded');
    const onTime = await post(offPremises.id, { type: 'payment_received', at: '2026-04-09T00:00:00+02:00', amountCents: offPremises.payment.depositCents });
    assert.equal(onTime.statusCode, 201, onTime.body);
    assert.equal(onTime.json().status, 'accepted');
  });

  test('should record a payment on the shop-local day of `at`', async () => {
    order = await placeOrder('client@distritec.example');
    await moveClock('2026-04-12T12:00:00+02:00');
    const res = await post(order.id, { type: 'payment_received', at: '2026-04-10T22:30:00Z', amountCents: order.payment.depositCents, note: 'chèque' });
    assert.equal(res.statusCode, 201, res.body);
    const payment = await p.database.db.selectFrom('order_payments').selectAll().where('order_id', '=', order.id).executeTakeFirstOrThrow();
    assert.equal(payment.method, 'manual');
    assert.equal(payment.received_on, '2026-04-11', '22:30 UTC is already 04-11 in Paris');
    assert.equal(res.json().status, 'accepted');
  });

  test('should refuse events in the future, before the order, and malformed bodies, changing nothing', async () => {
    refusedWith(await post(order.id, { type: 'shipped', at: '2026-04-12T12:00:01+02:00' }), 422, 'event_in_future');
    refusedWith(await post(order.id, { type: 'shipped', at: '2026-03-01T12:00:00+02:00' }), 422, 'event_before_order');
    assert.equal((await post(order.id, { type: 'payment_received', at: '2026-04-10T10:00:00+02:00' })).statusCode, 400);
    assert.equal((await post(order.id, { type: 'payment_received', at: '2026-04-10T10:00:00+02:00', amountCents: 0 })).statusCode, 400);
    assert.equal((await post(order.id, { type: 'teleported', at: '2026-04-10T10:00:00+02:00' })).statusCode, 400);
    assert.equal((await post(order.id, { type: 'shipped', at: 'yesterday' })).statusCode, 400);
    assert.equal((await post(order.id, { type: 'shipped', at: '2026-04-10T10:00:00' })).statusCode, 400, 'an instant needs its offset');
    const o = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/distritec/orders/${order.id}`, headers: bearer(ADMIN_TOKEN) })).json();
    assert.equal(o.status, 'accepted');
  });

  test('should keep the events to the shop’s staff', async () => {
    const customer = await customerToken(p, 'distritec', 'curieux@distritec.example');
    assert.equal((await post(order.id, { type: 'shipped', at: '2026-04-10T10:00:00+02:00' }, {})).statusCode, 401);
    assert.equal((await post(order.id, { type: 'shipped', at: '2026-04-10T10:00:00+02:00' }, bearer(customer))).statusCode, 403);
    assert.equal((await post(order.id, { type: 'shipped', at: '2026-04-10T10:00:00+02:00' }, bearer(ADMIN_TOKEN), 'coopso')).statusCode, 404, 'another shop’s order');
    assert.equal((await post('00000000-0000-4000-8000-000000000000', { type: 'shipped', at: '2026-04-10T10:00:00+02:00' })).statusCode, 404);
    assert.equal((await post('not-a-uuid', { type: 'shipped', at: '2026-04-10T10:00:00+02:00' })).statusCode, 404);
  });

  test('should refuse shipping before acceptance and anything after a cancellation; a cancellation gives the stock back', async () => {
    const fresh = await placeOrder('annule@distritec.example');
    await moveClock('2026-04-13T12:00:00+02:00');
    const productId = fresh.lines[0]?.productId ?? '';
    const before = await stock(productId);
    refusedWith(await post(fresh.id, { type: 'shipped', at: '2026-04-13T11:00:00+02:00' }), 422, 'transition_not_allowed');
    refusedWith(await post(fresh.id, { type: 'accepted', at: '2026-04-13T11:00:00+02:00' }), 422, 'transition_not_allowed');
    const cancelled = await post(fresh.id, { type: 'cancelled', at: '2026-04-13T11:00:00+02:00', note: 'rupture chez le fabricant' });
    assert.equal(cancelled.statusCode, 201, cancelled.body);
    assert.equal(cancelled.json().status, 'cancelled');
    assert.equal(await stock(productId), before + 2);
    for (const type of ['payment_received', 'shipped', 'delivered', 'cancelled', 'refused', 'accepted', 'picked_up', 'concluded_off_premises']) {
      refusedWith(await post(fresh.id, { type, at: '2026-04-13T11:30:00+02:00', amountCents: 100 }), 422, 'transition_not_allowed');
    }
    assert.equal(await stock(productId), before + 2, 'given back once');
  });

  test('an acompte binds: the customer who cancels leaves it; the seller who cancels owes it back', async () => {
    const byCustomer = await post(offPremises.id, { type: 'cancelled', by: 'customer', at: '2026-04-13T11:00:00+02:00' });
    assert.equal(byCustomer.statusCode, 201, byCustomer.body);
    const kept = (await evidence(offPremises.id)).events.find((e: { type: string }) => e.type === 'cancelled').data;
    assert.equal(kept.keptCents, offPremises.payment.depositCents);
    assert.equal(kept.owedByCustomerCents, offPremises.totals.grossCents - offPremises.payment.depositCents);
    assert.equal(kept.customerCreditCents, undefined);

    const bySeller = await post(order.id, { type: 'cancelled', by: 'seller', at: '2026-04-13T11:00:00+02:00' });
    assert.equal(bySeller.statusCode, 201, bySeller.body);
    const credit = await p.database.db.selectFrom('customer_credits').selectAll().where('order_id', '=', order.id).executeTakeFirstOrThrow();
    assert.equal(Number(credit.amount_cents), order.payment.depositCents);
  });

  test('should walk an order through shipment and pickup, each fact an event in a verified log', async () => {
    const walk = await placeOrder('parcours@distritec.example');
    await moveClock('2026-04-14T12:00:00+02:00');
    assert.equal((await post(walk.id, { type: 'payment_received', at: '2026-04-14T09:00:00+02:00', amountCents: walk.totals.grossCents })).statusCode, 201);
    assert.equal((await post(walk.id, { type: 'shipped', at: '2026-04-14T10:00:00+02:00' })).json().status, 'shipped');
    refusedWith(await post(walk.id, { type: 'cancelled', at: '2026-04-14T10:30:00+02:00' }), 422, 'transition_not_allowed');
    assert.equal((await post(walk.id, { type: 'picked_up', at: '2026-04-14T11:00:00+02:00' })).json().status, 'delivered');
    const log = await evidence(walk.id);
    assert.equal(log.verified, true);
    assert.deepEqual(log.events.map((e: { type: string }) => e.type).slice(-3), ['payment_received', 'shipped', 'picked_up']);
    const shipped = log.events.find((e: { type: string }) => e.type === 'shipped');
    assert.equal(shipped.at, '2026-04-14T08:00:00.000Z');
    assert.equal(shipped.data.statusTo, 'shipped');
  });

  test('should take a fact known by the day (`at` = YYYY-MM-DD) as that day in the shop’s zone, and refuse a day after today there', async () => {
    // Clock: Tue 2026-04-14 12:00 in Paris; the order is placed now.
    const byDay = await placeOrder('par-jour@distritec.example');
    refusedWith(await post(byDay.id, { type: 'payment_received', at: '2026-04-15', amountCents: byDay.payment.depositCents }), 422, 'event_in_future');
    refusedWith(await post(byDay.id, { type: 'payment_received', at: '2026-04-13', amountCents: byDay.payment.depositCents }), 422, 'event_before_order');
    assert.equal((await post(byDay.id, { type: 'shipped', at: '2026-02-30' })).statusCode, 400, 'a day that does not exist');
    assert.equal((await post(byDay.id, { type: 'shipped', at: '2026-4-14' })).statusCode, 400);
    // A cheque received today, recorded by the day: received on 04-14, dated no earlier than the order it pays.
    const paid = await post(byDay.id, { type: 'payment_received', at: '2026-04-14', amountCents: byDay.payment.depositCents });
    assert.equal(paid.statusCode, 201, paid.body);
    assert.equal(paid.json().status, 'accepted');
    const payment = await p.database.db.selectFrom('order_payments').selectAll().where('order_id', '=', byDay.id).executeTakeFirstOrThrow();
    assert.equal(payment.received_on, '2026-04-14');

    // 00:30 on Wed 04-15 in Paris is still Tue 04-14 22:30 in UTC: the shop's day, 04-15, is today.
    await moveClock('2026-04-15T00:30:00+02:00');
    const shipped = await post(byDay.id, { type: 'shipped', at: '2026-04-15' });
    assert.equal(shipped.statusCode, 201, shipped.body);
    refusedWith(await post(byDay.id, { type: 'delivered', at: '2026-04-16' }), 422, 'event_in_future');
    const log = await evidence(byDay.id);
    assert.equal(log.verified, true);
    const event = log.events.find((e: { type: string }) => e.type === 'shipped');
    assert.equal(event.at, '2026-04-14T22:00:00.000Z', 'the start of 04-15 in Paris (UTC+2)');
  });
});
