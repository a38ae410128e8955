/** Credit notes (issue 10 §6, issue 11 §8). */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `select 1;`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `select 1;`);
}
