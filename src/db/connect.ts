/**
 * Opens the database: the embedded PGlite in a data directory by default, or a PostgreSQL server
 * when a URL is given. Both speak the same SQL; both return int8 as numbers (amounts in cents stay
 * far below 2^53) and `date` as 'YYYY-MM-DD' strings that queries turn into Temporal dates
 * (STYLE.md §8–9).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { precompiledSql } from './precompiled.ts';
import type { DB } from './schema.ts';
import { counting, type StatementCount } from './statement-count.ts';

export type Database = {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /**
   * Who hears of a connection lost outside any query (backend terminated, server restarted).
   * Until someone listens, a one-line warning goes to stderr.
   */
  onConnectionError(listener: (error: Error) => void): void;
  /** Statements and transactions sent so far (src/db/statement-count.ts). */
  readonly sent: StatementCount;
};

const INT8 = 20;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);

/** The contrib extensions the migrations create (catalogue search, 0009): PGlite loads them at start. */
export const PGLITE_EXTENSIONS = { pg_trgm, unaccent };

/**
 * PGlite's defaults size it as a server of its own (shared_buffers 160 MB, most of its resident
 * memory once warm). Inside the web process 16 MB holds the hot pages; the data directory's files
 * stay in the system's page cache (issue 9: idle RSS ≤ 300 MB).
 */
const PGLITE_SETTINGS = ['shared_buffers=16MB'];

/**
 * Creates a new data directory (initdb) in a short-lived child process: initdb's WebAssembly
 * memory and the cluster files it unpacks (≈ 400 MB) are then given back to the system, instead
 * of staying in this process's heap for its whole life, as they do after an in-process initdb.
 */
async function initDataDir(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  const script = 'const { PGlite } = await import(process.argv[1]); await (await PGlite.create(process.argv[2])).close();';
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, import.meta.resolve('@electric-sql/pglite'), dataDir]);
}

/** `loadDataDir`: start from a snapshot (the tests' migrated template) instead of an empty cluster. */
export async function openPglite(dataDir: string | undefined, options: { loadDataDir?: Blob } = {}): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // One writer per data directory: a second process stops here with DataDirectoryInUse.
  const release = dataDir ? lockDataDir(dataDir) : () => {};
  // Loaded only when used: a process served by a PostgreSQL server never holds PGlite's module.
  const { PGlite, types: pgliteTypes } = await import('@electric-sql/pglite');
  const client: PGlite = await (dataDir && !options.loadDataDir ? initDataDir(dataDir) : Promise.resolve())
    .then(() =>
      PGlite.create(dataDir, {
        extensions: PGLITE_EXTENSIONS,
        startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((setting) => ['-c', setting])],
        ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
        parsers: { [pgliteTypes.INT8]: (v: string) => Number(v), [pgliteTypes.DATE]: (v: string) => v },
      }),
    )
    .catch((error: unknown) => {
      release();
      throw error;
    });
  const sent: StatementCount = { statements: 0, transactions: 0 };
  const db = new Kysely<DB>({ dialect: counting(new PGliteDialect(client), sent) });
  const close = async () => {
    await db.destroy();
    release();
  };
  // PGlite runs inside this process: it has no connection to lose, so nothing to report.
  return { db, kind: 'pglite', close, onConnectionError: () => {}, sent };
}

/**
 * A statement compiled once (src/db/precompiled.ts) is also prepared once per connection: the
 * server parses and plans it on its first run only, instead of on every run (issue 9: the order
 * path's statements cost the server more CPU than the order's work itself). Only these: each is a
 * short, fixed statement on keys, for which a cached plan is right; any other SQL is sent unnamed
 * as before, so the number of prepared statements per connection stays that of the statements
 * declared in the code.
 */
function preparingPrecompiled(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (config: unknown, values?: unknown, callback?: unknown) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown, callback?: unknown) => {
    const name = typeof text === 'string' ? precompiledSql.get(text) : undefined;
    return name && Array.isArray(values) && callback === undefined ? query({ name, text, values }) : query(text, values, callback);
  };
}

/**
 * The prepared statements run their one generic plan from their first execution. By default the
 * server plans each of the first five runs for its values, then keeps doing so whenever that plan
 * looks cheaper than the generic one, which for the order's statements it always did: planning
 * was three times the execution of the order's read (pg_stat_statements' track_planning), and
 * the bench's database CPU per order fell by about a fifth with the setting. It affects only
 * prepared statements (ours, and the statements of our plpgsql functions, all on keys); any other
 * statement is sent unnamed and planned for its values as before.
 */
export const GENERIC_PLANS = '-c plan_cache_mode=force_generic_plan';

export async function openPostgres(url: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, options: GENERIC_PLANS });
  let report = (error: Error) => console.warn(`database connection lost (${(error as { code?: string }).code ?? error.message}); the pool opens another`);
  // A pg client whose backend goes away emits 'error'; an EventEmitter with no listener throws it
  // and stops the process. The pool already drops a broken idle client (then emits on the pool)
  // and never reuses a checked-out one that is no longer queryable, so listening is enough: the
  // query in flight, if any, fails on its own and the request answers 503 (src/web/errors.tsx).
  pool.on('connect', (client) => {
    client.on('error', (error) => report(error));
    preparingPrecompiled(client);
  });
  pool.on('error', () => {}); // an idle client's error, already reported by the listener above
  const sent: StatementCount = { statements: 0, transactions: 0 };
  const db = new Kysely<DB>({ dialect: counting(new PostgresDialect({ pool }), sent) });
  return {
    db,
    kind: 'postgres',
    sent,
    close: () => db.destroy(),
    onConnectionError: (listener) => {
      report = listener;
    },
  };
}

export function openDatabase(opts: { databaseUrl?: string | undefined; dataDir?: string | undefined }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}
