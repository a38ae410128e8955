/**
 * Checkout under load on the PostgreSQL server (issue 3, issue 9, DESIGN.md §8), beside the
 * database's own pace for the same kind of work, in the same run:
 *  1. The anchor: pgbench (default, simple protocol; `-c 20 -j 2 -T 10`) running
 *     ../shared/bench/checkout.sql on ../shared/bench/checkout-schema.sql in a scratch database:
 *     a guarded stock update on one of 10,000 products, an order and 3 lines, one transaction.
 *  2. `POST /api/v1/shops/{shop}/orders` with autocannon (20 connections, 10 s after 3 s unmeasured, in a worker
 *     thread), 3 lines of products drawn from BENCH_PRODUCTS, from 6 customers per phase: a bank-transfer
 *     order at Coopso and a card order at Bible et Jeux (the simulated provider: Stripe's stub
 *     would run in this process and be counted as ours). For each: orders/s, p50/p99, statements
 *     and transactions per order (src/db/statement-count.ts), Node CPU ms per order (the main
 *     thread, from /proc: the autocannon worker is left out), bytes written per order (growth of
 *     the database), oversell, and orders/s ÷ the anchor's TPS.
 *     Then pgbench replaying one order of the phase, its statements as recorded (bench/replay.ts):
 *     the database's own pace on the same writes, and the phase's orders/s ÷ it.
 *  3. One hot product whose stock is half the requests sent: exactly `stock` orders, the rest
 *     `409 out_of_stock`, stock 0, oversell 0.
 * Everything it creates (the platform's database, the scratch database, temporary files) is
 * dropped at the end. It installs nothing: without `pgbench` on the PATH it says so.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../test/support/platform.ts';
import { forgetCachedShops } from '../src/shops/service.ts';
import { customerToken, termsVersion } from '../test/support/shoppers.ts';
import { benchBareServer } from './bare-server.ts';
import { pgbenchPath, runPgbench } from './pgbench.ts';
import { recordStatements, replayScript, runReplay } from './replay.ts';

export type Row = { database: string; benchmark: string; value: string };
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

const CONNECTIONS = 20;
// Sign-ins from one address are limited (about 30 in a window): 6 customers per phase, 4 phases.
const CUSTOMERS = 6;
const DURATION_S = 10;
/** Seconds of unmeasured load before each measured phase (BENCH_WARMUP_S; 0 for none). */
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
/** As many products as the anchor's (../shared/bench/checkout-schema.sql), each order's lines drawn among them. */
const BENCH_PRODUCTS = 10_000;
const BULK_STOCK = 10_000_000;
const LABEL = 'PostgreSQL';
/** Orders per transaction in the grouped replay (bench/replay.ts). */
const GROUPED = 10;
const ANCHOR_DIR = new URL('../../shared/bench/', import.meta.url).pathname;

async function serverReachable(url: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await c.end().catch(() => {});
  }
}

/** CHECKPOINT before each measured phase, so neither side pays for the other's dirty pages. */
async function checkpoint(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('checkpoint').catch(() => {}); // needs superuser (or pg_checkpoint): best effort
  await c.end();
}

