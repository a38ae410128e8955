import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import {
  addCalendarDays,
  addJoursOuvrables,
  addMonths,
  addWeeks,
  addWorkingDays,
  endOfDayInstant,
  isJourOuvrable,
  isPublicHoliday,
  isWeekend,
  isWorkingDay,
  localDate,
  periodEnd,
  withdrawalDeadline,
  type Jurisdiction,
  type PeriodUnit,
} from './calendar.ts';

const FR: Jurisdiction = { country: 'FR' };
const FR_AM: Jurisdiction = { country: 'FR', zone: 'alsace-moselle' };
const BE: Jurisdiction = { country: 'BE' };
const ALL = [FR, FR_AM, BE];

const d = (iso: string) => Temporal.PlainDate.from(iso);

/** Every date of 2025–2035, for exhaustive checks and fast-check indices. */
const FIRST = d('2025-01-01');
const DAYS_2025_2035 = FIRST.until(d('2035-12-31')).days + 1;
const ALL_DATES = Array.from({ length: DAYS_2025_2035 }, (_, i) => FIRST.add({ days: i }));
const dateArb = fc.integer({ min: 0, max: DAYS_2025_2035 - 1 }).map((i) => FIRST.add({ days: i }));
const jurisdictionArb = fc.constantFrom(...ALL);
const jurisdictionSetArb = fc.subarray(ALL, { minLength: 1 });

const workingInAll = (date: Temporal.PlainDate, js: readonly Jurisdiction[]) =>
  js.every((j) => isWorkingDay(date, j));
const cmp = Temporal.PlainDate.compare;

describe('day kinds', () => {
  test('should treat Saturday and Sunday as weekend and Friday as not', () => {
    assert.equal(isWeekend(d('2026-05-23')), true);
    assert.equal(isWeekend(d('2026-05-24')), true);
    assert.equal(isWeekend(d('2026-05-22')), false);
  });

  test('should count Saturday as a jour ouvrable but not as a jour ouvré', () => {
    assert.equal(isJourOuvrable(d('2026-09-12'), BE), true);
    assert.equal(isWorkingDay(d('2026-09-12'), BE), false);
  });

  test('should count neither kind of day on a public holiday', () => {
    assert.equal(isJourOuvrable(d('2026-07-14'), FR), false);
    assert.equal(isWorkingDay(d('2026-07-14'), FR), false);
    assert.equal(isWorkingDay(d('2026-07-14'), BE), true);
  });
});

describe('withdrawalDeadline — golden table of LEGAL §A1.2', () => {
  // [receipt, France (general), France Alsace-Moselle, Belgium], as printed.
  const rows: [string, string, string, string][] = [
    ['2025-05-03', '2025-05-19', '2025-05-19', '2025-05-19'],
    ['2026-04-30', '2026-05-15', '2026-05-15', '2026-05-15'],
    ['2026-05-09', '2026-05-26', '2026-05-26', '2026-05-26'],
    ['2025-12-12', '2025-12-26', '2025-12-29', '2025-12-26'],
    ['2026-07-07', '2026-07-21', '2026-07-21', '2026-07-22'],
  ];
  for (const [receipt, fr, frAm, be] of rows) {
    test(`should give FR ${fr}, Alsace-Moselle ${frAm}, BE ${be} for goods received ${receipt}`, () => {
      assert.equal(withdrawalDeadline(d(receipt), [FR]).toString(), fr);
      assert.equal(withdrawalDeadline(d(receipt), [FR_AM]).toString(), frAm);
      assert.equal(withdrawalDeadline(d(receipt), [BE]).toString(), be);
    });
  }

  test('should extend on a holiday of either country for a cross-border sale (LEGAL §A12 pitfall 3)', () => {
    assert.equal(withdrawalDeadline(d('2026-07-07'), [FR, BE]).toString(), '2026-07-22');
    assert.equal(withdrawalDeadline(d('2025-12-12'), [BE, FR_AM]).toString(), '2025-12-29');
  });
});

