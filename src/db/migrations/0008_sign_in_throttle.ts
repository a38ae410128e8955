/**
 * Sign-in throttling per account and per address, token revocation, idle sessions (issue 8 §6, §7).
 */
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
