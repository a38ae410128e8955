import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSessionLive, secondsToWait, signInWait } from './sign-in-rules.ts';

const at = (s: number) => new Date(Date.UTC(2026, 3, 1, 8, 0, s));
const failures = (count: number, latestSecond = 0) => ({ count, latest: count ? at(latestSecond) : null });

describe('sign-in throttle (ASVS 2.2.1)', () => {
  test('should let an address try freely up to 5 failures, then wait 1 s, 2 s, 4 s … after its latest failure', () => {
    assert.equal(signInWait(failures(4), failures(4), false, at(0)), 0);
    assert.deepEqual([5, 6, 7, 8].map((n) => signInWait(failures(n), failures(0), false, at(0))), [1, 2, 4, 8]);
    assert.equal(signInWait(failures(7), failures(0), false, at(3)), 1, 'time already waited counts');
    assert.equal(signInWait(failures(7), failures(0), false, at(4)), 0);
  });

  test('should cap the address wait at the 15-minute window', () => {
    assert.equal(secondsToWait(failures(40), 5, 900, at(0)), 900);
  });

  test('should make only unknown callers wait once an account has 10 failures from anywhere', () => {
    assert.equal(signInWait(failures(0), failures(9), false, at(0)), 0);
    assert.equal(signInWait(failures(0), failures(10), false, at(0)), 1);
    assert.equal(signInWait(failures(0), failures(14), false, at(0)), 16);
    assert.equal(signInWait(failures(0), failures(100), false, at(0)), 300, 'capped at 5 minutes');
    assert.equal(signInWait(failures(0), failures(100), true, at(0)), 0, 'the owner from a known address or device');
  });

  test('should hold a known caller back by its own address failures all the same', () => {
    assert.equal(signInWait(failures(6), failures(100), true, at(0)), 2);
  });
});

describe('session limits (LEGAL.md T-25)', () => {
  const opened = new Date('2026-04-01T08:00:00Z');
  const minutes = (m: number) => new Date(opened.getTime() + m * 60_000);
  const session = (kind: 'customer' | 'staff' | 'operator', lastSeenMinutes: number, absoluteHours: number) => ({
    actor_kind: kind,
    last_seen_at: minutes(lastSeenMinutes),
    expires_at: minutes(absoluteHours * 60),
  });

  test('should end a staff or operator session after 30 idle minutes, a shopper session after 7 idle days', () => {
    assert.equal(isSessionLive(session('staff', 0, 12), minutes(29)), true);
    assert.equal(isSessionLive(session('staff', 0, 12), minutes(30)), false);
    assert.equal(isSessionLive(session('operator', 0, 12), minutes(31)), false);
    assert.equal(isSessionLive(session('customer', 0, 336), minutes(7 * 24 * 60 - 1)), true);
    assert.equal(isSessionLive(session('customer', 0, 336), minutes(7 * 24 * 60)), false);
  });

  test('should end any session at its absolute limit, however active', () => {
    assert.equal(isSessionLive(session('staff', 12 * 60 - 1, 12), minutes(12 * 60)), false);
  });
});
