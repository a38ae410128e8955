/**
 * Issue 4 §3: card payments through Stripe's hosted Checkout, with Stripe's API answered by a
 * local server and webhooks signed by the library's test-header helper, all offline.
 *
 * Done when: "The same Stripe event delivered 5× sequentially and 5× concurrently records one
 * payment; a 1-byte change to the body or a timestamp 301 s old is refused."
 */
import assert from 'node:assert/strict';
import { rmSync, } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { orderSide } from '../../src/flows/record-payment.ts';
import { captureAtShipment, refundCardPayment } from '../../src/payments/card/capture.ts';
import { getShop } from '../../src/shops/service.ts';
import { FormClient } from '../support/form-client.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, termsVersion } from '../support/shoppers.ts';
import { signPayload, type StripeStub, stripeEvent } from '../support/stripe-stub.ts';
import { captureAtShipmentProfiles } from '../support/profiles.ts';

let p: TestPlatform;
let stub: StripeStub;
before(async () => {
  p = await startPlatform();
  assert.ok(p.stripe);
  stub = p.stripe;
});
after(async () => p?.stop());

type OrderJson = { id: string; number: string; status: string; totals: { grossCents: number }; payment: { status: string; paidCents: number; checkoutUrl?: string | null } };

async function placeCardOrder(platform: TestPlatform, shop: string, token: string, paymentMethod = 'card') {
  const products = (await platform.app.inject({ method: 'GET', url: `/api/v1/shops/${shop}/products?sort=price_desc` })).json().items as { id: string; stock: number; regulated: boolean }[];
  const product = products.find((x) => x.stock > 0 && !x.regulated);
  assert.ok(product, `${shop} has a product in stock`);
  return platform.app.inject({
    method: 'POST',
    url: `/api/v1/shops/${shop}/orders`,
    headers: bearer(token),
    payload: { lines: [{ productId: product.id, quantity: 1 }], acceptedTerms: { version: await termsVersion(platform, shop) }, delivery: { mode: 'carrier' }, paymentMethod },
  });
}

async function placed(platform: TestPlatform, shop: string, email: string): Promise<{ order: OrderJson; token: string }> {
  const token = await customerToken(platform, shop, email);
  const res = await placeCardOrder(platform, shop, token);
  assert.equal(res.statusCode, 201, res.body);
  return { order: res.json(), token };
}

const sessionOf = (s: StripeStub, orderId: string) => {
  const found = [...s.sessions.values()].filter((x) => x.metadata.orderId === orderId);
  assert.ok(found.length > 0, 'a checkout session was created');
  return found[found.length - 1] as NonNullable<(typeof found)[number]>;
};

function deliver(platform: TestPlatform, body: string, signature = signPayload(body)) {
  return platform.app.inject({ method: 'POST', url: '/api/v1/stripe/webhook', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, payload: body });
}

async function facts(platform: TestPlatform, orderId: string) {
  const db = platform.database.db;
  const [order, payments, events, mails, checkouts] = await Promise.all([
    db.selectFrom('orders').select(['status', 'payment_status', 'number']).where('id', '=', orderId).executeTakeFirstOrThrow(),
    db.selectFrom('order_payments').selectAll().where('order_id', '=', orderId).execute(),
    db.selectFrom('order_events').select(['type', 'data']).where('order_id', '=', orderId).orderBy('seq').execute(),
    db.selectFrom('outbox').select(['subject']).where('subject', 'like', '%paiement reçu%').execute(),
    db.selectFrom('card_checkouts').selectAll().where('order_id', '=', orderId).execute(),
  ]);
  return { order, payments, events: events.map((e) => e.type), mails: mails.filter((m) => m.subject?.includes(order.number)).length, checkouts };
}