async function withDatabaseUrl<T>(url: string, f: () => Promise<T>): Promise<T> {
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  try {
    return await f();
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
}

async function createProduct(p: TestPlatform, shop: string, sku: string, stock: number): Promise<string> {
  const res = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/products`, headers: bearer(ADMIN_TOKEN), payload: { sku, name: `Produit ${sku}`, unitPriceCents: 500, vatRateBp: 2000, stock } });
  if (res.statusCode !== 201) throw new Error(`product ${sku}: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** Orders and units of these products in the database, their stock now, and rows with stock < 0. */
async function soldOf(p: TestPlatform, productIds: readonly string[]) {
  const { rows } = await sql<{ orders: number; units: number; stock: number; negative: number }>`
    select (select count(distinct order_id) from order_lines where product_id = any(${productIds}::uuid[]))::int as orders,
           (select coalesce(sum(quantity), 0) from order_lines where product_id = any(${productIds}::uuid[]))::int as units,
           (select coalesce(sum(stock), 0) from products where id = any(${productIds}::uuid[]))::int8 as stock,
           (select count(*) from products where stock < 0)::int as negative`.execute(p.database.db);
  const row = rows[0];
  if (!row) throw new Error('no counts');
  return { ...row, stock: Number(row.stock) };
}

/** The counts once the requests still in flight when autocannon stopped have finished. */
async function settledSoldOf(p: TestPlatform, productIds: readonly string[]) {
  let last = await soldOf(p, productIds);
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const now = await soldOf(p, productIds);
    if (now.orders === last.orders) return now;
    last = now;
  }
  return last;
}

const withKeys = process.env.BENCH_IDEMPOTENCY === '1';
const RANDOM_BASKET = new URL('./random-basket.cjs', import.meta.url).pathname;

/**
 * autocannon in a worker thread, so the client does not share the app's event loop. Each request
 * is one valid order: a basket drawn at random, from one of the customers (bench/random-basket.cjs).
 */
async function fire(url: string, shop: string, bodies: string[], tokens: string[], limit: { duration: number } | { amount: number }) {
  const file = join(tmpdir(), `comptoir-bench-baskets-${process.pid}-${randomBytes(4).toString('hex')}.json`);
  writeFileSync(file, JSON.stringify({ bodies, tokens, keyed: withKeys }));
  process.env.COMPTOIR_BENCH_BASKETS = file;
  try {
    return await autocannon({
      url: `${url}/api/v1/shops/${shop}/orders`,
      connections: CONNECTIONS,
      workers: 1,
      ...limit,
      requests: [{ method: 'POST' as const, headers: { 'content-type': 'application/json' }, setupRequest: RANDOM_BASKET }],
    });
  } finally {
    rmSync(file, { force: true });
  }
}

const ms = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

/** CPU time of this process's main thread (the server's event loop), in ms; null off Linux. */
function mainThreadCpuMs(): number | null {
  const t = mainThreadTimes();
  return t && t.user + t.system;
}

/** The main thread's user and system (kernel: sockets, syscalls) CPU time, in ms; null off Linux. */
function mainThreadTimes(): { user: number; system: number } | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, after the command name, in ticks: USER_HZ is 100 on Linux.
    return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
  } catch {
    return null;
  }
}

/**
 * BENCH_CPU_PROFILE=<dir>: the V8 CPU profile of the main thread during each measured phase
 * only (not the set-up), written to <dir>/<tag>.cpuprofile; bench/cpuprofile-summary.ts reads it.
 */
async function profiled<T>(tag: string, f: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return f();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await f();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${tag}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/**
 * CPU time of the server's backends serving this database (pg_stat_activity), from /proc: the
 * database's share of the machine's CPU per order, when the server runs on this machine (else null).
 */
async function backendCpuMs(p: TestPlatform): Promise<Map<number, number> | null> {
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(p.database.db);
  const times = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      times.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      return null; // not on this machine (or gone): no figure rather than a wrong one
    }
  }
  return times;
}

const cpuSpent = (before: Map<number, number>, after: Map<number, number>) => [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);

const loadAverage = () => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
};

const databaseBytes = async (p: TestPlatform) => Number((await sql<{ n: string }>`select pg_database_size(current_database()) as n`.execute(p.database.db)).rows[0]?.n ?? 0);

/**
 * `replay`: orders/s of pgbench replaying one of the phase's orders (bench/replay.ts), one and
 * GROUPED per transaction; null without pgbench.
 */
export type Phase = { label: string; ordersPerSecond: number; replay: { one: number; grouped: number } | null };

/**
 * `invoiceAtPayment`: the same shop with its invoices numbered at payment (004's option) instead
 * of at placement, so no order takes the shop's invoice counter row: the difference with the
 * phase before it, same run, is what the counter (locked from its update to the commit) costs.
 */
type Shopping = { shop: string; paymentMethod: string; delivery: Record<string, unknown>; label: string; tag: string; invoiceAtPayment?: boolean };
/**
 * Coopso's orders go to a Namur address by carrier: pickup now holds a slot of 40 places (issue 12
 * §3), which thousands of bench orders would fill, and a slot row is a lock of its own.
 */
