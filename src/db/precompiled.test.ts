/**
 * A precompiled statement sends the SQL Kysely's builder writes for the same query, with each
 * call's values in their places; a placeholder the builder would inline instead of binding is
 * refused when the statement is declared, not discovered on a live request.
 * Run on PGlite and on PostgreSQL (DATABASE_URL).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.ts';
import { startPlatform, type TestPlatform } from '../../test/support/platform.ts';
import { precompile } from './precompiled.ts';

let p: TestPlatform;
before(async () => {
  p = await startPlatform();
});
after(() => p.stop());

const productsOf = precompile((db, q: { shopId: string; ids: string[]; minPrice: number }) =>
  db
    .selectFrom('products')
    .select(['id', 'sku', 'unit_price_cents'])
    .where('shop_id', '=', q.shopId)
    .where(sql<boolean>`id = any(${q.ids}::uuid[])`)
    .where('unit_price_cents', '>=', q.minPrice)
    .where('active', '=', true)
    .orderBy('sku'),
);

describe('precompile', () => {
  test('should send the SQL the builder writes, with the values of each call in their places', async () => {
    const { db } = p.database;
    const built = (shopId: string, ids: string[], minPrice: number) =>
      db.selectFrom('products').select(['id', 'sku', 'unit_price_cents']).where('shop_id', '=', shopId).where(sql<boolean>`id = any(${ids}::uuid[])`).where('unit_price_cents', '>=', minPrice).where('active', '=', true).orderBy('sku');
    const all = await db.selectFrom('products').select(['id', 'sku', 'unit_price_cents']).where('shop_id', '=', 'coopso').orderBy('sku').execute();
    const ids = all.slice(0, 4).map((r) => r.id);
    const cheapest = Math.min(...all.slice(0, 4).map((r) => r.unit_price_cents));
    assert.equal(productsOf.sql, built('coopso', ids, 0).compile().sql);
    for (const [shop, min] of [['coopso', 0], ['coopso', cheapest + 1], ['bible-et-jeux', 0]] as const) {
      assert.deepEqual(await productsOf.all(db, { shopId: shop, ids, minPrice: min }), await built(shop, ids, min).execute(), `${shop} from ${min} cents`);
    }
    assert.equal((await productsOf.all(db, { shopId: 'coopso', ids, minPrice: 0 })).length, 4);
    assert.equal(await productsOf.first(db, { shopId: 'bible-et-jeux', ids, minPrice: 0 }), undefined, 'another shop’s products are not found');
  });

  test('should count the rows a write changed, in a transaction as outside one', async () => {
    const restock = precompile((db, q: { shopId: string; sku: string; stock: number }) => db.updateTable('products').set({ stock: q.stock }).where('shop_id', '=', q.shopId).where('sku', '=', q.sku));
    const { db } = p.database;
    const one = await db.selectFrom('products').select(['sku', 'stock']).where('shop_id', '=', 'coopso').orderBy('sku').executeTakeFirstOrThrow();
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        assert.equal(await restock.affected(trx, { shopId: 'coopso', sku: one.sku, stock: one.stock + 7 }), 1n);
        assert.equal(await restock.affected(trx, { shopId: 'bible-et-jeux', sku: one.sku, stock: 0 }), 0n);
        throw new Error('roll back');
      }),
      /roll back/,
    );
    const after = await db.selectFrom('products').select('stock').where('shop_id', '=', 'coopso').where('sku', '=', one.sku).executeTakeFirstOrThrow();
    assert.equal(after.stock, one.stock, 'rolled back with its transaction');
    assert.equal(await restock.affected(db, { shopId: 'coopso', sku: one.sku, stock: one.stock }), 1n);
  });

  test('should be prepared once per connection on PostgreSQL, planned once, and parsed again by nobody', async (t) => {
    if (p.database.kind !== 'postgres') return t.skip('PGlite runs in process: nothing to prepare');
    const prepared = (c: Kysely<DB>) =>
      sql<{ statement: string; runs: number; custom: number }>`select statement, (generic_plans + custom_plans)::int as runs, custom_plans::int as custom from pg_prepared_statements`.execute(c).then((r) => r.rows);
    const { before, after } = await p.database.db.connection().execute(async (c) => {
      const ids = (await c.selectFrom('products').select('id').where('shop_id', '=', 'coopso').limit(2).execute()).map((r) => r.id);
      const before = await prepared(c);
      for (let i = 0; i < 3; i++) assert.equal((await productsOf.all(c, { shopId: 'coopso', ids, minPrice: 0 })).length, 2);
      return { before, after: await prepared(c) };
    });
    const runs = (rows: { statement: string; runs: number }[]) => rows.filter((r) => r.statement === productsOf.sql).map((r) => r.runs);
    assert.equal(runs(after).length, 1, 'one prepared statement on the connection');
    assert.equal((runs(after)[0] ?? 0) - (runs(before)[0] ?? 0), 3, 'run three times from it');
    // Its generic plan from the first run: no planning per call (src/db/connect.ts).
    assert.deepEqual(after.filter((r) => r.statement === productsOf.sql).map((r) => r.custom), [0], 'never planned for its values');
    assert.ok(!after.some((r) => r.statement.includes('limit')), 'a statement built per call is not prepared');
  });

  test('should refuse, when declared, a placeholder the builder writes into the SQL instead of binding it', () => {
    assert.throws(() => precompile((db, q: { shopId: string; order: string }) => db.selectFrom('products').select('id').where('shop_id', '=', q.shopId).orderBy(sql.raw(q.order))), /order not bound/);
  });
});
