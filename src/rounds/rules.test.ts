/** The rules of volunteer rounds: eligibility, stop order, link expiry, marking (issue 12 §4). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { deliveryFacts, isRoundEligible, isSheetExpired, markDecision, moveStop, pickingTotals, sheetExpiresAt, sortByPostcode } from './rules.ts';

describe('round eligibility', () => {
  test('should take accepted home deliveries by members, not unpaid, cancelled, delivered or pickup orders', () => {
    assert.equal(isRoundEligible({ status: 'accepted', deliveryMode: 'volunteer' }), true);
    assert.equal(isRoundEligible({ status: 'shipped', deliveryMode: 'volunteer' }), true);
    for (const status of ['awaiting_payment', 'cancelled', 'refused', 'delivered', 'completed']) assert.equal(isRoundEligible({ status, deliveryMode: 'volunteer' }), false, status);
    assert.equal(isRoundEligible({ status: 'accepted', deliveryMode: 'pickup' }), false);
    assert.equal(isRoundEligible({ status: 'accepted', deliveryMode: undefined }), false);
  });
});

describe('stop order', () => {
  const stop = (orderId: string, postalCode: string, line1: string, city = 'Charleroi') => ({ orderId, postalCode, city, line1 });

  test('should sort by postcode, then street and number as people read them', () => {
    const sorted = sortByPostcode([stop('a', '6061', 'Rue de la Station 10'), stop('b', '6000', 'Boulevard Tirou 12'), stop('c', '6001', 'Avenue Mascaux 3'), stop('d', '6000', 'Boulevard Tirou 5'), stop('e', '6000', 'boulevard tirou 2')]);
    assert.deepEqual(sorted, ['e', 'd', 'b', 'c', 'a']);
  });

  test('should put an address without postcode last and keep equal addresses in a stable order', () => {
    assert.deepEqual(sortByPostcode([stop('z', '6000', 'Rue A 1'), stop('y', '', ''), stop('x', '6000', 'Rue A 1')]), ['x', 'z', 'y']);
  });

  test('should move a stop one place, and not past either end', () => {
    assert.deepEqual(moveStop(['a', 'b', 'c'], 'b', 'up'), ['b', 'a', 'c']);
    assert.deepEqual(moveStop(['a', 'b', 'c'], 'b', 'down'), ['a', 'c', 'b']);
    assert.deepEqual(moveStop(['a', 'b', 'c'], 'a', 'up'), ['a', 'b', 'c']);
    assert.deepEqual(moveStop(['a', 'b', 'c'], 'c', 'down'), ['a', 'b', 'c']);
    assert.deepEqual(moveStop(['a', 'b', 'c'], 'q', 'down'), ['a', 'b', 'c']);
  });

  test('property: sorting and moving keep every stop exactly once; sorting twice changes nothing', () => {
    const stops = fc.uniqueArray(fc.record({ orderId: fc.uuid(), postalCode: fc.stringMatching(/^[0-9]{4}$/), city: fc.constantFrom('Charleroi', 'Marcinelle', 'Jumet'), line1: fc.string({ maxLength: 20 }) }), { selector: (s) => s.orderId, maxLength: 30 });
    fc.assert(
      fc.property(stops, fc.nat(), fc.boolean(), (list, pick, up) => {
        const sorted = sortByPostcode(list);
        assert.deepEqual([...sorted].sort(), list.map((s) => s.orderId).sort());
        const byId = new Map(list.map((s) => [s.orderId, s]));
        assert.deepEqual(sortByPostcode(sorted.map((id) => byId.get(id) as (typeof list)[number])), sorted);
        for (let i = 1; i < sorted.length; i++) {
          const a = byId.get(sorted[i - 1] as string)?.postalCode ?? '';
          const b = byId.get(sorted[i] as string)?.postalCode ?? '';
          assert.ok(a <= b || b === '', `${a} before ${b}`);
        }
        if (sorted.length === 0) return;
        const moved = moveStop(sorted, sorted[pick % sorted.length] as string, up ? 'up' : 'down');
        assert.deepEqual([...moved].sort(), [...sorted].sort());
      }),
    );
  });
});

describe('run-sheet link expiry', () => {
  test('should end 48 h after the round’s day ends in the shop’s zone', () => {
    const end = sheetExpiresAt(Temporal.PlainDate.from('2026-09-05'), 'Europe/Brussels');
    assert.equal(end.toString(), '2026-09-07T22:00:00Z', 'Tuesday 2026-09-08 00:00 in Brussels (summer time)');
    assert.equal(isSheetExpired(end, Temporal.Instant.from('2026-09-07T21:59:59Z')), false);
    assert.equal(isSheetExpired(end, end), true);
  });

  test('should count the hours across the change to winter time', () => {
    // Round on Saturday 2026-10-24; clocks go back on Sunday the 25th: 00:00 on the 27th is 23:00 UTC on the 26th.
    assert.equal(sheetExpiresAt(Temporal.PlainDate.from('2026-10-24'), 'Europe/Brussels').toString(), '2026-10-26T22:00:00Z');
  });
});

describe('marking a stop', () => {
  test('should record a delivery once, then change nothing', () => {
    assert.deepEqual(markDecision(null, 'delivered', 'accepted'), { do: 'record' });
    assert.deepEqual(markDecision('delivered', 'delivered', 'delivered'), { do: 'nothing' });
  });

  test('should let a delivery follow an absence, not an absence follow a delivery', () => {
    assert.deepEqual(markDecision('absent', 'delivered', 'accepted'), { do: 'record' });
    assert.deepEqual(markDecision('delivered', 'absent', 'delivered'), { refused: 'round_stop_already_delivered' });
  });

  test('should refuse a cancelled or refused order, and one awaiting its payment', () => {
    assert.deepEqual(markDecision(null, 'delivered', 'cancelled'), { refused: 'round_order_cancelled' });
    assert.deepEqual(markDecision(null, 'absent', 'refused'), { refused: 'round_order_cancelled' });
    assert.deepEqual(markDecision(null, 'delivered', 'awaiting_payment'), { refused: 'round_order_not_ready' });
  });

  test('should take an order out (shipped) before delivering it, and record nothing on one already delivered', () => {
    assert.deepEqual(deliveryFacts('accepted'), ['shipped', 'delivered']);
    assert.deepEqual(deliveryFacts('preparing'), ['shipped', 'delivered']);
    assert.deepEqual(deliveryFacts('shipped'), ['delivered']);
    assert.deepEqual(deliveryFacts('delivered'), []);
  });
});

test('should total a round’s items by name, whatever the stops', () => {
  const stops = [{ items: [{ name: 'Cahier A4', quantity: 2 }, { name: 'Atlas', quantity: 1 }] }, { items: [] }, { items: [{ name: 'Cahier A4', quantity: 3 }] }];
  assert.deepEqual(pickingTotals(stops), [{ name: 'Atlas', quantity: 1 }, { name: 'Cahier A4', quantity: 5 }]);
  fc.assert(
    fc.property(fc.array(fc.array(fc.record({ name: fc.constantFrom('A', 'B', 'C'), quantity: fc.integer({ min: 1, max: 50 }) }))), (items) => {
      const sum = (xs: readonly { quantity: number }[]) => xs.reduce((n, x) => n + x.quantity, 0);
      assert.equal(sum(pickingTotals(items.map((i) => ({ items: i })))), sum(items.flat()));
    }),
  );
});
