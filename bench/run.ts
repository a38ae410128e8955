/**
 * Benchmarks, printed as a table: start-up of the platform (migrations, profiles, demo data) and
 * catalogue reads under load (autocannon, 20 connections, 5 s) on PGlite, and on the PostgreSQL
 * server when DATABASE_URL is set; then the checkout benchmark (bench/checkout.ts) on the PostgreSQL
 * server (DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test) beside pgbench running the same
 * transaction. Figures are measured, never asserted.
 */
import autocannon from 'autocannon';
import { startPlatform } from '../test/support/platform.ts';
import { benchCatalogue } from './catalogue.ts';
import { benchCheckout, DEFAULT_DATABASE_URL, type Row } from './checkout.ts';
import { benchMemory } from './memory.ts';
import { benchOutbox } from './outbox.ts';

const rows: Row[] = [];

async function benchDatabase(label: string, env: Record<string, string | undefined>) {
  const saved = process.env.DATABASE_URL;
  if (env.DATABASE_URL) process.env.DATABASE_URL = env.DATABASE_URL;
  else delete process.env.DATABASE_URL;
  const started = performance.now();
  const p = await startPlatform();
  rows.push({ database: label, benchmark: 'boot (migrate + 5 profiles + demo data)', value: `${Math.round(performance.now() - started)} ms` });
  await p.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(p.app.server.address() as { port: number }).port}`;
  for (const [name, path] of [['GET /api/v1/shops/bible-et-jeux/products', '/api/v1/shops/bible-et-jeux/products'], ['GET /shops/coopso (page)', '/shops/coopso']] as const) {
    const result = await autocannon({ url: url + path, connections: 20, duration: 5 });
    rows.push({ database: label, benchmark: `${name}: req/s`, value: String(Math.round(result.requests.average)) });
    rows.push({ database: label, benchmark: `${name}: p50 / p99 latency`, value: `${result.latency.p50} / ${result.latency.p99} ms` });
    rows.push({ database: label, benchmark: `${name}: non-2xx`, value: String(result.non2xx) });
  }
  await p.stop();
  if (saved) process.env.DATABASE_URL = saved;
}

await benchDatabase('PGlite', {});
if (process.env.DATABASE_URL) await benchDatabase('PostgreSQL', { DATABASE_URL: process.env.DATABASE_URL });
rows.push(...(await benchCheckout()));
// The catalogue at 1k and 100k products, on the PostgreSQL server (issue 9); its query plans after the table.
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;
const catalogue = await benchCatalogue('PostgreSQL');
rows.push(...catalogue.rows);
// `comptoir serve` as npm start runs it: start-up and resident memory, idle and after reads (issue 9).
rows.push(...(await benchMemory(process.env.DATABASE_URL)));
// The outbox drained by the delivery loop while bank-transfer orders arrive (issue 9).
rows.push(...(await benchOutbox('PGlite', undefined)), ...(await benchOutbox('PostgreSQL', process.env.DATABASE_URL)));
const width = Math.max(...rows.map((r) => r.benchmark.length));
console.log(`\n${'database'.padEnd(11)} ${'benchmark'.padEnd(width)}  value`);
for (const r of rows) console.log(`${r.database.padEnd(11)} ${r.benchmark.padEnd(width)}  ${r.value}`);
console.log(`\nCatalogue query plans at 100,000 products (EXPLAIN ANALYZE):\n${catalogue.plans}`);
