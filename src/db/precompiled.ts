/**
 * Statements compiled once, at module load, instead of on every call (issue 9: building and
 * compiling a Kysely query costs 20–60 µs of the event loop each time, about a quarter of the
 * Node CPU of an order with a dozen statements). The query is written with Kysely's builder as
 * usual, against named parameters; the SQL text is kept and each call only slots its values in.
 *
 *   const byId = precompile((db, p: { shopId: string; id: string }) =>
 *     db.selectFrom('orders').select(['id', 'number']).where('shop_id', '=', p.shopId).where('id', '=', p.id));
 *   const order = await byId.first(trx, { shopId, id });
 *
 * The builder sees placeholders, not values, so the statement's shape cannot depend on a value:
 * a list goes through `= any(${p.ids})` (one array parameter), never `in (…)`, and a null is
 * passed as a value, never tested with `is` by a branch in the builder. A placeholder not used,
 * or one used where Kysely inlines a value instead of binding it, throws at module load.
 * On PostgreSQL these statements are also prepared once per connection (src/db/connect.ts).
 */
import { type Compilable, type CompiledQuery, DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type QueryResult, type RawBuilder } from 'kysely';
import type { DB } from './schema.ts';

/** A placeholder for a named parameter: Kysely binds it as a value, `precompile` finds it. */
class Slot {
  constructor(readonly name: string) {}
}

/** Compiles without a connection: Kysely's documented "cold" set-up with the dummy driver. */
const cold = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** Every SQL text `precompile` produced: the statements worth a server-side prepared statement. */
export const precompiledSql = new Map<string, string>();

type Executor = Pick<Kysely<DB>, 'executeQuery'>;

export type Precompiled<P, O> = {
  readonly sql: string;
  /** The driver's result: rows, and `numAffectedRows` for a write. */
  run(db: Executor, params: P): Promise<QueryResult<O>>;
  all(db: Executor, params: P): Promise<O[]>;
  first(db: Executor, params: P): Promise<O | undefined>;
  /** Rows inserted, updated or deleted (a write without `returning`). */
  affected(db: Executor, params: P): Promise<bigint>;
};

export function precompile<P extends Record<string, unknown>, O>(build: (db: Kysely<DB>, p: P) => Compilable<O> | RawBuilder<O>): Precompiled<P, O> {
  const names = new Set<string>();
  const slots = new Proxy({} as P, {
    get: (_, key) => {
      if (typeof key !== 'string') return undefined;
      names.add(key);
      return new Slot(key);
    },
  });
  // A builder compiles by itself; a raw `sql` statement needs an executor to compile with, which a
  // builder's compile() ignores.
  const compiled = (build(cold, slots) as { compile(provider: Kysely<DB>): CompiledQuery<O> }).compile(cold);
  // For each bound parameter: the name of the value it takes, or the constant the builder bound.
  type Bound = { name: string; constant?: never } | { name?: never; constant: unknown };
  const bound: Bound[] = compiled.parameters.map((v) => (v instanceof Slot ? { name: v.name } : { constant: v }));
  const used = new Set(bound.flatMap((b) => (b.name === undefined ? [] : [b.name])));
  const lost = [...names].filter((n) => !used.has(n));
  if (lost.length) throw new Error(`precompile: ${lost.join(', ')} not bound as parameters (inlined by the builder?) in: ${compiled.sql}`);
  const sql = compiled.sql;
  if (!precompiledSql.has(sql)) precompiledSql.set(sql, `cq${precompiledSql.size + 1}`);
  const query = (params: P): CompiledQuery<O> => ({
    query: compiled.query,
    // No plugin is installed (the only user of query ids): one id serves every call.
    queryId: compiled.queryId,
    sql,
    parameters: bound.map((b) => (b.name === undefined ? b.constant : params[b.name])),
  });
  const run = (db: Executor, params: P) => db.executeQuery(query(params));
  return {
    sql,
    run,
    all: async (db, params) => (await run(db, params)).rows,
    first: async (db, params) => (await run(db, params)).rows[0],
    affected: async (db, params) => (await run(db, params)).numAffectedRows ?? 0n,
  };
}
