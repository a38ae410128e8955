/**
 * Checkout under load on the PostgreSQL server (issue 3, DESIGN.md §8), beside the server's own
 * limit for the same work:
 *  1. `POST /api/v1/shops/coopconnexion/orders` with autocannon, 20 connections for 10 s, every
 *     request a valid 1-unit order of one product with a large stock, from 20 customers: orders/s,
 *     p50/p99, non-2xx, and the oversell count (units sold − stock taken; rows with stock < 0).
 *  2. One hot product whose stock is half the requests sent: exactly `stock` orders, the rest
 *     `409 out_of_stock`, stock 0, oversell 0.
 *  3. `pgbench -M extended -n -c 20 -j 2 -T 10` on the same server with a script doing the
 *     equivalent transaction in a scratch database with the same tables and keys: BEGIN; INSERT
 *     the order, 1 line, 1 outbox row and 2 event rows, with payloads copied byte for byte from an
 *     order of run 1 (the outbox row: a template reference since issue 9); the guarded UPDATE on one product;
 *     COMMIT — the app's order (stock taken last). Then again with the UPDATE first, to show what
 *     holding the hot row across the inserts costs. Then our orders/s ÷ pgbench TPS (stock last).
 * Everything it creates (the platform's database, the scratch database, temporary files) is
 * dropped at the end. It installs nothing: without `pgbench` on the PATH it says so.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../test/support/platform.ts';
import { customerToken, termsVersion } from '../test/support/shoppers.ts';

export type Row = { database: string; benchmark: string; value: string };
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

const SHOP = 'coopconnexion';
const CONNECTIONS = 20;
const CUSTOMERS = 20;
const DURATION_S = 10;
const BULK_STOCK = 10_000_000;
const LABEL = 'PostgreSQL';

export type Sample = {
  delivery: string;
  accepted_terms: string;
  sku: string;
  name: string;
  placed: string;
  queued: string;
  to_address: string;
  subject: string | null;
  text_body: string | null;
  html_body: string | null;
  template: string;
  payload: string;
};

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

async function createProduct(p: TestPlatform, sku: string, stock: number): Promise<string> {
  const res = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/products`, headers: bearer(ADMIN_TOKEN), payload: { sku, name: `Produit ${sku}`, unitPriceCents: 500, vatRateBp: 2000, stock } });
  if (res.statusCode !== 201) throw new Error(`product ${sku}: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** Orders and units of the product in the database, and its stock now. */
async function soldOf(p: TestPlatform, productId: string) {
  const { rows } = await sql<{ orders: number; units: number; stock: number; negative: number }>`
    select (select count(distinct order_id) from order_lines where product_id = ${productId})::int as orders,
           (select coalesce(sum(quantity), 0) from order_lines where product_id = ${productId})::int as units,
           (select stock from products where id = ${productId}) as stock,
           (select count(*) from products where stock < 0)::int as negative`.execute(p.database.db);
  const row = rows[0];
  if (!row) throw new Error('no counts');
  return row;
}

/** The counts once the requests still in flight when autocannon stopped have finished. */
async function settledSoldOf(p: TestPlatform, productId: string) {
  let last = await soldOf(p, productId);
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const now = await soldOf(p, productId);
    if (now.orders === last.orders) return now;
    last = now;
  }
  return last;
}

/** autocannon in a worker thread, so the client does not share the app's event loop. */
function fire(url: string, body: string, tokens: string[], limit: { duration: number } | { amount: number }) {
  return autocannon({
    url: `${url}/api/v1/shops/${SHOP}/orders`,
    connections: CONNECTIONS,
    workers: 1,
    ...limit,
    // Each connection cycles through the customers: every request is one valid order.
    requests: tokens.map((t) => ({ method: 'POST' as const, path: `/api/v1/shops/${SHOP}/orders`, headers: { 'content-type': 'application/json', ...bearer(t) }, body })),
  });
}

const ms = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