const NAMUR_BY_CARRIER = { mode: 'carrier', address: { line1: 'rue de Fer 1', postalCode: '5000', city: 'Namur', country: 'BE' } };
const ALL_SHOPPINGS: Shopping[] = [
  { label: 'bank transfer (Coopso)', tag: 'a', shop: 'coopso', paymentMethod: 'bank_transfer', delivery: NAMUR_BY_CARRIER },
  { label: 'bank transfer (Coopso), invoiced on payment (no invoice at placement)', tag: 'b', shop: 'coopso', paymentMethod: 'bank_transfer', delivery: NAMUR_BY_CARRIER, invoiceAtPayment: true },
  { label: 'card, simulated provider (Bible et Jeux)', tag: 'c', shop: 'bible-et-jeux', paymentMethod: 'card', delivery: { mode: 'carrier' } },
];

/** BENCH_PHASES=a,c runs only those phases (by tag); BENCH_PHASES=none skips the hot product too. */
const only = process.env.BENCH_PHASES?.split(',');
const SHOPPINGS = only ? ALL_SHOPPINGS.filter((s) => only.includes(s.tag)) : ALL_SHOPPINGS;

/** Random integers from a fixed seed: the same baskets every run. */
function baskets(products: readonly string[], count: number): string[][] {
  let seed = 42;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % products.length;
  };
  return Array.from({ length: count }, () => [...new Set([next(), next(), next()])].map((i) => products[i] as string));
}

