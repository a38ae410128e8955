/**
 * Every table holding shop data leads its primary key and unique indexes with shop_id (DESIGN.md
 * §9: sharding by shop on Citus later; migration 0011), read from the catalogue of the migrated
 * database, so that a new table or index cannot break the rule unnoticed.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { startPlatform, type TestPlatform } from '../../test/support/platform.ts';

/** Tables with a shop_id column that are allowed another key, and why (see 0011_shop_keys.ts). */
const EXCEPTIONS: Record<string, string> = {
  sessions: 'also holds operators (no shop); found by the hash of the cookie before any shop is known',
  api_tokens: 'also holds operators (no shop); found by the hash of the bearer token before any shop is known',
  stripe_events: 'claimed by its Stripe id on receipt, before its shop is known',
  outbox: 'platform e-mails have no shop; its key is decided by the job-table rework (0010)',
};

type Key = { table: string; index: string; primary: boolean; first: string | null };

let p: TestPlatform;
before(async () => {
  p = await startPlatform();
});
after(() => p.stop());

/** Each public table with a shop_id column, its primary key and unique indexes, and the first column of each. */
async function shopTableKeys(): Promise<{ tables: string[]; keys: Key[] }> {
  const tables = await sql<{ table: string }>`
    select c.relname as table from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and a.attname = 'shop_id' and not a.attisdropped order by 1`.execute(p.database.db);
  const keys = await sql<Key>`
    select c.relname as table, i.relname as index, x.indisprimary as primary, a.attname as first
    from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid join pg_namespace n on n.oid = c.relnamespace
    left join pg_attribute a on a.attrelid = c.oid and a.attnum = x.indkey[0]
    where n.nspname = current_schema() and (x.indisprimary or x.indisunique) order by 1, 2`.execute(p.database.db);
  return { tables: tables.rows.map((r) => r.table), keys: keys.rows };
}

test('should lead the primary key of every table holding shop data with shop_id, except the listed platform-wide ones', async () => {
  const { tables, keys } = await shopTableKeys();
  assert.ok(tables.includes('orders') && tables.includes('card_checkouts'), 'the catalogue query sees the shop tables');
  const wrong = tables.filter((t) => !(t in EXCEPTIONS)).filter((t) => keys.find((k) => k.table === t && k.primary)?.first !== 'shop_id');
  assert.deepEqual(wrong, [], 'tables whose primary key does not lead with shop_id');
});

test('should lead every unique index of those tables with shop_id, so no lookup skips the shop', async () => {
  const { tables, keys } = await shopTableKeys();
  const wrong = keys.filter((k) => tables.includes(k.table) && !(k.table in EXCEPTIONS) && k.first !== 'shop_id').map((k) => `${k.table}.${k.index}`);
  assert.deepEqual(wrong, [], 'unique indexes that do not lead with shop_id');
});

test('should let two shops each hold a password reset under the same token hash', async () => {
  const { db } = p.database;
  const shops = (await db.selectFrom('shops').select('id').orderBy('id').limit(2).execute()).map((s) => s.id);
  assert.equal(shops.length, 2, 'the demo data has two shops');
  const now = new Date(Date.now() + 3_600_000);
  for (const shopId of shops) {
    const address = { line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' };
    const customer = { shop_id: shopId, kind: 'consumer', email: 'same@example.org', password_hash: 'x', first_name: 'A', last_name: 'B', company_name: null, siret: null, vat_number: null, address: JSON.stringify(address), language: 'fr' } as const;
    const { id } = await db.insertInto('customers').values(customer).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('password_resets').values({ token_hash: 'same-hash', shop_id: shopId, customer_id: id, expires_at: now }).execute();
  }
  const resets = await db.selectFrom('password_resets').select('shop_id').where('token_hash', '=', 'same-hash').orderBy('shop_id').execute();
  assert.deepEqual(resets.map((r) => r.shop_id), shops);
});