async function benchApp(url: string, rows: Row[]): Promise<{ ordersPerSecond: number; sample: Sample | null }> {
  const push = (benchmark: string, value: string) => rows.push({ database: LABEL, benchmark, value });
  const p = await withDatabaseUrl(url, () => startPlatform());
  try {
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(p.app.server.address() as { port: number }).port}`;
    const version = await termsVersion(p, SHOP);
    const tokens = await Promise.all(Array.from({ length: CUSTOMERS }, (_, i) => customerToken(p, SHOP, `bench-${i}@example.fr`)));
    const order = (productId: string) => JSON.stringify({ lines: [{ productId, quantity: 1 }], acceptedTerms: { version }, delivery: { mode: 'carrier' }, paymentMethod: 'card' });

    // 1. Large stock: the throughput of the order path.
    const bulk = await createProduct(p, 'BENCH-BULK', BULK_STOCK);
    const probe = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders`, headers: { ...bearer(tokens[0] as string), 'content-type': 'application/json' }, payload: order(bulk) });
    if (probe.statusCode !== 201) throw new Error(`a single order fails, nothing to measure: ${probe.statusCode} ${probe.body}`);
    await checkpoint(url);
    const before = await soldOf(p, bulk);
    const r1 = await fire(base, order(bulk), tokens, { duration: DURATION_S });
    const after = await settledSoldOf(p, bulk);
    const placed = r1['2xx'];
    const ordersPerSecond = placed / r1.duration;
    const what = `POST orders, ${CONNECTIONS} conn × ${DURATION_S} s, ${CUSTOMERS} customers, stock ${BULK_STOCK.toLocaleString('en')}`;
    push(`${what}: orders/s`, ordersPerSecond.toFixed(0));
    push(`${what}: p50 / p99 latency`, `${ms(r1.latency.p50)} / ${ms(r1.latency.p99)} ms`);
    push(`${what}: non-2xx / errors`, `${r1.non2xx} / ${r1.errors + r1.timeouts}`);
    const units1 = after.units - before.units;
    const taken1 = before.stock - after.stock;
    push(`${what}: 201s / orders in db (+ in flight at the end) / stock taken`, `${placed} / ${after.orders - before.orders} / ${taken1}`);
    push(`${what}: oversell (units sold − stock taken); rows stock < 0`, `${units1 - taken1}; ${after.negative}`);

    const { rows: samples } = await sql<Sample>`
      select o.delivery::text, o.accepted_terms::text, l.sku, l.name, e1.data::text as placed, e2.data::text as queued,
             x.to_address, x.subject, x.text_body, x.html_body, x.template, x.payload::text
        from orders o
        join order_lines l on l.shop_id = o.shop_id and l.order_id = o.id
        join order_events e1 on e1.shop_id = o.shop_id and e1.order_id = o.id and e1.seq = 1
        join order_events e2 on e2.shop_id = o.shop_id and e2.order_id = o.id and e2.seq = 2
        join outbox x on x.id = (e2.data->>'outboxId')::uuid
       where l.product_id = ${bulk}
       limit 1`.execute(p.database.db);

    // 2. One hot product, stock = half the requests: exactly `stock` orders, never one more.
    const hotStock = Math.max(200, Math.round(ordersPerSecond * 2));
    const requests = hotStock * 2;
    const hot = await createProduct(p, 'BENCH-HOT', hotStock);
    const r2 = await fire(base, order(hot), tokens, { amount: requests });
    const end = await settledSoldOf(p, hot);
    const codes = Object.fromEntries(Object.entries(r2.statusCodeStats ?? {}).map(([code, s]) => [code, (s as { count: number }).count]));
    const others = Object.entries(codes).filter(([c]) => c !== '201' && c !== '409').map(([c, n]) => `${c}×${n}`).join(' ') || '0';
    const what2 = `POST orders, hot product: stock ${hotStock}, ${requests} requests, ${r2.duration.toFixed(1)} s`;
    push(`${what2}: 201 / 409 / other`, `${codes['201'] ?? 0} / ${codes['409'] ?? 0} / ${others}`);
    push(`${what2}: p50 / p99 latency`, `${ms(r2.latency.p50)} / ${ms(r2.latency.p99)} ms`);
    push(`${what2}: units sold / final stock`, `${end.units} / ${end.stock}`);
    push(`${what2}: oversell (units sold − stock taken); rows stock < 0`, `${end.units - (hotStock - end.stock)}; ${end.negative}`);
    return { ordersPerSecond, sample: samples[0] ?? null };
  } finally {
    await p.stop();
  }
}