async function benchShopping(p: TestPlatform, base: string, url: string, s: Shopping, rows: Row[]): Promise<Phase> {
  const push = (benchmark: string, value: string) => rows.push({ database: LABEL, benchmark, value });
  const version = await termsVersion(p, s.shop);
  if (s.invoiceAtPayment) {
    await sql`update shops set profile = jsonb_set(profile, '{invoicing}', coalesce(profile->'invoicing', '{}') || '{"issuedAt": "payment_received"}') where id = ${s.shop}`.execute(p.database.db);
    forgetCachedShops();
  }
  const tokens = await Promise.all(Array.from({ length: CUSTOMERS }, (_, i) => customerToken(p, s.shop, `bench-${s.tag}${i}@example.fr`)));
  const products: string[] = [];
  // The first product through the API, as a shop creates one; the rest like it in one statement.
  const first = await createProduct(p, s.shop, `BENCH-${s.tag}0`, BULK_STOCK);
  const { rows: created } = await sql<{ id: string }>`
    insert into products (shop_id, sku, name, description, unit_price_cents, vat_rate_bp, stock)
    select shop_id, 'BENCH-${sql.raw(s.tag)}' || i, jsonb_build_object('fr', 'Produit BENCH-${sql.raw(s.tag)}' || i), description, unit_price_cents, vat_rate_bp, stock
    from products, generate_series(1, ${BENCH_PRODUCTS - 1}) as i where shop_id = ${s.shop} and id = ${first}
    returning id`.execute(p.database.db);
  products.push(first, ...created.map((r) => r.id));
  const bodies = baskets(products, 500).map((ids) => JSON.stringify({ lines: ids.map((productId) => ({ productId, quantity: 1 })), acceptedTerms: { version }, delivery: s.delivery, paymentMethod: s.paymentMethod }));
  const probe = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${s.shop}/orders`, headers: { ...bearer(tokens[0] as string), 'content-type': 'application/json' }, payload: bodies[0] });
  if (probe.statusCode !== 201) throw new Error(`a single order fails, nothing to measure: ${probe.statusCode} ${probe.body}`);
  // Unmeasured load first, until the orders it sent are all in: the phase measures a warm server
  // (V8's optimised code, the pool's connections, prepared statements), as a running one is.
  if (WARMUP_S > 0) {
    await fire(base, s.shop, bodies, tokens, { duration: WARMUP_S });
    await settledSoldOf(p, products);
  }

  // The products and the warm-up's orders vacuumed and analysed now, as the anchor's schema ends
  // with VACUUM: else autovacuum may pick them up during the measured phase, in some runs only.
  await sql`vacuum analyze`.execute(p.database.db);
  await checkpoint(url);
  const before = await soldOf(p, products);
  const bytes0 = await databaseBytes(p);
  const invoices = async () => Number((await sql<{ n: number }>`select count(*)::int as n from invoices where shop_id = ${s.shop}`.execute(p.database.db)).rows[0]?.n ?? 0);
  const invoices0 = await invoices();
  const sent0 = { ...p.database.sent };
  const backends0 = await backendCpuMs(p);
  const cpu0 = mainThreadCpuMs();
  const times0 = mainThreadTimes();
  const r = await profiled(s.tag, () => fire(base, s.shop, bodies, tokens, { duration: DURATION_S }));
  const cpu1 = mainThreadCpuMs();
  const times1 = mainThreadTimes();
  const backends1 = await backendCpuMs(p);
  const sent1 = { ...p.database.sent };
  const after = await settledSoldOf(p, products);
  const bytes1 = await databaseBytes(p);
  const invoices1 = await invoices();
  const placed = r['2xx'];
  const ordersPerSecond = placed / r.duration;
  const what = `POST orders, ${s.label}, 3 lines of ${BENCH_PRODUCTS} products, ${CONNECTIONS} conn × ${DURATION_S} s${withKeys ? ', Idempotency-Key' : ''}`;
  const per = (n: number) => (placed ? (n / placed).toFixed(1) : '?');
  push(`${what}: orders/s`, ordersPerSecond.toFixed(0));
  push(`${what}: p50 / p99 latency`, `${ms(r.latency.p50)} / ${ms(r.latency.p99)} ms`);
  const codes = Object.entries(r.statusCodeStats ?? {}).filter(([c]) => c !== '201').map(([c, n]) => `${c}×${(n as { count: number }).count}`).join(' ');
  push(`${what}: non-2xx / errors`, `${r.non2xx}${codes ? ` (${codes})` : ''} / ${r.errors + r.timeouts}`);
  push(`${what}: statements / transactions per order`, `${per(sent1.statements - sent0.statements)} / ${per(sent1.transactions - sent0.transactions)}`);
  push(`${what}: Node CPU ms per order (main thread)`, cpu0 === null || cpu1 === null ? 'n/a (no /proc)' : per(cpu1 - cpu0));
  if (times0 && times1) push(`${what}: of which user / system (kernel) CPU ms per order`, `${per(times1.user - times0.user)} / ${per(times1.system - times0.system)}`);
  push(`${what}: PostgreSQL backends' CPU ms per order (this database's connections)`, backends0 && backends1 ? per(cpuSpent(backends0, backends1)) : 'n/a (server not on this machine)');
  push(`${what}: bytes written per order (database growth)`, per(bytes1 - bytes0));
  push(`${what}: load average after (1, 5, 15 min)`, loadAverage());
  const units = after.units - before.units;
  const taken = before.stock - after.stock;
  push(`${what}: invoices numbered during the run`, String(invoices1 - invoices0));
  push(`${what}: 201s / orders in db / oversell (units sold − stock taken); rows stock < 0`, `${placed} / ${after.orders - before.orders} / ${units - taken}; ${after.negative}`);
  const replay = await benchReplay(p, url, products, () => p.app.inject({ method: 'POST', url: `/api/v1/shops/${s.shop}/orders`, headers: { ...bearer(tokens[0] as string), 'content-type': 'application/json' }, payload: bodies[1] }), ordersPerSecond, s.label, rows);
  return { label: s.label, ordersPerSecond, replay };
}

/**
 * The phase's own order replayed by pgbench on the phase's database (bench/replay.ts): the
 * database's pace on the same writes, and the phase's orders/s ÷ it.
 */
async function benchReplay(p: TestPlatform, url: string, products: readonly string[], placeOne: () => Promise<{ statusCode: number; body: string }>, ordersPerSecond: number, label: string, rows: Row[]): Promise<Phase['replay']> {
  const pgbench = pgbenchPath();
  if (!pgbench) return null;
  const table = 'bench_replay_products';
  await sql`create table if not exists ${sql.table(table)} (n int primary key, id uuid not null)`.execute(p.database.db);
  await sql`truncate ${sql.table(table)}`.execute(p.database.db);
  await sql`insert into ${sql.table(table)} select row_number() over (order by id), id from unnest(${products}::uuid[]) id`.execute(p.database.db);
  let answer = { statusCode: 0, body: '' };
  const sent = await recordStatements(async () => {
    answer = await placeOne();
  });
  if (answer.statusCode !== 201) throw new Error(`the order to replay failed: ${answer.statusCode} ${answer.body}`);
  // The type the server infers for each parameter of a statement, as it does for the app's.
  const parameterTypes = (text: string) =>
    p.database.db.connection().execute(async (c) => {
      await sql`prepare comptoir_replay_types as ${sql.raw(text)}`.execute(c);
      try {
        const { rows } = await sql<{ types: string[] }>`select parameter_types::text[] as types from pg_prepared_statements where name = 'comptoir_replay_types'`.execute(c);
        return rows[0]?.types ?? [];
      } finally {
        await sql`deallocate comptoir_replay_types`.execute(c);
      }
    });
  const target = new URL(url);
  target.pathname = `/${(await sql<{ name: string }>`select current_database() as name`.execute(p.database.db)).rows[0]?.name}`;
  const written = async () =>
    (await sql<{ orders: number; lines: number; events: number }>`select (select count(*) from orders)::int as orders, (select count(*) from order_lines)::int as lines, (select count(*) from order_events)::int as events`.execute(p.database.db)).rows[0];
  const replay = async (ordersPerTransaction: number, what: string) => {
    const { script, statementsPerOrder } = await replayScript(sent, table, products.length, parameterTypes, ordersPerTransaction);
    await sql`vacuum analyze`.execute(p.database.db);
    await checkpoint(url);
    const bytes0 = await databaseBytes(p);
    const w0 = await written();
    const r = await runReplay(pgbench, target.toString(), script, CONNECTIONS, DURATION_S);
    const w1 = await written();
    const bytes1 = await databaseBytes(p);
    const orders = r.transactions * ordersPerTransaction;
    const per = (n: number) => (orders ? (n / orders).toFixed(2) : '?');
    rows.push({ database: LABEL, benchmark: `${what}: orders/s (TPS × ${ordersPerTransaction}); statements per order; failed tx`, value: `${(r.tps * ordersPerTransaction).toFixed(0)}; ${statementsPerOrder.toFixed(1)}; ${r.failed}` });
    rows.push({ database: LABEL, benchmark: `${what}: bytes written per order (database growth)`, value: orders ? ((bytes1 - bytes0) / orders).toFixed(1) : '?' });
    if (w0 && w1) rows.push({ database: LABEL, benchmark: `${what}: orders / lines / evidence events written per order replayed`, value: `${per(w1.orders - w0.orders)} / ${per(w1.lines - w0.lines)} / ${per(w1.events - w0.events)}` });
    return r.tps * ordersPerTransaction;
  };
  const one = await replay(1, `pgbench replaying one order of the phase (${label}) as recorded, prepared, ${CONNECTIONS} clients -j 2 × ${DURATION_S} s`);
  rows.push({ database: LABEL, benchmark: `POST orders, ${label}: orders/s ÷ pgbench replaying the same order (same server, same run)`, value: `${ordersPerSecond.toFixed(0)} ÷ ${one.toFixed(0)} = ${(ordersPerSecond / one).toFixed(2)}` });
  // The same orders grouped by GROUPED in a transaction: the ceiling of placing concurrent orders together.
  const grouped = await replay(GROUPED, `pgbench replaying it ${GROUPED} orders per transaction (grouped placement's ceiling)`);
  return { one, grouped };
}

