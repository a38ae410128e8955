/**
 * The bearer-token cache (token-cache.ts) never serves a token past its expiry on the platform's
 * clock, never longer than TOKEN_CACHE_MS after its lookup, and forgets a holder's tokens when
 * they are revoked — that holder's only.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from './actor.ts';
import { cachedTokenActor, cacheTokenActor, forgetHolderTokens, TOKEN_CACHE_MS } from './token-cache.ts';

const alice: Actor = { kind: 'customer', shopId: 'coopso', id: 'a1', name: 'Alice Martin' };
const sameIdElsewhere: Actor = { kind: 'customer', shopId: 'coopo', id: 'a1', name: 'Alice Dupont' };
const staff: Actor = { kind: 'staff', shopId: 'coopso', id: 'a1', name: 'Équipe' };
const at = (iso: string) => new Date(iso);

test('should serve a token until its expiry on the platform clock, not a millisecond longer', () => {
  cacheTokenActor('h-expiring', alice, at('2026-04-01T10:00:00Z'));
  assert.deepEqual(cachedTokenActor('h-expiring', at('2026-04-01T09:59:59.999Z')), alice);
  assert.equal(cachedTokenActor('h-expiring', at('2026-04-01T10:00:00Z')), undefined);
  assert.equal(cachedTokenActor('h-expiring', at('2026-04-01T09:00:00Z')), undefined, 'dropped once seen expired');
});

test(`should look a token up again ${TOKEN_CACHE_MS} ms after it was cached`, (t) => {
  let clock = 1_000_000;
  t.mock.method(performance, 'now', () => clock);
  cacheTokenActor('h-old', alice, null);
  clock += TOKEN_CACHE_MS - 1;
  assert.deepEqual(cachedTokenActor('h-old', at('2026-04-01T10:00:00Z')), alice);
  clock += 1;
  assert.equal(cachedTokenActor('h-old', at('2026-04-01T10:00:00Z')), undefined);
});

test('should forget the revoked holder’s tokens only, not a namesake id in another shop or role', () => {
  cacheTokenActor('h-alice-1', alice, null);
  cacheTokenActor('h-alice-2', alice, null);
  cacheTokenActor('h-other-shop', sameIdElsewhere, null);
  cacheTokenActor('h-staff', staff, null);
  forgetHolderTokens('customer', 'coopso', 'a1');
  const now = at('2026-04-01T10:00:00Z');
  assert.equal(cachedTokenActor('h-alice-1', now), undefined);
  assert.equal(cachedTokenActor('h-alice-2', now), undefined);
  assert.deepEqual(cachedTokenActor('h-other-shop', now), sameIdElsewhere);
  assert.deepEqual(cachedTokenActor('h-staff', now), staff);
});
