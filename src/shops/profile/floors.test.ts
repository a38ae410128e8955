import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareDurations, isDuration } from './duration.ts';
import { FLOORS, floorOf, L241_4_CURRENT } from './floors.ts';

test('every floor names its source and confidence, and periods are valid durations', () => {
  for (const [key, perSystem] of Object.entries(FLOORS)) {
    const systems = Object.entries(perSystem);
    assert.ok(systems.length > 0, key);
    for (const [system, floor] of systems) {
      const where = `${key}.${system}`;
      assert.match(floor.source, /\S/, where);
      assert.ok(['V', 'S', 'R'].includes(floor.confidence), where);
      if (typeof floor.value === 'string' && /^P[\dT]/.test(floor.value)) assert.ok(isDuration(floor.value), where);
    }
  }
});

test('should hold the statutory values the checker relies on', () => {
  assert.equal(floorOf('withdrawalPeriod', 'FR')?.value, 'P14D');
  assert.equal(floorOf('withdrawalRefund', 'BE')?.source, 'CDE VI.50');
  assert.equal(floorOf('guaranteePresumption', 'BE')?.value, 'P24M');
  assert.equal(floorOf('recoveryIndemnityCents', 'FR')?.value, 4000);
  assert.equal(floorOf('paymentTermNet', 'BE'), undefined);
});

test('the current L241-4 schedule rises with the delay', () => {
  const bounded = L241_4_CURRENT.filter((b) => b.lateUpTo).map((b) => b.lateUpTo as string);
  for (let i = 1; i < bounded.length; i++) assert.equal(compareDurations(bounded[i - 1] as string, bounded[i] as string), -1);
  assert.deepEqual(L241_4_CURRENT.map((b) => b.bp), [1000, 2000, 5000]);
});
