/**
 * `Idempotency-Key` on any API POST (API.md): the same key with the same body returns the first
 * result; the same key with another body is refused (`idempotency_key_reused`). Bodies are
 * compared canonically: `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request.
 *
 * The key is claimed before the handler runs (src/platform/idempotency-keys.ts), and the claim
 * travels with the request (`request.idempotency`) so a handler that writes state can store its
 * answer in its own transaction (`answerInTransaction`). A duplicate arriving meanwhile waits for
 * the first answer and replays it; only when none comes within MAX_WAIT_MS does it get 409
 * `idempotency_in_progress` with a `Retry-After` (RFC 9110 §10.2.3). The wait polls with short,
 * growing pauses and holds no database connection between polls (PGlite has only one).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { configure } from 'safe-stable-stringify';
import { isConnectionLost } from '../db/errors.ts';
import { DomainError } from '../kernel/errors.ts';
import { sha256Hex } from '../kernel/ids.ts';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type IdempotencyClaim, claimKey, claimKeyInTransaction, settleClaim } from '../platform/idempotency-keys.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The answer is a secret we keep only as a hash (an API token): it is never stored to be
     * replayed, so the key is not claimed and a retry runs again (signs in anew).
     */
    secretAnswer?: boolean;
    /**
     * The handler claims the key itself, inside its transaction (`claimInTransaction`): no
     * transaction of its own for the claim (issue 9, the order path).
     */
    claimsInTransaction?: boolean;
  }
  interface FastifyRequest {
    /** This request's claim on its Idempotency-Key, for `answerInTransaction`. */
    idempotency: IdempotencyClaim | undefined;
    /** The key a `claimsInTransaction` route has still to claim. */
    idempotencyWanted: WantedKey | undefined;
    /** The answer committed as final with the handler's state: sent as is, nothing to settle. */
    idempotencyFinal: string | undefined;
  }
}

type WantedKey = { scope: string; key: string; sha256: string };

/** The key is already claimed (or answered): abandon the transaction, then `awaitKey`. */
export class KeyAlreadyClaimed extends Error {}

/**
 * In a `claimsInTransaction` route's transaction, first: claims the request's key (undefined
 * without one, or the claim `awaitKey` took), or throws KeyAlreadyClaimed.
 */
export async function claimInTransaction(request: FastifyRequest, trx: Transaction<DB>): Promise<IdempotencyClaim | undefined> {
  if (request.idempotency || !request.idempotencyWanted) return request.idempotency;
  const claim = await claimKeyInTransaction(trx, request.idempotencyWanted, platformNow(request));
  if (!claim) throw new KeyAlreadyClaimed();
  return claim;
}

const platformNow = (request: FastifyRequest) => new Date(request.server.deps.clock.now().epochMilliseconds);

/**
 * After KeyAlreadyClaimed: waits for the key as any other route does. 'replayed': the answer was
 * sent; 'claimed': the key is now this request's (`request.idempotency`): run again.
 */
export function awaitKey(request: FastifyRequest, reply: FastifyReply): Promise<'replayed' | 'claimed'> {
  const wanted = request.idempotencyWanted;
  if (!wanted) throw new Error('awaitKey without a key');
  return claimOrWait(request, reply, wanted);
}

const MAX_WAIT_MS = 10_000;
const FIRST_PAUSE_MS = 20;
const LONGEST_PAUSE_MS = 500;

/** Keys sorted at every level (JSON otherwise as JSON.stringify writes it). */
const canonicalJson = configure({ deterministic: true, bigint: false });

function scopeOf(request: FastifyRequest): string {
  const a = request.actor;
  const who = a.kind === 'anonymous' ? 'anonymous' : `${a.kind}:${a.id}`;
  return `${who} POST ${request.url.split('?')[0]}`;
}

/** The request's fingerprint: its body, canonically. */
export function bodyHash(body: unknown): string {
  if (Buffer.isBuffer(body)) return sha256Hex(body);
  try {
    return sha256Hex(canonicalJson(body ?? null) ?? 'null');
  } catch {
    // Too deeply nested to serialise: no schema of ours accepts such a body anyway.
    throw new DomainError('invalid_value', 'malformed');
  }
}