describe('SPEC acceptance examples', () => {
  test('should end a Belgian withdrawal on Fri 2026-09-18 for delivery on 09-04 (AS-01)', () => {
    const deadline = withdrawalDeadline(d('2026-09-04'), [BE]);
    assert.equal(deadline.toString(), '2026-09-18');
    const end = endOfDayInstant(deadline, 'Europe/Brussels').toInstant();
    const onTime = Temporal.ZonedDateTime.from('2026-09-18T23:40[Europe/Brussels]').toInstant();
    const late = Temporal.ZonedDateTime.from('2026-09-19T00:05[Europe/Brussels]').toInstant();
    assert.ok(Temporal.Instant.compare(onTime, end) <= 0);
    assert.ok(Temporal.Instant.compare(late, end) > 0);
  });

  test('should extend a period ending on 11 November to the Thursday (AS-09)', () => {
    assert.equal(withdrawalDeadline(d('2026-10-28'), [FR]).toString(), '2026-11-12');
  });

  test('should extend a period ending on a Saturday to the Monday (AS-09 variant)', () => {
    assert.equal(withdrawalDeadline(d('2026-10-31'), [FR]).toString(), '2026-11-16');
  });

  test('should extend a period ending on Whit Monday to the Tuesday', () => {
    assert.equal(withdrawalDeadline(d('2026-05-11'), [FR]).toString(), '2026-05-26');
  });

  test('should count 7 jours ouvrables from Sat 2026-09-05 to Mon 09-14, Saturday included (AS-53)', () => {
    const rule = { days: 7, unit: 'jours_ouvrables', extendToWorkingDay: false } as const;
    assert.equal(periodEnd(d('2026-09-05'), rule, [BE]).toString(), '2026-09-14');
    assert.equal(addJoursOuvrables(d('2026-09-05'), 7, BE).toString(), '2026-09-14');
    // Counting Monday–Friday by mistake would give Tue 09-15.
    assert.equal(addWorkingDays(d('2026-09-05'), 7, BE).toString(), '2026-09-15');
  });

  test('should move a jours-ouvrables period ending on a Saturday to the Monday when extended', () => {
    const rule = { days: 6, unit: 'jours_ouvrables' } as const;
    const start = d('2026-09-05');
    assert.equal(periodEnd(start, { ...rule, extendToWorkingDay: false }, [BE]).toString(), '2026-09-12');
    assert.equal(periodEnd(start, { ...rule, extendToWorkingDay: true }, [BE]).toString(), '2026-09-14');
  });

  test('should count 4 jours ouvrés past Ascension for an order of Tue 2026-05-12 (R001-09)', () => {
    // Wed 13 (1), Thu 14 Ascension skipped, Fri 15 (2), Mon 18 (3), Tue 19 (4).
    assert.equal(addWorkingDays(d('2026-05-12'), 4, BE).toString(), '2026-05-19');
    const rule = { days: 4, unit: 'jours_ouvres', extendToWorkingDay: true } as const;
    assert.equal(periodEnd(d('2026-05-12'), rule, [BE]).toString(), '2026-05-19');
  });

  test('should skip 8 May in France but not in Belgium when counting jours ouvrés', () => {
    assert.equal(addWorkingDays(d('2026-05-07'), 4, BE).toString(), '2026-05-13');
    assert.equal(addWorkingDays(d('2026-05-07'), 4, FR).toString(), '2026-05-15');
  });

  test('should keep an offer of Mon 2026-08-03 open one week, to Mon 08-10 (AS-13)', () => {
    assert.equal(addWeeks(d('2026-08-03'), 1).toString(), '2026-08-10');
  });

  test('should count calendar days without extension (AS-17, AS-19)', () => {
    assert.equal(addCalendarDays(d('2026-03-02'), 8).toString(), '2026-03-10');
    const rule = { days: 7, unit: 'calendar', extendToWorkingDay: false } as const;
    assert.equal(periodEnd(d('2026-04-01'), rule, [FR]).toString(), '2026-04-08');
    // AS-03: a refund deadline on Good Friday is not extended.
    const refund = { days: 14, unit: 'calendar', extendToWorkingDay: false } as const;
    assert.equal(periodEnd(d('2026-03-20'), refund, [FR_AM]).toString(), '2026-04-03');
  });

  test('should return the start itself for zero working days', () => {
    assert.equal(addWorkingDays(d('2026-05-09'), 0, FR).toString(), '2026-05-09');
  });

  test('should reject negative counts and an empty jurisdiction list', () => {
    assert.throws(() => addWorkingDays(d('2026-05-09'), -1, FR), RangeError);
    assert.throws(() => addJoursOuvrables(d('2026-05-09'), 1.5, FR), RangeError);
    const rule = { days: 14, unit: 'calendar', extendToWorkingDay: true } as const;
    assert.throws(() => periodEnd(d('2026-05-09'), rule, []), RangeError);
    assert.throws(() => periodEnd(d('2026-05-09'), { ...rule, days: -1 }, [FR]), RangeError);
  });
});

