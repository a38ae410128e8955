/**
 * Memory and start-up of `comptoir serve` as users run it (issue 9): a child process started on
 * a fresh PGlite data directory, again on that now existing directory, and on a PostgreSQL server
 * (DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test; a scratch database created and
 * dropped). For each: the time to its "Ready" line, its resident memory (VmRSS from
 * /proc/<pid>/status) after 5 s idle, then after 5 s of catalogue reads (autocannon, 20
 * connections, page and JSON list) with its peak (VmHWM). `tsx bench/memory.ts` prints the rows;
 * bench/run.ts adds them to its table. Figures are measured, never asserted (issue 9's ceilings:
 * 300 MB with PGlite, 150 MB with a server). BENCH_TSX=1 measures the sources run through tsx instead of `npm start`'s build.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import pg from 'pg';
import { buildServer, residentMb, serve, stop } from '../test/support/serve-process.ts';
import type { Row } from './checkout.ts';

const IDLE_MS = 5000;
const LOAD_S = 5;

/** One start of the server: ready time, idle RSS, and RSS under a short read load. */
async function measure(database: string, start: string, env: Record<string, string>, rows: Row[]): Promise<void> {
  const { child, url, readyMs } = await serve(env);
  try {
    const pid = child.pid as number;
    rows.push({ database, benchmark: `serve, ${start}: ready in`, value: `${readyMs} ms` });
    await sleep(IDLE_MS);
    rows.push({ database, benchmark: `serve, ${start}: idle RSS`, value: `${residentMb(pid).rss} MB` });
    for (const path of ['/shops/coopso', '/api/v1/shops/bible-et-jeux/products']) {
      await autocannon({ url: url + path, connections: 20, duration: LOAD_S });
    }
    const loaded = residentMb(pid);
    rows.push({ database, benchmark: `serve, ${start}: RSS after ${2 * LOAD_S} s of reads (peak)`, value: `${loaded.rss} MB (${loaded.peak} MB)` });
  } finally {
    await stop(child);
  }
}

export async function benchMemory(databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'): Promise<Row[]> {
  const rows: Row[] = [];
  buildServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-bench-memory-'));
  try {
    await measure('PGlite', 'fresh data dir', { COMPTOIR_DATA_DIR: dataDir }, rows);
    await measure('PGlite', 'existing data dir', { COMPTOIR_DATA_DIR: dataDir }, rows);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const name = `comptoir_bench_memory_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  try {
    await admin.connect();
  } catch (error) {
    rows.push({ database: 'PostgreSQL', benchmark: 'serve', value: `skipped: ${(error as Error).message}` });
    return rows;
  }
  try {
    await admin.query(`create database ${name}`);
    const target = new URL(databaseUrl);
    target.pathname = `/${name}`;
    await measure('PostgreSQL', 'new database', { DATABASE_URL: target.toString() }, rows);
    await measure('PostgreSQL', 'existing database', { DATABASE_URL: target.toString() }, rows);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchMemory();
  const width = Math.max(...rows.map((r) => r.benchmark.length));
  for (const r of rows) console.log(`${r.database.padEnd(11)} ${r.benchmark.padEnd(width)}  ${r.value}`);
}
