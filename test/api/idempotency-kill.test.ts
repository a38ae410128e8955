/**
 * Nothing is stuck after a real crash (issue 8 §5): the server runs as a child process, takes
 * orders with Idempotency-Keys from concurrent clients, and is killed with SIGKILL mid-way. After
 * a restart on the same database every key is retried with its body: each answers with its order
 * (replayed when the dead process had committed it) or places it now; none stays 409, and the
 * stock taken is exactly one unit per key. On PostgreSQL (a fresh database on DATABASE_URL's
 * server) or on an embedded PGlite data directory.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { STRIPE_TEST_SECRET_KEY, STRIPE_TEST_WEBHOOK_SECRET, type StripeStub, startStripeStub } from '../support/stripe-stub.ts';

const ADMIN = 'kill-test-operator-token-0123456789abcdef';
const SHOP = 'coopconnexion';
const KEYS = 60;
const CLIENTS = 10;
const KILL_AFTER_ANSWERS = 15;
const INITIAL_STOCK = 1000;

let stripe: StripeStub;
let database: { env: Record<string, string>; drop: () => Promise<void> };
let server: { child: ChildProcess; url: string } | null = null;

async function serverDatabase(): Promise<typeof database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-kill-'));
    return { env: { COMPTOIR_DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `comptoir_kill_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: target.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** `comptoir serve` on a free port; resolves once it says where it listens. */
function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const { DATABASE_URL: _ours, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    env: {
      ...env, ...database.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'test',
      COMPTOIR_PROFILES_DIR: 'profiles', COMPTOIR_ADMIN_TOKEN: ADMIN, COMPTOIR_TEST_CLOCK: '1',
      STRIPE_SECRET_KEY: STRIPE_TEST_SECRET_KEY, STRIPE_WEBHOOK_SECRET: STRIPE_TEST_WEBHOOK_SECRET, STRIPE_API_URL: stripe.url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const seen = (chunk: Buffer) => {
      out += chunk.toString();
      const port = /Comptoir is running on http:\/\/[^:]+:(\d+)/.exec(out)?.[1];
      if (port) resolve({ child, url: `http://127.0.0.1:${port}` });
    };
    child.stdout?.on('data', seen);
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}

function kill9(): Promise<void> {
  const child = server?.child;
  server = null;
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

before(async () => {
  stripe = await startStripeStub();
  database = await serverDatabase();
});
after(async () => {
  await kill9();
  await database.drop();
  await stripe.stop();
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  if (!server) throw new Error('no server');
  const res = await fetch(`${server.url}/api/v1${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> & { id: string; error?: { code: string } } };
}

test('should leave no key stuck and take stock exactly once per key after kill -9 during orders', { timeout: 240_000 }, async (t) => {
  server = await startServer();
  const staff = { authorization: `Bearer ${ADMIN}` };
  const product = await call('POST', `/shops/${SHOP}/products`, { sku: 'KILL-1', name: 'Produit du crash', unitPriceCents: 1200, vatRateBp: 2000, stock: INITIAL_STOCK }, staff);
  assert.equal(product.status, 201, JSON.stringify(product.json));
  const address = { line1: '3 rue des Lilas', postalCode: '66000', city: 'Perpignan', country: 'FR' };
  assert.equal((await call('POST', `/shops/${SHOP}/customers`, { kind: 'consumer', email: 'crash@example.fr', password: 'correct horse battery', firstName: 'Camille', lastName: 'Martin', address })).status, 201);
  const customer = { authorization: `Bearer ${(await call('POST', `/shops/${SHOP}/session`, { email: 'crash@example.fr', password: 'correct horse battery' })).json.token}` };
  const terms = (await call('GET', `/shops/${SHOP}/terms`)).json as unknown as { version: string }[];
  const body = (version: string) => ({ lines: [{ productId: product.json.id, quantity: 1 }], acceptedTerms: { version }, delivery: { mode: 'carrier' }, paymentMethod: 'card' });
  // The version to accept is one of the published documents': the one an order takes.
  let version = '';
  for (const t of terms) if (!version && (await call('POST', `/shops/${SHOP}/orders`, body(t.version), customer)).status === 201) version = t.version;
  assert.ok(version, 'a warm-up order was placed');

  const keys = Array.from({ length: KEYS }, (_, i) => `crash-${i}`);
  const acknowledged = new Map<string, string>();
  const queue = [...keys];
  let killing: Promise<void> | null = null;
  const client = async () => {
    for (let key = queue.shift(); key && !killing; key = queue.shift()) {
      try {
        const res = await call('POST', `/shops/${SHOP}/orders`, body(version), { ...customer, 'idempotency-key': key });
        assert.equal(res.status, 201, JSON.stringify(res.json));
        acknowledged.set(key, res.json.id);
        if (acknowledged.size >= KILL_AFTER_ANSWERS) killing ??= kill9();
      } catch (error) {
        if (!killing) throw error; // only requests cut by the kill may fail
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  await killing;

  server = await startServer();
  // Past the lease of every claim the dead process left.
  const now = (await call('GET', '/clock', undefined, staff)).json.now as string;
  assert.equal((await call('PUT', '/clock', { now: new Date(Date.parse(now) + 61_000).toISOString() }, staff)).status, 200);
  const orders = new Map<string, string>();
  let replayedUnacknowledged = 0;
  for (const key of keys) {
    const res = await call('POST', `/shops/${SHOP}/orders`, body(version), { ...customer, 'idempotency-key': key });
    assert.equal(res.status, 201, `${key}: ${res.status} ${JSON.stringify(res.json)}`);
    if (acknowledged.has(key)) assert.equal(res.json.id, acknowledged.get(key), `${key} answers its acknowledged order`);
    else if (res.headers.get('idempotent-replayed') === 'true') replayedUnacknowledged++;
    orders.set(key, res.json.id);
  }
  assert.equal(new Set(orders.values()).size, KEYS, 'one order per key');
  const stock = (await call('GET', `/shops/${SHOP}/products/${product.json.id}`)).json.stock;
  assert.equal(stock, INITIAL_STOCK - 1 - KEYS, 'one unit per key and the warm-up order, no more');
  t.diagnostic(`kill -9 after ${acknowledged.size} answers: ${replayedUnacknowledged} orders committed by the dead process were replayed, ${KEYS - acknowledged.size - replayedUnacknowledged} keys ran after the restart`);
});
