import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { concludedOn, deliveryLatestOn } from './delivery-promise.ts';

const day = (s: string) => Temporal.PlainDate.from(s);

describe('delivery promise (L216-1)', () => {
  test('should give a consumer 30 days after the conclusion when nothing was promised', () => {
    // Concluded Sat 2026-08-01: day 30 is Mon 2026-08-31.
    assert.equal(deliveryLatestOn({ customerKind: 'consumer', concludedOn: day('2026-08-01') })?.toString(), '2026-08-31');
    assert.equal(deliveryLatestOn({ customerKind: 'consumer', concludedOn: day('2026-12-24'), consumerMaxDelay: 'P30D' })?.toString(), '2027-01-23');
  });

  test('should keep a promise, and a shorter profile delay, but never a longer one', () => {
    assert.equal(deliveryLatestOn({ customerKind: 'consumer', concludedOn: day('2026-08-01'), promisedLatestOn: day('2026-09-20') })?.toString(), '2026-09-20');
    assert.equal(deliveryLatestOn({ customerKind: 'consumer', concludedOn: day('2026-08-01'), consumerMaxDelay: 'P15D' })?.toString(), '2026-08-16');
    assert.equal(deliveryLatestOn({ customerKind: 'consumer', concludedOn: day('2026-08-01'), consumerMaxDelay: 'P2M' })?.toString(), '2026-08-31');
  });

  test('should bind no day for a professional without a promise, nor before the conclusion', () => {
    assert.equal(deliveryLatestOn({ customerKind: 'professional', concludedOn: day('2026-08-01') }), undefined);
    assert.equal(deliveryLatestOn({ customerKind: 'consumer', concludedOn: null }), undefined);
  });

  test('should read the conclusion from the first event that accepted the order, in the shop’s zone', () => {
    const events = [
      { type: 'placed', at: '2026-08-01T08:00:00.000Z', data: { status: 'awaiting_payment' } },
      { type: 'payment_received', at: '2026-08-02T09:00:00.000Z', data: { paymentStatus: 'partially_paid' } },
      { type: 'payment_received', at: '2026-08-03T22:30:00.000Z', data: { statusFrom: 'awaiting_payment', statusTo: 'accepted' } },
    ];
    assert.equal(concludedOn(events, 'Europe/Brussels')?.toString(), '2026-08-04', '22:30 UTC is the next day in Brussels');
    assert.equal(concludedOn([{ type: 'accepted', at: '2026-08-05T10:00:00.000Z' }], 'Europe/Paris')?.toString(), '2026-08-05');
    assert.equal(concludedOn(events.slice(0, 2), 'Europe/Paris'), null);
  });
});
