/**
 * Evidence completeness: head hash and count on the order, immutable events and invoices (issue 8 §11).
 */
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
