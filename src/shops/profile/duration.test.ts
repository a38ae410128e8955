import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareDurations, describeDuration, isDuration, parseDuration } from './duration.ts';

test('should accept the ISO-8601 durations profiles use and refuse prose', () => {
  for (const ok of ['P14D', 'P2M', 'P1Y6M', 'P1W', 'PT72H', 'P1DT12H', 'P0D']) assert.ok(isDuration(ok), ok);
  for (const bad of ['14 days', 'P', 'PT', '14D', 'P-1D', 'P1.5D', 'p14d', '']) assert.ok(!isDuration(bad), bad);
});

test('should parse every unit', () => {
  assert.deepEqual(parseDuration('P1Y2M3W4DT5H6M'), { years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6 });
  assert.throws(() => parseDuration('14 days'), RangeError);
});

test('should compare exactly within days and within months', () => {
  assert.equal(compareDurations('P10D', 'P14D'), -1);
  assert.equal(compareDurations('P2W', 'P14D'), 0);
  assert.equal(compareDurations('PT72H', 'P3D'), 0);
  assert.equal(compareDurations('P24M', 'P2Y'), 0);
  assert.equal(compareDurations('P6M', 'P24M'), -1);
});

test('should compare months with days by the mean Gregorian month', () => {
  // One month is about 30.44 days: P30D is shorter, P31D longer (a DSAR reply in P31D is late).
  assert.equal(compareDurations('P30D', 'P1M'), -1);
  assert.equal(compareDurations('P31D', 'P1M'), 1);
  assert.equal(compareDurations('P13M', 'P365D'), 1);
});

test('should describe durations in plain words', () => {
  assert.equal(describeDuration('P14D'), '14 days');
  assert.equal(describeDuration('P1D'), '1 day');
  assert.equal(describeDuration('PT72H'), '72 hours');
  assert.equal(describeDuration('P1Y6M'), '1 year and 6 months');
  assert.equal(describeDuration('P1W2DT3H'), '1 week, 2 days and 3 hours');
});
