/**
 * Nothing is stuck after a crash (issue 8 §5): an Idempotency-Key left claimed by a killed process
 * runs again once its lease is over; an order committed just before the kill is replayed from the
 * answer stored in its own transaction; concurrent duplicates wait for the first answer; keys are
 * purged after 24 h of platform time; bodies are compared whatever their key order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { claimKey } from '../../src/platform/idempotency-keys.ts';
import { bodyHash } from '../../src/web/idempotency.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, termsVersion } from '../support/shoppers.ts';

const SHOP = 'coopconnexion';
const ORDERS = `/api/v1/shops/${SHOP}/orders`;

let p: TestPlatform;
let token: string;
let customerId: string;
let version: string;
before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '1' });
  token = await customerToken(p, SHOP, 'retry@example.fr');
  customerId = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/me`, headers: bearer(token) })).json().id;
  version = await termsVersion(p, SHOP);
});
after(async () => p.stop());

let skus = 0;
async function product(stock = 10): Promise<string> {
  const res = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/products`, headers: bearer(ADMIN_TOKEN), payload: { sku: `IDEM-${++skus}`, name: `Produit ${skus}`, unitPriceCents: 1500, vatRateBp: 2000, stock } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

const orderBody = (productId: string, quantity = 1) => ({ lines: [{ productId, quantity }], acceptedTerms: { version }, delivery: { mode: 'carrier' }, paymentMethod: 'card' });
const place = (body: object | string, key: string) =>
  p.app.inject({ method: 'POST', url: ORDERS, headers: { ...bearer(token), 'idempotency-key': key, 'content-type': 'application/json' }, payload: typeof body === 'string' ? body : JSON.stringify(body) });
const stockOf = async (id: string) => (await p.database.db.selectFrom('products').select('stock').where('id', '=', id).executeTakeFirstOrThrow()).stock;
const ordersOf = async (id: string) => (await p.database.db.selectFrom('order_lines').select('order_id').where('product_id', '=', id).execute()).map((r) => r.order_id);
const platformNow = () => new Date(p.clock.now().epochMilliseconds);
async function moveClock(ms: number): Promise<void> {
  const res = await p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN), payload: { now: new Date(platformNow().getTime() + ms).toISOString() } });
  assert.equal(res.statusCode, 200, res.body);
}

/**
 * Runs `request` as if the process died right after the commit of its state: nothing it does
 * afterwards reaches the database. Triggers let idempotency_keys be written only by a
 * transaction that also inserted into `table` (the handler's own transaction).
 */
async function diesAfterCommit<T>(table: string, request: () => Promise<T>): Promise<T> {
  const db = p.database.db;
  await sql`create function test_state_tx() returns trigger language plpgsql as $$ begin perform set_config('test.state_tx', 'yes', true); return new; end $$`.execute(db);
  await sql`create trigger test_state_tx after insert on ${sql.table(table)} for each row execute function test_state_tx()`.execute(db);
  await sql`create function test_process_died() returns trigger language plpgsql as $$ begin
    if coalesce(current_setting('test.state_tx', true), '') = 'yes' then return coalesce(new, old); end if;
    return null; end $$`.execute(db);
  await sql`create trigger test_process_died before update or delete on idempotency_keys for each row execute function test_process_died()`.execute(db);
  try {
    return await request();
  } finally {
    await sql`drop trigger test_process_died on idempotency_keys`.execute(db);
    await sql`drop trigger test_state_tx on ${sql.table(table)}`.execute(db);
    await sql`drop function test_process_died(), test_state_tx()`.execute(db);
  }
}

