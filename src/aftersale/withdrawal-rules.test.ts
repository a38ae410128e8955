import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { isWorkingDay, type Jurisdiction } from '../kernel/calendar.ts';
import {
  isOnTime,
  lineWithdrawable,
  proRataServiceCents,
  withdrawalPeriod,
  type WithdrawalPeriodInput,
} from './withdrawal-rules.ts';

const FR: Jurisdiction = { country: 'FR' };
const FR_AM: Jurisdiction = { country: 'FR', zone: 'alsace-moselle' };
const BE: Jurisdiction = { country: 'BE' };
const d = (iso: string) => Temporal.PlainDate.from(iso);
const cmp = Temporal.PlainDate.compare;

/** Goods received on `receivedOn`, withdrawal information given at conclusion (the normal case). */
function goods(receivedOn: string, js: readonly Jurisdiction[], extra: Partial<WithdrawalPeriodInput> = {}) {
  return withdrawalPeriod({
    kind: 'goods',
    possessionDates: [d(receivedOn)],
    concludedOn: d(receivedOn).subtract({ days: 3 }),
    informationGivenOn: d(receivedOn).subtract({ days: 3 }),
    jurisdictions: js,
    ...extra,
  });
}

describe('LEGAL §A1.2 worked examples (L221-19, Reg. 1182/71): receipt date → last day', () => {
  const table: [string, string, string, string][] = [
    // receipt, France (general), Alsace-Moselle, Belgium
    ['2025-05-03', '2025-05-19', '2025-05-19', '2025-05-19'],
    ['2026-04-30', '2026-05-15', '2026-05-15', '2026-05-15'],
    ['2026-05-09', '2026-05-26', '2026-05-26', '2026-05-26'],
    ['2025-12-12', '2025-12-26', '2025-12-29', '2025-12-26'],
    ['2026-07-07', '2026-07-21', '2026-07-21', '2026-07-22'],
  ];
  for (const [received, fr, am, be] of table) {
    for (const [j, expected] of [[FR, fr], [FR_AM, am], [BE, be]] as const) {
      const where = j.zone ?? j.country;
      test(`should end a period for goods received ${received} on ${expected} in ${where}`, () => {
        const p = goods(received, [j]);
        assert.equal(p.startsOn?.toString(), d(received).add({ days: 1 }).toString());
        assert.equal(p.endsOn?.toString(), expected);
        const moved = expected !== d(received).add({ days: 14 }).toString();
        assert.deepEqual(p.extendedBecause, moved ? ['non_working_day'] : []);
      });
    }
  }
});

describe('LEGAL §A1.4 worked example (L221-20): withdrawal information missing', () => {
  test('should extend to 19 May 2026 when goods received Sat 3 May 2025 came with no information', () => {
    const p = goods('2025-05-03', [FR], { informationGivenOn: null });
    assert.equal(p.endsOn?.toString(), '2026-05-19');
    assert.deepEqual(p.extendedBecause, ['non_working_day', 'information_missing']);
  });

  test('should treat an absent informationGivenOn as information missing', () => {
    const p = goods('2025-05-03', [FR], { informationGivenOn: undefined });
    assert.equal(p.endsOn?.toString(), '2026-05-19');
  });

  test('should end on Wed 24 Sep 2025 when the information is received Wed 10 Sep 2025', () => {
    const p = goods('2025-05-03', [FR], { informationGivenOn: d('2025-09-10') });
    assert.equal(p.endsOn?.toString(), '2025-09-24');
    assert.deepEqual(p.extendedBecause, ['information_missing']);
  });

  test('should keep the 12-month end when the information comes after it has passed', () => {
    const p = goods('2025-05-03', [FR], { informationGivenOn: d('2026-06-01') });
    assert.equal(p.endsOn?.toString(), '2026-05-19');
  });

  test('should keep the normal end when late information still leaves less than the normal period', () => {
    // Concluded 1 Mar, information only in the 3 Mar e-mail, goods received 10 Mar.
    const p = withdrawalPeriod({
      kind: 'goods', possessionDates: [d('2026-03-10')], concludedOn: d('2026-03-01'),
      informationGivenOn: d('2026-03-03'), jurisdictions: [FR],
    });
    assert.equal(p.endsOn?.toString(), '2026-03-24');
    assert.deepEqual(p.extendedBecause, []);
  });

  test('should move a 12-month end that falls on a holiday to the next working day', () => {
    // Received Thu 30 Apr 2026 → initial end Fri 15 May 2026 → Sat 15 May 2027, then Sunday and
    // Whit Monday 17 May 2027 (Easter 2027 = 28 March) → Tue 18 May 2027.
    const p = goods('2026-04-30', [FR], { informationGivenOn: null });
    assert.equal(p.endsOn?.toString(), '2027-05-18');
    assert.deepEqual(p.extendedBecause, ['non_working_day', 'information_missing']);
  });
});