// ---- pgbench: the same transaction, straight to the server -----------------------------------

/** The app's tables for this transaction (src/db/migrations), same columns, keys and references. */
const PGBENCH_SCHEMA = `
  create table shops (id text primary key);
  create table customers (shop_id text not null references shops(id), id uuid not null, primary key (shop_id, id));
  create table products (
    shop_id text not null references shops(id), id uuid not null, sku text not null, name jsonb not null, description jsonb not null,
    unit_price_cents bigint not null check (unit_price_cents >= 0), vat_rate_bp integer not null, stock integer not null check (stock >= 0),
    max_per_order integer, withdrawable boolean not null default true, withdrawal_exception text, regulated boolean not null default false,
    active boolean not null default true, created_at timestamptz not null default now(), unit text not null default 'unit',
    condition text not null default 'new', images jsonb not null default '[]', is_bundle boolean not null default false,
    primary key (shop_id, id));
  create unique index products_sku on products (shop_id, sku);
  create sequence order_number_seq;
  create table orders (
    shop_id text not null references shops(id), id uuid not null default gen_random_uuid(), number text not null, customer_id uuid not null,
    customer_kind text not null, status text not null, placed_at timestamptz not null, net_cents bigint not null, vat_cents bigint not null,
    gross_cents bigint not null, shipping_cents bigint not null, fees_cents bigint not null, delivery jsonb not null, payment_method text not null,
    payment_status text not null, accepted_terms jsonb not null,
    primary key (shop_id, id), unique (shop_id, number), foreign key (shop_id, customer_id) references customers (shop_id, id));
  create index orders_customer on orders (shop_id, customer_id, placed_at);
  create table order_lines (
    shop_id text not null, order_id uuid not null, line_no integer not null, product_id uuid not null, sku text not null, name text not null,
    quantity integer not null check (quantity > 0), unit_price_cents bigint not null, vat_rate_bp integer not null, total_cents bigint not null,
    withdrawable boolean not null, withdrawal_exception text,
    primary key (shop_id, order_id, line_no), foreign key (shop_id, order_id) references orders (shop_id, id));
  create table order_events (
    shop_id text not null, order_id uuid not null, seq integer not null, type text not null, at timestamptz not null, recorded_at timestamptz not null,
    actor text not null, data jsonb not null, prev_hash text not null, hash text not null,
    primary key (shop_id, order_id, seq), foreign key (shop_id, order_id) references orders (shop_id, id));
  create table outbox (
    shop_id text references shops(id), id uuid not null default gen_random_uuid() primary key, to_address text not null, subject text,
    text_body text, html_body text, status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
    attempts integer not null default 0, last_error text, created_at timestamptz not null, sent_at timestamptz,
    template text not null default 'text', payload jsonb not null default '{}', next_attempt_at timestamptz, locked_until timestamptz);
  create index outbox_pending on outbox (created_at) where status = 'pending';
  insert into shops values ('bench');
  insert into customers select 'bench', ('00000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid from generate_series(1, ${CUSTOMERS}) n;
  insert into products (shop_id, id, sku, name, description, unit_price_cents, vat_rate_bp, stock)
    values ('bench', '00000000-0000-4000-8000-00000000b01c', 'BENCH-BULK', '{"fr": "Produit BENCH-BULK"}', '{"fr": ""}', 500, 2000, ${BULK_STOCK});
`;
const PRODUCT_ID = '00000000-0000-4000-8000-00000000b01c';

