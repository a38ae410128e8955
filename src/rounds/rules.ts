/**
 * The rules of volunteer rounds (issue 12 §4, SPEC C10, A-76), pure: which orders a round may
 * take, the order of its stops (by postcode, or moved up and down by staff), when its run-sheet
 * link expires, and what marking a stop does.
 */
import { Temporal } from 'temporal-polyfill';

/**
 * Orders a volunteer may take out: home delivery by members (`volunteer`), accepted and not yet
 * delivered. An order awaiting its payment is not ready: its execution is suspended until then
 * (001 online §2.3); a cancelled, refused or delivered order has nothing left to deliver.
 */
export const ROUND_READY_STATUSES: readonly string[] = ['accepted', 'preparing', 'shipped'];

export function isRoundEligible(order: { status: string; deliveryMode: string | undefined }): boolean {
  return order.deliveryMode === 'volunteer' && ROUND_READY_STATUSES.includes(order.status);
}

export type StopAddress = { orderId: string; postalCode: string; city: string; line1: string };

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/**
 * Stops by postcode, then commune, then street and number ("rue X 2" before "rue X 10"), then
 * order id so that equal addresses keep one stable order; an address without postcode last.
 * Returns the order ids.
 */
export function sortByPostcode(stops: readonly StopAddress[]): string[] {
  return [...stops]
    .sort((a, b) => Number(a.postalCode.trim() === '') - Number(b.postalCode.trim() === '') || collator.compare(a.postalCode.replace(/\s+/g, ''), b.postalCode.replace(/\s+/g, '')) || collator.compare(a.city, b.city) || collator.compare(a.line1, b.line1) || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0))
    .map((s) => s.orderId);
}

/** The stops with `orderId` one place up or down; unchanged at either end or when absent. */
export function moveStop(orderIds: readonly string[], orderId: string, direction: 'up' | 'down'): string[] {
  const out = [...orderIds];
  const at = out.indexOf(orderId);
  const to = direction === 'up' ? at - 1 : at + 1;
  if (at < 0 || to < 0 || to >= out.length) return out;
  [out[at], out[to]] = [out[to] as string, out[at] as string];
  return out;
}

/** How long a run-sheet link stays valid after the end of the round's day. */
export const SHEET_VALID_AFTER_DAY = Temporal.Duration.from({ hours: 48 });

/**
 * The link's end: 48 hours after the round's day ends in the shop's zone (a round on Saturday
 * 2026-09-05 in Brussels: valid until Tuesday 2026-09-08 00:00, 22:00 UTC on the 7th), so a
 * volunteer may record a late stop the next day and no sheet lingers for weeks.
 */
export function sheetExpiresAt(roundOn: Temporal.PlainDate, timeZone: string): Temporal.Instant {
  return roundOn.add({ days: 1 }).toZonedDateTime({ timeZone }).toInstant().add(SHEET_VALID_AFTER_DAY);
}

export function isSheetExpired(expiresAt: Temporal.Instant, now: Temporal.Instant): boolean {
  return Temporal.Instant.compare(now, expiresAt) >= 0;
}

export type StopOutcome = 'delivered' | 'absent';

/** An order whose goods were handed over (by anyone: staff may have recorded it first). */
const DELIVERED_STATUSES: readonly string[] = ['delivered', 'completed'];

/**
 * What marking a stop does. `nothing`: it is already so (marking twice changes nothing); a
 * delivered stop stays delivered (an absence after it is refused); an absence may be followed by
 * a delivery (the volunteer came back); a cancelled or refused order is not delivered, nor one
 * that is not ready (awaiting its payment: taken off the round by staff).
 */
export function markDecision(current: StopOutcome | null, wanted: StopOutcome, orderStatus: string): { do: 'record' | 'nothing' } | { refused: 'round_order_cancelled' | 'round_stop_already_delivered' | 'round_order_not_ready' } {
  if (current === 'delivered' && wanted === 'delivered') return { do: 'nothing' };
  if (current === 'delivered') return { refused: 'round_stop_already_delivered' };
  if (orderStatus === 'cancelled' || orderStatus === 'refused') return { refused: 'round_order_cancelled' };
  if (!ROUND_READY_STATUSES.includes(orderStatus) && !DELIVERED_STATUSES.includes(orderStatus)) return { refused: 'round_order_not_ready' };
  return { do: 'record' };
}

/**
 * The order facts a delivery records on an order in `status`: out with the volunteer (`shipped`,
 * for an order not shipped yet), then `delivered`; none for an order already delivered.
 */
export function deliveryFacts(status: string): ('shipped' | 'delivered')[] {
  if (status === 'shipped') return ['delivered'];
  if (status === 'accepted' || status === 'preparing') return ['shipped', 'delivered'];
  return [];
}

/**
 * A round's picking list (issue 12 §5: "per round"): each article's total over the stops, by name,
 * so what is loaded equals the sum of the order lines on the round.
 */
export function pickingTotals(stops: readonly { items: readonly { name: string; quantity: number }[] }[]): { name: string; quantity: number }[] {
  const totals = new Map<string, number>();
  for (const stop of stops) for (const item of stop.items) totals.set(item.name, (totals.get(item.name) ?? 0) + item.quantity);
  return [...totals].map(([name, quantity]) => ({ name, quantity })).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}