describe('months and weeks (SPEC §0.2)', () => {
  test('should clamp 31 January plus one month to the end of February', () => {
    assert.equal(addMonths(d('2026-01-31'), 1).toString(), '2026-02-28');
    assert.equal(addMonths(d('2028-01-31'), 1).toString(), '2028-02-29');
    assert.equal(addMonths(d('2026-03-31'), 1).toString(), '2026-04-30');
  });

  test('should keep the same day of the month when it exists', () => {
    assert.equal(addMonths(d('2026-01-15'), 1).toString(), '2026-02-15');
    assert.equal(addMonths(d('2025-12-31'), 12).toString(), '2026-12-31');
  });

  test('should count a week as seven days', () => {
    assert.equal(addWeeks(d('2026-12-28'), 2).toString(), '2027-01-11');
  });
});

describe('endOfDayInstant and localDate (LEGAL §A12 pitfall 4)', () => {
  const cases: [string, string, string][] = [
    ['2026-03-29', 'Europe/Paris', '2026-03-29T21:59:59.999Z'],
    ['2026-10-25', 'Europe/Paris', '2026-10-25T22:59:59.999Z'],
    ['2026-03-29', 'Europe/Brussels', '2026-03-29T21:59:59.999Z'],
    ['2026-10-25', 'Europe/Brussels', '2026-10-25T22:59:59.999Z'],
  ];
  for (const [date, zone, utc] of cases) {
    test(`should end ${date} in ${zone} at 23:59:59.999 local time across the DST change`, () => {
      const end = endOfDayInstant(d(date), zone);
      assert.equal(end.toPlainDate().toString(), date);
      assert.equal(end.toPlainTime().toString(), '23:59:59.999');
      assert.equal(end.toInstant().toString(), utc);
      assert.equal(localDate(end.toInstant().add({ milliseconds: 1 }), zone).toString(), d(date).add({ days: 1 }).toString());
    });
  }

  test('should span 23 hours on the spring change and 25 hours on the autumn change', () => {
    const length = (date: string) => {
      const start = d(date).toZonedDateTime({ timeZone: 'Europe/Paris' });
      return start.until(endOfDayInstant(d(date), 'Europe/Paris')).total('milliseconds') + 1;
    };
    assert.equal(length('2026-03-29'), 23 * 3_600_000);
    assert.equal(length('2026-10-25'), 25 * 3_600_000);
  });

  test('should give the local date, not the UTC date, of an instant', () => {
    const instant = Temporal.Instant.from('2026-12-31T23:30:00Z');
    assert.equal(localDate(instant, 'Europe/Paris').toString(), '2027-01-01');
    assert.equal(localDate(instant, 'UTC').toString(), '2026-12-31');
  });
});