describe('SPEC §3.1 withdrawal examples (C13)', () => {
  test('AS-01: a Belgian delivery on Fri 2026-09-04 ends Fri 09-18; sent 09-18 on time, 09-19 late', () => {
    const p = goods('2026-09-04', [BE]);
    assert.equal(p.startsOn?.toString(), '2026-09-05');
    assert.equal(p.endsOn?.toString(), '2026-09-18');
    assert.equal(isOnTime(d('2026-09-18'), p), true);
    assert.equal(isOnTime(d('2026-09-19'), p), false);
  });

  test('AS-09: received Wed 2026-10-28, day 14 is 11 Nov (FR holiday) → Thu 11-12; Sat 10-31 → Mon 11-16', () => {
    const p = goods('2026-10-28', [FR]);
    assert.equal(p.endsOn?.toString(), '2026-11-12');
    assert.equal(isOnTime(d('2026-11-12'), p), true);
    assert.equal(goods('2026-10-31', [FR]).endsOn?.toString(), '2026-11-16');
  });

  test('AS-11: received Fri 2026-07-03, the period runs to Fri 2026-07-17', () => {
    assert.equal(goods('2026-07-03', [FR]).endsOn?.toString(), '2026-07-17');
  });
});

describe('when the period starts', () => {
  test('should count from the LAST lot of a split delivery (L221-18, VI.47 §2)', () => {
    const p = goods('2026-03-02', [FR], { possessionDates: [d('2026-03-09'), d('2026-03-02'), d('2026-03-05')] });
    assert.equal(p.startsOn?.toString(), '2026-03-10');
    assert.equal(p.endsOn?.toString(), '2026-03-23');
  });

  test('should count a regular delivery (subscription box) from its FIRST delivery (L221-18 3°)', () => {
    const lots = [d('2026-03-09'), d('2026-03-02'), d('2026-03-16')];
    const p = goods('2026-03-02', [FR], { possessionDates: lots, deliveryPattern: 'regular', awaitingLots: true });
    assert.equal(p.startsOn?.toString(), '2026-03-03');
    assert.equal(p.endsOn?.toString(), '2026-03-16');
  });

  test('should not start while goods are undelivered, yet accept a withdrawal sent meanwhile', () => {
    const none = goods('2026-03-02', [FR], { possessionDates: [] });
    assert.deepEqual(none, { startsOn: null, endsOn: null, extendedBecause: [] });
    assert.equal(isOnTime(d('2026-03-01'), none), true);
    const waiting = goods('2026-03-02', [FR], { awaitingLots: true });
    assert.equal(waiting.endsOn, null);
  });

  test('should count a service from the day after conclusion, ignoring deliveries', () => {
    const p = withdrawalPeriod({
      kind: 'services', possessionDates: [d('2026-06-01')], concludedOn: d('2026-05-01'),
      informationGivenOn: d('2026-05-01'), jurisdictions: [FR],
    });
    assert.equal(p.startsOn?.toString(), '2026-05-02');
    // 15 May 2026 is a Friday: no extension.
    assert.equal(p.endsOn?.toString(), '2026-05-15');
  });
});

describe('excluded lines (L221-28, VI.53)', () => {
  test('AS-05: personalised name labels are refused, notebooks accepted', () => {
    assert.deepEqual(lineWithdrawable({ withdrawable: false, withdrawalException: 'personalised' }), {
      withdrawable: false,
      reason: 'personalised',
    });
    assert.deepEqual(lineWithdrawable({ withdrawable: true, withdrawalException: null }), { withdrawable: true });
  });

  test('should keep a line withdrawable when no exception was named (none was shown before purchase)', () => {
    assert.deepEqual(lineWithdrawable({ withdrawable: false, withdrawalException: null }), { withdrawable: true });
  });
});

