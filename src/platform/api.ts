/**
 * API of the platform itself: the test clock (API.md "Test clock") and who the caller is.
 */
import type { FastifyPluginAsync } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { requireAccess } from '../accounts/actor.ts';
import { DomainError } from '../kernel/errors.ts';
import { parseOrThrow, text } from '../kernel/validation.ts';

const ClockMove = z
  .object({
    now: text().max(64).refine((v) => {
      try {
        Temporal.Instant.from(v);
        return true;
      } catch {
        return false;
      }
    }, 'invalid_value'),
  })
  .strict();

export const platformApi: FastifyPluginAsync = async (app) => {
  const { clock } = app.deps;

  app.get('/clock', { schema: { tags: ['platform'], summary: 'The platform time (operator)' } }, async (request) => {
    requireAccess(request.actor, 'platform.operate');
    return { now: clock.now().toString(), testClock: clock.test !== null };
  });

  app.put('/clock', { schema: { tags: ['platform'], summary: 'Move the test clock forward (operator); due jobs run before the answer' } }, async (request) => {
    requireAccess(request.actor, 'platform.operate');
    if (!clock.test) throw new DomainError('clock_disabled', 'refused');
    const { now } = parseOrThrow(ClockMove, request.body);
    await clock.moveTo(Temporal.Instant.from(now));
    await app.deps.runDueJobs();
    return { now: clock.now().toString(), testClock: true };
  });

  app.get('/whoami', { schema: { tags: ['platform'], summary: 'The caller, as the server sees it' } }, async (request) => {
    const a = request.actor;
    if (a.kind === 'anonymous') return { kind: 'anonymous' };
    return a.kind === 'operator' ? { kind: a.kind, id: a.id, name: a.name } : { kind: a.kind, id: a.id, name: a.name, shop: a.shopId };
  });
};
