/**
 * A lost database connection is not a crash (issue 8 §1). A real server listens on a port, on the
 * PostgreSQL server; another connection terminates the app's backends (pg_terminate_backend), as a
 * database restart or an administrator would. The process goes on, requests in flight answer 503
 * with Retry-After in the API's error format (a page in the reader's language for people), none
 * 500, and the next requests succeed on the fresh connections the pool opens.
 *
 * PGlite runs inside the process: it has no connection to lose, so the termination tests are
 * PostgreSQL-only; on PGlite the last test checks that a closed embedded database answers 503 too.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, termsVersion } from '../support/shoppers.ts';

const onServer = Boolean(process.env.DATABASE_URL);
const NO_SERVER = 'pg_terminate_backend needs a PostgreSQL server (DATABASE_URL); PGlite runs in this process and has no connection to lose';

type Answer = { status: number; retryAfter: string | null; type: string; body: string };

async function call(base: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`${base}${path}`, init);
  return { status: res.status, retryAfter: res.headers.get('retry-after'), type: res.headers.get('content-type') ?? '', body: await res.text() };
}

/** An admin connection to the platform's own database, which terminates the app's backends. */
async function adminOf(p: TestPlatform) {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(p.database.db);
  const database = rows[0]?.name ?? '';
  const url = new URL(process.env.DATABASE_URL ?? '');
  url.pathname = `/${database}`;
  const connect = async () => {
    const client = new pg.Client({ connectionString: url.toString() });
    client.on('error', () => {});
    await client.connect();
    return client;
  };
  const client = await connect();
  const terminate = async (spare: number[] = []) => {
    const result = await client.query<{ n: number }>(
      'select count(*) filter (where pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and not (pid = any($2::int[]))',
      [database, spare],
    );
    return result.rows[0]?.n ?? 0;
  };
  return { client, database, connect, terminate };
}

const isServiceUnavailable = (a: Answer) => {
  if (a.status !== 503 || a.retryAfter === null || Number(a.retryAfter) <= 0) return false;
  if (!a.type.startsWith('application/json')) return true;
  return JSON.parse(a.body).error?.code === 'service_unavailable';
};

/**
 * Without a listener, an uncaught error stops a Node process; the test runner listens in its
 * stead and only reports it, so each test checks that nothing reached it.
 */
const uncaught: unknown[] = [];
process.on('uncaughtException', (error) => uncaught.push(error));
process.on('unhandledRejection', (error) => uncaught.push(error));
afterEach(() => assert.deepEqual(uncaught.splice(0).map(String), [], 'no uncaught error: the process would have stopped'));

