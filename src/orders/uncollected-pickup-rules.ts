/**
 * Pickup orders not collected by the end of their slot (issue 12 §5, issue 11 §6), as pure rules.
 * No profile states a reminder period for uncollected pickups today (003 art.7.2's
 * `delivery.nonCollection` only says what follows a registered letter), so these defaults apply:
 *
 * - `REMIND_AFTER_DAYS` (2): the customer gets one reminder e-mail 2 calendar days after the day
 *   their slot ended (shop-local);
 * - `DECIDE_AFTER_DAYS` (7): 7 days after the reminder day, the order joins the staff "today"
 *   view as "not collected: decide", until staff record a decision (a `cancelled` fact of kind
 *   `non_collection`, or a formal notice where the terms provide one) or the pickup.
 *
 * Only orders whose goods wait for the customer count: accepted, preparing or shipped — ready at the point — (the statuses
 * a `non_collection` cancellation may end, src/orders/state-machine.ts); an order not yet paid or
 * accepted, collected (`delivered`), refused or cancelled has nothing to remind.
 */
import { Temporal } from 'temporal-polyfill';

export const REMIND_AFTER_DAYS = 2;
export const DECIDE_AFTER_DAYS = 7;

/** The statuses in which the goods wait at the point for the customer. */
export const WAITING_FOR_PICKUP = ['accepted', 'preparing', 'shipped'] as const;

/** What the rules read of an order: its status and its `delivery` JSON (`mode`, `slot.endsAt`). */
export type PickupOrder = { status: string; delivery: unknown };

/** The shop-local day the order's pickup slot ends, if it is a pickup order holding a slot. */
export function slotEndDay(delivery: unknown, timeZone: string): Temporal.PlainDate | null {
  const d = delivery as { mode?: unknown; slot?: { endsAt?: unknown } } | null;
  if (d?.mode !== 'pickup' || typeof d.slot?.endsAt !== 'string') return null;
  return Temporal.Instant.from(d.slot.endsAt).toZonedDateTimeISO(timeZone).toPlainDate();
}

/** The reminder's day and the day staff are asked to decide, for a slot ending on `endDay`. */
export function uncollectedDays(endDay: Temporal.PlainDate): { remindOn: Temporal.PlainDate; decideOn: Temporal.PlainDate } {
  const remindOn = endDay.add({ days: REMIND_AFTER_DAYS });
  return { remindOn, decideOn: remindOn.add({ days: DECIDE_AFTER_DAYS }) };
}

export function waitingForPickup(status: string): boolean {
  return (WAITING_FOR_PICKUP as readonly string[]).includes(status);
}

/** Whether the customer is due their reminder on `today` (once: the caller checks it was not sent). */
export function reminderDue(order: PickupOrder, timeZone: string, today: Temporal.PlainDate): boolean {
  const end = slotEndDay(order.delivery, timeZone);
  return end !== null && waitingForPickup(order.status) && Temporal.PlainDate.compare(today, uncollectedDays(end).remindOn) >= 0;
}

/** The day staff are asked to decide on an uncollected order, once it has come; else undefined. */
export function decisionDueOn(order: PickupOrder, timeZone: string, today: Temporal.PlainDate): string | undefined {
  const end = slotEndDay(order.delivery, timeZone);
  if (end === null || !waitingForPickup(order.status)) return undefined;
  const { decideOn } = uncollectedDays(end);
  return Temporal.PlainDate.compare(today, decideOn) >= 0 ? decideOn.toString() : undefined;
}
