/**
 * Terminating the backends during 20 seconds of checkout load (issue 8 §1), on the PostgreSQL
 * server (DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test):
 *   `npx tsx bench/connection-loss.ts [seconds]`
 * The server runs as its own process (`comptoir serve`) on a fresh database, so "the process is
 * still alive" means what it says. 16 clients place 1-unit bank-transfer orders at Coopso without
 * pause while, every 2 s, another connection runs pg_terminate_backend on every backend of that
 * database. It prints: orders sent and acknowledged (201), 503s (all with Retry-After?), any other
 * status, the recovery time after each termination (until the next acknowledged order), whether
 * every acknowledged order is in the database and the stock matches the units sold, and whether
 * the next orders succeed without a restart. Everything it creates is dropped at the end.
 * Figures are measured, never asserted; the suite's test is test/api/connection-loss.test.ts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import { termsForOrder } from '../src/checkout/terms-for-order.ts';
import { openPostgres } from '../src/db/connect.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { getShop } from '../src/shops/service.ts';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(process.argv[2] ?? 20);
const CLIENTS = 16;
const TERMINATE_EVERY_MS = 2000;
const SHOP = 'coopso';
const ADMIN_TOKEN = `bench-operator-token-${randomBytes(16).toString('hex')}`;
const STOCK = 10_000_000;

type Answer = { status: number; retryAfter: string | null; startedAt: number; endedAt: number; id?: string };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function startServer(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', COMPTOIR_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('Ready in')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready:\n${stderr}`)));
  });
}

async function json(base: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const name = `comptoir_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  let server: ChildProcess | null = null;
  const killer = new pg.Client({ connectionString: url.toString() });
  killer.on('error', () => {});
  try {
    const port = await freePort();
    server = await startServer(url.toString(), port);
    const base = `http://127.0.0.1:${port}`;

    // One customer (the login throttle is not what is measured), one product with a large stock.
    const email = `outage-${randomBytes(4).toString('hex')}@example.be`;
    const password = 'une phrase de passe';
    await json(base, `/api/v1/shops/${SHOP}/customers`, { method: 'POST', body: { kind: 'consumer', email, password, firstName: 'Camille', lastName: 'Martin', address: { line1: 'rue de Fer 1', postalCode: '5000', city: 'Namur', country: 'BE' } } });
    const { token } = await json(base, `/api/v1/shops/${SHOP}/session`, { method: 'POST', body: { email, password } });
    const product = await json(base, `/api/v1/shops/${SHOP}/products`, { method: 'POST', token: ADMIN_TOKEN, body: { sku: 'OUTAGE-1', name: 'Produit', unitPriceCents: 500, vatRateBp: 600, stock: STOCK } });
    const reader = await openPostgres(url.toString(), 2);
    const { terms } = await termsForOrder(reader.db, systemClock, await getShop(reader.db, SHOP));
    const order = JSON.stringify({ lines: [{ productId: product.id, quantity: 1 }], acceptedTerms: { version: terms[0]?.version }, delivery: { mode: 'carrier', address: { line1: 'rue de Fer 1', postalCode: '5000', city: 'Namur', country: 'BE' } }, paymentMethod: 'bank_transfer' }); // carrier: a pickup slot holds 40 orders (issue 12 §3)
    const place = async (): Promise<Answer> => {
      const startedAt = performance.now();
      try {
        const res = await fetch(`${base}/api/v1/shops/${SHOP}/orders`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: order });
        const body = await res.text();
        const id = res.status === 201 ? (JSON.parse(body) as { id: string }).id : undefined;
        return { status: res.status, retryAfter: res.headers.get('retry-after'), startedAt, endedAt: performance.now(), ...(id ? { id } : {}) };
      } catch {
        return { status: 0, retryAfter: null, startedAt, endedAt: performance.now() }; // no answer at all: the server is gone
      }
    };
    const check = await place();
    if (check.status !== 201) throw new Error(`a first order is refused: ${check.status}`);

    await killer.connect();
    const answers: Answer[] = [];
    const terminations: { at: number; backends: number }[] = [];
    const started = performance.now();
    const until = started + SECONDS * 1000;
    const client = async () => {
      while (performance.now() < until) answers.push(await place());
    };
    const clients = Array.from({ length: CLIENTS }, client);
    while (performance.now() + TERMINATE_EVERY_MS < until) {
      await new Promise((resolve) => setTimeout(resolve, TERMINATE_EVERY_MS));
      const at = performance.now();
      const { rows } = await killer.query<{ n: number }>('select count(*) filter (where pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
      terminations.push({ at, backends: rows[0]?.n ?? 0 });
    }
    await Promise.all(clients);
    const alive = server.exitCode === null && server.signalCode === null;
    const afterwards = await Promise.all(Array.from({ length: CLIENTS }, place));

    // Recovery: from each termination to the first order acknowledged after it.
    const recoveries = terminations.map((t) => {
      const next = answers.filter((a) => a.status === 201 && a.endedAt > t.at).map((a) => a.endedAt);
      return next.length ? Math.min(...next) - t.at : Number.POSITIVE_INFINITY;
    });
    const acknowledged = answers.filter((a) => a.status === 201).map((a) => a.id as string);
    const unavailable = answers.filter((a) => a.status === 503);
    const others = new Map<number, number>();
    for (const a of answers) if (a.status !== 201 && a.status !== 503) others.set(a.status, (others.get(a.status) ?? 0) + 1);

    await new Promise((resolve) => setTimeout(resolve, 500)); // requests of the last termination settle
    const present = await reader.db.selectFrom('orders').select('id').where('id', 'in', acknowledged.length ? acknowledged : ['-']).execute();
    const sold = await reader.db.selectFrom('order_lines').select((eb) => eb.fn.sum<number>('quantity').as('units')).where('product_id', '=', product.id).executeTakeFirstOrThrow();
    const stock = await reader.db.selectFrom('products').select('stock').where('id', '=', product.id).executeTakeFirstOrThrow();
    await reader.close();

    const acknowledgedAfter = afterwards.filter((a) => a.status === 201).length;
    const landedUnanswered = Number(sold.units) - acknowledged.length - acknowledgedAfter - 1; // 1: the first order
    const lines = [
      ['load', `${SECONDS} s, ${CLIENTS} clients placing orders without pause; all backends terminated every ${TERMINATE_EVERY_MS / 1000} s`],
      ['terminations', `${terminations.length} (${terminations.reduce((n, t) => n + t.backends, 0)} backends in all)`],
      ['orders sent', String(answers.length)],
      ['orders acknowledged (201)', `${acknowledged.length} (${(acknowledged.length / SECONDS).toFixed(1)}/s)`],
      ['503 service_unavailable', `${unavailable.length}, ${unavailable.every((a) => a.retryAfter !== null) ? 'all' : 'NOT all'} with Retry-After`],
      ['other statuses', others.size ? [...others].map(([s, n]) => `${s === 0 ? 'no answer' : s}: ${n}`).join(', ') : 'none'],
      ['recovery after a termination', `median ${median(recoveries).toFixed(0)} ms, max ${Math.max(...recoveries).toFixed(0)} ms (to the next acknowledged order)`],
      ['server process', alive ? 'alive throughout' : 'DIED'],
      ['acknowledged orders in the database', `${present.length} of ${acknowledged.length}`],
      ['stock', `${STOCK - stock.stock} units taken, ${Number(sold.units)} units in order lines (${Number(sold.units) === STOCK - stock.stock ? 'consistent' : 'INCONSISTENT'}; orders answered 503 whose commit had landed: ${landedUnanswered})`],
      ['orders right after', `${acknowledgedAfter} of ${afterwards.length} acknowledged, no restart`],
    ];
    const width = Math.max(...lines.map(([k]) => (k ?? '').length));
    console.log(`\nTerminating the backends during checkout load (PostgreSQL)\n${lines.map(([k, v]) => `  ${(k ?? '').padEnd(width)}  ${v}`).join('\n')}\n`);
  } finally {
    await killer.end().catch(() => {});
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