async function benchHotProduct(p: TestPlatform, base: string, ordersPerSecond: number, rows: Row[]) {
  const push = (benchmark: string, value: string) => rows.push({ database: LABEL, benchmark, value });
  const shop = 'coopconnexion';
  const version = await termsVersion(p, shop);
  const tokens = await Promise.all(Array.from({ length: CUSTOMERS }, (_, i) => customerToken(p, shop, `hot-${i}@example.fr`)));
  const hotStock = Math.max(200, Math.round(ordersPerSecond * 2));
  const requests = hotStock * 2;
  const hot = await createProduct(p, shop, 'BENCH-HOT', hotStock);
  const body = JSON.stringify({ lines: [{ productId: hot, quantity: 1 }], acceptedTerms: { version }, delivery: { mode: 'carrier' }, paymentMethod: 'card' });
  const r = await fire(base, shop, [body], tokens, { amount: requests });
  const end = await settledSoldOf(p, [hot]);
  const codes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, (s as { count: number }).count]));
  const others = Object.entries(codes).filter(([c]) => c !== '201' && c !== '409').map(([c, n]) => `${c}×${n}`).join(' ') || '0';
  const what = `POST orders, hot product: stock ${hotStock}, ${requests} requests, ${r.duration.toFixed(1)} s`;
  push(`${what}: 201 / 409 / other`, `${codes['201'] ?? 0} / ${codes['409'] ?? 0} / ${others}`);
  push(`${what}: p50 / p99 latency`, `${ms(r.latency.p50)} / ${ms(r.latency.p99)} ms`);
  push(`${what}: units sold / final stock`, `${end.units} / ${end.stock}`);
  push(`${what}: oversell (units sold − stock taken); rows stock < 0`, `${end.units - (hotStock - end.stock)}; ${end.negative}`);
}

