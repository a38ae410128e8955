/**
 * Tables holding shop data lead their primary key with shop_id (DESIGN.md, issue 9).
 */
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
