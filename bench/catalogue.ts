/**
 * The catalogue at 1,000 and 100,000 products (issue 9): the shop page (plain, and searched with a
 * typo) and the JSON list (plain, searched as typed, filtered by price) at 50 connections; then the
 * plan of each catalogue query at the larger size, which must read indexes, never scan the table.
 *
 *   DATABASE_URL=postgres://… node --import tsx bench/catalogue.ts   (PGlite without DATABASE_URL)
 *
 * The server runs in a child process of its own (this file, BENCH_CATALOGUE_ROLE=server) so that
 * autocannon's 50 connections do not share its event loop, and so that its CPU time
 * (process.cpuUsage, user + system, over each measured run) is the server's alone: CPU ms per
 * request is printed beside p50/p99 and req/s, with the load average at the end of each run (other
 * work on the machine shows there). Knobs: BENCH_DURATION (s per scenario, default 10),
 * BENCH_SIZES (default 1000,100000), BENCH_CPU_PROFILE=<dir> (a V8 profile of the server per
 * measured run, for bench/cpuprofile-summary.ts).
 *
 * Product names cycle through 20 nouns (so "cahier" matches 5 % of any catalogue) and carry their
 * number; prices spread over 0.50–250 €. Figures are measured, never asserted.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { type RawBuilder, sql } from 'kysely';
import * as q from '../src/catalogue/queries.ts';
import { startPlatform } from '../test/support/platform.ts';
import type { Row } from './checkout.ts';

const SHOP = 'coopo';
const NOUNS = ['Étiquettes', 'Cahier', 'Stylo', 'Classeur', 'Enveloppes', 'Agrafeuse', 'Ramette', 'Crayon', 'Gomme', 'Règle', 'Pochettes', 'Carnet', 'Surligneur', 'Trombones', 'Chemise', 'Marqueur', 'Colle', 'Ciseaux', 'Bloc-notes', 'Feutre'];
const ADJECTIVES = ['bleu', 'rouge', 'vert', 'noir', 'recyclé', 'grand format', 'petit format', 'à spirale', 'adhésif', 'effaçable'];
const CONNECTIONS = 50;

/**
 * Name, profile tag, and the path of each request. The first five ask the same URL again and again,
 * as a crowd on a shop's first page or a popular search does: after the first, answers come from
 * the catalogue kept in memory (src/catalogue/listing-cache.ts), read again every second or two.
 * The last two ask something new each time (the n-th request of the run gets n), so every answer
 * is read from the database and rendered: what a visitor pays for a query nobody asked just before.
 */
const SCENARIOS: [string, string, (n: number) => string][] = [
  ['shop page /shops/:shop', 'page', () => `/shops/${SHOP}`],
  ['shop page, search with a typo (q=cahir)', 'page-typo', () => `/shops/${SHOP}?q=cahir`],
  ['API list', 'api-list', () => `/api/v1/shops/${SHOP}/products?limit=24`],
  ['API search (q=etiquettes)', 'api-search', () => `/api/v1/shops/${SHOP}/products?q=etiquettes&limit=24`],
  ['API price ≤ 15 €, price ascending', 'api-price', () => `/api/v1/shops/${SHOP}/products?maxPriceCents=1500&sort=price_asc&limit=24`],
  ['uncached: shop page, a new search each (q=cahier+1000+n)', 'page-new-search', (n) => `/shops/${SHOP}?q=cahier+${1000 + n}`],
  ['uncached: API, a new price limit each (≤ 5 € + n cents)', 'api-new-price', (n) => `/api/v1/shops/${SHOP}/products?maxPriceCents=${500 + n}&sort=price_asc&limit=24`],
];

/** autocannon's options for a scenario: each request's path from its number in the run. */
function load(url: string, path: (n: number) => string, connections: number, duration: number, from: number) {
  let n = from;
  return autocannon({ url, connections, duration, requests: [{ setupRequest: (request) => ({ ...request, path: path(n++) }) }] });
}

type Db = Parameters<typeof q.productPage>[0];

async function growTo(db: Db, products: number) {
  await sql`insert into products (shop_id, sku, name, description, unit_price_cents, vat_rate_bp, stock)
    select ${SHOP}, 'B-' || lpad(i::text, 6, '0'),
      jsonb_build_object('fr', (${sql.val(NOUNS)}::text[])[1 + i % 20] || ' ' || (${sql.val(ADJECTIVES)}::text[])[1 + (i / 20) % 10] || ' n° ' || i, 'en', 'Item ' || i),
      '{"fr": ""}'::jsonb, 50 + (i * 7919) % 25000, 2000, 100
    from generate_series((select count(*) from products where shop_id = ${SHOP} and sku like 'B-%') + 1, ${products}) as i`.execute(db);
  await sql`analyze products`.execute(db);
}

/** What the page and count builders share: Kysely's EXPLAIN. */
type Explainable = { explain(format: 'text', options: RawBuilder<unknown>): Promise<Record<string, unknown>[]> };

