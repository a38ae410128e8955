import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Temporal } from 'temporal-polyfill';
import { ClockCannotGoBack, systemClock, TestClock, today } from './clock.ts';

const instant = (iso: string) => Temporal.Instant.from(iso);

describe('TestClock', () => {
  test('should start at the given instant', () => {
    const clock = new TestClock(instant('2026-09-18T21:40:00Z'));
    assert.equal(clock.now().toString(), '2026-09-18T21:40:00Z');
  });

  test('should start at the real time when no instant is given', () => {
    const before = systemClock.now();
    const clock = new TestClock();
    const after = systemClock.now();
    assert.ok(Temporal.Instant.compare(before, clock.now()) <= 0);
    assert.ok(Temporal.Instant.compare(clock.now(), after) <= 0);
  });

  test('should not move on its own', () => {
    const clock = new TestClock(instant('2026-01-01T00:00:00Z'));
    assert.equal(clock.now().toString(), clock.now().toString());
  });

  test('should move forward with set and advanceBy', () => {
    const clock = new TestClock(instant('2026-09-18T21:40:00Z'));
    clock.advanceBy({ minutes: 25 });
    assert.equal(clock.now().toString(), '2026-09-18T22:05:00Z');
    clock.advanceBy('PT48H');
    assert.equal(clock.now().toString(), '2026-09-20T22:05:00Z');
    clock.set(instant('2026-10-01T00:00:00Z'));
    assert.equal(clock.now().toString(), '2026-10-01T00:00:00Z');
    clock.set(instant('2026-10-01T00:00:00Z'));
    assert.equal(clock.now().toString(), '2026-10-01T00:00:00Z');
  });

  test('should refuse to go back and keep its time', () => {
    const clock = new TestClock(instant('2026-09-18T21:40:00Z'));
    assert.throws(
      () => clock.set(instant('2026-09-18T21:39:59.999Z')),
      (error: unknown) =>
        error instanceof ClockCannotGoBack && error.code === 'clock_cannot_go_back',
    );
    assert.throws(() => clock.advanceBy({ seconds: -1 }), ClockCannotGoBack);
    assert.equal(clock.now().toString(), '2026-09-18T21:40:00Z');
  });
});

describe('today', () => {
  test('should give the local date of the time zone, not the UTC date', () => {
    const clock = new TestClock(instant('2026-09-18T22:05:00Z'));
    assert.equal(today(clock, 'Europe/Brussels').toString(), '2026-09-19');
    assert.equal(today(clock, 'UTC').toString(), '2026-09-18');
  });

  test('should follow the clock across midnight local time (AS-01)', () => {
    const clock = new TestClock(Temporal.ZonedDateTime.from('2026-09-18T23:40[Europe/Brussels]').toInstant());
    assert.equal(today(clock, 'Europe/Brussels').toString(), '2026-09-18');
    clock.advanceBy({ minutes: 25 });
    assert.equal(today(clock, 'Europe/Brussels').toString(), '2026-09-19');
  });
});