describe('a lost database connection', { skip: onServer ? false : NO_SERVER }, () => {
  let p: TestPlatform;
  let base: string;
  let admin: Awaited<ReturnType<typeof adminOf>>;
  before(async () => {
    p = await startPlatform();
    base = await p.app.listen({ port: 0, host: '127.0.0.1' });
    admin = await adminOf(p);
  });
  after(async () => {
    await admin?.client.end();
    await p?.stop();
  });

  test('should go on after its idle connections are terminated, and serve the next request', async () => {
    const warm = await Promise.all(Array.from({ length: 8 }, () => call(base, '/api/v1/shops')));
    assert.ok(warm.every((a) => a.status === 200));
    assert.ok((await admin.terminate()) > 0, 'some idle backend was terminated');
    await new Promise((resolve) => setTimeout(resolve, 300)); // the pool hears of it here; before, the process died
    const next = await Promise.all(Array.from({ length: 8 }, () => call(base, '/api/v1/shops')));
    assert.deepEqual(next.map((a) => a.status), Array(8).fill(200));
  });

  test('should answer requests in flight 503 with Retry-After, as JSON for the API and a page in the reader’s language', async () => {
    const lock = await admin.connect();
    const { rows } = await lock.query<{ pid: number }>('select pg_backend_pid() as pid');
    await lock.query('begin');
    await lock.query('lock table shops in access exclusive mode');
    const api = call(base, '/api/v1/shops');
    const page = call(base, '/?lang=en');
    const nl = call(base, '/', { headers: { 'accept-language': 'nl-BE,nl;q=0.9' } });
    // Terminate only once the three requests are inside a query, waiting on the lock.
    for (let i = 0; i < 100; i++) {
      const waiting = await admin.client.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'", [admin.database]);
      if ((waiting.rows[0]?.n ?? 0) >= 3) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok((await admin.terminate([rows[0]?.pid ?? 0])) >= 3);
    const [a, en, dutch] = await Promise.all([api, page, nl]);
    await lock.query('rollback');
    await lock.end();

    assert.equal(a.status, 503, a.body);
    assert.equal(a.retryAfter, '5');
    const error = JSON.parse(a.body).error;
    assert.equal(error.code, 'service_unavailable');
    assert.match(error.message, /indisponible/);
    assert.equal(en.status, 503);
    assert.equal(en.retryAfter, '5');
    assert.match(en.type, /^text\/html/);
    assert.match(en.body, /<html lang="en"/);
    assert.match(en.body, /The service is briefly unavailable; please try again in a few seconds\./);
    assert.equal(dutch.status, 503);
    assert.match(dutch.body, /De dienst is even niet beschikbaar/);

    assert.equal((await call(base, '/api/v1/shops')).status, 200);
    assert.equal((await call(base, '/?lang=en')).status, 200);
  });

  test('should answer every order 201 or 503 with Retry-After while backends are terminated under load, and recover', async (t) => {
    const token = await customerToken(p, 'coopconnexion', 'outage@example.fr');
    const version = await termsVersion(p, 'coopconnexion');
    const created = await p.app.inject({ method: 'POST', url: '/api/v1/shops/coopconnexion/products', headers: bearer(ADMIN_TOKEN), payload: { sku: 'OUTAGE-1', name: 'Produit', unitPriceCents: 500, vatRateBp: 2000, stock: 100_000 } });
    assert.equal(created.statusCode, 201, created.body);
    const order = JSON.stringify({ lines: [{ productId: created.json().id, quantity: 1 }], acceptedTerms: { version }, delivery: { mode: 'carrier' }, paymentMethod: 'card' });
    // Every other order carries an Idempotency-Key, whose settling after the answer may meet a lost connection too.
    let sent = 0;
    const place = () => {
      const key: Record<string, string> = sent++ % 2 === 0 ? { 'idempotency-key': `outage-${sent}` } : {};
      return call(base, '/api/v1/shops/coopconnexion/orders', { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json', ...key }, body: order });
    };

    const answers: Answer[] = [];
    const acknowledged: string[] = [];
    let running = true;
    const worker = async () => {
      while (running) {
        const a = await place();
        answers.push(a);
        if (a.status === 201) acknowledged.push(JSON.parse(a.body).id);
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    let terminated = 0;
    const started = Date.now();
    while (Date.now() - started < 3000) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      terminated += await admin.terminate();
    }
    running = false;
    await Promise.all(workers);

    t.diagnostic(`${answers.length} orders sent, ${acknowledged.length} acknowledged, ${answers.filter((a) => a.status === 503).length} answered 503, ${terminated} backends terminated`);
    assert.ok(terminated > 5, `backends terminated: ${terminated}`);
    const unexpected = answers.filter((a) => a.status !== 201 && !isServiceUnavailable(a));
    assert.deepEqual(unexpected.map((a) => `${a.status} ${a.body.slice(0, 200)}`), [], 'only 201 or 503 with Retry-After, never 500');
    assert.ok(acknowledged.length > 0, 'orders were taken between terminations');

    const afterwards = await Promise.all(Array.from({ length: 5 }, place));
    assert.deepEqual(afterwards.map((a) => a.status), Array(5).fill(201), 'the next orders succeed without a restart');
    const present = await p.database.db.selectFrom('orders').select('id').where('id', 'in', acknowledged).execute();
    assert.equal(present.length, acknowledged.length, 'every acknowledged order is in the database');
  });
});

describe('a closed embedded database', { skip: onServer ? 'about PGlite, the embedded database' : false }, () => {
  test('should answer 503 with Retry-After rather than crash or 500', async () => {
    const p = await startPlatform({}, { stripe: false });
    const base = await p.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      assert.equal((await call(base, '/api/v1/shops')).status, 200);
      await p.database.close();
      const a = await call(base, '/api/v1/shops');
      assert.equal(a.status, 503, a.body);
      assert.equal(a.retryAfter, '5');
      assert.equal(JSON.parse(a.body).error.code, 'service_unavailable');
    } finally {
      await p.app.close();
    }
  });
});
