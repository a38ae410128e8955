/**
 * `Idempotency-Key` on any API POST (API.md): the same key with the same body returns the first
 * result; the same key with another body is refused. The key is claimed by inserting a row before
 * the handler runs, so two concurrent retries cannot both execute: the second sees the claim and
 * gets 409 until the first has answered.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isUniqueViolation } from '../db/errors.ts';
import { DomainError } from '../kernel/errors.ts';
import { sha256Hex } from '../kernel/ids.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { scope: string; key: string } | undefined;
  }
}

function scopeOf(request: FastifyRequest): string {
  const a = request.actor;
  const who = a.kind === 'anonymous' ? 'anonymous' : `${a.kind}:${a.id}`;
  return `${who} POST ${request.url.split('?')[0]}`;
}

export function installIdempotency(app: FastifyInstance): void {
  app.decorateRequest('idempotency', undefined);
  const db = () => app.deps.database.db;

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined) return;
    if (typeof key !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(key)) throw new DomainError('invalid_value', 'malformed', {}, 'Idempotency-Key');
    const scope = scopeOf(request);
    const hash = sha256Hex(JSON.stringify(request.body ?? null));
    try {
      await db().insertInto('idempotency_keys').values({ scope, key, request_sha256: hash, status_code: 0, response_body: '' }).execute();
      request.idempotency = { scope, key };
      return;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const first = await db().selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirstOrThrow();
    if (first.request_sha256 !== hash) throw new DomainError('idempotency_key_reused', 'refused', {}, 'Idempotency-Key');
    if (first.status_code === 0) throw new DomainError('idempotency_in_progress', 'conflict', {}, 'Idempotency-Key');
    return reply.code(first.status_code).header('idempotent-replayed', 'true').type('application/json; charset=utf-8').send(first.response_body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = undefined;
    const where = db().updateTable('idempotency_keys').where('scope', '=', claim.scope).where('key', '=', claim.key);
    if (reply.statusCode >= 500) {
      // A failure of ours is not an answer: free the key so the client's retry runs again.
      await db().deleteFrom('idempotency_keys').where('scope', '=', claim.scope).where('key', '=', claim.key).execute();
    } else {
      await where.set({ status_code: reply.statusCode, response_body: typeof payload === 'string' ? payload : String(payload ?? '') }).execute();
    }
    return payload;
  });
}
