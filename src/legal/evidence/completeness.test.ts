import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chainEvents } from './chain.ts';
import { type AgreedLine, checkEvidence, type OrderAsStored } from './completeness.ts';

const chain = chainEvents;

const line: AgreedLine = { productId: 'p1', sku: 'JEU-1', name: 'Jeu', quantity: 2, unitPriceCents: 1495, vatRateBp: 550, totalCents: 2990, withdrawable: true, withdrawalException: null };
const totals = { netCents: 2834, vatCents: 156, grossCents: 2990, shippingCents: 0, feesCents: 0 };
const terms = [{ kind: 'cgv', version: '2026-11', sha256: 'ab' }];
const delivery = { mode: 'pickup', pickupPointId: '0' };
const at = '2026-11-22T10:00:00.000Z';
const events = chain([
  { type: 'placed', at, recordedAt: at, actor: 'customer:c1', data: { number: 'BJ-2026-000001', paymentReference: null, customerKind: 'consumer', terms, lines: [{ ...line, maxPerOrder: null, isBundle: false }], totals, delivery, paymentMethod: 'bank_transfer' } },
  { type: 'confirmation_email_queued', at, recordedAt: at, actor: 'system', data: {} },
  { type: 'paid', at, recordedAt: at, actor: 'system', data: { amountCents: 2990 } },
]);
const order = (change: Partial<OrderAsStored> = {}): OrderAsStored => ({
  number: 'BJ-2026-000001', customerId: 'c1', customerKind: 'consumer', paymentMethod: 'bank_transfer', paymentReference: null,
  totals, terms, delivery, lines: [line], head: { hash: events[2]?.hash ?? '', count: 3 }, ...change,
});

test('should verify an order whose chain, head and row agree with its placed event', () => {
  assert.deepEqual(checkEvidence(events, order()), { verified: true, brokenAt: null, reason: null });
});

test('should report a log cut short, even when what is left is a valid chain', () => {
  assert.deepEqual(checkEvidence(events.slice(0, 2), order()), { verified: false, brokenAt: 3, reason: 'events missing: the order records 3 events, the log holds 2' });
  assert.equal(checkEvidence([], order()).reason, 'events missing: the order records 3 events, the log holds 0');
  // Cut short and the head rewritten to the new end, but not the count: still caught.
  assert.equal(checkEvidence(events.slice(0, 2), order({ head: { hash: events[1]?.hash ?? '', count: 3 } })).verified, false);
  assert.equal(checkEvidence(events, order({ head: { hash: events[1]?.hash ?? '', count: 3 } })).reason, 'the last event is not the head the order records');
});

test('should name each column of the order that differs from what the customer agreed to', () => {
  const check = checkEvidence(events, order({ totals: { ...totals, grossCents: 1 }, lines: [{ ...line, quantity: 1 }], terms: [{ ...terms[0], version: '2027-01' }] }));
  assert.deepEqual(check, { verified: false, brokenAt: null, reason: 'the order differs from what the customer agreed to (placed event): gross_cents, accepted_terms, order_lines' });
  assert.match(checkEvidence(events, order({ customerId: 'c2' })).reason ?? '', /customer_id$/);
  assert.match(checkEvidence(events, order({ lines: [line, line] })).reason ?? '', /order_lines$/);
});

test('should not require a payment reference of placements recorded before references existed', () => {
  const old = chain([{ type: 'placed', at, recordedAt: at, actor: 'customer:c1', data: { number: 'BJ-2026-000001', customerKind: 'consumer', terms, lines: [line], totals, delivery, paymentMethod: 'bank_transfer' } }]);
  assert.equal(checkEvidence(old, order({ paymentReference: '+++090/9337/55493+++', head: { hash: old[0]?.hash ?? '', count: 1 } })).verified, true);
});
