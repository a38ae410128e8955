/** Issue 12: group-purchase campaigns, promises, supplier orders. */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `select 1;`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `select 1;`);
}
