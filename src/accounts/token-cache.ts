/**
 * Bearer tokens resolved in the last TOKEN_CACHE_MS, by the hash of the token: an API client
 * sending a burst of requests (a shop's till, an integration placing orders) is looked up once,
 * not once per request (issue 9: the lookup was a statement and 0.2 ms of the event loop per
 * order). Only live tokens are kept, never a refusal, so a token just created works at once.
 *
 * Revocation stays immediate in this process: revoking a holder's tokens (a password reset)
 * drops them here first (accounts/queries.ts `revokeCustomerTokens`). Another process serving the
 * same database sees the revocation within TOKEN_CACHE_MS. The token's expiry is checked against
 * the platform's clock on every request, cached or not.
 */
import type { Actor } from './actor.ts';

export const TOKEN_CACHE_MS = 2_000;
const MAX_TOKENS = 10_000;

type Entry = { actor: Actor; expiresAt: number | null; cachedUntil: number };
const cache = new Map<string, Entry>();

/** The actor of a token looked up less than TOKEN_CACHE_MS ago and still unexpired at `now`. */
export function cachedTokenActor(tokenHash: string, now: Date): Actor | undefined {
  const entry = cache.get(tokenHash);
  if (!entry) return undefined;
  if (entry.cachedUntil <= performance.now() || (entry.expiresAt !== null && entry.expiresAt <= now.getTime())) {
    cache.delete(tokenHash);
    return undefined;
  }
  return entry.actor;
}

export function cacheTokenActor(tokenHash: string, actor: Actor, expiresAt: Date | null): void {
  if (cache.size >= MAX_TOKENS) {
    // The oldest entry first (a Map iterates in insertion order).
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(tokenHash, { actor: Object.freeze(actor), expiresAt: expiresAt?.getTime() ?? null, cachedUntil: performance.now() + TOKEN_CACHE_MS });
}

/** Drops every cached token of one holder (their tokens are being revoked). */
export function forgetHolderTokens(kind: Actor['kind'], shopId: string | null, actorId: string): void {
  for (const [hash, { actor }] of cache) {
    if (actor.kind === kind && actor.kind !== 'anonymous' && actor.id === actorId && ('shopId' in actor ? actor.shopId : null) === shopId) cache.delete(hash);
  }
}