function replay(reply: FastifyReply, status: number, body: string) {
  return reply.code(status).header('idempotent-replayed', 'true').type('application/json; charset=utf-8').send(body);
}

/**
 * Claims the key, or replays its answer, waiting while another request holds it. (Not the reply
 * itself as a result: a reply is thenable, and an async function would wait on it.)
 */
async function claimOrWait(request: FastifyRequest, reply: FastifyReply, wanted: WantedKey): Promise<'replayed' | 'claimed'> {
  const db = () => request.server.deps.database.db;
  const now = () => platformNow(request);
  const giveUpAt = performance.now() + MAX_WAIT_MS;
  for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
    const outcome = await claimKey(db(), wanted, now());
    if (outcome.kind === 'claimed') {
      request.idempotency = outcome.claim;
      return 'claimed';
    }
    if (outcome.kind === 'reused') throw new DomainError('idempotency_key_reused', 'refused', {}, 'Idempotency-Key');
    const late = performance.now() + pause > giveUpAt;
    // An answer committed with its order is the answer, even if its after-commit steps lag.
    if (outcome.kind === 'answered' && (outcome.final || late)) {
      replay(reply, outcome.status, outcome.body);
      return 'replayed';
    }
    if (late) {
      const left = outcome.kind === 'in_progress' ? outcome.lockedUntil.getTime() - now().getTime() : 0;
      reply.header('retry-after', String(Math.max(1, Math.ceil(left / 1000))));
      throw new DomainError('idempotency_in_progress', 'conflict', {}, 'Idempotency-Key');
    }
    await sleep(pause);
  }
}

export function installIdempotency(app: FastifyInstance): void {
  app.decorateRequest('idempotency', undefined);
  app.decorateRequest('idempotencyWanted', undefined);
  app.decorateRequest('idempotencyFinal', undefined);
  const db = () => app.deps.database.db;
  const now = () => new Date(app.deps.clock.now().epochMilliseconds);

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined || request.routeOptions.config.secretAnswer) return;
    if (typeof key !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(key)) throw new DomainError('invalid_value', 'malformed', {}, 'Idempotency-Key');
    const wanted = { scope: scopeOf(request), key, sha256: bodyHash(request.body) };
    request.idempotencyWanted = wanted;
    if (request.routeOptions.config.claimsInTransaction) return;
    if ((await claimOrWait(request, reply, wanted)) === 'replayed') return reply;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const body = typeof payload === 'string' ? payload : String(payload ?? '');
    const wanted = request.idempotencyWanted;
    request.idempotencyWanted = undefined;
    let claim = request.idempotency;
    request.idempotency = undefined;
    const final = request.idempotencyFinal;
    request.idempotencyFinal = undefined;
    // Committed as final with the handler's state, and sent as committed: nothing left to do.
    if (claim && final === body) return payload;
    // A `claimsInTransaction` route refused the request (its transaction, claim included, rolled
    // back): the refusal is the key's answer, as on any other route; a 5xx leaves the key free.
    if (!claim && wanted && reply.statusCode < 500 && !reply.hasHeader('idempotent-replayed')) {
      const outcome = await claimKey(db(), wanted, now()).catch((error: unknown) => {
        if (isConnectionLost(error)) return null; // as below: the answer goes out, unrecorded
        throw error;
      });
      if (outcome?.kind === 'claimed') claim = outcome.claim;
    }
    if (!claim) return payload;
    try {
      await settleClaim(db(), claim, reply.statusCode, body);
    } catch (error) {
      // The database went away meanwhile (issue 8 §1): the answer still goes out as it is, and the
      // claim is left to its lease. Thrown here, it would replace the answer with Fastify's own 500.
      if (!isConnectionLost(error)) throw error;
      request.log.warn({ err: error }, 'idempotency key not settled: database out of reach');
    }
    return payload;
  });
}