async function benchApp(url: string, rows: Row[]): Promise<Phase[]> {
  // Without Stripe: card orders go to the simulated provider, with no HTTP server in this process.
  // BENCH_LOG=1: the server logs at info as in production (two lines per request), to a sink that drops them.
  const logging: { env: Record<string, string>; logStream?: { write(line: string): void } } = process.env.BENCH_LOG === '1' ? { env: { LOG_LEVEL: 'info' }, logStream: { write: () => {} } } : { env: {} };
  const p = await withDatabaseUrl(url, () => startPlatform(logging.env, { stripe: false, ...(logging.logStream && { logStream: logging.logStream }) }));
  try {
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(p.app.server.address() as { port: number }).port}`;
    const phases: Phase[] = [];
    for (const s of SHOPPINGS) phases.push(await benchShopping(p, base, url, s, rows));
    if (!only) await benchHotProduct(p, base, phases[0]?.ordersPerSecond ?? 100, rows);
    return phases;
  } finally {
    await p.stop();
  }
}

// ---- pgbench: the anchor, straight to the server ----------------------------------------------

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** One pgbench run of the anchor (simple protocol); TPS from its summary, p50/p99 from its per-transaction log. */
async function runAnchor(pgbench: string, target: string, dir: string, file: string) {
  const prefix = 'anchor-tx';
  const summary = await runPgbench(pgbench, target, file, { clients: CONNECTIONS, seconds: DURATION_S, args: ['-l', `--log-prefix=${join(dir, prefix)}`] });
  // Per-transaction log lines: client_id transaction_no time(µs) script_no epoch µs.
  const latencies = readdirSync(dir)
    .filter((f) => f.startsWith(`${prefix}.`))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter((l) => l)
    .map((l) => Number(l.split(' ')[2]) / 1000)
    .sort((a, b) => a - b);
  return { ...summary, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

/** The anchor (../shared/bench): its TPS, or null without pgbench. */
export async function benchAnchor(url: string, rows: Row[]): Promise<number | null> {
  const push = (benchmark: string, value: string) => rows.push({ database: LABEL, benchmark, value });
  const what = `pgbench anchor (shared/bench/checkout.sql: 1 guarded update + 1 order + 3 lines), simple protocol, ${CONNECTIONS} clients -j 2 × ${DURATION_S} s`;
  const pgbench = pgbenchPath();
  if (!pgbench) {
    push(what, 'pgbench missing (Debian: postgresql-client); not installed by the bench');
    return null;
  }
  const script = join(ANCHOR_DIR, 'checkout.sql');
  const name = `comptoir_anchor_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-pgbench-'));
  const scratch = new pg.Client({ connectionString: target.toString() });
  const counts = async () => {
    const { rows: c } = await scratch.query<{ orders: number; lines: number; taken: string; bytes: string }>(
      `select (select count(*) from orders)::int as orders, (select count(*) from order_lines)::int as lines, (select 10000::int8 * 100000000 - sum(qty) from stock) as taken, pg_database_size(current_database()) as bytes`,
    );
    if (!c[0]) throw new Error('no counts');
    return { ...c[0], taken: Number(c[0].taken), bytes: Number(c[0].bytes) };
  };
  try {
    await scratch.connect();
    // One statement at a time: the schema ends with VACUUM, which no transaction block may hold.
    const schema = readFileSync(join(ANCHOR_DIR, 'checkout-schema.sql'), 'utf8').replace(/^--.*$/gm, '');
    for (const statement of schema.split(/;\s*$/m).filter((t) => t.trim())) await scratch.query(statement);
    await checkpoint(url);
    const before = await counts();
    const r = await runAnchor(pgbench, target.toString(), dir, script);
    const after = await counts();
    const orders = after.orders - before.orders;
    push(`${what}: TPS (orders/s)`, r.tps.toFixed(0));
    push(`${what}: p50 / p99 latency`, `${ms(r.p50)} / ${ms(r.p99)} ms`);
    push(`${what}: statements / transactions per order`, '5 / 1 (the script)');
    push(`${what}: bytes written per order (database growth)`, orders ? ((after.bytes - before.bytes) / orders).toFixed(1) : '?');
    // The script takes one unit (of its first product) per order, and writes 3 lines.
    push(`${what}: failed tx; lines − 3 × orders; orders − stock taken`, `${r.failed}; ${after.lines - before.lines - 3 * orders}; ${orders - (after.taken - before.taken)}`);
    // The same transaction behind a bare node:http server: the ceiling of a Node server here.
    await checkpoint(url);
    const bare = await benchBareServer(target.toString(), mainThreadCpuMs, CONNECTIONS, DURATION_S, WARMUP_S);
    const bareWhat = `bare node:http + pg pool, the anchor's transaction per POST (no framework, no rule), ${CONNECTIONS} conn × ${DURATION_S} s`;
    push(`${bareWhat}: orders/s; ÷ anchor TPS`, `${bare.ordersPerSecond.toFixed(0)}; ${(bare.ordersPerSecond / r.tps).toFixed(2)}`);
    push(`${bareWhat}: p50 / p99 latency; non-2xx`, `${ms(bare.p50)} / ${ms(bare.p99)} ms; ${bare.non2xx}`);
    push(`${bareWhat}: Node CPU ms per order (main thread); orders in db`, `${bare.nodeCpuMsPerOrder === null ? 'n/a' : bare.nodeCpuMsPerOrder.toFixed(2)}; ${bare.ordersInDb}`);
    return r.tps;
  } finally {
    await scratch.end().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

export async function benchCheckout(url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): Promise<Row[]> {
  const rows: Row[] = [];
  const unreachable = await serverReachable(url);
  if (unreachable) {
    rows.push({ database: LABEL, benchmark: 'checkout benchmark', value: `skipped: server unreachable (${unreachable})` });
    return rows;
  }
  // BENCH_ANCHOR=0: the app's phases only (profiling, before/after comparisons of Node CPU per order).
  const tps = process.env.BENCH_ANCHOR === '0' ? null : await benchAnchor(url, rows);
  const phases = await benchApp(url, rows);
  for (const phase of phases) {
    if (tps) rows.push({ database: LABEL, benchmark: `POST orders, ${phase.label}: orders/s ÷ anchor TPS (same server, same run)`, value: `${phase.ordersPerSecond.toFixed(0)} ÷ ${tps.toFixed(0)} = ${(phase.ordersPerSecond / tps).toFixed(2)}` });
    // The most any server could reach writing what this order writes, against the anchor.
    if (tps && phase.replay) {
      const { one, grouped } = phase.replay;
      rows.push({ database: LABEL, benchmark: `pgbench replaying the order of ${phase.label}, 1 / ${GROUPED} per transaction, ÷ anchor TPS (same server, same run)`, value: `${one.toFixed(0)} ÷ ${tps.toFixed(0)} = ${(one / tps).toFixed(2)}; ${grouped.toFixed(0)} ÷ ${tps.toFixed(0)} = ${(grouped / tps).toFixed(2)}` });
    }
  }
  return rows;
}