describe('card payments through Stripe Checkout', () => {
  test('should create a Checkout Session for the order total, in euros, with our metadata, and give its URL', async () => {
    const { order } = await placed(p, 'bible-et-jeux', 'session@example.fr');
    assert.equal(order.status, 'awaiting_payment');
    const request = stub.requests.find((r) => r.path === '/v1/checkout/sessions' && r.form.client_reference_id === order.id);
    assert.ok(request, 'the session request reached Stripe');
    const f = request.form;
    assert.equal(f.mode, 'payment');
    assert.equal(f['line_items[0][price_data][currency]'], 'eur');
    assert.equal(f['line_items[0][price_data][unit_amount]'], String(order.totals.grossCents));
    assert.equal(f['line_items[0][quantity]'], '1');
    assert.equal(f['line_items[0][price_data][product_data][name]'], `Commande N° ${order.number}`);
    for (const prefix of ['metadata', 'payment_intent_data[metadata]']) {
      assert.deepEqual([f[`${prefix}[shop]`], f[`${prefix}[orderId]`], f[`${prefix}[orderNumber]`]], ['bible-et-jeux', order.id, order.number], prefix);
    }
    assert.equal(f['payment_intent_data[capture_method]'], 'automatic', 'bible-et-jeux captures at order (004 art.4 O9a)');
    assert.equal(f.customer_email, 'session@example.fr');
    assert.match(f.success_url ?? '', new RegExp(`/shops/bible-et-jeux/orders/${order.id}\\?card=returned$`));
    assert.match(f.cancel_url ?? '', new RegExp(`/shops/bible-et-jeux/orders/${order.id}\\?card=cancelled$`));
    assert.ok(request.idempotencyKey?.includes(order.id), 'the idempotency key derives from the order id');
    assert.equal(Object.keys(f).some((k) => /card\[|number|cvc/.test(k)), false, 'no card data: PCI SAQ-A');

    const session = sessionOf(stub, order.id);
    assert.equal(order.payment.checkoutUrl, session.url);
    const { checkouts } = await facts(p, order.id);
    assert.deepEqual(checkouts.map((c) => [c.session_id, c.status, c.capture, c.amount_cents]), [[session.id, 'open', 'automatic', order.totals.grossCents]]);
  });

  test('should record one payment for one event delivered 5 times in a row, and 5 times at once', async () => {
    for (const mode of ['sequential', 'concurrent'] as const) {
      const { order } = await placed(p, 'coopo', `${mode}@example.fr`);
      const { session } = stub.complete(sessionOf(stub, order.id).id);
      const body = JSON.stringify(stripeEvent('checkout.session.completed', session));
      const responses = [];
      if (mode === 'sequential') for (let i = 0; i < 5; i++) responses.push(await deliver(p, body));
      else responses.push(...(await Promise.all(Array.from({ length: 5 }, () => deliver(p, body)))));
      assert.deepEqual(responses.map((r) => r.statusCode), [200, 200, 200, 200, 200], mode);
      assert.equal(responses.filter((r) => r.json().duplicate === true).length, 4, `${mode}: four duplicates`);

      const f = await facts(p, order.id);
      assert.equal(f.payments.length, 1, `${mode}: one payment`);
      assert.equal(f.payments[0]?.amount_cents, order.totals.grossCents);
      assert.equal(f.payments[0]?.provider_ref, session.payment_intent);
      assert.equal(f.events.filter((t) => t === 'payment_received').length, 1, `${mode}: one evidence event`);
      assert.equal(f.mails, 1, `${mode}: one e-mail`);
      assert.deepEqual([f.order.status, f.order.payment_status], ['accepted', 'paid']);
      assert.deepEqual(f.checkouts.map((c) => [c.status, c.payment_intent_id]), [['captured', session.payment_intent]]);
      const recorded = await p.database.db.selectFrom('stripe_events').select('outcome').where('order_id', '=', order.id).execute();
      assert.deepEqual(recorded.map((r) => r.outcome), ['payment_recorded']);
    }
  });

  test('should refuse a 1-byte change to the body, a 301 s old timestamp, a wrong secret and no signature, changing nothing', async () => {
    const { order } = await placed(p, 'coopo', 'forged@example.fr');
    const { session } = stub.complete(sessionOf(stub, order.id).id);
    const event = stripeEvent('checkout.session.completed', session);
    const body = JSON.stringify(event);
    const signature = signPayload(body);
    const changed = body.replace(`"amount_total":${session.amount_total}`, `"amount_total":${session.amount_total + 1}`);
    assert.equal(changed.length, body.length, 'one byte changed');
    const attempts = [
      await deliver(p, changed, signature),
      await deliver(p, body, signPayload(body, { timestamp: Math.floor(Date.now() / 1000) - 301 })),
      await deliver(p, body, signPayload(body, { secret: 'whsec_not_the_shops_secret' })),
      await p.app.inject({ method: 'POST', url: '/api/v1/stripe/webhook', headers: { 'content-type': 'application/json' }, payload: body }),
    ];
    for (const res of attempts) {
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'webhook_signature_invalid');
    }
    const f = await facts(p, order.id);
    assert.deepEqual([f.payments.length, f.order.status, f.mails], [0, 'awaiting_payment', 0]);
    assert.equal(await p.database.db.selectFrom('stripe_events').select('event_id').where('event_id', '=', event.id).executeTakeFirst(), undefined);

    // Within the library's 300 s tolerance, the genuine delivery is accepted.
    const genuine = await deliver(p, body, signPayload(body, { timestamp: Math.floor(Date.now() / 1000) - 240 }));
    assert.equal(genuine.statusCode, 200, genuine.body);
    assert.equal((await facts(p, order.id)).order.status, 'accepted');
  });

  test('should converge when payment_intent.succeeded comes before checkout.session.completed', async () => {
    const { order, token } = await placed(p, 'coopconnexion', 'desordre@example.fr');
    const { session, intent } = stub.complete(sessionOf(stub, order.id).id);
    const first = await deliver(p, JSON.stringify(stripeEvent('payment_intent.succeeded', intent)));
    assert.deepEqual(first.json(), { received: true });
    const second = await deliver(p, JSON.stringify(stripeEvent('checkout.session.completed', session)));
    assert.deepEqual(second.json(), { received: true });
    const f = await facts(p, order.id);
    assert.equal(f.payments.length, 1);
    assert.deepEqual([f.order.status, f.order.payment_status], ['accepted', 'paid']);
    assert.deepEqual(f.checkouts.map((c) => [c.session_id, c.status, c.payment_intent_id]), [[session.id, 'captured', intent.id]]);
    const outcomes = await p.database.db.selectFrom('stripe_events').select(['type', 'outcome']).where('order_id', '=', order.id).orderBy('received_at').execute();
    assert.deepEqual(outcomes.map((o) => o.outcome).sort(), ['already_recorded', 'payment_recorded']);
    const json = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/coopconnexion/orders/${order.id}`, headers: bearer(token) })).json();
    assert.equal(json.payment.checkoutUrl, null, 'nothing left to pay');
  });

  test('should keep an order awaiting payment when its session expires, note a failed payment, and ignore other events', async () => {
    const { order, token } = await placed(p, 'coopo', 'expire@example.fr');
    const session = sessionOf(stub, order.id);
    const intentId = 'pi_test_failed0001';
    const failed = { id: intentId, object: 'payment_intent', amount: session.amount_total, currency: 'eur', status: 'requires_payment_method', metadata: session.intent_metadata, last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' } };
    assert.equal((await deliver(p, JSON.stringify(stripeEvent('payment_intent.payment_failed', failed)))).statusCode, 200);
    assert.equal((await deliver(p, JSON.stringify(stripeEvent('checkout.session.expired', { ...session, status: 'expired' })))).statusCode, 200);
    const other = stripeEvent('customer.created', { id: 'cus_test_1', object: 'customer', metadata: {} });
    assert.deepEqual((await deliver(p, JSON.stringify(other))).json(), { received: true });

    const f = await facts(p, order.id);
    assert.equal(f.order.status, 'awaiting_payment');
    assert.equal(f.payments.length, 0);
    assert.ok(f.events.includes('card_payment_failed') && f.events.includes('card_checkout_expired'), f.events.join());
    assert.deepEqual(f.checkouts.map((c) => c.status), ['expired']);
    const ignored = await p.database.db.selectFrom('stripe_events').select('outcome').where('event_id', '=', other.id).executeTakeFirstOrThrow();
    assert.equal(ignored.outcome, 'ignored');
    const json = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/coopo/orders/${order.id}`, headers: bearer(token) })).json();
    assert.equal(json.status, 'awaiting_payment');
    assert.equal(json.payment.checkoutUrl, null);
  });

  test('should leave the order awaiting payment when Stripe fails, and offer "Payer par carte" on its page again', async () => {
    const b = new FormClient(p.app);
    const email = 'panne@example.fr';
    const token = await customerToken(p, 'coopo', email);
    stub.failNext(1);
    const res = await placeCardOrder(p, 'coopo', token);
    assert.equal(res.statusCode, 201, res.body);
    const order = res.json() as OrderJson;
    assert.deepEqual([order.status, order.payment.checkoutUrl], ['awaiting_payment', null]);
    assert.equal((await facts(p, order.id)).checkouts.length, 0);

    const login = await b.submit('/shops/coopo/login', '/shops/coopo/login', { email, password: 'correct horse battery' });
    assert.equal(login.statusCode, 303, login.body);
    const page = await b.get(`/shops/coopo/orders/${order.id}`);
    assert.match(page.body, /Payer par carte/);
    assert.match(page.body, /vos données de carte ne nous sont jamais transmises/);
    const pay = await b.submit(`/shops/coopo/orders/${order.id}`, `/shops/coopo/orders/${order.id}/card-checkout`, {});
    assert.equal(pay.statusCode, 303, pay.body);
    const session = sessionOf(stub, order.id);
    assert.equal(pay.headers.location, session.url);
    const again = await b.submit(`/shops/coopo/orders/${order.id}`, `/shops/coopo/orders/${order.id}/card-checkout`, {});
    assert.equal(again.headers.location, session.url, 'the open session is reused');
    assert.equal([...stub.sessions.values()].filter((s) => s.metadata.orderId === order.id).length, 1);
  });
});

