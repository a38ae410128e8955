/** Issue 12: volunteer rounds and run sheets. */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `select 1;`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `select 1;`);
}
