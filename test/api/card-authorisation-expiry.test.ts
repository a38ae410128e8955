/**
 * SPEC.md A-63, issue 11 §6: a card payment authorised at order and captured at shipment (004
 * art.4 O9b) whose authorisation (7 days at Stripe) will have expired by the planned shipment.
 * Bible et Jeux with capture at shipment, Stripe answered by the local stub, the test clock moved.
 *
 * Authorised on Monday 1 June 2026 at 10:00 (Paris), shipment planned on 11 June (day 10): the
 * hold ends on 8 June at 10:00, so the customer is asked on 8 June (not on the 7th) to pay
 * again, once; staff shipping on 8 June at noon get 422 card_authorisation_expired; after the
 * customer pays again the shipment is accepted and the new authorisation captured.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { FormClient } from '../support/form-client.ts';
import { outboxEmails } from '../support/outbox.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform, moveTestClock } from '../support/platform.ts';
import { captureAtShipmentProfiles } from '../support/profiles.ts';
import { termsVersion } from '../support/shoppers.ts';
import { signPayload, type StripeStub, stripeEvent } from '../support/stripe-stub.ts';

const SHOP = 'bible-et-jeux';
const EMAIL = 'emma.card@example.fr';
const PASSWORD = 'correct horse battery';
let p: TestPlatform;
let stub: StripeStub;
let profilesDir = '';

before(async () => {
  profilesDir = captureAtShipmentProfiles();
  p = await startPlatform({ COMPTOIR_PROFILES_DIR: profilesDir, COMPTOIR_TEST_CLOCK: '2026-06-01T10:00:00+02:00' });
  assert.ok(p.stripe);
  stub = p.stripe;
});
after(async () => {
  await p?.stop();
  rmSync(profilesDir, { recursive: true, force: true });
});

const moveClock = (now: string) => moveTestClock(p, now);
const deliver = (body: string) => p.app.inject({ method: 'POST', url: '/api/v1/stripe/webhook', headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(body) }, payload: body });
const ship = (id: string, at: string) => p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders/${id}/events`, headers: bearer(ADMIN_TOKEN), payload: { type: 'shipped', at } });
const reminders = async () => (await outboxEmails(p.database.db, EMAIL)).filter((m) => /pay again by card/.test(m.subject));
const eventsOf = async (id: string, type: string) => p.database.db.selectFrom('order_events').select(['at', 'data']).where('order_id', '=', id).where('type', '=', type).execute();
const orderRow = (id: string) => p.database.db.selectFrom('orders').select(['status', 'payment_status']).where('id', '=', id).executeTakeFirstOrThrow();

/** The customer authorises the order's newest Checkout Session on Stripe's page. */
async function authorise(orderId: string): Promise<string> {
  const session = [...stub.sessions.values()].filter((s) => s.metadata.orderId === orderId).at(-1);
  assert.ok(session, 'a checkout session was created');
  const { intent } = stub.complete(session.id);
  const res = await deliver(JSON.stringify(stripeEvent('payment_intent.amount_capturable_updated', intent)));
  assert.equal(res.statusCode, 200, res.body);
  return intent.id;
}