describe('card refunds through the API (issue 4 §5)', () => {
  test('should refund a paid card order through Stripe, settle a pending refund from its webhook once, and refuse more than was paid', async () => {
    const { order } = await placed(p, 'coopo', 'refund-card@example.fr');
    const { session } = stub.complete(sessionOf(stub, order.id).id);
    assert.equal((await deliver(p, JSON.stringify(stripeEvent('checkout.session.completed', session)))).statusCode, 200);
    const refundUrl = `/api/v1/shops/coopo/orders/${order.id}/refunds`;
    const staff = { authorization: `Bearer ${ADMIN_TOKEN}` };

    const tooMuch = await p.app.inject({ method: 'POST', url: refundUrl, headers: staff, payload: { amountCents: order.totals.grossCents + 1, reason: 'test' } });
    assert.equal(tooMuch.statusCode, 422, tooMuch.body);
    assert.equal(tooMuch.json().error.code, 'refund_exceeds_paid');

    stub.refundsPending(true);
    const res = await p.app.inject({ method: 'POST', url: refundUrl, headers: staff, payload: { amountCents: 500, reason: 'article manquant' } });
    stub.refundsPending(false);
    assert.equal(res.statusCode, 201, res.body);
    const refund = res.json();
    assert.deepEqual([refund.method, refund.status, refund.amountCents], ['card', 'pending', 500]);
    const sent = stub.requests.filter((r) => r.path === '/v1/refunds').at(-1);
    assert.deepEqual([sent?.form.payment_intent, sent?.form.amount, sent?.form['metadata[refundId]']], [session.payment_intent, '500', refund.id]);

    const settled = stripeEvent('refund.updated', { id: refund.providerRef, object: 'refund', amount: 500, currency: 'eur', status: 'succeeded', payment_intent: session.payment_intent, metadata: { shop: 'coopo', orderId: order.id, refundId: refund.id } });
    const body = JSON.stringify(settled);
    const answers = await Promise.all([deliver(p, body), deliver(p, body), deliver(p, body)]);
    assert.deepEqual(answers.map((a) => a.statusCode), [200, 200, 200]);
    const row = await p.database.db.selectFrom('refunds').select(['status', 'provider_ref']).where('id', '=', refund.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'succeeded', provider_ref: refund.providerRef });
    const { events, order: after } = await facts(p, order.id);
    assert.equal(events.filter((t) => t === 'refunded').length, 1, 'one refunded event for three deliveries');
    assert.equal(after.payment_status, 'partially_refunded');
  });
});

