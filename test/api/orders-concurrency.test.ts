/**
 * Never oversell (issue 3 point 4): concurrent orders against a guarded stock, on whichever
 * database the suite runs (PGlite, or the PostgreSQL server with a pool of 30 connections).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, termsVersion } from '../support/shoppers.ts';

let p: TestPlatform;
let token: string;
let version: string;
before(async () => {
  p = await startPlatform();
  token = await customerToken(p, 'coopconnexion', 'rush@example.fr');
  version = await termsVersion(p, 'coopconnexion');
});
after(async () => p.stop());

async function product(sku: string, stock: number): Promise<string> {
  const res = await p.app.inject({ method: 'POST', url: '/api/v1/shops/coopconnexion/products', headers: bearer(ADMIN_TOKEN), payload: { sku, name: `Produit ${sku}`, unitPriceCents: 500, vatRateBp: 2000, stock } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

const place = (lines: { productId: string; quantity: number }[]) =>
  p.app.inject({ method: 'POST', url: '/api/v1/shops/coopconnexion/orders', headers: bearer(token), payload: { lines, acceptedTerms: { version }, delivery: { mode: 'carrier' }, paymentMethod: 'card' } });

const stock = async (id: string) => (await p.database.db.selectFrom('products').select('stock').where('id', '=', id).executeTakeFirstOrThrow()).stock;

test('should sell exactly 100 of 100 units to 500 concurrent orders, refusing 400 cleanly', async () => {
  const id = await product('HOT-1', 100);
  const results = await Promise.all(Array.from({ length: 500 }, () => place([{ productId: id, quantity: 1 }])));
  const byStatus = new Map<number, number>();
  for (const r of results) byStatus.set(r.statusCode, (byStatus.get(r.statusCode) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(byStatus), { 201: 100, 409: 400 });
  assert.ok(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'out_of_stock'));
  assert.equal(await stock(id), 0);
  const lines = await p.database.db.selectFrom('order_lines').select((eb) => eb.fn.sum<number>('quantity').as('n')).where('product_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(Number(lines.n), 100);
});

test('should place 200 concurrent 5-product orders in random line order without deadlock or partial order', async () => {
  const ids = await Promise.all([1, 2, 3, 4, 5].map((i) => product(`MULTI-${i}`, 150)));
  const shuffled = () => [...ids].sort(() => Math.random() - 0.5).map((productId) => ({ productId, quantity: 1 }));
  const results = await Promise.all(Array.from({ length: 200 }, () => place(shuffled())));
  const placed = results.filter((r) => r.statusCode === 201);
  assert.equal(placed.length, 150);
  assert.ok(results.every((r) => r.statusCode === 201 || (r.statusCode === 409 && r.json().error.code === 'out_of_stock')), 'no deadlock, no 500');
  for (const id of ids) assert.equal(await stock(id), 0);
  for (const r of placed) assert.equal(r.json().lines.length, 5, 'every placed order has all its lines');
  const orders = await p.database.db.selectFrom('order_lines').select('order_id').where('product_id', 'in', ids).groupBy('order_id').having((eb) => eb.fn.countAll(), '<>', 5).execute();
  assert.deepEqual(orders, [], 'no partial order');
});
