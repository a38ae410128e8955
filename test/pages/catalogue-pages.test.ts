import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { FormClient } from '../support/form-client.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let staff: FormClient;
before(async () => {
  p = await startPlatform();
  staff = new FormClient(p.app);
  const login = await staff.submit('/shops/distritec/staff/login', '/shops/distritec/staff/login', { email: 'staff@distritec.example', password: DEMO_PASSWORD });
  assert.equal(login.statusCode, 303);
});
after(async () => p.stop());

const product = { sku: 'TUBE-CU-22', 'name.fr': 'Tube cuivre 22 mm', 'description.fr': 'Couronne recuite', price: '12,40', vatRate: '20', stock: '300', unit: 'metre', condition: 'new', withdrawalException: '', images: 'https://example.org/tube.jpg' };

describe('back-office catalogue', () => {
  test('should create a product sold by the metre from the form, shown per metre in the shop', async () => {
    const res = await staff.submit('/shops/distritec/staff/products/new', '/shops/distritec/staff/products', product);
    assert.equal(res.statusCode, 303);
    const row = await p.database.db.selectFrom('products').selectAll().where('shop_id', '=', 'distritec').where('sku', '=', 'TUBE-CU-22').executeTakeFirstOrThrow();
    assert.equal(row.unit_price_cents, 1240);
    assert.equal(row.vat_rate_bp, 2000);
    assert.equal(row.unit, 'metre');
    assert.deepEqual(row.images, ['https://example.org/tube.jpg']);
    const shop = await p.app.inject({ method: 'GET', url: '/shops/distritec?q=cuivre%2022' });
    assert.match(shop.body, /12,40\s€ TTC le mètre/);
  });

  test('should show every error of a bad product form and create nothing', async () => {
    const res = await staff.submit('/shops/distritec/staff/products/new', '/shops/distritec/staff/products', { ...product, sku: 'BAD SKU', price: '12,345', stock: '-1', images: 'http://insecure.example/x.jpg' });
    assert.equal(res.statusCode, 422);
    for (const field of ['sku', 'price', 'stock', 'images']) assert.match(res.body, new RegExp(`href="#f-${field}`), field);
    const count = await p.database.db.selectFrom('products').select((eb) => eb.fn.countAll().as('n')).where('sku', '=', 'BAD SKU').executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  test('should edit a product and take it off sale', async () => {
    const row = await p.database.db.selectFrom('products').select('id').where('shop_id', '=', 'distritec').where('sku', '=', 'TUBE-CU-22').executeTakeFirstOrThrow();
    const form = `/shops/distritec/staff/products/${row.id}`;
    const res = await staff.submit(form, form, { ...product, price: '13', active: '' });
    assert.equal(res.statusCode, 303);
    const after = await p.database.db.selectFrom('products').select(['unit_price_cents', 'active']).where('id', '=', row.id).executeTakeFirstOrThrow();
    assert.deepEqual(after, { unit_price_cents: 1300, active: false });
    assert.doesNotMatch((await p.app.inject({ method: 'GET', url: '/shops/distritec' })).body, /Tube cuivre 22 mm/);
  });

  test('should keep the back office to the shop staff', async () => {
    assert.equal((await staff.get('/shops/coopso/staff/products/new')).statusCode, 403);
    assert.equal((await new FormClient(p.app).get('/shops/distritec/staff/products/new')).statusCode, 401);
  });
});

describe('catalogue filters', () => {
  test('should filter by maximum price and sort by price', async () => {
    const cheap = await p.app.inject({ method: 'GET', url: '/api/v1/shops/bible-et-jeux/products?maxPriceCents=3000&sort=price_desc' });
    const prices = cheap.json().items.map((i: { unitPriceCents: number }) => i.unitPriceCents);
    assert.ok(prices.length > 0 && prices.every((c: number) => c <= 3000));
    assert.deepEqual(prices, [...prices].sort((a: number, b: number) => b - a));
    const page = await p.app.inject({ method: 'GET', url: '/shops/bible-et-jeux?max=10&sort=price_asc' });
    assert.match(page.body, /Carte postale illustrée/);
    assert.doesNotMatch(page.body, /Lot de 4 jeux/);
  });
});
