/**
 * The staff "today" view (issue 11 §7): every order whose deadline is near or passed on the
 * shop's day — the refusal window closing, a payment or balance due, a refund due within 3 days
 * (an order's own `refundDueOn`, a cancellation's not yet refunded, or a withdrawal's: after-sale's
 * refund rules), the delivery
 * promise passed or within 2 days, a pickup not collected (issue 12 §5), a special order whose
 * non-collection letter has run, to close (issue 11 §6). Reads the order's `deadlines` as API.md shows them
 * (src/flows/order-json.ts) and applies src/orders/today-rules.ts.
 */
import type { Kysely } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import { openRefunds } from '../aftersale/queries.ts';
import { refundDueOf } from '../aftersale/withdrawal-json.ts';
import type { DB, WithdrawalStatementJson } from '../db/schema.ts';
import { isWorkingDay, localDate } from '../kernel/calendar.ts';
import { orderEvents } from '../legal/evidence/service.ts';
import type { Clock } from '../kernel/clock.ts';
import { ordersToWatch } from '../orders/today-queries.ts';
import { type TodayItem, todayItems } from '../orders/today-rules.ts';
import { specialOrderClosableOn } from '../orders/special-orders.ts';
import { decisionDueOn } from '../orders/uncollected-pickup-rules.ts';
import { jurisdictionOf, type Shop } from '../shops/service.ts';
import { orderJson } from './order-json.ts';
import { warrantyRefundsToWatch } from './warranty-claim-json.ts';

export type TodayLine = TodayItem & { orderId: string; number: string; customerName: string; status: string };

/** The shop's day and its lines, the most urgent first (then by order number). */
export async function staffToday(deps: { db: Kysely<DB>; clock: Clock }, shop: Shop): Promise<{ today: string; lines: TodayLine[] }> {
  const { db } = deps;
  const today = localDate(deps.clock.now(), shop.timeZone);
  const jurisdiction = jurisdictionOf(shop);
  const working = (d: Temporal.PlainDate) => isWorkingDay(d, jurisdiction);
  const endedSince = new Date(today.subtract({ days: 90 }).toZonedDateTime(shop.timeZone).epochMilliseconds);
  const lines: TodayLine[] = [];
  for (const { order, customerName } of await ordersToWatch(db, shop.slug, endedSince)) {
    const json = await orderJson(db, shop, order, today);
    const deadlines = json.deadlines as Record<string, string | undefined>;
    const refundDueOn = deadlines.refundDueOn ?? (await refundDueAfterCancellation(db, order));
    // Issue 12 §5: a pickup left at its point, staff to decide (src/orders/uncollected-pickup-rules.ts).
    const collectDecisionOn = decisionDueOn(order, shop.timeZone, today);
    // Issue 11 §6: a special order whose non-collection letter has run, staff to close it (003 art.7.2).
    const specialOrderClosable = await specialOrderClosableOn(db, shop, order);
    for (const item of todayItems({ status: order.status, paymentStatus: order.payment_status, ...deadlines, ...(refundDueOn && { refundDueOn }), ...(collectDecisionOn && { collectDecisionOn }), ...(specialOrderClosable && { specialOrderClosableOn: specialOrderClosable }) }, today, working)) {
      lines.push({ ...item, orderId: order.id, number: order.number, customerName, status: order.status });
    }
  }
  // Withdrawals received on time and not refunded yet: their refund falls due on its own day.
  for (const w of await openRefunds(db, shop.slug)) {
    const dueOn = refundDueOf(w, shop);
    const statement = w.statement as unknown as WithdrawalStatementJson;
    if (!dueOn) continue;
    for (const item of todayItems({ status: 'delivered', paymentStatus: 'paid', refundDueOn: dueOn.toString() }, today, working)) {
      lines.push({ ...item, orderId: w.order_id, number: statement.order.number, customerName: statement.customer?.name ?? '', status: 'delivered' });
    }
  }
  // Warranty refunds and price reductions (issue 10 §4) whose money has not left yet.
  for (const w of await warrantyRefundsToWatch(db, shop)) {
    for (const item of todayItems({ status: 'delivered', paymentStatus: 'paid', refundDueOn: w.refundDueOn }, today, working)) lines.push({ ...item, orderId: w.orderId, number: w.number, customerName: w.customerName, status: w.status });
  }
  lines.sort((a, b) => a.daysLeft - b.daysLeft || a.number.localeCompare(b.number));
  return { today: today.toString(), lines };
}

/**
 * A cancelled order's refund not yet made: the day its cancellation set (L216-7 after a
 * termination for late delivery, the terms' delay after a customer's cancellation — both kept in
 * the `cancelled` evidence event as `refundDueOn`).
 */
async function refundDueAfterCancellation(db: Kysely<DB>, order: { shop_id: string; id: string; status: string; paid_cents: number; payment_status: string }): Promise<string | undefined> {
  if (order.status !== 'cancelled' || order.paid_cents <= 0 || order.payment_status === 'refunded') return undefined;
  const cancelled = (await orderEvents(db, order.shop_id, order.id)).filter((e) => e.type === 'cancelled').at(-1);
  const due = (cancelled?.data as { refundDueOn?: unknown } | undefined)?.refundDueOn;
  return typeof due === 'string' ? due : undefined;
}
