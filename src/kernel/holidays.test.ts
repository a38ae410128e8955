import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Temporal } from 'temporal-polyfill';
import { isPublicHoliday, publicHolidays, type Jurisdiction } from './holidays.ts';

const FR: Jurisdiction = { country: 'FR' };
const FR_AM: Jurisdiction = { country: 'FR', zone: 'alsace-moselle' };
const BE: Jurisdiction = { country: 'BE' };

const iso = (dates: readonly Temporal.PlainDate[]) => dates.map(String);

/**
 * Independent oracle: Gregorian Easter Sunday by the anonymous
 * (Meeus/Jones/Butcher) algorithm, not taken from date-holidays.
 */
function easterSunday(year: number): Temporal.PlainDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Temporal.PlainDate.from({ year, month, day });
}

/** The legal lists of LEGAL §A12, built from the texts rather than the library. */
function legalHolidays(j: Jurisdiction, year: number): string[] {
  const easter = easterSunday(year);
  const fixed = (md: string) => `${year}-${md}`;
  const movable = (days: number) => easter.add({ days }).toString();
  const common = [
    fixed('01-01'),
    movable(1), // Easter Monday
    fixed('05-01'),
    movable(39), // Ascension
    movable(50), // Whit Monday
    fixed('08-15'),
    fixed('11-01'),
    fixed('11-11'),
    fixed('12-25'),
  ];
  const extra =
    j.country === 'BE'
      ? [fixed('07-21')] // law of 4 Jan 1974
      : [fixed('05-08'), fixed('07-14')]; // Code du travail L3133-1
  const alsaceMoselle = j.zone === 'alsace-moselle' ? [movable(-2), fixed('12-26')] : []; // L3134-13
  return [...common, ...extra, ...alsaceMoselle].sort();
}

describe('easterSunday oracle', () => {
  test('should give the known Easter dates', () => {
    assert.equal(easterSunday(2025).toString(), '2025-04-20');
    assert.equal(easterSunday(2026).toString(), '2026-04-05');
    assert.equal(easterSunday(2035).toString(), '2035-03-25');
  });
});

describe('publicHolidays', () => {
  test('should list the 11 French legal holidays of 2026 (SPEC §0.2)', () => {
    assert.deepEqual(iso(publicHolidays(FR, 2026)), [
      '2026-01-01', '2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25',
      '2026-07-14', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25',
    ]);
  });

  test('should list the 10 Belgian legal holidays of 2026 (SPEC §0.2)', () => {
    assert.deepEqual(iso(publicHolidays(BE, 2026)), [
      '2026-01-01', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25',
      '2026-07-21', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25',
    ]);
  });

  test('should add Good Friday and 26 December in Alsace-Moselle', () => {
    const extra = iso(publicHolidays(FR_AM, 2026)).filter(
      (d) => !iso(publicHolidays(FR, 2026)).includes(d),
    );
    assert.deepEqual(extra, ['2026-04-03', '2026-12-26']);
  });

  test('should match the legal lists exactly for every year 2025–2035', () => {
    for (let year = 2025; year <= 2035; year++) {
      for (const j of [FR, FR_AM, BE]) {
        assert.deepEqual(iso(publicHolidays(j, year)), legalHolidays(j, year), `${j.country} ${j.zone ?? ''} ${year}`);
      }
    }
  });

  test('should leave out observances such as Easter Sunday, Pentecost and Fête du Roi', () => {
    for (const d of ['2026-04-05', '2026-05-24', '2026-11-15', '2026-11-02', '2026-12-06']) {
      assert.equal(isPublicHoliday(Temporal.PlainDate.from(d), BE), false, d);
    }
    assert.equal(isPublicHoliday(Temporal.PlainDate.from('2026-05-24'), FR), false);
  });

  test('should not treat Belgian community days as legal holidays', () => {
    for (const d of ['2026-07-11', '2026-09-27', '2026-11-15']) {
      assert.equal(isPublicHoliday(Temporal.PlainDate.from(d), BE), false, d);
    }
  });

  test('should return the same cached list on repeated calls', () => {
    assert.equal(publicHolidays(FR, 2027), publicHolidays(FR, 2027));
    assert.ok(Object.isFrozen(publicHolidays(FR, 2027)));
  });

  test('should reject the Alsace-Moselle zone outside France', () => {
    assert.throws(
      () => publicHolidays({ country: 'BE', zone: 'alsace-moselle' }, 2026),
      RangeError,
    );
  });
});

describe('isPublicHoliday', () => {
  test('should recognise a holiday of one country only', () => {
    const nationalDayBE = Temporal.PlainDate.from('2026-07-21');
    assert.equal(isPublicHoliday(nationalDayBE, BE), true);
    assert.equal(isPublicHoliday(nationalDayBE, FR), false);
    const victoryDay = Temporal.PlainDate.from('2026-05-08');
    assert.equal(isPublicHoliday(victoryDay, FR), true);
    assert.equal(isPublicHoliday(victoryDay, BE), false);
  });
});
