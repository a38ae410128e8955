/**
 * The seeds' complaint clauses with dates (SPEC AS-33, AS-45; 001 CG §5.3; 003 art.6.1, 7.2, 8.1,
 * 11, 20.4; L612-2) and properties of the counts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { isPublicHoliday } from '../kernel/calendar.ts';
import {
  addDaysExclHolidays,
  addHoursExclHolidays,
  goodwillCredit,
  goodwillReturn,
  invoiceDisputeWindow,
  isBarred,
  isOnTime,
  mediationEndsOn,
  nonConsumerConformityWindow,
  reserveWindow,
  type ReservesTerms,
  type Term,
} from './complaint-rules.ts';

const FR_J = { country: 'FR' as const };
const FR = [FR_J];
const BE = [{ country: 'BE' as const }];
const d = Temporal.PlainDate.from;
const at = (iso: string) => Temporal.Instant.from(iso);
const term = (days: number, counting: Term['counting'], hours = 0): Term => ({ days, months: 0, hours, counting });
// 003 as in profiles/distritec.yaml: art.7.2 (72 h excl. holidays) and art.8.1 (3 days, L133-3).
const DISTRITEC: ReservesTerms = { kind: 'registered_letter', customerKinds: ['professional'], confirmWithin: [term(0, 'hours_excl_holidays', 72), term(3, 'days_excl_holidays')] };
const open = (o: ReturnType<typeof reserveWindow>) => {
  assert.ok(o.open, JSON.stringify(o));
  return o.window;
};

describe('transport reserves', () => {
  test('003 AS-33: delivered Tue 2026-04-28 10:00, Fri 05-01 a holiday → 72 h end Sat 05-02 10:00, L133-3 end Sat 05-02', () => {
    const w = open(reserveWindow(DISTRITEC, 'professional', at('2026-04-28T10:00:00+02:00'), 'Europe/Paris', FR));
    assert.equal(w.endsOn?.toString(), '2026-05-02');
    assert.equal(w.contractualEndsAt?.toPlainDateTime().toString(), '2026-05-02T10:00:00');
  });

  test('003: delivered Fri 2026-03-06 → reserves by Mon 2026-03-09 (calendar days, only holidays skipped: Sat and Sun count)', () => {
    const w = open(reserveWindow(DISTRITEC, 'professional', at('2026-03-06T15:00:00+01:00'), 'Europe/Paris', FR));
    assert.equal(w.endsOn?.toString(), '2026-03-09');
    assert.equal(w.contractualEndsAt?.toPlainDateTime().toString(), '2026-03-09T15:00:00');
    assert.ok(isOnTime(w, d('2026-03-09')));
    assert.ok(isBarred(w, d('2026-03-10')), 'a letter sent on Tue 03-10 is late: the goods are deemed accepted (L133-3)');
  });

  test('003: no reserves window for a consumer, who is not a party to the transport contract (A-35)', () => {
    assert.deepEqual(reserveWindow(DISTRITEC, 'consumer', at('2026-03-06T15:00:00+01:00'), 'Europe/Paris', FR), { open: false, reason: 'not_for_consumers' });
  });

  test('001: damage reported at delivery; a consumer reporting later is not barred (A-16), a professional is', () => {
    const consumer = open(reserveWindow({ kind: 'at_delivery' }, 'consumer', at('2026-03-06T18:30:00+01:00'), 'Europe/Brussels', BE));
    assert.equal(consumer.endsOn?.toString(), '2026-03-06');
    assert.equal(isBarred(consumer, d('2026-03-07')), false);
    const pro = open(reserveWindow({ kind: 'at_delivery' }, 'professional', at('2026-03-06T18:30:00+01:00'), 'Europe/Brussels', BE));
    assert.equal(isBarred(pro, d('2026-03-07')), true);
  });

  test('the L133-3 end is never a holiday, and never earlier than 3 days after delivery', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), (offset) => {
        const start = d('2025-01-01').add({ days: offset });
        const end = addDaysExclHolidays(start, 3, FR);
        return !isPublicHoliday(end, FR_J) && start.until(end).days >= 3 && start.until(end).days <= 3 + 3;
      }),
    );
  });

  test('72 hours excluding holidays are never less than 72 h, and exactly 72 h when no holiday falls in the next four days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 23 }), (offset, hour) => {
        const from = d('2025-01-01').add({ days: offset }).toZonedDateTime({ timeZone: 'UTC', plainTime: { hour } });
        const end = addHoursExclHolidays(from, 72, FR);
        const hours = from.until(end, { largestUnit: 'hours' }).hours;
        const holidayNear = [0, 1, 2, 3].some((i) => isPublicHoliday(from.toPlainDate().add({ days: i }), FR_J));
        return hours >= 72 && (holidayNear || hours === 72);
      }),
    );
  });
});

describe('conformity complaints from non-consumers (001 CG §5.3)', () => {
  const COOPSO = { customerKinds: ['non_professional', 'professional'] as const, notifyWithin: term(7, 'working_days') };

  test('received Mon 2026-05-04 in Belgium → by Tue 2026-05-12 (7 jours ouvrables: Saturdays count, Thu 05-14 Ascension not reached)', () => {
    const w = open(nonConsumerConformityWindow(COOPSO, 'professional', d('2026-05-04'), BE));
    // Tue 5 (1) Wed 6 (2) Thu 7 (3) Fri 8 (4) Sat 9 (5) Mon 11 (6) Tue 12 (7).
    assert.equal(w.endsOn?.toString(), '2026-05-12');
  });

  test('received Fri 2026-05-08 in Belgium → by Mon 2026-05-18 (Sun 10 and Ascension Thu 14 skipped)', () => {
    const w = open(nonConsumerConformityWindow(COOPSO, 'non_professional', d('2026-05-08'), BE));
    // Sat 9 (1) Mon 11 (2) Tue 12 (3) Wed 13 (4) Fri 15 (5) Sat 16 (6) Mon 18 (7).
    assert.equal(w.endsOn?.toString(), '2026-05-18');
    assert.ok(isBarred(w, d('2026-05-19')));
  });

  test('a consumer has the legal guarantee instead, never this window', () => {
    assert.deepEqual(nonConsumerConformityWindow(COOPSO, 'consumer', d('2026-05-08'), BE), { open: false, reason: 'not_for_consumers' });
  });
});

describe('invoice disputes (003 art.6.1, AS-45)', () => {
  const TERMS = { customerKinds: ['professional', 'consumer', 'non_professional'] as const, within: term(10, 'calendar_days') };

  test('invoice of Mon 2026-05-04 → by Thu 2026-05-14 (10 calendar days, no extension although 05-14 is Ascension)', () => {
    const w = open(invoiceDisputeWindow(TERMS, 'professional', d('2026-05-04'), FR));
    assert.equal(w.endsOn?.toString(), '2026-05-14');
    assert.equal(isBarred(w, d('2026-05-14')), false);
    assert.equal(isBarred(w, d('2026-05-15')), true);
  });

  test('a consumer disputing on 05-15 is recorded late but not barred (A-45)', () => {
    const w = open(invoiceDisputeWindow(TERMS, 'consumer', d('2026-05-04'), FR));
    assert.equal(isOnTime(w, d('2026-05-15')), false);
    assert.equal(isBarred(w, d('2026-05-15')), false);
  });
});

describe('consumer mediation (L612-2, 003 art.20.4)', () => {
  test('written complaint on 2026-03-09 → mediation until 2027-03-09; 29 Feb complaints end on 28 Feb', () => {
    assert.equal(mediationEndsOn(d('2026-03-09')).toString(), '2027-03-09');
    assert.equal(mediationEndsOn(d('2028-02-29')).toString(), '2029-02-28');
  });
});

describe('goodwill returns for professionals (003 art.11)', () => {
  const TERMS = { customerKinds: ['professional', 'consumer', 'non_professional'] as const, requestWithinDays: 14, minAbatementBp: 3000 };
  const base = { customer: 'professional' as const, distanceSale: true, deliveredOn: d('2026-03-06'), compensatingOrderCents: 50_000, returnedCents: 50_000 };

  test('delivered 2026-03-06: a request on 03-20 (14 days) is allowed, one on 03-21 (15 days) is refused', () => {
    assert.deepEqual(goodwillReturn(TERMS, { ...base, requestOn: d('2026-03-20') }), { allowed: true, lastRequestOn: d('2026-03-20') });
    assert.deepEqual(goodwillReturn(TERMS, { ...base, requestOn: d('2026-03-21') }), { allowed: false, reason: 'goodwill_period_over', lastRequestOn: d('2026-03-20') });
  });

  test('a distance consumer is refused (withdrawal right instead, A-46); a compensating order below the returned value is refused', () => {
    assert.equal(goodwillReturn(TERMS, { ...base, customer: 'consumer', requestOn: d('2026-03-10') }).allowed, false);
    assert.deepEqual(goodwillReturn(TERMS, { ...base, compensatingOrderCents: 49_999, requestOn: d('2026-03-10') }), { allowed: false, reason: 'compensating_order_required', lastRequestOn: d('2026-03-20') });
  });

  test('credit: 500.00 less 30 % → 350.00; 1 234.57 → abatement 370.38 (rounded up), credit 864.19; costs of 200.00 above 30 % → credit 300.00', () => {
    assert.deepEqual(goodwillCredit(50_000, 3000), { abatementCents: 15_000, creditCents: 35_000 });
    assert.deepEqual(goodwillCredit(123_457, 3000), { abatementCents: 37_038, creditCents: 86_419 });
    assert.deepEqual(goodwillCredit(50_000, 3000, 20_000), { abatementCents: 20_000, creditCents: 30_000 });
  });

  test('the credit never exceeds 70 % of the price and never goes below zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 20_000_000 }), (price, costs) => {
        const { creditCents, abatementCents } = goodwillCredit(price, 3000, costs);
        return creditCents >= 0 && creditCents * 10 <= price * 7 && creditCents + abatementCents === price;
      }),
    );
  });
});
