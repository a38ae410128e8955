import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { isWorkingDay } from '../kernel/calendar.ts';
import { nextWorkingDay, todayItems } from './today-rules.ts';

const d = (iso: string) => Temporal.PlainDate.from(iso);
const be = (day: Temporal.PlainDate) => isWorkingDay(day, { country: 'BE' });
const kinds = (order: Parameters<typeof todayItems>[0], today: string) => todayItems(order, d(today), be).map((i) => `${i.kind} ${i.on} ${i.daysLeft}`);

describe('refusal window closing (001: 4 BE working days after receipt)', () => {
  // Received Thu 2026-04-02; Easter Monday 2026-04-06 is a BE public holiday: window until Wed 2026-04-08.
  const order = { status: 'awaiting_acceptance', paymentStatus: 'awaiting', refusalUntil: '2026-04-08' };
  test('should not show it two working days before', () => assert.deepEqual(kinds(order, '2026-04-06'), []));
  test('should show it on the working day before and on the last day', () => {
    assert.deepEqual(kinds(order, '2026-04-07'), ['refusal_window 2026-04-08 1']);
    assert.deepEqual(kinds(order, '2026-04-08'), ['refusal_window 2026-04-08 0']);
  });
  test('should drop it once the window is over, or once the order is accepted', () => {
    assert.deepEqual(kinds(order, '2026-04-09'), []);
    assert.deepEqual(kinds({ ...order, status: 'accepted' }, '2026-04-08'), []);
  });
  test('should reach over a weekend: on Friday a window ending Monday is closing', () => {
    const monday = { ...order, refusalUntil: '2026-04-13' };
    assert.deepEqual(kinds(monday, '2026-04-10'), ['refusal_window 2026-04-13 3']);
    assert.deepEqual(kinds(monday, '2026-04-09'), []);
  });
});

describe('payment, refund and delivery deadlines', () => {
  test('should show a transfer due on 04-15 from 04-13, and overdue after', () => {
    const order = { status: 'awaiting_payment', paymentStatus: 'awaiting', paymentDueOn: '2026-04-15' };
    assert.deepEqual(kinds(order, '2026-04-12'), []);
    assert.deepEqual(kinds(order, '2026-04-13'), ['payment_due 2026-04-15 2']);
    assert.deepEqual(todayItems(order, d('2026-04-16'), be)[0]?.overdue, true);
    assert.deepEqual(kinds({ ...order, status: 'cancelled' }, '2026-04-16'), []);
  });
  test('should show a balance due while unpaid only', () => {
    const order = { status: 'delivered', paymentStatus: 'partially_paid', balanceDueOn: '2026-05-01' };
    assert.deepEqual(kinds(order, '2026-04-29'), ['balance_due 2026-05-01 2']);
    assert.deepEqual(kinds({ ...order, paymentStatus: 'paid' }, '2026-04-29'), []);
  });
  test('should show a refund due in 3 days or less (L216-7), also on an ended order', () => {
    const order = { status: 'cancelled', paymentStatus: 'paid', refundDueOn: '2026-06-20' };
    assert.deepEqual(kinds(order, '2026-06-16'), []);
    assert.deepEqual(kinds(order, '2026-06-17'), ['refund_due 2026-06-20 3']);
    assert.deepEqual(kinds(order, '2026-06-25'), ['refund_due 2026-06-20 -5']);
  });
  test('should show a delivery promise within 2 days or passed, until the goods are handed over', () => {
    const order = { status: 'preparing', paymentStatus: 'paid', deliveryLatestOn: '2026-05-31' };
    assert.deepEqual(kinds(order, '2026-05-28'), []);
    assert.deepEqual(kinds(order, '2026-05-29'), ['delivery_promise 2026-05-31 2']);
    assert.deepEqual(kinds({ ...order, status: 'shipped' }, '2026-06-02'), ['delivery_promise 2026-05-31 -2']);
    assert.deepEqual(kinds({ ...order, status: 'delivered' }, '2026-06-02'), []);
  });
  test('should put the most urgent first', () => {
    const order = { status: 'awaiting_payment', paymentStatus: 'awaiting', paymentDueOn: '2026-05-30', deliveryLatestOn: '2026-05-29' };
    assert.deepEqual(kinds(order, '2026-05-29'), ['delivery_promise 2026-05-29 0', 'payment_due 2026-05-30 1']);
  });
});

describe('a pickup not collected (issue 12 §5)', () => {
  // Slot ended Fri 2026-06-05; reminder on 06-07; staff asked to decide from Sun 2026-06-14.
  const order = { status: 'shipped', paymentStatus: 'paid', collectDecisionOn: '2026-06-14' };
  test('should not show it before its decision day', () => assert.deepEqual(kinds(order, '2026-06-13'), []));
  test('should show it from that day on, overdue after', () => {
    assert.deepEqual(kinds(order, '2026-06-14'), ['not_collected 2026-06-14 0']);
    assert.deepEqual(kinds(order, '2026-06-16'), ['not_collected 2026-06-14 -2']);
  });
  test('should drop it once collected or cancelled', () => {
    assert.deepEqual(kinds({ ...order, status: 'delivered' }, '2026-06-16'), []);
    assert.deepEqual(kinds({ ...order, status: 'cancelled' }, '2026-06-16'), []);
  });
});

describe('properties', () => {
  const day = fc.integer({ min: 0, max: 3000 }).map((n) => d('2025-01-01').add({ days: n }));
  test('the next working day is a working day, after the day, with none between', () => {
    fc.assert(
      fc.property(day, (x) => {
        const next = nextWorkingDay(x, be);
        assert.ok(be(next) && Temporal.PlainDate.compare(next, x) > 0);
        for (let y = x.add({ days: 1 }); Temporal.PlainDate.compare(y, next) < 0; y = y.add({ days: 1 })) assert.ok(!be(y));
      }),
    );
  });
  test('a deadline shows from its lead time on and every day after (refusal: until its last day)', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -10, max: 10 }), (today, offset) => {
        const on = today.add({ days: offset }).toString();
        const refund = todayItems({ status: 'cancelled', paymentStatus: 'paid', refundDueOn: on }, today, be);
        assert.equal(refund.length === 1, offset <= 3);
        const refusal = todayItems({ status: 'awaiting_acceptance', paymentStatus: 'awaiting', refusalUntil: on }, today, be);
        assert.equal(refusal.length === 1, offset >= 0 && Temporal.PlainDate.compare(d(on), nextWorkingDay(today, be)) <= 0);
      }),
    );
  });
});

describe('a special order not collected, ready to close (003 art.7.2)', () => {
  // Letter first presented Tue 2026-03-10, 8 days: the period runs to 03-18, disposal open from Thu 03-19.
  const order = { status: 'accepted', paymentStatus: 'paid', specialOrderClosableOn: '2026-03-19' };
  test('should not show it while the letter’s period runs', () => assert.deepEqual(kinds(order, '2026-03-18'), []));
  test('should show it from the day it may be closed, and every day after until it is closed', () => {
    assert.deepEqual(kinds(order, '2026-03-19'), ['special_order_to_close 2026-03-19 0']);
    assert.deepEqual(kinds(order, '2026-03-23'), ['special_order_to_close 2026-03-19 -4']);
    assert.equal(todayItems(order, d('2026-03-23'), be)[0]?.overdue, true);
  });
  test('should drop it once closed (completed) or once the goods are handed over', () => {
    assert.deepEqual(kinds({ ...order, status: 'completed' }, '2026-03-23'), []);
    assert.deepEqual(kinds({ ...order, status: 'delivered' }, '2026-03-23'), []);
  });
});
