import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
before(async () => {
  p = await startPlatform({ PUBLIC_URL: 'https://shop.example' });
});
after(async () => p.stop());

describe('GET /api/v1/shops', () => {
  test('should list the five demo shops with their legal system and home page on PUBLIC_URL, whatever the Host header says', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/api/v1/shops', headers: { host: 'shop.test' } });
    assert.equal(res.statusCode, 200);
    const shops = res.json() as { slug: string; legalSystem: string; currency: string; url: string }[];
    const bySlug = Object.fromEntries(shops.map((s) => [s.slug, s]));
    assert.deepEqual(Object.keys(bySlug).sort(), ['bible-et-jeux', 'coopconnexion', 'coopo', 'coopso', 'distritec']);
    assert.equal(bySlug.coopso?.legalSystem, 'BE');
    for (const slug of ['coopconnexion', 'coopo', 'distritec', 'bible-et-jeux']) assert.equal(bySlug[slug]?.legalSystem, 'FR');
    assert.equal(bySlug.coopso?.url, 'https://shop.example/shops/coopso');
    assert.ok(shops.every((s) => s.currency === 'EUR'));
  });

  test('should answer 404 shop_not_found, in the asked language, for an unknown or hostile slug', async () => {
    for (const slug of ['nope', "x'%20OR%201=1--", '%3Cscript%3E']) {
      const res = await p.app.inject({ method: 'GET', url: `/api/v1/shops/${slug}/products`, headers: { 'accept-language': 'en' } });
      assert.equal(res.statusCode, 404);
      assert.deepEqual(res.json(), { error: { code: 'shop_not_found', message: 'This shop does not exist.', field: 'shop' } });
    }
  });
});

describe('catalogue API', () => {
  test('should list each demo shop catalogue with prices incl. VAT in cents and VAT in basis points', async () => {
    for (const shop of p.shops) {
      const res = await p.app.inject({ method: 'GET', url: `/api/v1/shops/${shop.slug}/products` });
      assert.equal(res.statusCode, 200);
      const body = res.json() as { items: { unitPriceCents: number; vatRateBp: number; stock: number }[]; total: number };
      assert.ok(body.total >= 1, `${shop.slug} has a demo catalogue`);
      assert.equal(body.items.length, body.total);
      for (const item of body.items) {
        assert.ok(Number.isInteger(item.unitPriceCents) && item.unitPriceCents > 0);
        assert.ok(Number.isInteger(item.vatRateBp));
      }
    }
  });

  test('should let an operator create a product, refuse a duplicate SKU and refuse anonymous callers', async () => {
    const token = ADMIN_TOKEN;
    const create = (shop: string, headers: Record<string, string>, body: unknown) =>
      p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/products`, headers, payload: body as object });
    const product = { sku: 'T-1', name: 'Jeu de test', unitPriceCents: 1999, vatRateBp: 2000, stock: 3 };
    const created = await create('bible-et-jeux', bearer(token), product);
    assert.equal(created.statusCode, 201);
    assert.equal(created.json().unitPriceExclVatCents, 1666); // 19.99 TTC at 20 %: VAT 3.33 half-up, HT 16.66

    const again = await create('bible-et-jeux', bearer(token), product);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'sku_taken');

    const anonymous = await create('bible-et-jeux', {}, { ...product, sku: 'T-2' });
    assert.equal(anonymous.statusCode, 401);
  });

  test('should refuse malformed product bodies with the field at fault, changing nothing', async () => {
    const before = (await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopo/products' })).json().total;
    const bad = [
      [{ sku: 'X', name: 'n', unitPriceCents: 12.5, vatRateBp: 2000, stock: 1 }, 'unitPriceCents'],
      [{ sku: 'X', name: 'n', unitPriceCents: -1, vatRateBp: 2000, stock: 1 }, 'unitPriceCents'],
      [{ sku: 'X', name: 'n', unitPriceCents: '100', vatRateBp: 2000, stock: 1 }, 'unitPriceCents'],
      [{ sku: "X'; drop table products;--", name: 'n', unitPriceCents: 1, vatRateBp: 2000, stock: 1 }, 'sku'],
      [{ sku: 'X', name: 'n', unitPriceCents: 1, vatRateBp: 2000, stock: 1, price: 5 }, ''],
    ] as const;
    for (const [body, field] of bad) {
      const res = await p.app.inject({ method: 'POST', url: '/api/v1/shops/coopo/products', headers: bearer(ADMIN_TOKEN), payload: body });
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.equal(res.json().error.field ?? '', field);
    }
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/shops/coopo/products', headers: { ...bearer(ADMIN_TOKEN), 'content-type': 'application/json' }, payload: '{"sku":' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'invalid_json');
    assert.equal((await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopo/products' })).json().total, before);
  });

  test('should answer 404 for a product id that is not a UUID or belongs to another shop', async () => {
    const other = (await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopso/products' })).json().items[0].id;
    for (const id of ['42', other, "1' or '1'='1"]) {
      const res = await p.app.inject({ method: 'GET', url: `/api/v1/shops/bible-et-jeux/products/${encodeURIComponent(id)}` });
      assert.equal(res.statusCode, 404);
    }
  });

  test('should refuse a payload over 1 MiB with 413 payload_too_large', async () => {
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/shops/coopo/products', headers: { ...bearer(ADMIN_TOKEN), 'content-type': 'application/json' }, payload: `{"sku":"${'x'.repeat(1_100_000)}"}` });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().error.code, 'payload_too_large');
  });
});

describe('OpenAPI', () => {
  test('should publish the OpenAPI description and the browsable docs', async () => {
    const spec = await p.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    assert.equal(spec.statusCode, 200);
    const paths = Object.keys(spec.json().paths);
    for (const route of ['/api/v1/shops', '/api/v1/shops/{shop}/products', '/api/v1/shops/{shop}/customers', '/api/v1/shops/{shop}/session', '/api/v1/clock']) {
      assert.ok(paths.includes(route), `${route} documented`);
    }
    const docs = await p.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /swagger/i);
  });
});