describe('a card authorisation that will have expired by the planned shipment (SPEC.md A-63)', () => {
  test('asked to pay again on the expiry day, once; shipping refused after the expiry; accepted and captured once paid again', async () => {
    const address = { line1: '3 rue des Lilas', postalCode: '66000', city: 'Perpignan', country: 'FR' };
    const reg = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/customers`, payload: { kind: 'consumer', email: EMAIL, password: PASSWORD, firstName: 'Emma', lastName: 'Stone', address, language: 'en' } });
    assert.equal(reg.statusCode, 201, reg.body);
    const token = (await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/session`, payload: { email: EMAIL, password: PASSWORD } })).json().token;
    const products = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/products?sort=price_desc` })).json().items as { id: string; stock: number; regulated: boolean }[];
    const product = products.find((x) => x.stock > 0 && !x.regulated);
    assert.ok(product);
    const placed = await p.app.inject({
      method: 'POST', url: `/api/v1/shops/${SHOP}/orders`, headers: bearer(token),
      payload: { lines: [{ productId: product.id, quantity: 1 }], acceptedTerms: { version: await termsVersion(p, SHOP) }, delivery: { mode: 'carrier' }, paymentMethod: 'card' },
    });
    assert.equal(placed.statusCode, 201, placed.body);
    const order = placed.json() as { id: string; number: string; totals: { grossCents: number } };

    // Day 0, Monday 1 June 10:00: authorised; staff plan the shipment on day 10.
    const first = await authorise(order.id);
    const planned = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders/${order.id}/planned-shipment`, headers: bearer(ADMIN_TOKEN), payload: { on: '2026-06-11' } });
    assert.equal(planned.statusCode, 201, planned.body);

    // Day 7: the hold still stands until tomorrow 10:00, nothing asked yet.
    await moveClock('2026-06-07T10:00:00+02:00');
    assert.equal((await reminders()).length, 0, 'not asked on 7 June');

    // Day 8, 06:00: the day the hold ends, and a new one covers 11 June: asked, in English.
    await moveClock('2026-06-08T06:00:00+02:00');
    await moveClock('2026-06-08T07:00:00+02:00');
    const asked = await reminders();
    assert.equal(asked.length, 1, 'one e-mail for two runs of the job');
    assert.equal(asked[0]?.subject, `Bible et Jeux – order No. ${order.number}: please pay again by card`);
    assert.match(asked[0]?.text_body ?? '', /will ship around 2026-06-11\. The card payment you authorised is only held for 7 days and expires on 2026-06-08/);
    assert.match(asked[0]?.text_body ?? '', new RegExp(`/shops/${SHOP}/orders/${order.id}\\n`));
    const recorded = await eventsOf(order.id, 'card_reauthorisation_requested');
    assert.equal(recorded.length, 1, 'one evidence event');
    const data = (typeof recorded[0]?.data === 'string' ? JSON.parse(recorded[0].data) : recorded[0]?.data) as Record<string, unknown>;
    assert.deepEqual([data.paymentIntentId, data.expiresAt, data.plannedShipOn, data.lang], [first, '2026-06-08T08:00:00Z', '2026-06-11', 'en']);

    // Day 8, noon: the hold is gone; shipping is refused with a reason, nothing sent to Stripe.
    await moveClock('2026-06-08T12:00:00+02:00');
    const refused = await ship(order.id, '2026-06-08');
    assert.equal(refused.statusCode, 422, refused.body);
    assert.equal(refused.json().error.code, 'card_authorisation_expired');
    assert.match(refused.json().error.message, /a expiré le 2026-06-08/);
    assert.equal(stub.requests.some((r) => r.path.endsWith('/capture')), false, 'no capture attempted');
    assert.deepEqual(await orderRow(order.id), { status: 'awaiting_payment', payment_status: 'awaiting' });

    // The customer follows the link and pays again by card from the order page.
    const b = new FormClient(p.app);
    assert.equal((await b.submit(`/shops/${SHOP}/login`, `/shops/${SHOP}/login`, { email: EMAIL, password: PASSWORD })).statusCode, 303);
    const pay = await b.submit(`/shops/${SHOP}/orders/${order.id}`, `/shops/${SHOP}/orders/${order.id}/card-checkout`, {});
    assert.equal(pay.statusCode, 303, pay.body);
    const second = await authorise(order.id);
    assert.notEqual(second, first);

    // Shipped now: the new authorisation is captured, the order paid and shipped.
    const shipped = await ship(order.id, '2026-06-08');
    assert.equal(shipped.statusCode, 201, shipped.body);
    assert.deepEqual([shipped.json().status, shipped.json().cardCapture], ['shipped', 'captured']);
    assert.deepEqual(await orderRow(order.id), { status: 'shipped', payment_status: 'paid' });
    assert.deepEqual(stub.requests.filter((r) => r.path.endsWith('/capture')).map((r) => r.path), [`/v1/payment_intents/${second}/capture`]);
    const payments = await p.database.db.selectFrom('order_payments').select(['amount_cents', 'provider_ref']).where('order_id', '=', order.id).execute();
    assert.deepEqual(payments.map((x) => [Number(x.amount_cents), x.provider_ref]), [[order.totals.grossCents, second]]);

    // A later run asks nothing more (the order no longer awaits payment).
    await moveClock('2026-06-09T08:00:00+02:00');
    assert.equal((await reminders()).length, 1);
  });
});
