/**
 * Idempotency keys resolved in the order's own transaction, expiring claims, purge (issue 8 §5).
 *
 * `claim_id` names the request that holds an unanswered key, so a request whose lease was taken
 * over can neither answer nor release it; `locked_until` is that lease (platform time). While a
 * key is unanswered (`status_code = 0`) and its lease is over, the next retry runs again: that is
 * what a process killed mid-request leaves behind. An answer stored inside a handler's transaction
 * keeps the lease until the handler's after-commit steps finish, then `locked_until` is cleared.
 * Rows older than 24 h are purged (`created_at`, platform time), as payment APIs do.
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table idempotency_keys
      add column claim_id uuid,
      add column locked_until timestamptz;
    create index idempotency_keys_created_at on idempotency_keys (created_at);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    drop index idempotency_keys_created_at;
    alter table idempotency_keys drop column locked_until, drop column claim_id;
  `,
  );
}