describe('services started at the consumer’s request (L221-25)', () => {
  test('should owe 30.00 of a 90.00 thirty-day service after 10 days', () => {
    assert.equal(proRataServiceCents(9000, 30, 10), 3000);
  });

  test('should round half-up to the cent and never exceed the price', () => {
    assert.equal(proRataServiceCents(100, 3, 1), 33);
    assert.equal(proRataServiceCents(200, 3, 1), 67);
    assert.equal(proRataServiceCents(5, 2, 1), 3);
    assert.equal(proRataServiceCents(9000, 30, 45), 9000);
    assert.equal(proRataServiceCents(9000, 30, 0), 0);
  });

  test('should refuse a service of zero days', () => {
    assert.throws(() => proRataServiceCents(9000, 0, 0), RangeError);
  });
});

describe('properties of the withdrawal period', () => {
  const FIRST = d('2025-01-01');
  const SPAN = FIRST.until(d('2035-12-01')).days;
  const dateArb = fc.integer({ min: 0, max: SPAN }).map((i) => FIRST.add({ days: i }));
  const jsArb = fc.subarray([FR, FR_AM, BE], { minLength: 1 });
  const workingInAll = (x: Temporal.PlainDate, js: readonly Jurisdiction[]) => js.every((j) => isWorkingDay(x, j));

  test('should never end before day 14, nor on a Saturday, Sunday or holiday, nor later than the first working day', () => {
    fc.assert(
      fc.property(dateArb, jsArb, fc.integer({ min: 0, max: 10 }), (received, js, lag) => {
        const p = withdrawalPeriod({
          kind: 'goods', possessionDates: [received], concludedOn: received.subtract({ days: lag }),
          informationGivenOn: received.subtract({ days: lag }), jurisdictions: js,
        });
        const day14 = received.add({ days: 14 });
        assert.ok(p.endsOn !== null && cmp(p.endsOn, day14) >= 0);
        assert.ok(workingInAll(p.endsOn, js));
        for (let x = day14; cmp(x, p.endsOn) < 0; x = x.add({ days: 1 })) assert.ok(!workingInAll(x, js));
      }),
      { numRuns: 2000 },
    );
  });

  test('should end at least 12 months after the initial end, on a working day, when information is missing', () => {
    fc.assert(
      fc.property(dateArb, jsArb, (received, js) => {
        const normal = goods(received.toString(), js);
        const missing = goods(received.toString(), js, { informationGivenOn: null });
        assert.ok(normal.endsOn && missing.endsOn);
        assert.ok(cmp(missing.endsOn, normal.endsOn.add({ months: 12 })) >= 0);
        assert.ok(workingInAll(missing.endsOn, js));
        assert.ok(missing.extendedBecause.includes('information_missing'));
      }),
      { numRuns: 500 },
    );
  });

  test('should depend only on the last of several lots, whatever their order', () => {
    fc.assert(
      fc.property(fc.array(dateArb, { minLength: 1, maxLength: 5 }), jsArb, (lots, js) => {
        const last = lots.reduce((a, b) => (cmp(a, b) >= 0 ? a : b));
        const first = lots.reduce((a, b) => (cmp(a, b) <= 0 ? a : b));
        const p = goods(first.toString(), js, { possessionDates: lots });
        assert.deepEqual(p, goods(last.toString(), js, { concludedOn: first.subtract({ days: 3 }), informationGivenOn: first.subtract({ days: 3 }) }));
      }),
      { numRuns: 500 },
    );
  });

  test('should accept a withdrawal exactly when it was sent on or before the last day', () => {
    fc.assert(
      fc.property(dateArb, jsArb, fc.integer({ min: -30, max: 30 }), (received, js, offset) => {
        const p = goods(received.toString(), js);
        assert.ok(p.endsOn);
        const sent = p.endsOn.add({ days: offset });
        assert.equal(isOnTime(sent, p), offset <= 0);
      }),
      { numRuns: 1000 },
    );
  });

  test('should charge a pro-rata share between 0 and the price, growing with the days provided', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 366 }),
        fc.integer({ min: 0, max: 400 }),
        (total, days, provided) => {
          const owed = proRataServiceCents(total, days, provided);
          assert.ok(owed >= 0 && owed <= total);
          assert.ok(proRataServiceCents(total, days, provided + 1) >= owed);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
