/**
 * The `idempotency_keys` table behind the API's `Idempotency-Key` (API.md): a key is claimed by one
 * request for a short lease, then answered once and replayed for 24 hours.
 *
 * A process killed mid-request leaves a claim without an answer: once its lease is over, the next
 * retry runs again. A handler that writes state stores its answer with `answerInTransaction`, in
 * the same transaction as the state, so a committed change always has its answer and is never
 * run twice; the lease still holds until the handler's after-commit steps are done and
 * `settleClaim` makes the answer final (concurrent duplicates wait for that final answer).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { precompile } from '../db/precompiled.ts';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../kernel/errors.ts';

/** How long a claim protects a running request; a handler without a stored answer must finish in it. */
export const CLAIM_LEASE_MS = 60_000;
/** Keys are kept (and replayed) at least this long, as Stripe does (24 h), then purged. */
export const KEY_RETENTION_MS = 24 * 3_600_000;

export type IdempotencyClaim = { readonly scope: string; readonly key: string; readonly id: string };

export type ClaimOutcome =
  | { kind: 'claimed'; claim: IdempotencyClaim }
  | { kind: 'reused' }
  /** `final`: the handler finished, or its lease is over (a process killed after its commit). */
  | { kind: 'answered'; status: number; body: string; final: boolean }
  | { kind: 'in_progress'; lockedUntil: Date }
  /** The row changed under us (released, or another request took it over): look again. */
  | { kind: 'changed' };

const UNANSWERED = 0;
const isOver = (lockedUntil: Date | null, now: Date) => lockedUntil === null || lockedUntil <= now;

// The statements of every keyed POST, compiled once (src/db/precompiled.ts, issue 9).
type NewClaim = { scope: string; key: string; sha256: string; now: Date; id: string; lockedUntil: Date };
const insertClaim = precompile((db, p: NewClaim) =>
  db
    .insertInto('idempotency_keys')
    .values({ scope: p.scope, key: p.key, request_sha256: p.sha256, status_code: UNANSWERED, response_body: '', created_at: p.now, claim_id: p.id, locked_until: p.lockedUntil })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .returning('claim_id'),
);
type Answer = { scope: string; key: string; id: string; status: number; body: string };
/** The answer of this claim, still unanswered or answered with the same status; `Final`: and the lease ended. */
const storeAnswer = precompile((db, p: Answer) =>
  db
    .updateTable('idempotency_keys')
    .set({ status_code: p.status, response_body: p.body })
    .where('scope', '=', p.scope)
    .where('key', '=', p.key)
    .where('claim_id', '=', p.id)
    .where('status_code', 'in', [UNANSWERED, p.status]),
);
const storeAnswerFinal = precompile((db, p: Answer) =>
  db
    .updateTable('idempotency_keys')
    .set({ status_code: p.status, response_body: p.body, locked_until: null })
    .where('scope', '=', p.scope)
    .where('key', '=', p.key)
    .where('claim_id', '=', p.id)
    .where('status_code', 'in', [UNANSWERED, p.status]),
);

/** One attempt to claim `key` for a request whose canonical body hashes to `sha256`. */
export async function claimKey(db: Kysely<DB>, request: { scope: string; key: string; sha256: string }, now: Date): Promise<ClaimOutcome> {
  const claim = { scope: request.scope, key: request.key, id: randomUUID() };
  const lockedUntil = new Date(now.getTime() + CLAIM_LEASE_MS);
  const inserted = await insertClaim.first(db, { scope: claim.scope, key: claim.key, sha256: request.sha256, now, id: claim.id, lockedUntil });
  if (inserted) return { kind: 'claimed', claim };

  const row = await db.selectFrom('idempotency_keys').selectAll().where('scope', '=', claim.scope).where('key', '=', claim.key).executeTakeFirst();
  if (!row) return { kind: 'changed' };
  if (row.request_sha256 !== request.sha256) return { kind: 'reused' };
  if (row.status_code !== UNANSWERED) return { kind: 'answered', status: row.status_code, body: row.response_body, final: isOver(row.locked_until, now) };
  if (row.locked_until !== null && row.locked_until > now) return { kind: 'in_progress', lockedUntil: row.locked_until };

  // The lease is over and no answer was stored: its request died. This retry runs in its place.
  const taken = await db
    .updateTable('idempotency_keys')
    .set({ claim_id: claim.id, locked_until: lockedUntil })
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .where('status_code', '=', UNANSWERED)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .executeTakeFirst();
  return taken.numUpdatedRows > 0n ? { kind: 'claimed', claim } : { kind: 'changed' };
}

/**
 * Claims a key as a statement of the transaction that writes the request's state (issue 9: the
 * order path's claim costs no transaction of its own). A duplicate sent meanwhile waits on the
 * row until this transaction ends: committed, it finds the answer; rolled back, the key is free
 * again. Null when the key is already there: the caller abandons its transaction and waits for the
 * key as `claimKey` does.
 */
export async function claimKeyInTransaction(trx: Transaction<DB>, request: { scope: string; key: string; sha256: string }, now: Date): Promise<IdempotencyClaim | null> {
  const claim = { scope: request.scope, key: request.key, id: randomUUID() };
  const inserted = await insertClaim.first(trx, { scope: claim.scope, key: claim.key, sha256: request.sha256, now, id: claim.id, lockedUntil: new Date(now.getTime() + CLAIM_LEASE_MS) });
  return inserted ? claim : null;
}

/**
 * Stores the answer to a claimed key inside the transaction that writes the request's state, so
 * both commit or neither does. Throws (rolling the state back) when the claim is no longer this
 * request's: its lease ran out and a retry took the key over, and that retry will do the work.
 * `final`: no step after the commit changes the answer, so it is final at once (no settling).
 */
export async function answerInTransaction(trx: Transaction<DB>, claim: IdempotencyClaim | undefined, status: number, body: unknown, options: { final?: boolean } = {}): Promise<void> {
  if (!claim) return;
  // Or completed: an answer of this very claim, stored with the state, finished by an after-commit step.
  const stored = await (options.final ? storeAnswerFinal : storeAnswer).affected(trx, { scope: claim.scope, key: claim.key, id: claim.id, status, body: JSON.stringify(body) });
  if (stored === 0n) throw new DomainError('idempotency_in_progress', 'conflict', {}, 'Idempotency-Key');
}

/**
 * Once the response is sent: records it as the answer (an answer already stored in the handler's
 * transaction with the same status is completed by the after-commit steps, e.g. a card checkout
 * link), or frees the key after a failure of ours (5xx) when nothing was committed, so the
 * client's retry runs again. Either way the answer becomes final for waiting duplicates.
 */
export async function settleClaim(db: Kysely<DB>, claim: IdempotencyClaim, status: number, body: string): Promise<void> {
  const mine = () => db.updateTable('idempotency_keys').where('scope', '=', claim.scope).where('key', '=', claim.key).where('claim_id', '=', claim.id);
  if (status >= 500) {
    await db.deleteFrom('idempotency_keys').where('scope', '=', claim.scope).where('key', '=', claim.key).where('claim_id', '=', claim.id).where('status_code', '=', UNANSWERED).execute();
  } else {
    const answered = await storeAnswerFinal.affected(db, { scope: claim.scope, key: claim.key, id: claim.id, status, body });
    if (answered > 0n) return;
  }
  await mine().set({ locked_until: null }).where('status_code', '<>', UNANSWERED).execute();
}

/** Forgets keys older than the retention (platform time), never one whose request is still running. */
export async function purgeIdempotencyKeys(db: Kysely<DB>, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', new Date(now.getTime() - KEY_RETENTION_MS))
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
