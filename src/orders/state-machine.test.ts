import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ORDER_EVENT_TYPES, transition } from './state-machine.ts';

const STATUSES = ['awaiting_payment', 'awaiting_acceptance', 'accepted', 'preparing', 'shipped', 'delivered', 'completed', 'refused', 'cancelled'];

describe('order state machine', () => {
  test('should walk an order from acceptance to delivery', () => {
    assert.deepEqual(transition('awaiting_acceptance', 'accepted'), { allowed: true, to: 'accepted' });
    assert.deepEqual(transition('accepted', 'shipped'), { allowed: true, to: 'shipped' });
    assert.deepEqual(transition('shipped', 'delivered'), { allowed: true, to: 'delivered' });
    assert.deepEqual(transition('accepted', 'picked_up'), { allowed: true, to: 'delivered' });
  });

  test('should refuse shipping before acceptance, and accepting an order that awaits its payment', () => {
    assert.deepEqual(transition('awaiting_payment', 'shipped'), { allowed: false });
    assert.deepEqual(transition('awaiting_acceptance', 'shipped'), { allowed: false });
    assert.deepEqual(transition('awaiting_payment', 'accepted'), { allowed: false });
    assert.deepEqual(transition('accepted', 'delivered'), { allowed: false });
  });

  test('should keep the status on a payment or an off-premises conclusion', () => {
    assert.deepEqual(transition('awaiting_payment', 'payment_received'), { allowed: true, to: 'awaiting_payment' });
    assert.deepEqual(transition('delivered', 'payment_received'), { allowed: true, to: 'delivered' });
    assert.deepEqual(transition('awaiting_payment', 'concluded_off_premises'), { allowed: true, to: 'awaiting_payment' });
  });

  test('should not cancel once the goods have left', () => {
    assert.deepEqual(transition('shipped', 'cancelled'), { allowed: false });
    assert.deepEqual(transition('delivered', 'cancelled'), { allowed: false });
    assert.deepEqual(transition('preparing', 'cancelled'), { allowed: true, to: 'cancelled' });
  });

  test('should admit nothing after a cancellation or a refusal', () => {
    fc.assert(
      fc.property(fc.constantFrom('cancelled', 'refused', 'completed'), fc.constantFrom(...ORDER_EVENT_TYPES), (status, event) => {
        assert.deepEqual(transition(status, event), { allowed: false });
      }),
    );
  });

  test('should only ever lead to a known status', () => {
    for (const s of STATUSES) for (const e of ORDER_EVENT_TYPES) {
      const r = transition(s, e);
      if (r.allowed) assert.ok(STATUSES.includes(r.to), `${s} + ${e}`);
    }
  });
});
