/**
 * The pages of a service (issue 10 §2, L221-25): the review page asks for the express request to
 * start during the withdrawal period behind an unticked box that states the consequence, only
 * when the cart holds a service; the ticked box is recorded on the order with its time; staff
 * record on the order page the day performance started, refused before the order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { FormClient } from '../support/form-client.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { productIdBySku } from '../support/shoppers.ts';

const SHOP = '/shops/coopconnexion';
let p: TestPlatform;
before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-03-02T10:00:00+01:00' }, { stripe: false });
});
after(async () => p?.stop());

async function shopper(email: string, skus: string[]): Promise<FormClient> {
  const b = new FormClient(p.app);
  const reg = await b.submit(`${SHOP}/register`, `${SHOP}/register`, {
    kind: 'consumer', email, password: 'une phrase de passe', firstName: 'Léa', lastName: 'Dupont',
    'address.line1': '12 rue de la Gare', 'address.postalCode': '62300', 'address.city': 'Lens', 'address.country': 'FR',
  });
  assert.equal(reg.statusCode, 303, reg.body);
  for (const sku of skus) await b.submit(SHOP, `${SHOP}/cart/add`, { productId: await productIdBySku(p, 'coopconnexion', sku), quantity: '1' });
  const chosen = await b.submit(`${SHOP}/checkout`, `${SHOP}/checkout`, {
    'delivery.mode': 'carrier', paymentMethod: 'card',
    'delivery.address.line1': '12 rue de la Gare', 'delivery.address.postalCode': '62300', 'delivery.address.city': 'Lens', 'delivery.address.country': 'FR',
  });
  assert.equal(chosen.statusCode, 303, chosen.body);
  return b;
}

function reviewFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const name of ['_csrf', 'expectedGrossCents', 'termsVersion', 'cartDigest', 'checkoutToken']) {
    const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html.slice(html.indexOf('/checkout/confirm')))?.[1];
    assert.ok(value !== undefined, `review form carries ${name}`);
    fields[name] = value;
  }
  return fields;
}

async function placeFromReview(b: FormClient, extra: Record<string, string>) {
  const review = await b.get(`${SHOP}/checkout/review`);
  const { _csrf, ...rest } = reviewFields(review.body);
  const res = await b.submit(`${SHOP}/checkout/review`, `${SHOP}/checkout/confirm`, { ...rest, acceptTerms: 'yes', ...extra }, { csrf: _csrf });
  assert.equal(res.statusCode, 303, res.body);
  return rest.checkoutToken as string;
}

const orderRow = (id: string) => p.database.db.selectFrom('orders').select(['service_start_requested_at', 'service_started_on']).where('id', '=', id).executeTakeFirstOrThrow();

describe('a service at checkout and on the staff order page (issue 10 §2)', () => {
  test('should ask the express request behind an unticked box with its consequence, only for a cart holding a service', async () => {
    const b = await shopper('service-page@example.fr', ['ASSIST-INFO-AN']);
    const review = (await b.get(`${SHOP}/checkout/review`)).body;
    const box = /<input[^>]*name="serviceStartRequested"[^>]*>/.exec(review)?.[0] ?? '';
    assert.ok(box, 'the box is there');
    assert.doesNotMatch(box, /checked/, 'never ticked for the customer');
    assert.match(box, /aria-describedby="service-start-consequence"/);
    assert.match(review, /<legend>Début de la prestation de service<\/legend>/);
    assert.match(review, /vous devrez un montant proportionnel à ce qui a été fourni jusqu’à votre rétractation/);
    assert.match(review, /Une prestation entièrement exécutée avant la fin du délai ne peut plus faire l’objet d’une rétractation/);

    const honey = await shopper('honey-page@example.fr', ['MIEL-500']);
    assert.doesNotMatch((await honey.get(`${SHOP}/checkout/review`)).body, /serviceStartRequested/);
  });

  test('should record the ticked box on the order with its time, and nothing when it is left unticked', async () => {
    const asked = await placeFromReview(await shopper('asked-page@example.fr', ['ASSIST-INFO-AN']), { serviceStartRequested: 'yes' });
    assert.equal((await orderRow(asked)).service_start_requested_at?.toISOString(), '2026-03-02T09:00:00.000Z');
    const silent = await placeFromReview(await shopper('silent-page@example.fr', ['CONSEIL-ENERGIE-6M']), {});
    assert.equal((await orderRow(silent)).service_start_requested_at, null);

    // Staff: the request and the form to record the day performance started.
    const staff = new FormClient(p.app);
    assert.equal((await staff.submit(`${SHOP}/staff/login`, `${SHOP}/staff/login`, { email: 'staff@coopconnexion.example', password: DEMO_PASSWORD })).statusCode, 303);
    const page = `${SHOP}/staff/orders/${asked}`;
    const body = (await staff.get(page)).body;
    assert.match(body, /<h3 id="service-start">Début d’exécution de la prestation<\/h3>/);
    assert.match(body, /Demande expresse de commencer pendant le délai<\/dt><dd>lundi 2 mars 2026/);
    const early = await staff.submit(page, `${page}/service-start`, { startedOn: '2026-03-01' });
    assert.equal(early.statusCode, 422);
    assert.match(early.body, /La prestation ne peut pas commencer avant la commande/);
    const ok = await staff.submit(page, `${page}/service-start`, { startedOn: '2026-03-02' });
    assert.equal(ok.statusCode, 303, ok.body);
    assert.equal((await orderRow(asked)).service_started_on, '2026-03-02');
    assert.match((await staff.get(`${page}?done=serviceStart`)).body, /Début d’exécution enregistré/);
    assert.match((await staff.get(`${SHOP}/staff/orders/${silent}`)).body, /Aucune : la prestation ne doit pas commencer avant la fin du délai/);
    // The customer's order page says what was asked and when performance started.
    const customer = new FormClient(p.app);
    assert.equal((await customer.submit(`${SHOP}/login`, `${SHOP}/login`, { email: 'asked-page@example.fr', password: 'une phrase de passe' })).statusCode, 303);
    const mine = (await customer.get(`${SHOP}/orders/${asked}`)).body;
    assert.match(mine, /<p id="service-start-request">Vous avez demandé le 2 mars 2026 à 10:00 que la prestation commence pendant le délai de rétractation\.<\/p>/);
    assert.match(mine, /Début d’exécution de la prestation : lundi 2 mars 2026\./);

    // Withdrawing on Wed 2026-03-11: the confirmation step says first what the service owes and why.
    const moved = await p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN), payload: { now: '2026-03-11T12:00:00+01:00' } });
    assert.equal(moved.statusCode, 200, moved.body);
    // Nine idle days end a shopper's session (7 days): signed in again.
    const later = new FormClient(p.app);
    assert.equal((await later.submit(`${SHOP}/login`, `${SHOP}/login`, { email: 'asked-page@example.fr', password: 'une phrase de passe' })).statusCode, 303);
    const step1 = `${SHOP}/orders/${asked}/withdrawal`;
    const step2 = await later.submit(step1, step1, { scope: 'whole' });
    assert.equal(step2.statusCode, 200, step2.body);
    assert.match(step2.body, /<p class="notice">Assistance informatique coopérative, abonnement 1 an : à votre demande, la prestation a commencé le lundi 2 mars 2026 ; 9 jours sur 365 ont été fournis jusqu’à votre rétractation, soit 2,96\s€ qui restent dus \(article L221-25 du Code de la consommation\) ; 117,04\s€ vous sont remboursés pour cette prestation\.<\/p>/);
  });

  test('should let staff create a service by its days in the back office, goods when left empty, never on the edit form', async () => {
    const staff = new FormClient(p.app);
    assert.equal((await staff.submit(`${SHOP}/staff/login`, `${SHOP}/staff/login`, { email: 'staff@coopconnexion.example', password: DEMO_PASSWORD })).statusCode, 303);
    const blank = (await staff.get(`${SHOP}/staff/products/new`)).body;
    assert.match(blank, /<label for="f-serviceDays">Prestation de service : durée couverte en jours<\/label>/);
    const fields = { 'name.fr': 'Atelier réparation vélo, 4 séances', price: '48,00', vatRate: '20', stock: '12' };
    const zero = await staff.submit(`${SHOP}/staff/products/new`, `${SHOP}/staff/products`, { ...fields, sku: 'ATELIER-VELO', serviceDays: '0' });
    assert.equal(zero.statusCode, 422);
    assert.match(zero.body, /id="f-serviceDays-error"/);
    const made = await staff.submit(`${SHOP}/staff/products/new`, `${SHOP}/staff/products`, { ...fields, sku: 'ATELIER-VELO', serviceDays: '28' });
    assert.equal(made.statusCode, 303, made.body);
    const goods = await staff.submit(`${SHOP}/staff/products/new`, `${SHOP}/staff/products`, { ...fields, sku: 'SELLE-VELO', serviceDays: '' });
    assert.equal(goods.statusCode, 303, goods.body);
    const rows = await p.database.db.selectFrom('products').select(['sku', 'kind', 'service_days']).where('shop_id', '=', 'coopconnexion').where('sku', 'in', ['ATELIER-VELO', 'SELLE-VELO']).orderBy('sku').execute();
    assert.deepEqual(rows.map((r) => [r.sku, r.kind, r.service_days]), [['ATELIER-VELO', 'service', 28], ['SELLE-VELO', 'goods', null]]);
    const id = await productIdBySku(p, 'coopconnexion', 'ATELIER-VELO');
    const edit = await staff.get(`${SHOP}/staff/products/${id}`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /value="ATELIER-VELO"/);
    assert.doesNotMatch(edit.body, /name="serviceDays"/);
  });
});