/**
 * A text value as a SQL expression pgbench passes through untouched: base64 has no ':' (pgbench
 * would read `:word` as a variable), and the server decodes and parses it as it would the app's
 * parameter.
 */
const text = (v: string | null) => (v === null ? 'null' : `convert_from(decode('${Buffer.from(v, 'utf8').toString('base64')}', 'base64'), 'UTF8')`);
const json = (v: string) => `${text(v)}::jsonb`;

/**
 * One line per statement; `\gset` keeps the order id for its line and events. `stockLast` puts
 * the guarded UPDATE just before COMMIT, as src/checkout/place-order.ts does (the hot row stays
 * locked for one statement and the commit); otherwise it comes first, holding the lock across the
 * five inserts.
 */
function pgbenchScript(s: Sample, stockLast: boolean): string {
  const hash = 'f'.repeat(64);
  const takeStock = `UPDATE products SET stock = stock - 1 WHERE shop_id = 'bench' AND id = '${PRODUCT_ID}' AND stock >= 1;`;
  return [
    `\\set c random(1, ${CUSTOMERS})`,
    'BEGIN;',
    ...(stockLast ? [] : [takeStock]),
    `INSERT INTO orders (shop_id, number, customer_id, customer_kind, status, placed_at, net_cents, vat_cents, gross_cents, shipping_cents, fees_cents, delivery, payment_method, payment_status, accepted_terms) VALUES ('bench', 'BN-2026-' || lpad(nextval('order_number_seq')::text, 6, '0'), ('00000000-0000-4000-8000-' || lpad(:c::text, 12, '0'))::uuid, 'consumer', 'awaiting_payment', now(), 417, 83, 500, 0, 0, ${json(s.delivery)}, 'card', 'awaiting', ${json(s.accepted_terms)}) RETURNING id \\gset`,
    `INSERT INTO order_lines (shop_id, order_id, line_no, product_id, sku, name, quantity, unit_price_cents, vat_rate_bp, total_cents, withdrawable, withdrawal_exception) VALUES ('bench', :id, 1, '${PRODUCT_ID}', ${text(s.sku)}, ${text(s.name)}, 1, 500, 2000, 500, true, null);`,
    `INSERT INTO outbox (shop_id, to_address, subject, text_body, html_body, created_at, template, payload) VALUES ('bench', ${text(s.to_address)}, ${text(s.subject)}, ${text(s.text_body)}, ${text(s.html_body)}, now(), ${text(s.template)}, ${json(s.payload)});`,
    `INSERT INTO order_events (shop_id, order_id, seq, type, at, recorded_at, actor, data, prev_hash, hash) VALUES ('bench', :id, 1, 'placed', now(), now(), ${text(`customer:${PRODUCT_ID}`)}, ${json(s.placed)}, '${'0'.repeat(64)}', '${hash}');`,
    `INSERT INTO order_events (shop_id, order_id, seq, type, at, recorded_at, actor, data, prev_hash, hash) VALUES ('bench', :id, 2, 'confirmation_email_queued', now(), now(), 'system', ${json(s.queued)}, '${hash}', '${hash}');`,
    ...(stockLast ? [takeStock] : []),
    'COMMIT;',
    '',
  ].join('\n');
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** One pgbench run of a script; TPS from its summary, p50/p99 from its per-transaction log. */
async function runPgbench(pgbench: string, target: string, dir: string, name: string, script: string) {
  const file = join(dir, `${name}.sql`);
  writeFileSync(file, script);
  const prefix = `${name}-tx`;
  const args = ['-n', '-M', 'extended', '-f', file, '-c', String(CONNECTIONS), '-j', '2', '-T', String(DURATION_S), '-l', `--log-prefix=${join(dir, prefix)}`, target];
  const out = await new Promise<string>((resolve, reject) =>
    execFile(pgbench, args, { encoding: 'utf8', maxBuffer: 1 << 20 }, (error, stdout, stderr) => (error ? reject(new Error(`pgbench failed: ${stderr || error.message}`)) : resolve(stdout))),
  );
  // Per-transaction log lines: client_id transaction_no time(µs) script_no epoch µs.
  const latencies = readdirSync(dir)
    .filter((f) => f.startsWith(`${prefix}.`))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter((l) => l)
    .map((l) => Number(l.split(' ')[2]) / 1000)
    .sort((a, b) => a - b);
  return {
    tps: Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? Number.NaN),
    failed: Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

/** Runs both scripts; returns the TPS of the one shaped like the app (stock taken last). */
export async function benchPgbench(url: string, sample: Sample, rows: Row[]): Promise<number | null> {
  const push = (benchmark: string, value: string) => rows.push({ database: LABEL, benchmark, value });
  const base = `pgbench -M extended -c ${CONNECTIONS} -j 2 -T ${DURATION_S}, same transaction`;
  let pgbench: string;
  try {
    pgbench = execFileSync('sh', ['-c', 'command -v pgbench'], { encoding: 'utf8' }).trim();
  } catch {
    push(base, 'pgbench missing (Debian: postgresql-client); not installed by the bench');
    return null;
  }
  const name = `comptoir_pgbench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-pgbench-'));
  const scratch = new pg.Client({ connectionString: target.toString() });
  const counts = async () => {
    const { rows: c } = await scratch.query<{ orders: number; stock: number; negative: number }>(
      `select (select count(*) from orders)::int as orders, (select stock from products where id = '${PRODUCT_ID}') as stock, (select count(*) from products where stock < 0)::int as negative`,
    );
    if (!c[0]) throw new Error('no counts');
    return c[0];
  };
  try {
    await scratch.connect();
    await scratch.query(PGBENCH_SCHEMA);
    let asApp: number | null = null;
    for (const stockLast of [true, false]) {
      const what = `${base}, stock taken ${stockLast ? 'last (as the app)' : 'first'}`;
      await checkpoint(url);
      const before = await counts();
      const r = await runPgbench(pgbench, target.toString(), dir, stockLast ? 'stock-last' : 'stock-first', pgbenchScript(sample, stockLast));
      const after = await counts();
      push(`${what}: TPS`, r.tps.toFixed(0));
      push(`${what}: p50 / p99 latency`, `${ms(r.p50)} / ${ms(r.p99)} ms`);
      push(`${what}: failed tx; orders − stock taken; rows stock < 0`, `${r.failed}; ${after.orders - before.orders - (before.stock - after.stock)}; ${after.negative}`);
      if (stockLast) asApp = r.tps;
    }
    const { rows: size } = await scratch.query<{ bytes: number }>(
      `select ((select avg(pg_column_size(o.*)) from orders o) + (select avg(pg_column_size(l.*)) from order_lines l) + 2 * (select avg(pg_column_size(e.*)) from order_events e) + (select avg(pg_column_size(x.*)) from outbox x))::int as bytes`,
    );
    push(`${base}: bytes written per order (order, line, outbox, 2 events)`, `${size[0]?.bytes ?? '?'} (payloads copied from an app order)`);
    return asApp;
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
  const { ordersPerSecond, sample } = await benchApp(url, rows);
  if (!sample) throw new Error('no order of run 1 to copy into the pgbench script');
  const tps = await benchPgbench(url, sample, rows);
  if (tps) rows.push({ database: LABEL, benchmark: 'POST orders orders/s ÷ pgbench TPS, stock taken last (same server, same run)', value: `${ordersPerSecond.toFixed(0)} ÷ ${tps.toFixed(0)} = ${(ordersPerSecond / tps).toFixed(2)}` });
  return rows;
}