describe('localDate remembers the day last asked for', () => {
  test('should give the date a fresh conversion gives, for any sequence of instants around midnights and DST changes (property)', () => {
    const zones = ['Europe/Paris', 'Europe/Brussels', 'UTC', 'America/New_York'];
    // Local midnights on both DST change days and an ordinary day, in each zone: instants just
    // before, at and after them (to the nanosecond), and hours away on either side.
    const edges = zones.flatMap((zone) =>
      ['2026-03-29', '2026-03-30', '2026-10-25', '2026-10-26', '2026-06-15'].map((date) => d(date).toZonedDateTime({ timeZone: zone }).toInstant().epochNanoseconds),
    );
    const offsets = [-3_600_000_000_000n, -1_000_000n, -1n, 0n, 1n, 999_999n, 1_000_000n, 3_600_000_000_000n, 23n * 3_600_000_000_000n];
    const instant = fc.tuple(fc.constantFrom(...edges), fc.constantFrom(...offsets)).map(([edge, offset]) => Temporal.Instant.fromEpochNanoseconds(edge + offset));
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, fc.constantFrom(...zones)), { minLength: 1, maxLength: 12 }), (asks) => {
        for (const [at, zone] of asks) assert.equal(localDate(at, zone).toString(), at.toZonedDateTimeISO(zone).toPlainDate().toString(), `${at} in ${zone}`);
      }),
      { numRuns: 500 },
    );
  });
});

describe('properties over 2025–2035', () => {
  const jurisdictionSets: Jurisdiction[][] = [[FR], [FR_AM], [BE], [FR, BE], [FR_AM, BE]];

  test('should end every withdrawal on a working day within 14–19 days, skipping only non-working days', () => {
    for (const js of jurisdictionSets) {
      for (const start of ALL_DATES) {
        const deadline = withdrawalDeadline(start, js);
        const day14 = start.add({ days: 14 });
        const label = `${start} ${JSON.stringify(js)}`;
        assert.ok(workingInAll(deadline, js), label);
        assert.ok(!isWeekend(deadline) && js.every((j) => !isPublicHoliday(deadline, j)), label);
        assert.ok(cmp(deadline, day14) >= 0, label);
        assert.ok(cmp(deadline, day14.add({ days: 6 })) < 0, label);
        for (let day = day14; cmp(day, deadline) < 0; day = day.add({ days: 1 })) {
          assert.ok(!workingInAll(day, js), `${label}: ${day} is a working day`);
        }
      }
    }
  });

  test('should land addWorkingDays on a working day with exactly n working days after the start', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 60 }), jurisdictionArb, (start, n, j) => {
        const result = addWorkingDays(start, n, j);
        assert.ok(isWorkingDay(result, j));
        let count = 0;
        for (let day = start.add({ days: 1 }); cmp(day, result) <= 0; day = day.add({ days: 1 })) {
          if (isWorkingDay(day, j)) count += 1;
        }
        assert.equal(count, n);
      }),
      { numRuns: 1000 },
    );
  });

  test('should land addJoursOuvrables on a jour ouvrable with exactly n of them after the start', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 60 }), jurisdictionArb, (start, n, j) => {
        const result = addJoursOuvrables(start, n, j);
        assert.ok(isJourOuvrable(result, j));
        let count = 0;
        for (let day = start.add({ days: 1 }); cmp(day, result) <= 0; day = day.add({ days: 1 })) {
          if (isJourOuvrable(day, j)) count += 1;
        }
        assert.equal(count, n);
      }),
      { numRuns: 1000 },
    );
  });

  test('should never end a period with several jurisdictions before the period of any one of them', () => {
    const unitArb = fc.constantFrom<PeriodUnit>('calendar', 'jours_ouvres', 'jours_ouvrables');
    fc.assert(
      fc.property(
        dateArb,
        fc.integer({ min: 0, max: 60 }),
        unitArb,
        fc.boolean(),
        jurisdictionSetArb,
        (start, days, unit, extendToWorkingDay, js) => {
          const rule = { days, unit, extendToWorkingDay };
          const combined = periodEnd(start, rule, js);
          for (const j of js) {
            assert.ok(cmp(combined, periodEnd(start, rule, [j])) >= 0);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