describe('card payments without Stripe configured, in production (no simulated payments: issue 8 §12)', () => {
  let bare: TestPlatform;
  before(async () => {
    bare = await startPlatform({ NODE_ENV: 'production', PUBLIC_URL: 'https://comptoir.example.org', COMPTOIR_SECRET: 'a-production-secret-of-32-characters-at-least' }, { stripe: false });
  });
  after(async () => bare?.stop());

  test('should refuse card and PayPal with 422 payment_method_not_offered, and have no webhook', async () => {
    const token = await customerToken(bare, 'bible-et-jeux', 'sansstripe@example.fr');
    for (const method of ['card', 'paypal']) {
      const res = await placeCardOrder(bare, 'bible-et-jeux', token, method);
      assert.equal(res.statusCode, 422, res.body);
      assert.equal(res.json().error.code, 'payment_method_not_offered');
    }
    assert.equal(await bare.database.db.selectFrom('orders').select('id').executeTakeFirst(), undefined);
    const hook = await bare.app.inject({ method: 'POST', url: '/api/v1/stripe/webhook', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=x' }, payload: '{}' });
    assert.equal(hook.statusCode, 404);
  });

  test('should not show card at checkout, and say so when a shop has no usable means of payment', async () => {
    const b = new FormClient(bare.app);
    const email = 'coopo-sans-carte@example.fr';
    await customerToken(bare, 'coopo', email);
    assert.equal((await b.submit('/shops/coopo/login', '/shops/coopo/login', { email, password: 'correct horse battery' })).statusCode, 303);
    const products = (await bare.app.inject({ method: 'GET', url: '/api/v1/shops/coopo/products' })).json().items as { id: string; stock: number; regulated: boolean }[];
    const product = products.find((x) => x.stock > 0 && !x.regulated);
    assert.ok(product);
    await b.submit('/shops/coopo', '/shops/coopo/cart/add', { productId: product.id, quantity: '1' });
    const step1 = await b.get('/shops/coopo/checkout');
    assert.equal(step1.statusCode, 200, step1.body);
    assert.doesNotMatch(step1.body, /name="paymentMethod" value="card"/);
    assert.match(step1.body, /Aucun moyen de paiement n’est disponible/);
    const chosen = await b.submit('/shops/coopo/checkout', '/shops/coopo/checkout', { 'delivery.mode': 'carrier', paymentMethod: 'card' });
    assert.equal(chosen.statusCode, 422);
  });
});

describe('card payments captured at shipment (004 art.4 O9b)', () => {
  let ship: TestPlatform;
  let profilesDir = '';
  before(async () => {
    profilesDir = captureAtShipmentProfiles();
    ship = await startPlatform({ COMPTOIR_PROFILES_DIR: profilesDir });
  });
  after(async () => {
    await ship?.stop();
    rmSync(profilesDir, { recursive: true, force: true });
  });

  test('should authorise at order, capture at shipment, record one payment, and refund through Stripe', async () => {
    const s = ship.stripe;
    assert.ok(s);
    const { order } = await placed(ship, 'bible-et-jeux', 'expedition@example.fr');
    const request = s.requests.find((r) => r.form.client_reference_id === order.id);
    assert.equal(request?.form['payment_intent_data[capture_method]'], 'manual');

    const { session, intent } = s.complete(sessionOf(s, order.id).id);
    assert.equal((await deliver(ship, JSON.stringify(stripeEvent('payment_intent.amount_capturable_updated', intent)))).statusCode, 200);
    assert.equal((await deliver(ship, JSON.stringify(stripeEvent('checkout.session.completed', session)))).statusCode, 200);
    let f = await facts(ship, order.id);
    assert.deepEqual(f.checkouts.map((c) => [c.status, c.payment_intent_id]), [['authorized', intent.id]]);
    assert.equal(f.events.filter((t) => t === 'card_authorized').length, 1);
    assert.deepEqual([f.order.status, f.payments.length], ['awaiting_payment', 0], 'nothing debited before shipment');

    const shop = await getShop(ship.database.db, 'bible-et-jeux');
    const deps = { db: ship.database.db, clock: ship.clock, stripe: ship.app.deps.stripe, orders: orderSide };
    assert.equal(await captureAtShipment(deps, shop, order.id, 'staff:test'), 'captured');
    const capture = s.requests.find((r) => r.path === `/v1/payment_intents/${intent.id}/capture`);
    assert.ok(capture?.idempotencyKey, 'captured with an idempotency key');
    f = await facts(ship, order.id);
    assert.deepEqual([f.order.status, f.order.payment_status, f.payments.length, f.mails], ['accepted', 'paid', 1, 1]);
    assert.deepEqual(f.checkouts.map((c) => c.status), ['captured']);

    // Stripe's own news of the capture comes after: a duplicate by the PaymentIntent id.
    const succeeded = await deliver(ship, JSON.stringify(stripeEvent('payment_intent.succeeded', s.intents.get(intent.id) ?? {})));
    assert.equal(succeeded.statusCode, 200);
    assert.equal((await facts(ship, order.id)).payments.length, 1);
    assert.equal(await captureAtShipment(deps, shop, order.id, 'staff:test'), 'nothing_to_capture');

    assert.ok(deps.stripe);
    const refund = await refundCardPayment(deps.stripe, intent.id, 500, `refund-${order.id}-1`);
    assert.match(refund.id, /^re_test_/);
    assert.equal(refund.status, 'succeeded');
    const sent = s.requests.find((r) => r.path === '/v1/refunds');
    assert.deepEqual([sent?.form.payment_intent, sent?.form.amount, sent?.idempotencyKey], [intent.id, '500', `refund-${order.id}-1`]);
  });
});
