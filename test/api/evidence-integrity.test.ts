/**
 * Issue 8 §11: the evidence is complete, not only unaltered. The order row keeps the head hash and
 * count of its chain, so a log cut short shows; the order row is held against what the customer
 * agreed to (the `placed` event); and issued invoices and evidence events cannot be changed or
 * deleted with plain SQL, even by the database's owner — only through the logged legal purge.
 * Tampering is done here as an attacker with SQL access would, through the test's database handle.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { down, up } from '../../src/db/migrations/0007_evidence_integrity.ts';
import { verifyAll, verifyOrder } from '../../src/legal/evidence/service.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, termsVersion } from '../support/shoppers.ts';

let p: TestPlatform;
let db: Kysely<DB>;
let token: string;
let product: string;
before(async () => {
  p = await startPlatform();
  db = p.database.db;
  token = await customerToken(p, 'coopso', 'preuve@example.be');
  const res = await p.app.inject({ method: 'POST', url: '/api/v1/shops/coopso/products', headers: bearer(ADMIN_TOKEN), payload: { sku: 'PREUVE-1', name: 'Panier', unitPriceCents: 2420, vatRateBp: 2100, stock: 100 } });
  assert.equal(res.statusCode, 201, res.body);
  product = res.json().id;
});
after(async () => p?.stop());

/** Coopso invoices at placement: each order has an issued invoice and two events. */
async function placeOrder(): Promise<{ id: string; number: string }> {
  const res = await p.app.inject({
    method: 'POST',
    url: '/api/v1/shops/coopso/orders',
    headers: bearer(token),
    payload: { lines: [{ productId: product, quantity: 2 }], acceptedTerms: { version: await termsVersion(p, 'coopso') }, delivery: { mode: 'pickup', pickupPointId: '0' }, paymentMethod: 'bank_transfer' },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

const events = (orderId: string) => db.selectFrom('order_events').selectAll().where('order_id', '=', orderId).orderBy('seq').execute();
const invoice = (orderId: string) => db.selectFrom('invoices').selectAll().where('order_id', '=', orderId).executeTakeFirstOrThrow();
const refused = (statement: ReturnType<typeof sql>) => assert.rejects(statement.execute(db), /refused/);

/** What a superuser can always do, and what `comptoir verify` must still catch afterwards. */
async function withTriggersDisabled(table: 'order_events' | 'invoices', change: () => Promise<unknown>): Promise<void> {
  await sql`alter table ${sql.table(table)} disable trigger user`.execute(db);
  try {
    await change();
  } finally {
    await sql`alter table ${sql.table(table)} enable trigger user`.execute(db);
  }
}

describe('the order keeps the head of its evidence chain', () => {
  test('should record the head hash and count on the order with each append', async () => {
    const o = await placeOrder();
    const log = await events(o.id);
    assert.deepEqual(log.map((e) => e.type), ['placed', 'confirmation_email_queued']);
    const row = await db.selectFrom('orders').select(['evidence_head', 'evidence_count']).where('id', '=', o.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { evidence_head: log[1]?.hash, evidence_count: 2 });
    assert.deepEqual(await verifyOrder(db, 'coopso', o.id).then((c) => [c.verified, c.reason]), [true, null]);
  });

  test('should report a log cut short when a superuser deletes the last event past the triggers', async () => {
    const o = await placeOrder();
    await withTriggersDisabled('order_events', () => db.deleteFrom('order_events').where('order_id', '=', o.id).where('seq', '=', 2).execute());
    const check = await verifyOrder(db, 'coopso', o.id);
    assert.deepEqual([check.verified, check.brokenAt, check.reason], [false, 2, 'events missing: the order records 2 events, the log holds 1']);
    const api = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/coopso/orders/${o.id}/evidence`, headers: bearer(ADMIN_TOKEN) })).json();
    assert.equal(api.verified, false);
    const report = await verifyAll(db, 'coopso');
    assert.ok(report.tampered.some((t) => t.orderId === o.id && t.check.brokenAt === 2));
  });

  test('should report an order whose totals or lines no longer say what the customer agreed to', async () => {
    const o = await placeOrder();
    await db.updateTable('orders').set({ gross_cents: 1 }).where('id', '=', o.id).execute();
    assert.equal((await verifyOrder(db, 'coopso', o.id)).reason, 'the order differs from what the customer agreed to (placed event): gross_cents');
    const other = await placeOrder();
    await db.updateTable('order_lines').set({ quantity: 1 }).where('order_id', '=', other.id).execute();
    assert.equal((await verifyOrder(db, 'coopso', other.id)).reason, 'the order differs from what the customer agreed to (placed event): order_lines');
    const tampered = (await verifyAll(db, 'coopso')).tampered.map((t) => t.orderId);
    assert.ok(tampered.includes(o.id) && tampered.includes(other.id));
  });
});

describe('evidence events and issued invoices are kept unchanged by the database itself', () => {
  test('should refuse to update, delete or truncate evidence events, even for the owner', async () => {
    const o = await placeOrder();
    const before = await events(o.id);
    await refused(sql`update order_events set data = '{"totals":{"grossCents":1}}' where order_id = ${o.id} and seq = 1`);
    await refused(sql`delete from order_events where order_id = ${o.id} and seq = 2`);
    await refused(sql`truncate order_events`);
    assert.deepEqual(await events(o.id), before);
    assert.equal((await verifyOrder(db, 'coopso', o.id)).verified, true);
  });

  test('should refuse to change an issued invoice’s number, amounts or parties, or delete it', async () => {
    const o = await placeOrder();
    const issued = await invoice(o.id);
    await refused(sql`update invoices set number = 'F-1999-000001' where id = ${issued.id}`);
    await refused(sql`update invoices set totals = jsonb_set(totals, '{grossCents}', '1') where id = ${issued.id}`);
    await refused(sql`update invoices set lines = '[]', buyer = '{"name":"Autre"}' where id = ${issued.id}`);
    await refused(sql`update invoices set issued_on = issued_on + 1 where id = ${issued.id}`);
    await refused(sql`delete from invoices where id = ${issued.id}`);
    await refused(sql`truncate invoices cascade`);
    assert.deepEqual(await invoice(o.id), issued);
    // Only a change of those mentions is refused: an update that leaves them as issued goes through.
    await sql`update invoices set number = number where id = ${issued.id}`.execute(db);
  });
});

describe('the legal purge', () => {
  test('should delete an order’s evidence and invoices only through comptoir_legal_purge, and log it', async () => {
    const o = await placeOrder();
    const reason = 'RGPD art. 17 erasure, retention period (C. com. L123-22) over';
    await assert.rejects(sql`select comptoir_legal_purge(${o.id}::uuid, 'why')`.execute(db), /say why/);
    const purge = await sql<{ order_number: string; events_deleted: number; invoices_deleted: number; reason: string; purged_by: string }>`select * from comptoir_legal_purge(${o.id}::uuid, ${reason})`.execute(db);
    assert.deepEqual(
      purge.rows.map((r) => [r.order_number, r.events_deleted, r.invoices_deleted, r.reason]),
      [[o.number, 2, 1, reason]],
    );
    assert.equal((await events(o.id)).length, 0);
    assert.equal((await db.selectFrom('invoices').select('id').where('order_id', '=', o.id).execute()).length, 0);
    const log = await db.selectFrom('evidence_purges').selectAll().where('order_id', '=', o.id).execute();
    assert.deepEqual(log.map((r) => [r.shop_id, r.order_number, r.reason, r.events_deleted, r.invoices_deleted]), [['coopso', o.number, reason, 2, 1]]);
    assert.ok(log[0]?.purged_by && log[0].purged_at instanceof Date);
    // The purge log is append-only, and a purge logged earlier opens no door to a later delete.
    await refused(sql`delete from evidence_purges where order_id = ${o.id}`);
    await refused(sql`update evidence_purges set reason = 'nothing' where order_id = ${o.id}`);
    const report = await verifyAll(db, 'coopso');
    assert.ok(report.purged.some((t) => t.orderId === o.id && t.check.reason?.endsWith(reason)));
    assert.ok(!report.tampered.some((t) => t.orderId === o.id));
    const other = await placeOrder();
    await sql`insert into evidence_purges (shop_id, order_id, order_number, reason, events_deleted, invoices_deleted) values ('coopso', ${other.id}, ${other.number}, 'a fake entry', 0, 0)`.execute(db);
    await refused(sql`delete from order_events where order_id = ${other.id}`);
  });
});

describe('migration 0007', () => {
  test('should fill the head and count of orders placed before it, and go down and up again', async () => {
    const o = await placeOrder();
    const log = await events(o.id);
    await down(db as unknown as Kysely<unknown>);
    await up(db as unknown as Kysely<unknown>);
    const row = await db.selectFrom('orders').select(['evidence_head', 'evidence_count']).where('id', '=', o.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { evidence_head: log.at(-1)?.hash, evidence_count: log.length });
    await refused(sql`delete from order_events where order_id = ${o.id}`);
  });
});
