import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import type { PickupPoint } from '../shops/profile/schema/delivery.ts';
import { bookableUntil, slotsOfPoint } from './slot-rules.ts';

const BRUSSELS = 'Europe/Brussels';
const BE = { country: 'BE' as const };
const liege: PickupPoint = {
  name: 'Centre de distribution de Liège',
  commune: 'Liège',
  opening: [
    { days: ['sat'], from: '09:00', to: '12:00' },
    { days: ['wed'], from: '14:00', to: '18:00', slotMinutes: 120 },
  ],
  capacity: 40,
  bookHoursBefore: 24,
};
const show = (slots: ReturnType<typeof slotsOfPoint>) => slots.map((s) => `${s.on} ${s.startsAt.toZonedDateTimeISO(BRUSSELS).toPlainTime().toString().slice(0, 5)}–${s.endsAt.toZonedDateTimeISO(BRUSSELS).toPlainTime().toString().slice(0, 5)}`);

describe('pickup slots from opening hours', () => {
  test('should cut Wednesdays into two 2-hour slots and keep Saturday morning whole (AS-29: Sat 2026-09-05 09:00–12:00)', () => {
    assert.deepEqual(show(slotsOfPoint(liege, Temporal.PlainDate.from('2026-08-31'), 7, BRUSSELS, BE)), ['2026-09-02 14:00–16:00', '2026-09-02 16:00–18:00', '2026-09-05 09:00–12:00']);
  });

  test('should give no slot on a Belgian public holiday (Wed 11 Nov 2026, Armistice) nor on a closure', () => {
    const point = { ...liege, closures: [{ from: '2026-11-14', reason: 'inventaire' }] };
    assert.deepEqual(show(slotsOfPoint(point, Temporal.PlainDate.from('2026-11-09'), 14, BRUSSELS, BE)), ['2026-11-18 14:00–16:00', '2026-11-18 16:00–18:00', '2026-11-21 09:00–12:00']);
    assert.equal(slotsOfPoint({ ...point, openOnHolidays: true }, Temporal.PlainDate.from('2026-11-11'), 1, BRUSSELS, BE).length, 2);
  });

  test('should keep the wall-clock hours across the change to winter time (Sat 24 and Sat 31 Oct 2026: 09:00 is 07:00Z, then 08:00Z)', () => {
    const slots = slotsOfPoint(liege, Temporal.PlainDate.from('2026-10-24'), 8, BRUSSELS, BE).filter((s) => s.on.dayOfWeek === 6);
    assert.deepEqual(slots.map((s) => s.startsAt.toString()), ['2026-10-24T07:00:00Z', '2026-10-31T08:00:00Z']);
  });

  test('should stop booking a slot 24 hours before it starts', () => {
    assert.equal(bookableUntil(liege, Temporal.Instant.from('2026-09-05T07:00:00Z')).toString(), '2026-09-04T07:00:00Z');
  });

  test('should never make a slot outside the opening hours, nor overlapping another, whatever the cut (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 7, max: 10 }), fc.integer({ min: 1, max: 6 }), fc.constantFrom(15, 30, 45, 60, 90), fc.integer({ min: 0, max: 365 }), (fromHour, hours, minutes, offset) => {
        const from = `${String(fromHour).padStart(2, '0')}:00`;
        const to = `${String(fromHour + hours).padStart(2, '0')}:00`;
        const point: PickupPoint = { name: 'P', commune: 'X', opening: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from, to, slotMinutes: minutes }], openOnHolidays: true };
        const slots = slotsOfPoint(point, Temporal.PlainDate.from('2026-01-01').add({ days: offset }), 3, BRUSSELS, BE);
        assert.equal(slots.length, 3 * Math.floor((hours * 60) / minutes));
        for (const [i, s] of slots.entries()) {
          const start = s.startsAt.toZonedDateTimeISO(BRUSSELS).toPlainTime().toString();
          const end = s.endsAt.toZonedDateTimeISO(BRUSSELS).toPlainTime().toString();
          assert.ok(start >= `${from}:00` && end <= `${to}:00`, `${start}–${end}`);
          const next = slots[i + 1];
          if (next) assert.ok(Temporal.Instant.compare(s.endsAt, next.startsAt) <= 0);
        }
      }),
    );
  });
});
