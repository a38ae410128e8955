/**
 * Issue 8 §12: every demo shop takes an order on a fresh install, without Stripe keys. Through
 * the pages, as a browser without JavaScript: register, fill the cart, check out, then pay — card
 * shops on the simulated payment page ("Paiement simulé (démonstration)": Payer / Refuser le
 * paiement), transfer shops by the bank statement their staff import. In production the
 * simulated provider does not exist: card is not offered, its page answers 404, and a card-only
 * shop says on its home page, before anyone registers, that it cannot take an order.
 */
import assert from 'node:assert/strict';
import { rmSync, } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { issueApiToken } from '../../src/accounts/service.ts';
import { loadConfig } from '../../src/config.ts';
import { localDate } from '../../src/kernel/calendar.ts';
import { verifyOrder } from '../../src/legal/evidence/service.ts';
import { orderSide } from '../../src/flows/record-payment.ts';
import { captureAtShipment } from '../../src/payments/card/capture.ts';
import { orderJson } from '../../src/flows/order-json.ts';
import { findOrderFor } from '../../src/orders/service.ts';
import type { Profile } from '../../src/shops/profile/schema.ts';
import { getShop } from '../../src/shops/service.ts';
import { camt053, writtenAmount } from '../support/camt053.ts';
import { FormClient } from '../support/form-client.ts';
import { bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { captureAtShipmentProfiles } from '../support/profiles.ts';

const PRODUCTION = { NODE_ENV: 'production', PUBLIC_URL: 'https://comptoir.example.org', COMPTOIR_SECRET: 'a-production-secret-of-32-characters-at-least' };
const CARD_SHOPS = ['bible-et-jeux', 'coopconnexion', 'coopo'];

let p: TestPlatform;
before(async () => {
  p = await startPlatform({}, { stripe: false });
});
after(async () => p?.stop());

const forConsumers = <T extends { customerKinds?: readonly string[] | undefined }>(items: readonly T[] | undefined) => (items ?? []).filter((i) => !i.customerKinds || i.customerKinds.includes('consumer'));

/** A new customer of `slug`, registered through its page, with one product in the cart. */
async function shopper(t: TestPlatform, slug: string, email: string): Promise<FormClient> {
  const b = new FormClient(t.app);
  const address = slug === 'coopso' ? { line1: 'rue de Fer 1', postalCode: '4000', city: 'Liège', country: 'BE' } : { line1: '5 place de la République', postalCode: '66000', city: 'Perpignan', country: 'FR' };
  const reg = await b.submit(`/shops/${slug}/register`, `/shops/${slug}/register`, {
    kind: 'consumer', email, password: 'une phrase de passe', firstName: 'Léa', lastName: 'Dupont',
    ...Object.fromEntries(Object.entries(address).map(([k, v]) => [`address.${k}`, v])),
  });
  assert.equal(reg.statusCode, 303, `${slug} registration: ${reg.body}`);
  const products = (await t.app.inject({ method: 'GET', url: `/api/v1/shops/${slug}/products?sort=price_desc` })).json().items as { id: string; stock: number; regulated: boolean }[];
  const product = products.find((x) => x.stock > 0 && !x.regulated);
  assert.ok(product, `${slug} has a product in stock`);
  assert.equal((await b.submit(`/shops/${slug}`, `/shops/${slug}/cart/add`, { productId: product.id, quantity: '1' })).statusCode, 303);
  return b;
}

/** Checkout step 1 (pickup where offered, else the shop's first consumer delivery mode; `method`), the review, the final button. */
const placeOrder = (b: FormClient, slug: string, method: string) => placeOrderOn(p, b, slug, method);

async function placeOrderOn(t: TestPlatform, b: FormClient, slug: string, method: string) {
  const profile: Profile = (await getShop(t.database.db, slug)).profile;
  const modes = forConsumers(profile.delivery?.modes);
  const mode = modes.find((m) => m.mode === 'pickup') ?? modes.find((m) => m.mode !== 'customer_carrier');
  assert.ok(mode);
  const pickup = mode.mode === 'pickup' ? mode.points[0]?.name : undefined;
  const address = { 'delivery.address.line1': '5 place de la République', 'delivery.address.postalCode': '66000', 'delivery.address.city': 'Perpignan', 'delivery.address.country': 'FR' };
  const chosen = await b.submit(`/shops/${slug}/checkout`, `/shops/${slug}/checkout`, { 'delivery.mode': mode.mode, paymentMethod: method, ...(pickup ? { 'delivery.pickupPointId': pickup } : address) });
  assert.equal(chosen.statusCode, 303, `${slug} step 1: ${chosen.body}`);
  const review = await b.get(`/shops/${slug}/checkout/review`);
  assert.equal(review.statusCode, 200);
  const form = review.body.slice(review.body.indexOf('/checkout/confirm'));
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(form)?.[1] ?? '';
  const placed = await b.submit(`/shops/${slug}/cart`, `/shops/${slug}/checkout/confirm`, {
    expectedGrossCents: field('expectedGrossCents'), termsVersion: field('termsVersion'), cartDigest: field('cartDigest'), checkoutToken: field('checkoutToken'), acceptTerms: 'yes',
  }, { csrf: field('_csrf') });
  assert.equal(placed.statusCode, 303, `${slug} confirm: ${placed.body}`);
  const location = String(placed.headers.location);
  const id = /\/orders\/([0-9a-f-]{36})/.exec(location)?.[1];
  assert.ok(id, location);
  return { id, location };
}

const orderRow = (id: string) => p.database.db.selectFrom('orders').select(['status', 'payment_status', 'deposit_cents', 'gross_cents', 'payment_reference', 'shop_id']).where('id', '=', id).executeTakeFirstOrThrow();
const eventsOf = async (id: string) => (await p.database.db.selectFrom('order_events').select(['type', 'data']).where('order_id', '=', id).orderBy('seq').execute()).map((e) => ({ type: e.type, data: (typeof e.data === 'string' ? JSON.parse(e.data) : e.data) as Record<string, unknown> }));

/** On the simulated page: its label, the amount, two CSRF-protected buttons; then one of them. */
async function decide(b: FormClient, slug: string, id: string, decision: 'pay' | 'refuse') {
  const url = `/shops/${slug}/orders/${id}/simulated-payment`;
  const page = await b.get(url);
  assert.equal(page.statusCode, 200, page.body);
  assert.match(page.body, /<h1>Paiement simulé \(démonstration\)<\/h1>/);
  assert.match(page.body, /aucune somme n’est débitée/);
  assert.match(page.body, /<button type="submit">Payer<\/button>/);
  assert.match(page.body, /<button type="submit">Refuser le paiement<\/button>/);
  const forged = await b.submit(url, url, { decision }, { csrf: 'forged' });
  assert.equal(forged.statusCode, 403, 'a forged form is refused');
  return b.submit(url, url, { decision });
}

describe('every demo shop takes an order without Stripe (issue 8 §12)', () => {
  for (const slug of CARD_SHOPS) {
    test(`should take a card order at ${slug} through the simulated payment page, recorded as a payment`, async () => {
      const email = `simule@${slug}.example`;
      const b = await shopper(p, slug, email);
      const step1 = await b.get(`/shops/${slug}/checkout`);
      assert.match(step1.body, /name="paymentMethod" value="card"/);
      assert.match(step1.body, /Paiement simulé \(démonstration\) : aucune somme n’est débitée/);
      const { id, location } = await placeOrder(b, slug, 'card');
      assert.equal(location, `/shops/${slug}/orders/${id}/simulated-payment`, 'straight on to the simulated payment page');

      const paid = await decide(b, slug, id, 'pay');
      assert.equal(paid.statusCode, 303);
      assert.equal(paid.headers.location, `/shops/${slug}/orders/${id}?card=paid`);
      const orderPage = await b.get(String(paid.headers.location));
      assert.match(orderPage.body, /Paiement simulé accepté : votre commande est payée\./);
      const row = await orderRow(id);
      assert.deepEqual([row.status, row.payment_status], ['accepted', 'paid']);
      const payment = await p.database.db.selectFrom('order_payments').select(['method', 'amount_cents', 'provider_ref']).where('order_id', '=', id).execute();
      assert.deepEqual(payment.map((x) => [x.method, Number(x.amount_cents)]), [['card', row.gross_cents]]);
      assert.match(String(payment[0]?.provider_ref), /^sim_pi_/);
      const received = (await eventsOf(id)).filter((e) => e.type === 'payment_received');
      assert.equal(received.length, 1);
      assert.equal(received[0]?.data.provider, 'simulated', 'the evidence says the payment was simulated');
      const mail = await p.database.db.selectFrom('outbox').select(['subject', 'text_body']).where('to_address', '=', email).where('text_body', 'like', '%payée%').execute();
      assert.equal(mail.length, 1, 'one payment e-mail');
      // Double submission, or the back button: nothing more happens.
      const again = await b.submit(`/shops/${slug}/orders/${id}`, `/shops/${slug}/orders/${id}/simulated-payment`, { decision: 'pay' });
      assert.equal(again.headers.location, `/shops/${slug}/orders/${id}`);
      assert.equal((await p.database.db.selectFrom('order_payments').select('id').where('order_id', '=', id).execute()).length, 1);
      assert.equal((await verifyOrder(p.database.db, slug, id)).verified, true, 'the evidence chain holds');
    });
  }

  test('should issue Bible et Jeux’s invoice when the simulated payment is received (004 art.3 O8)', async () => {
    const b = await shopper(p, 'bible-et-jeux', 'facture-simulee@example.fr');
    const { id } = await placeOrder(b, 'bible-et-jeux', 'paypal');
    assert.equal(await p.database.db.selectFrom('invoices').select('id').where('order_id', '=', id).executeTakeFirst(), undefined, 'no invoice before payment');
    await decide(b, 'bible-et-jeux', id, 'pay');
    const invoice = await p.database.db.selectFrom('invoices').select('number').where('order_id', '=', id).executeTakeFirst();
    assert.ok(invoice, 'invoiced on payment');
    assert.match((await b.get(`/shops/bible-et-jeux/orders/${id}`)).body, new RegExp(invoice.number));
  });

  test('should keep the order unpaid with a message when the payment is refused, then let the customer pay', async () => {
    const b = await shopper(p, 'coopo', 'refus@coopo.example');
    const { id } = await placeOrder(b, 'coopo', 'card');
    const refused = await decide(b, 'coopo', id, 'refuse');
    assert.equal(refused.headers.location, `/shops/coopo/orders/${id}?card=refused`);
    const page = await b.get(String(refused.headers.location));
    assert.match(page.body, /Le paiement a été refusé \(paiement simulé\)\. Votre commande attend toujours son paiement/);
    assert.match(page.body, /<button type="submit">Payer \(paiement simulé\)<\/button>/);
    const row = await orderRow(id);
    assert.deepEqual([row.status, row.payment_status], ['awaiting_payment', 'awaiting']);
    assert.equal((await p.database.db.selectFrom('order_payments').select('id').where('order_id', '=', id).execute()).length, 0);
    const failed = (await eventsOf(id)).filter((e) => e.type === 'card_payment_failed');
    assert.deepEqual(failed.map((e) => [e.data.provider, e.data.declineCode]), [['simulated', 'simulated_decline']]);

    // "Payer (paiement simulé)" on the order page leads back to the simulated page.
    const again = await b.submit(`/shops/coopo/orders/${id}`, `/shops/coopo/orders/${id}/card-checkout`, {});
    assert.equal(again.headers.location, `/shops/coopo/orders/${id}/simulated-payment`);
    await decide(b, 'coopo', id, 'pay');
    assert.deepEqual(Object.values(await orderRow(id)).slice(0, 2), ['accepted', 'paid']);
  });

  test('should show the simulated page only to the order’s customer, and give its URL to the API', async () => {
    const b = await shopper(p, 'coopconnexion', 'api-simulee@example.fr');
    const { id } = await placeOrder(b, 'coopconnexion', 'card');
    const stranger = await shopper(p, 'coopconnexion', 'autre@example.fr');
    assert.equal((await stranger.get(`/shops/coopconnexion/orders/${id}/simulated-payment`)).statusCode, 404);
    assert.equal((await new FormClient(p.app).get(`/shops/coopconnexion/orders/${id}/simulated-payment`)).statusCode, 303, 'a visitor is sent to sign in');
    const order = await findOrderFor(p.database.db, { kind: 'operator', id: 'test', name: 'test' }, 'coopconnexion', id);
    const coop = await getShop(p.database.db, 'coopconnexion');
    const json = await orderJson(p.database.db, coop, order, localDate(p.clock.now(), coop.timeZone));
    assert.equal(json.payment.checkoutUrl, `http://localhost:3000/shops/coopconnexion/orders/${id}/simulated-payment`, 'API.md payment.checkoutUrl');
  });

  for (const slug of ['coopso', 'distritec']) {
    test(`should take a transfer order at ${slug} through the pages, paid by the statement its staff import`, async () => {
      const b = await shopper(p, slug, `virement@${slug}.example`);
      const { id, location } = await placeOrder(b, slug, 'bank_transfer');
      assert.equal(location, `/shops/${slug}/orders/${id}?placed=1`);
      assert.match((await b.get(location)).body, /IBAN/);
      const row = await orderRow(id);
      const staff = await p.database.db.selectFrom('staff').select(['id', 'name']).where('shop_id', '=', slug).executeTakeFirstOrThrow();
      const token = await issueApiToken({ db: p.database.db, clock: p.clock }, { kind: 'staff', shopId: slug, id: staff.id, name: staff.name }, 'test', 1);
      const iban = slug === 'coopso' ? 'BE59000001234526' : 'FR7699999000010000001234537';
      const due = row.deposit_cents ?? row.gross_cents;
      const xml = camt053('08', [{ id: `${slug}-1`, iban, entries: [{ amount: writtenAmount(due), booked: '2026-03-02', acctSvcrRef: `${slug}-1`, debtor: { name: 'Léa Dupont' }, reference: row.payment_reference ?? '' }] }]);
      const imported = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${slug}/bank-statements`, headers: { ...bearer(token), 'content-type': 'application/xml' }, payload: xml });
      assert.equal(imported.statusCode, 200, imported.body);
      assert.equal(imported.json().matched, 1);
      const after = await orderRow(id);
      assert.deepEqual([after.status, after.payment_status], ['accepted', row.deposit_cents === null ? 'paid' : 'partially_paid']);
    });
  }
});

describe('the home page says how a shop can be paid, before anyone registers', () => {
  test('should say on card shops’ home pages that card payment is simulated, and nothing on transfer shops’', async () => {
    for (const slug of CARD_SHOPS) assert.match((await p.app.inject({ method: 'GET', url: `/shops/${slug}` })).body, /Démonstration : le paiement par carte est simulé dans cette boutique/, slug);
    for (const slug of ['coopso', 'distritec']) {
      const home = (await p.app.inject({ method: 'GET', url: `/shops/${slug}` })).body;
      assert.doesNotMatch(home, /simulé|Aucun moyen de paiement/, slug);
    }
  });
});

describe('in production, without Stripe (issue 8 §12)', () => {
  let prod: TestPlatform;
  before(async () => {
    prod = await startPlatform(PRODUCTION, { stripe: false });
  });
  after(async () => prod?.stop());

  test('should turn the simulated provider on only without Stripe and outside production', () => {
    assert.equal(loadConfig({}).simulatedPayments, true);
    assert.equal(loadConfig(PRODUCTION).simulatedPayments, false);
    assert.equal(loadConfig({ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' }).simulatedPayments, false);
  });

  test('should say on the home page of a shop that takes only cards that no means of payment is available', async () => {
    for (const slug of CARD_SHOPS) {
      const home = (await prod.app.inject({ method: 'GET', url: `/shops/${slug}` })).body;
      assert.match(home, /Aucun moyen de paiement n’est disponible pour le moment dans cette boutique : la commande en ligne est impossible\./, slug);
      assert.doesNotMatch(home, /simulé/, slug);
    }
    for (const slug of ['coopso', 'distritec']) assert.doesNotMatch((await prod.app.inject({ method: 'GET', url: `/shops/${slug}` })).body, /Aucun moyen de paiement/, slug);
    const en = (await prod.app.inject({ method: 'GET', url: '/shops/coopo?lang=en' })).body;
    assert.match(en, /No means of payment is available in this shop for now/);
  });

  test('should not offer card, and answer 404 on the simulated payment page', async () => {
    const b = await shopper(prod, 'coopo', 'prod@coopo.example');
    const step1 = await b.get('/shops/coopo/checkout');
    assert.doesNotMatch(step1.body, /name="paymentMethod" value="card"/);
    assert.doesNotMatch(step1.body, /simulé/);
    const refused = await b.submit('/shops/coopo/checkout', '/shops/coopo/checkout', { 'delivery.mode': 'carrier', paymentMethod: 'card' });
    assert.equal(refused.statusCode, 422);
    const someOrder = '00000000-0000-4000-8000-000000000000';
    assert.equal((await b.get(`/shops/coopo/orders/${someOrder}/simulated-payment`)).statusCode, 404);
    assert.equal((await b.submit('/shops/coopo/cart', `/shops/coopo/orders/${someOrder}/simulated-payment`, { decision: 'pay' })).statusCode, 404);
  });
});

describe('simulated card payments captured at shipment, and refunded (issue 8 §12)', () => {
  let ship: TestPlatform;
  let profilesDir = '';
  before(async () => {
    profilesDir = captureAtShipmentProfiles();
    ship = await startPlatform({ COMPTOIR_PROFILES_DIR: profilesDir }, { stripe: false });
  });
  after(async () => {
    await ship?.stop();
    rmSync(profilesDir, { recursive: true, force: true });
  });

  test('should authorise at order, take the money at shipment, and refund it at once (004 art.4 O9b)', async () => {
    const db = ship.database.db;
    const b = await shopper(ship, 'bible-et-jeux', 'expedition-simulee@example.fr');
    const profile = (await getShop(db, 'bible-et-jeux')).profile;
    assert.equal(profile.payments?.capture, 'at_shipment');
    const placed = await placeOrderOn(ship, b, 'bible-et-jeux', 'card');
    const id = placed.id;
    const paid = await decide(b, 'bible-et-jeux', id, 'pay');
    assert.equal(paid.headers.location, `/shops/bible-et-jeux/orders/${id}?card=authorized`);
    assert.match((await b.get(String(paid.headers.location))).body, /Paiement simulé autorisé : il sera encaissé à l’expédition de la commande\./);
    const order = () => db.selectFrom('orders').select(['status', 'payment_status', 'gross_cents']).where('id', '=', id).executeTakeFirstOrThrow();
    const payments = () => db.selectFrom('order_payments').select(['amount_cents', 'provider_ref']).where('order_id', '=', id).execute();
    assert.deepEqual([(await order()).status, (await payments()).length], ['awaiting_payment', 0], 'nothing taken before shipment');

    const shop = await getShop(db, 'bible-et-jeux');
    const deps = { db, clock: ship.clock, stripe: null, orders: orderSide };
    assert.equal(await captureAtShipment(deps, shop, id, 'staff:test'), 'captured');
    assert.equal(await captureAtShipment(deps, shop, id, 'staff:test'), 'nothing_to_capture');
    assert.deepEqual(Object.values(await order()).slice(0, 2), ['accepted', 'paid']);
    const [payment] = await payments();
    assert.equal(Number(payment?.amount_cents), (await order()).gross_cents);

    const staff = await db.selectFrom('staff').select(['id', 'name']).where('shop_id', '=', 'bible-et-jeux').executeTakeFirstOrThrow();
    const token = await issueApiToken({ db, clock: ship.clock }, { kind: 'staff', shopId: 'bible-et-jeux', id: staff.id, name: staff.name }, 'test', 1);
    const refund = await ship.app.inject({ method: 'POST', url: `/api/v1/shops/bible-et-jeux/orders/${id}/refunds`, headers: bearer(token), payload: { amountCents: 500, reason: 'geste commercial' } });
    assert.equal(refund.statusCode, 201, refund.body);
    assert.deepEqual([refund.json().method, refund.json().status], ['card', 'succeeded']);
  });
});
