/**
 * The staff "today" view's rules (issue 11 §7): which deadlines of an order need the shop's
 * attention on a given day. Pure: the caller reads the order's `deadlines` (API.md) and its
 * status, and says which days are working days in the shop's country.
 *
 * - the refusal window closing: `refusalUntil` today or on the next working day, while the order
 *   may still be refused (after it, the window is over: there is nothing left to decide);
 * - a payment due: `paymentDueOn` (or the balance's `balanceDueOn`) passed or within 2 days,
 *   while the money is not all in;
 * - a refund due: `refundDueOn` passed or within 3 days (L216-7, L221-24: a late refund is surcharged);
 * - the delivery promise: `deliveryLatestOn` passed or within 2 days, while the goods are not
 *   handed over (L216-1, L216-6);
 * - a pickup not collected (issue 12 §5): `collectDecisionOn`, the day staff are asked to decide
 *   on an order left at its point (src/orders/uncollected-pickup-rules.ts), once it has come;
 * - a special order not collected, ready to close (issue 11 §6, 003 art.7.2): `specialOrderClosableOn`,
 *   the first day its non-collection letter's period has run (disposal open), once it has come,
 *   while the goods still wait for the customer — until staff close it (the order is then completed).
 */
import { Temporal } from 'temporal-polyfill';
import { WAITING_FOR_PICKUP } from './uncollected-pickup-rules.ts';

export const TODAY_KINDS = ['refusal_window', 'payment_due', 'balance_due', 'refund_due', 'delivery_promise', 'not_collected', 'special_order_to_close'] as const;
export type TodayKind = (typeof TODAY_KINDS)[number];

/** What the rules read of an order: its status, payment status and deadlines (`YYYY-MM-DD`, shop-local). */
export type OrderDeadlines = {
  status: string;
  paymentStatus: string;
  refusalUntil?: string | undefined;
  paymentDueOn?: string | undefined;
  balanceDueOn?: string | undefined;
  refundDueOn?: string | undefined;
  deliveryLatestOn?: string | undefined;
  collectDecisionOn?: string | undefined;
  /** A special order's non-collection letter: the first day it may be closed (src/orders/special-orders.ts). */
  specialOrderClosableOn?: string | undefined;
};

/** One deadline to act on: its day, the days left (negative once passed). */
export type TodayItem = { kind: TodayKind; on: string; daysLeft: number; overdue: boolean };

/** Days before a deadline at which it joins the view (the refusal window counts working days). */
export const AHEAD = { payment_due: 2, balance_due: 2, refund_due: 3, delivery_promise: 2 } as const;

const REFUSABLE = ['awaiting_payment', 'awaiting_acceptance'];
const NOT_HANDED_OVER = ['awaiting_payment', 'awaiting_acceptance', 'accepted', 'preparing', 'shipped'];
const ENDED = ['refused', 'cancelled'];
/** Goods waiting for a customer who does not come. */
const WAITING: readonly string[] = WAITING_FOR_PICKUP;

/** The first working day after `day`. */
export function nextWorkingDay(day: Temporal.PlainDate, isWorkingDay: (d: Temporal.PlainDate) => boolean): Temporal.PlainDate {
  let d = day.add({ days: 1 });
  while (!isWorkingDay(d)) d = d.add({ days: 1 });
  return d;
}

function item(kind: TodayKind, on: string, today: Temporal.PlainDate): TodayItem {
  const daysLeft = today.until(Temporal.PlainDate.from(on)).days;
  return { kind, on, daysLeft, overdue: daysLeft < 0 };
}

/** A calendar deadline within `ahead` days of today, or passed. */
function near(on: string | undefined, today: Temporal.PlainDate, ahead: number): on is string {
  return on !== undefined && Temporal.PlainDate.compare(Temporal.PlainDate.from(on), today.add({ days: ahead })) <= 0;
}

/** The deadlines of one order that need attention on `today`, the most urgent first. */
export function todayItems(order: OrderDeadlines, today: Temporal.PlainDate, isWorkingDay: (d: Temporal.PlainDate) => boolean): TodayItem[] {
  const items: TodayItem[] = [];
  const unpaid = order.paymentStatus === 'awaiting' || order.paymentStatus === 'partially_paid';
  if (order.refusalUntil && REFUSABLE.includes(order.status)) {
    const until = Temporal.PlainDate.from(order.refusalUntil);
    if (Temporal.PlainDate.compare(until, today) >= 0 && Temporal.PlainDate.compare(until, nextWorkingDay(today, isWorkingDay)) <= 0) items.push(item('refusal_window', order.refusalUntil, today));
  }
  if (order.status === 'awaiting_payment' && near(order.paymentDueOn, today, AHEAD.payment_due)) items.push(item('payment_due', order.paymentDueOn, today));
  if (unpaid && !ENDED.includes(order.status) && order.status !== 'awaiting_payment' && near(order.balanceDueOn, today, AHEAD.balance_due)) items.push(item('balance_due', order.balanceDueOn, today));
  if (near(order.refundDueOn, today, AHEAD.refund_due)) items.push(item('refund_due', order.refundDueOn, today));
  if (NOT_HANDED_OVER.includes(order.status) && near(order.deliveryLatestOn, today, AHEAD.delivery_promise)) items.push(item('delivery_promise', order.deliveryLatestOn, today));
  if (NOT_HANDED_OVER.includes(order.status) && order.collectDecisionOn && Temporal.PlainDate.compare(Temporal.PlainDate.from(order.collectDecisionOn), today) <= 0) items.push(item('not_collected', order.collectDecisionOn, today));
  if (WAITING.includes(order.status) && order.specialOrderClosableOn && Temporal.PlainDate.compare(Temporal.PlainDate.from(order.specialOrderClosableOn), today) <= 0) items.push(item('special_order_to_close', order.specialOrderClosableOn, today));
  return items.sort((a, b) => a.daysLeft - b.daysLeft);
}