describe('after a crash', () => {
  test('should run a retry once the lease of a claim left unanswered by a killed process is over', async () => {
    const id = await product();
    const body = orderBody(id);
    const key = 'killed-before-commit';
    // What a process killed mid-request leaves: its claim, no answer, no order.
    const left = await claimKey(p.database.db, { scope: `customer:${customerId} POST ${ORDERS}`, key, sha256: bodyHash(body) }, platformNow());
    assert.equal(left.kind, 'claimed');

    const started = performance.now();
    const early = await place(body, key);
    assert.equal(early.statusCode, 409, early.body);
    assert.equal(early.json().error.code, 'idempotency_in_progress');
    const retryAfter = Number(early.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${early.headers['retry-after']}`);
    assert.ok(performance.now() - started >= 9_000, 'the duplicate waited for an answer before giving up');

    await moveClock(61_000);
    const retry = await place(body, key);
    assert.equal(retry.statusCode, 201, retry.body);
    assert.equal(retry.headers['idempotent-replayed'], undefined);
    assert.deepEqual(await ordersOf(id), [retry.json().id]);
    assert.equal(await stockOf(id), 9);
    const again = await place(body, key);
    assert.equal(again.json().id, retry.json().id);
    assert.equal(again.headers['idempotent-replayed'], 'true');
  });

  test('should replay an order committed with its answer when the process died before sending it', async () => {
    const id = await product();
    const body = orderBody(id);
    const key = 'killed-after-commit';
    const lost = (await diesAfterCommit('orders', () => place(body, key))).json().id;
    const db = p.database.db;
    const row = await db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
    assert.equal(row.status_code, 201, 'the answer committed with the order');
    assert.ok(row.locked_until, 'and was never settled');

    await moveClock(61_000);
    const retry = await place(body, key);
    assert.equal(retry.statusCode, 201, retry.body);
    assert.equal(retry.headers['idempotent-replayed'], 'true');
    assert.equal(retry.json().id, lost);
    assert.equal(retry.json().status, 'awaiting_payment');
    assert.deepEqual(await ordersOf(id), [lost], 'no second order');
    assert.equal(await stockOf(id), 9, 'stock taken once');
  });

  test('should replay a product and an order event committed with their answers when the process died before sending them', async () => {
    const staff = (url: string, payload: object, key: string) => p.app.inject({ method: 'POST', url, headers: { ...bearer(ADMIN_TOKEN), 'idempotency-key': key }, payload });
    const productUrl = `/api/v1/shops/${SHOP}/products`;
    const newProduct = { sku: 'IDEM-CRASH', name: 'Produit du crash', unitPriceCents: 900, vatRateBp: 2000, stock: 5 };
    const created = await diesAfterCommit('products', () => staff(productUrl, newProduct, 'product-crash'));
    assert.equal(created.statusCode, 201, created.body);

    const order = (await place(orderBody(created.json().id), 'order-of-crash-product')).json();
    const eventUrl = `${ORDERS}/${order.id}/events`;
    const cancel = { type: 'cancelled', at: platformNow().toISOString() };
    const cancelled = await diesAfterCommit('order_events', () => staff(eventUrl, cancel, 'cancel-crash'));
    assert.equal(cancelled.statusCode, 201, cancelled.body);

    await moveClock(61_000);
    const productRetry = await staff(productUrl, newProduct, 'product-crash');
    assert.equal(productRetry.statusCode, 201, productRetry.body);
    assert.equal(productRetry.headers['idempotent-replayed'], 'true');
    assert.equal(productRetry.json().id, created.json().id);
    const eventRetry = await staff(eventUrl, cancel, 'cancel-crash');
    assert.equal(eventRetry.statusCode, 201, eventRetry.body);
    assert.equal(eventRetry.headers['idempotent-replayed'], 'true');
    assert.equal(eventRetry.json().status, 'cancelled');
    const events = await p.database.db.selectFrom('order_events').select('type').where('order_id', '=', order.id).where('type', '=', 'cancelled').execute();
    assert.equal(events.length, 1, 'cancelled once');
  });
});

describe('duplicates', () => {
  test('should answer 5 concurrent identical requests with one order and 5 identical answers', async () => {
    const id = await product();
    const body = orderBody(id);
    const answers = await Promise.all(Array.from({ length: 5 }, () => place(body, 'double-click')));
    assert.deepEqual(answers.map((a) => a.statusCode), [201, 201, 201, 201, 201], answers.map((a) => a.body).join('\n'));
    assert.equal(new Set(answers.map((a) => a.body)).size, 1, 'identical bodies');
    assert.equal(answers.filter((a) => a.headers['idempotent-replayed'] === 'true').length, 4);
    assert.deepEqual(await ordersOf(id), [answers[0]?.json().id]);
    assert.equal(await stockOf(id), 9);
  });

  test('should replay a body whose keys come in another order, and refuse another value', async () => {
    const id = await product();
    const first = await place(`{"lines":[{"productId":"${id}","quantity":1}],"acceptedTerms":{"version":"${version}"},"delivery":{"mode":"carrier"},"paymentMethod":"card"}`, 'reordered');
    assert.equal(first.statusCode, 201, first.body);
    const reordered = await place(`{"paymentMethod":"card","delivery":{"mode":"carrier"},"acceptedTerms":{"version":"${version}"},"lines":[{"quantity":1,"productId":"${id}"}]}`, 'reordered');
    assert.equal(reordered.statusCode, 201, reordered.body);
    assert.equal(reordered.headers['idempotent-replayed'], 'true');
    assert.equal(reordered.json().id, first.json().id);
    const other = await place(`{"paymentMethod":"card","delivery":{"mode":"carrier"},"acceptedTerms":{"version":"${version}"},"lines":[{"quantity":2,"productId":"${id}"}]}`, 'reordered');
    assert.equal(other.statusCode, 422, other.body);
    assert.equal(other.json().error.code, 'idempotency_key_reused');
    assert.deepEqual(await ordersOf(id), [first.json().id]);
  });
});

describe('retention', () => {
  test('should keep a key 24 h of platform time, then purge it', async () => {
    const id = await product();
    const key = 'yesterday';
    const first = await place(orderBody(id), key);
    assert.equal(first.statusCode, 201, first.body);

    await moveClock(23 * 3_600_000);
    assert.equal((await place(orderBody(id), key)).json().id, first.json().id, 'replayed after 23 h');
    assert.equal((await place(orderBody(id, 2), key)).json().error.code, 'idempotency_key_reused');

    await moveClock(2 * 3_600_000);
    const rows = await p.database.db.selectFrom('idempotency_keys').select('key').where('key', '=', key).execute();
    assert.deepEqual(rows, [], 'purged by the due jobs after 25 h');
    const fresh = await place(orderBody(id, 2), key);
    assert.equal(fresh.statusCode, 201, fresh.body);
    assert.notEqual(fresh.json().id, first.json().id);
  });
});

test('should never store a sign-in token to replay it: a retried POST /session signs in anew', async () => {
  const url = `/api/v1/shops/${SHOP}/session`;
  const signIn = () => p.app.inject({ method: 'POST', url, headers: { 'idempotency-key': 'sign-in-once' }, payload: { email: 'retry@example.fr', password: 'correct horse battery' } });
  const first = await signIn();
  const second = await signIn();
  assert.equal(first.statusCode, 200, first.body);
  assert.equal(second.statusCode, 200, second.body);
  assert.equal(second.headers['idempotent-replayed'], undefined);
  assert.notEqual(first.json().token, second.json().token);
  const stored = await p.database.db.selectFrom('idempotency_keys').select('response_body').execute();
  assert.ok(stored.every((row) => !row.response_body.includes(first.json().token)), 'no token at rest in idempotency_keys');
  const me = await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/me`, headers: bearer(first.json().token) });
  assert.equal(me.statusCode, 200);
});
