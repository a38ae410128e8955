/**
 * Idempotency keys resolved in the order's own transaction, expiring claims, purge (issue 8 §5).
 */
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
