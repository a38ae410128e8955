/**
 * Pickup slots from a point's recurring opening hours (issue 12 §3; 001 CG §4 "au centre de
 * distribution local, aux jours et heures renseignés lors de la commande"): each opening day, the
 * hours cut into slots; none on a public holiday of the shop's country (unless the point opens on
 * holidays) nor on a closure. Times are wall-clock times of the shop's zone, so a Saturday 09:00
 * slot stays at 09:00 across the change to and from summer time.
 */
import { Temporal } from 'temporal-polyfill';
import { isPublicHoliday, type Jurisdiction } from '../kernel/calendar.ts';
import type { PickupPoint } from '../shops/profile/schema/delivery.ts';

export type SlotTime = { on: Temporal.PlainDate; startsAt: Temporal.Instant; endsAt: Temporal.Instant };

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** Slots are offered this many weeks ahead unless the point says otherwise. */
export const DEFAULT_WEEKS_AHEAD = 4;

function closedOn(point: PickupPoint, day: Temporal.PlainDate, jurisdiction: Jurisdiction): boolean {
  if (!point.openOnHolidays && isPublicHoliday(day, jurisdiction)) return true;
  const iso = day.toString();
  return (point.closures ?? []).some((c) => c.from <= iso && iso <= (c.to ?? c.from));
}

/** The point's slots on the `days` days from `from` (included), in time order. */
export function slotsOfPoint(point: PickupPoint, from: Temporal.PlainDate, days: number, timeZone: string, jurisdiction: Jurisdiction): SlotTime[] {
  const slots: SlotTime[] = [];
  for (let i = 0; i < days; i++) {
    const day = from.add({ days: i });
    const weekday = WEEKDAYS[day.dayOfWeek - 1];
    const openings = (point.opening ?? []).filter((o) => weekday && o.days.includes(weekday));
    if (openings.length === 0 || closedOn(point, day, jurisdiction)) continue;
    for (const o of openings) {
      const start = day.toPlainDateTime(Temporal.PlainTime.from(o.from));
      const end = day.toPlainDateTime(Temporal.PlainTime.from(o.to));
      const length = o.slotMinutes ?? start.until(end).total('minutes');
      for (let at = start; Temporal.PlainDateTime.compare(at.add({ minutes: length }), end) <= 0; at = at.add({ minutes: length })) {
        slots.push({ on: day, startsAt: at.toZonedDateTime(timeZone).toInstant(), endsAt: at.add({ minutes: length }).toZonedDateTime(timeZone).toInstant() });
      }
    }
  }
  return slots.sort((a, b) => Temporal.Instant.compare(a.startsAt, b.startsAt));
}

/** The last instant a slot may still be chosen: `bookHoursBefore` hours before it starts. */
export function bookableUntil(point: Pick<PickupPoint, 'bookHoursBefore'>, startsAt: Temporal.Instant): Temporal.Instant {
  return startsAt.subtract({ hours: point.bookHoursBefore ?? 0 });
}

/** The earliest start a slot chosen now may have. */
export function earliestBookableStart(point: Pick<PickupPoint, 'bookHoursBefore'>, now: Temporal.Instant): Temporal.Instant {
  return now.add({ hours: point.bookHoursBefore ?? 0 });
}