/** EXPLAIN ANALYZE of each query a catalogue request runs, at the current size. */
async function plans(db: Db): Promise<string> {
  const filters: [string, q.CatalogueFilter, q.SearchTier][] = [
    ['list by SKU', { sort: 'sku' }, 0],
    ['price ≤ 15 €, ascending', { sort: 'price_asc', maxPriceCents: 1500 }, 0],
    ['price descending, after a cursor', { sort: 'price_desc' }, 0],
    ['search as typed (etiquettes)', { sort: 'sku', search: 'etiquettes' }, 0],
    ['search, close matches (cahir)', { sort: 'sku', search: 'cahir' }, 1],
  ];
  const out: string[] = [];
  for (const [name, filter, tier] of filters) {
    const start = name.includes('cursor') ? { after: { sort: 'price_desc' as const, tier: 0 as const, priceCents: 12_000, sku: 'B-050000' } } : { offset: 0 };
    // A search is never counted beyond its first page: its total is the planner's estimate (no scan).
    const queries: [string, Explainable][] = [['page', q.productPageQuery(db, SHOP, filter, tier, start, 25)]];
    if (!filter.search) queries.push(['count ≤ 1001', q.countUpToQuery(db, SHOP, filter, 1001)]);
    for (const [what, query] of queries) {
      const rows = await query.explain('text', sql`analyze, costs off, timing off, summary on`);
      out.push(`-- ${name}: ${what}\n${rows.map((r) => Object.values(r)[0]).join('\n')}`);
    }
  }
  return out.join('\n\n');
}

type Ask = { op: 'grow'; size: number } | { op: 'start'; tag?: string } | { op: 'stop'; tag?: string } | { op: 'plans' } | { op: 'exit' };
type Request = Ask & { id: number };

/** The server's side: the platform, growing its catalogue and measuring itself when asked. */
async function serve() {
  const p = await startPlatform();
  await p.app.listen({ port: 0, host: '127.0.0.1' });
  let session: Session | null = null;
  let cpu = process.cpuUsage();
  const answer = (id: number, result: unknown) => process.send?.({ id, result });
  process.on('message', async (m: Request) => {
    if (m.op === 'grow') {
      await growTo(p.database.db, m.size);
      answer(m.id, null);
    } else if (m.op === 'start') {
      if (m.tag && process.env.BENCH_CPU_PROFILE) {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
      }
      cpu = process.cpuUsage();
      answer(m.id, null);
    } else if (m.op === 'stop') {
      const used = process.cpuUsage(cpu);
      if (session && m.tag && process.env.BENCH_CPU_PROFILE) {
        const { profile } = await session.post('Profiler.stop');
        mkdirSync(process.env.BENCH_CPU_PROFILE, { recursive: true });
        writeFileSync(join(process.env.BENCH_CPU_PROFILE, `${m.tag}.cpuprofile`), JSON.stringify(profile));
        session.disconnect();
        session = null;
      }
      answer(m.id, (used.user + used.system) / 1000);
    } else if (m.op === 'plans') {
      answer(m.id, await plans(p.database.db));
    } else {
      await p.stop();
      answer(m.id, null);
      process.exit(0);
    }
  });
  process.send?.({ id: 0, result: `http://127.0.0.1:${(p.app.server.address() as { port: number }).port}` });
}

/** A child process running `serve`, asked by message; answers come back by id. */
function startServer(): Promise<{ url: string; ask: <T>(m: Ask) => Promise<T>; child: ChildProcess }> {
  const child = fork(new URL(import.meta.url).pathname, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, BENCH_CATALOGUE_ROLE: 'server' } });
  const waiting = new Map<number, (v: unknown) => void>();
  let next = 1;
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`catalogue bench server exited with ${code}`)));
    child.on('message', (m: { id: number; result: unknown }) => {
      if (m.id === 0) {
        const ask = <T,>(r: Ask) => new Promise<T>((done) => {
          const id = next++;
          waiting.set(id, done as (v: unknown) => void);
          child.send({ ...r, id });
        });
        resolve({ url: m.result as string, ask, child });
      } else {
        waiting.get(m.id)?.(m.result);
        waiting.delete(m.id);
      }
    });
  });
}

const loadAverage = () => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
};

export async function benchCatalogue(label: string, sizes = (process.env.BENCH_SIZES ?? '1000,100000').split(',').map(Number)): Promise<{ rows: Row[]; plans: string }> {
  const rows: Row[] = [];
  const duration = Number(process.env.BENCH_DURATION ?? 10);
  const server = await startServer();
  let explained = '';
  try {
    for (const size of sizes) {
      await server.ask({ op: 'grow', size });
      for (const [name, tag, path] of SCENARIOS) {
        // Warm-up (JIT, caches) on numbers the measured run does not ask again.
        await load(server.url, path, CONNECTIONS, 2, 1_000_000);
        await server.ask({ op: 'start', tag: `${size}-${tag}` });
        const r = await load(server.url, path, CONNECTIONS, duration, 1);
        const cpuMs = await server.ask<number>({ op: 'stop', tag: `${size}-${tag}` });
        const errors = r.non2xx + r.errors + r.timeouts;
        const perRequest = r.requests.total > 0 ? cpuMs / r.requests.total : 0;
        rows.push({
          database: label,
          benchmark: `catalogue ${size.toLocaleString('en')}: ${name}`,
          value: `${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} / p99 ${r.latency.p99} ms, ${perRequest.toFixed(2)} CPU ms/req, load ${loadAverage()}${errors ? `, ${errors} errors` : ''}`,
        });
      }
    }
    explained = await server.ask<string>({ op: 'plans' });
  } finally {
    await server.ask({ op: 'exit' });
  }
  return { rows, plans: explained };
}

if (process.env.BENCH_CATALOGUE_ROLE === 'server') {
  await serve();
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, plans: explained } = await benchCatalogue(process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite');
  console.log(`${CONNECTIONS} connections, ${process.env.BENCH_DURATION ?? 10} s per run; load average before: see each row`);
  for (const r of rows) console.log(`${r.database.padEnd(11)} ${r.benchmark.padEnd(52)} ${r.value}`);
  if (process.env.BENCH_PLANS !== '0') console.log(`\n${explained}`);
}
