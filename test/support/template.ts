/**
 * One migrated database per test run (issue 9, "tests that take less time"): every test file used
 * to run PGlite's initdb (≈ 2.5 s of CPU) and the migrations itself. scripts/run-tests.mjs builds
 * the template once — a PGlite data-directory snapshot, or a PostgreSQL `TEMPLATE` database — and
 * passes it to the test processes through the environment; test/support/platform.ts clones it.
 * Only the schema is in the template: each test seeds its shops itself, at its own (test) clock.
 *
 *   node --import tsx test/support/template.ts build   → prints the variables to export (JSON)
 *   node --import tsx test/support/template.ts drop    → removes what `build` made
 */
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import pg from 'pg';
import { openPostgres, PGLITE_EXTENSIONS } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { PGliteDialect } from '../../src/db/pglite-dialect.ts';
import type { DB } from '../../src/db/schema.ts';

export const PGLITE_TEMPLATE_ENV = 'COMPTOIR_TEST_PGLITE_TEMPLATE';
export const POSTGRES_TEMPLATE_ENV = 'COMPTOIR_TEST_POSTGRES_TEMPLATE';

/** A template database older than this belongs to a run that was killed: `build` drops it. */
const STALE_AFTER_SECONDS = 6 * 3600;

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Waits until nobody is connected to `name`: pg's pool.end() resolves before its sockets close. */
export async function waitForNoConnections(admin: pg.Client, name: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { rows } = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
    if ((rows[0]?.n ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function dropTemplate(admin: pg.Client, name: string): Promise<void> {
  await admin.query(`alter database ${name} is_template false`).catch(() => {});
  await admin.query(`drop database if exists ${name} with (force)`);
}

async function buildPostgres(url: string): Promise<Record<string, string>> {
  const now = Math.floor(Date.now() / 1000);
  const name = `comptoir_tpl_${now}_${randomBytes(4).toString('hex')}`;
  await withAdmin(url, async (admin) => {
    const { rows } = await admin.query<{ datname: string }>("select datname from pg_database where datname like 'comptoir\\_tpl\\_%'");
    for (const { datname } of rows) {
      const born = Number(datname.split('_')[2]);
      if (Number.isFinite(born) && now - born > STALE_AFTER_SECONDS) await dropTemplate(admin, datname);
    }
    await admin.query(`create database ${name}`);
  });
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openPostgres(target.toString(), 1);
  await migrateToLatest(database.db);
  await database.close();
  await withAdmin(url, async (admin) => {
    await waitForNoConnections(admin, name);
    // A template nobody can connect to: `create database … template` refuses a template in use.
    await admin.query(`alter database ${name} with is_template true allow_connections false`);
  });
  return { [POSTGRES_TEMPLATE_ENV]: name };
}

async function buildPglite(): Promise<Record<string, string>> {
  const client = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  await migrateToLatest(db);
  // Uncompressed (40 MB against 5): each platform start loads it in 0.45 s of CPU instead of 0.65.
  const dump = await client.dumpDataDir('none');
  const path = join(tmpdir(), `comptoir-template-${process.pid}-${randomBytes(4).toString('hex')}.tar`);
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  await db.destroy();
  return { [PGLITE_TEMPLATE_ENV]: path };
}

async function main(command: string | undefined): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (command === 'build') {
    process.stdout.write(JSON.stringify(url ? await buildPostgres(url) : await buildPglite()));
  } else if (command === 'drop') {
    const file = process.env[PGLITE_TEMPLATE_ENV];
    if (file) rmSync(file, { force: true });
    const name = process.env[POSTGRES_TEMPLATE_ENV];
    if (url && name) await withAdmin(url, (admin) => dropTemplate(admin, name));
  } else {
    throw new Error('usage: template.ts build|drop');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv[2]);
