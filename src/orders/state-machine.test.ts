import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { CANCELLATION_KINDS, FINAL_STATUSES, ORDER_EVENT_TYPES, ORDER_STATUSES, targetOf, transition } from './state-machine.ts';

describe('order state machine', () => {
  test('should walk an order from acceptance through preparation and delivery to completion', () => {
    assert.deepEqual(transition('awaiting_acceptance', 'accepted'), { allowed: true, to: 'accepted' });
    assert.deepEqual(transition('accepted', 'preparing'), { allowed: true, to: 'preparing' });
    assert.deepEqual(transition('preparing', 'shipped'), { allowed: true, to: 'shipped' });
    assert.deepEqual(transition('accepted', 'shipped'), { allowed: true, to: 'shipped' });
    assert.deepEqual(transition('shipped', 'delivered'), { allowed: true, to: 'delivered' });
    assert.deepEqual(transition('accepted', 'picked_up'), { allowed: true, to: 'delivered' });
    assert.deepEqual(transition('delivered', 'completed'), { allowed: true, to: 'completed' });
  });

  test('should refuse steps out of order and the same step twice', () => {
    assert.deepEqual(transition('awaiting_payment', 'shipped'), { allowed: false });
    assert.deepEqual(transition('awaiting_acceptance', 'shipped'), { allowed: false });
    assert.deepEqual(transition('awaiting_payment', 'accepted'), { allowed: false });
    assert.deepEqual(transition('awaiting_payment', 'preparing'), { allowed: false });
    assert.deepEqual(transition('accepted', 'delivered'), { allowed: false });
    assert.deepEqual(transition('shipped', 'completed'), { allowed: false });
    assert.deepEqual(transition('preparing', 'preparing'), { allowed: false });
    assert.deepEqual(transition('shipped', 'shipped'), { allowed: false });
    assert.deepEqual(transition('shipped', 'preparing'), { allowed: false });
    assert.deepEqual(transition('teleported', 'accepted'), { allowed: false });
  });

  test('should keep the status on a payment, an off-premises conclusion or a payment dispute', () => {
    assert.deepEqual(transition('awaiting_payment', 'payment_received'), { allowed: true, to: 'awaiting_payment' });
    assert.deepEqual(transition('delivered', 'payment_received'), { allowed: true, to: 'delivered' });
    assert.deepEqual(transition('awaiting_payment', 'concluded_off_premises'), { allowed: true, to: 'awaiting_payment' });
    assert.deepEqual(transition('completed', 'payment_disputed'), { allowed: true, to: 'completed' });
    assert.deepEqual(transition('cancelled', 'payment_dispute_settled'), { allowed: true, to: 'cancelled' });
  });

  test('should refuse an order only before it is executed', () => {
    assert.deepEqual(transition('awaiting_payment', 'refused'), { allowed: true, to: 'refused' });
    assert.deepEqual(transition('awaiting_acceptance', 'refused'), { allowed: true, to: 'refused' });
    for (const s of ['accepted', 'preparing', 'shipped', 'delivered']) assert.deepEqual(transition(s, 'refused'), { allowed: false }, s);
  });

  test('should not cancel once the goods have left, but for late delivery or goods not collected', () => {
    assert.deepEqual(transition('shipped', 'cancelled'), { allowed: false });
    assert.deepEqual(transition('shipped', 'cancelled', 'by_seller'), { allowed: false });
    assert.deepEqual(transition('shipped', 'cancelled', 'by_customer'), { allowed: false });
    assert.deepEqual(transition('shipped', 'cancelled', 'late_delivery'), { allowed: true, to: 'cancelled' });
    assert.deepEqual(transition('shipped', 'cancelled', 'non_collection'), { allowed: true, to: 'cancelled' });
    assert.deepEqual(transition('delivered', 'cancelled', 'late_delivery'), { allowed: false });
    assert.deepEqual(transition('preparing', 'cancelled'), { allowed: true, to: 'cancelled' });
    assert.deepEqual(transition('awaiting_payment', 'cancelled', 'non_payment'), { allowed: true, to: 'cancelled' });
    // Late delivery and non-collection end a concluded contract: not one still awaiting payment.
    assert.deepEqual(transition('awaiting_payment', 'cancelled', 'late_delivery'), { allowed: false });
  });

  test('should admit nothing after a refusal, a cancellation or completion, but a payment dispute after those it concerns', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FINAL_STATUSES), fc.constantFrom(...ORDER_EVENT_TYPES), fc.option(fc.constantFrom(...CANCELLATION_KINDS), { nil: undefined }), (status, event, kind) => {
        const r = transition(status, event, kind);
        if (event === 'payment_disputed' || event === 'payment_dispute_settled') assert.equal(r.allowed, status !== 'refused');
        else assert.deepEqual(r, { allowed: false });
      }),
    );
  });

  test('should only ever lead to a known status, the one targetOf names, or stay', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ORDER_STATUSES), fc.constantFrom(...ORDER_EVENT_TYPES), fc.option(fc.constantFrom(...CANCELLATION_KINDS), { nil: undefined }), (status, event, kind) => {
        const r = transition(status, event, kind);
        if (r.allowed) assert.equal(r.to, targetOf(event) || status);
      }),
    );
  });

  test('should never go back: a status reached is never left for an earlier one', () => {
    const rank: Record<string, number> = { awaiting_payment: 0, awaiting_acceptance: 0, accepted: 1, preparing: 2, shipped: 3, delivered: 4, completed: 5, refused: 9, cancelled: 9 };
    fc.assert(
      fc.property(fc.constantFrom(...ORDER_STATUSES), fc.constantFrom(...ORDER_EVENT_TYPES), fc.option(fc.constantFrom(...CANCELLATION_KINDS), { nil: undefined }), (status, event, kind) => {
        const r = transition(status, event, kind);
        if (r.allowed) assert.ok((rank[r.to] ?? 0) >= (rank[status] ?? 0), `${status} + ${event} → ${r.to}`);
      }),
    );
  });
});
