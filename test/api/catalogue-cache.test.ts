/**
 * The catalogue kept in memory for a second or two (src/catalogue/listing-cache.ts, issue 9) and the
 * shop page shared between anonymous visitors (src/web/shops/kept-fragment.ts): a product changed
 * here is shown changed at once, a change made elsewhere within STALE_MS, and nothing of one visitor
 * (CSRF token, signed-in header) is ever served to another.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { STALE_MS } from '../../src/catalogue/listing-cache.ts';
import { FormClient } from '../support/form-client.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { registrationForm } from '../support/shoppers.ts';

const SHOP = 'coopo';
type Item = { id: string; sku: string; name: string; unitPriceCents: number; stock: number };

let p: TestPlatform;
before(async () => {
  p = await startPlatform();
});
after(async () => p.stop());

const list = async (query = '') => {
  const res = await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/products?limit=200${query}` });
  assert.equal(res.statusCode, 200);
  return res.json() as { items: Item[]; total: number };
};
const page = async (query = '') => {
  const res = await p.app.inject({ method: 'GET', url: `/shops/${SHOP}${query}` });
  assert.equal(res.statusCode, 200);
  return res.body;
};
const tokensIn = (html: string) => [...html.matchAll(/name="_csrf" value="([^"]*)"/g)].map((m) => m[1]);

test('a product changed by staff is shown changed at once, in the API and on the page', async () => {
  const [first] = (await list()).items;
  assert.ok(first, 'the demo shop has products');
  // Read twice each: from here on both are served from memory.
  for (let i = 0; i < 2; i++) assert.match(await page(), new RegExp(first.name));
  await list();

  const patched = await p.app.inject({ method: 'PATCH', url: `/api/v1/shops/${SHOP}/products/${first.id}`, headers: bearer(ADMIN_TOKEN), payload: { name: 'Cahier à couverture orange', unitPriceCents: 1234, stock: 7 } });
  assert.equal(patched.statusCode, 200, patched.body);

  const shown = (await list()).items.find((i) => i.id === first.id);
  assert.deepEqual({ name: shown?.name, price: shown?.unitPriceCents, stock: shown?.stock }, { name: 'Cahier à couverture orange', price: 1234, stock: 7 });
  const html = await page();
  assert.match(html, /Cahier à couverture orange/);
  assert.match(html, /12,34\s€ TTC/u);
  assert.doesNotMatch(html, new RegExp(`>${first.name}<`));
});

test('a product created by staff is found at once by a search that found nothing a moment before', async () => {
  assert.equal((await list('&q=gyroscope')).total, 0);
  assert.match(await page('?q=gyroscope'), /0 (produit|résultat)/);
  const created = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/products`, headers: bearer(ADMIN_TOKEN), payload: { sku: 'GYRO-1', name: 'Gyroscope pédagogique', unitPriceCents: 2490, vatRateBp: 2000, stock: 3 } });
  assert.equal(created.statusCode, 201, created.body);

  const found = await list('&q=gyroscope');
  assert.deepEqual(found.items.map((i) => i.sku), ['GYRO-1']);
  assert.match(await page('?q=gyroscope'), /Gyroscope pédagogique/);
});

test('a stock change made outside this process (another server, an order) is shown within STALE_MS (2 s)', async () => {
  const [first] = (await list()).items;
  assert.ok(first);
  await sql`update products set stock = 42 where shop_id = ${SHOP} and id = ${first.id}`.execute(p.database.db);
  await sleep(STALE_MS + 50);
  assert.equal((await list()).items.find((i) => i.id === first.id)?.stock, 42);
  assert.match(await page(), /En stock\s:\s42</u);
});

test('two anonymous visitors share the rendered page but each gets, and can only use, a CSRF token of their own', async () => {
  const a = new FormClient(p.app);
  const b = new FormClient(p.app);
  const pageA = (await a.get(`/shops/${SHOP}`)).body;
  const pageB = (await b.get(`/shops/${SHOP}`)).body;
  const [tokenA] = tokensIn(pageA);
  const [tokenB] = tokensIn(pageB);
  assert.ok(tokenA && tokenB && tokenA !== tokenB);
  // Every add-to-cart form of a page carries that visitor's token, and only the token differs.
  assert.ok(tokensIn(pageA).length >= 2 && tokensIn(pageA).every((t) => t === tokenA));
  assert.ok(tokensIn(pageB).every((t) => t === tokenB));
  assert.equal(pageA.replaceAll(tokenA, 'TOKEN'), pageB.replaceAll(tokenB, 'TOKEN'));

  const [productId] = [...pageA.matchAll(/name="productId" value="([^"]*)"/g)].map((m) => m[1] as string);
  assert.ok(productId);
  const withB = await a.submit(`/shops/${SHOP}`, `/shops/${SHOP}/cart/add`, { productId, quantity: '1' }, { csrf: tokenB });
  assert.equal(withB.statusCode, 403);
  const own = await a.submit(`/shops/${SHOP}`, `/shops/${SHOP}/cart/add`, { productId, quantity: '1' });
  assert.equal(own.statusCode, 303);
});

test("a signed-in customer's page is their own: an anonymous page served after it has no account link and no sign-out", async () => {
  const customer = new FormClient(p.app);
  const registered = await customer.submit(`/shops/${SHOP}/register`, `/shops/${SHOP}/register`, registrationForm('cache-visitor@example.fr'));
  assert.equal(registered.statusCode, 303, registered.body);
  await page(); // an anonymous page of the same URL is kept
  const theirs = (await customer.get(`/shops/${SHOP}`)).body;
  assert.match(theirs, new RegExp(`href="/shops/${SHOP}/account"`));
  assert.match(theirs, new RegExp(`action="/shops/${SHOP}/logout"`));

  const anonymous = await page();
  assert.doesNotMatch(anonymous, /\/account"|\/logout"/);
  assert.match(anonymous, new RegExp(`href="/shops/${SHOP}/login"`));
  assert.ok(!tokensIn(anonymous).some((t) => tokensIn(theirs).includes(t)), 'no token of the customer in the anonymous page');
});
