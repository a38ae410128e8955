import { type Kysely, sql } from 'kysely';

/**
 * Runs a migration script one statement at a time: PGlite's extended-protocol `query` takes a
 * single statement, and running them separately gives the same behaviour on both databases.
 * Statements are split on a semicolon at the end of a line, so scripts must not contain
 * function bodies (none do; write those with their own `sql` call).
 */
export async function runScript(db: Kysely<unknown>, script: string): Promise<void> {
  const statements = script
    .split(/;\s*\n/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter((s) => s.length > 0);
  for (const statement of statements) await sql.raw(statement).execute(db);
}
