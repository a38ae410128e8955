import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { balanceDueOn, cancellationOutcome, depositCents, depositKind, paymentAllowedOn, paymentNotBefore, retainedOnAcceptedCancellation } from './rules.ts';

const date = Temporal.PlainDate.from;

describe('depositCents (rounded up: the profile gives a minimum)', () => {
  test('should ask 50 % of the gross total, never a cent below it', () => {
    assert.equal(depositCents(500_000, 5000), 250_000);
    assert.equal(depositCents(5, 5000), 3);
    assert.equal(depositCents(100, 3333), 34);
    assert.equal(depositCents(8735, 3000), 2621);
  });

  test('should be the smallest whole-cent amount at least the share of the total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), (total, bp) => {
        const d = depositCents(total, bp);
        assert.ok(d * 10_000 >= total * bp, 'at least the share');
        assert.ok((d - 1) * 10_000 < total * bp, 'the smallest such');
        assert.ok(d <= total);
      }),
    );
  });

  test('should refuse negative or fractional totals and shares over 100 %', () => {
    assert.throws(() => depositCents(-1, 5000), RangeError);
    assert.throws(() => depositCents(1.5, 5000), RangeError);
    assert.throws(() => depositCents(100, 10_001), RangeError);
  });
});

describe('depositKind (C. consom. L214-1)', () => {
  test('should treat a consumer’s advance as arrhes unless the terms say otherwise', () => {
    assert.equal(depositKind(undefined, 'consumer'), 'arrhes');
    assert.equal(depositKind('acompte', 'consumer'), 'acompte');
    assert.equal(depositKind(undefined, 'professional'), 'acompte');
    assert.equal(depositKind('arrhes', 'professional'), 'arrhes');
  });
});

describe('cancellationOutcome', () => {
  const o = { depositCents: 30_000, paidCents: 30_000, totalCents: 100_000 };
  test('arrhes: the customer who cancels loses them; the seller who cancels pays them back twice', () => {
    assert.deepEqual(cancellationOutcome('arrhes', 'customer', o), { keptCents: 30_000, refundCents: 0, owedByCustomerCents: 0 });
    assert.deepEqual(cancellationOutcome('arrhes', 'seller', o), { keptCents: 0, refundCents: 60_000, owedByCustomerCents: 0 });
    assert.deepEqual(cancellationOutcome('arrhes', 'customer', { ...o, paidCents: 50_000 }), { keptCents: 30_000, refundCents: 20_000, owedByCustomerCents: 0 });
  });
  test('acompte: the contract binds, the customer who cancels still owes the price; a cancelling seller refunds all', () => {
    assert.deepEqual(cancellationOutcome('acompte', 'customer', o), { keptCents: 30_000, refundCents: 0, owedByCustomerCents: 70_000 });
    assert.deepEqual(cancellationOutcome('acompte', 'seller', o), { keptCents: 0, refundCents: 30_000, owedByCustomerCents: 0 });
  });
  test('should never keep more than was paid, nor refund less than was paid minus what is kept', () => {
    fc.assert(
      fc.property(fc.constantFrom('acompte', 'arrhes' as const), fc.constantFrom('customer', 'seller' as const), fc.nat(1_000_000), fc.nat(1_000_000), fc.nat(1_000_000), (kind, by, deposit, paid, extra) => {
        const r = cancellationOutcome(kind, by, { depositCents: deposit, paidCents: paid, totalCents: paid + extra });
        assert.ok(r.keptCents <= paid);
        assert.ok(r.refundCents + r.keptCents >= paid);
      }),
    );
  });
});

describe('retainedOnAcceptedCancellation (003 art.21.1, LEGAL AS-37)', () => {
  const total = 500_000;
  test('deposit due and paid 2,500.00 → 2,500.00 kept, nothing owed or refunded', () => {
    assert.deepEqual(retainedOnAcceptedCancellation({ totalCents: total, depositDueCents: 250_000, paidCents: 250_000, minBp: 3000 }), { retainedCents: 250_000, owedByCustomerCents: 0, refundCents: 0 });
  });
  test('deposit agreed at 20 %, 1,000.00 paid → 1,500.00 kept, the client owes 500.00', () => {
    assert.deepEqual(retainedOnAcceptedCancellation({ totalCents: total, depositDueCents: 100_000, paidCents: 100_000, minBp: 3000 }), { retainedCents: 150_000, owedByCustomerCents: 50_000, refundCents: 0 });
  });
  test('deposit due 2,500.00, only 1,000.00 paid → 2,500.00 kept, the client owes 1,500.00', () => {
    assert.deepEqual(retainedOnAcceptedCancellation({ totalCents: total, depositDueCents: 250_000, paidCents: 100_000, minBp: 3000 }), { retainedCents: 250_000, owedByCustomerCents: 150_000, refundCents: 0 });
  });
  test('should always retain at least the minimum share and the deposit due, and balance what was paid', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(10_000_000), fc.nat(10_000_000), (t, due, paid) => {
        const r = retainedOnAcceptedCancellation({ totalCents: t, depositDueCents: due, paidCents: paid, minBp: 3000 });
        assert.ok(r.retainedCents >= due && r.retainedCents * 10_000 >= t * 3000 - 5000);
        assert.equal(paid + r.owedByCustomerCents - r.refundCents, r.retainedCents);
      }),
    );
  });
});

describe('balanceDueOn', () => {
  test('should fall on the delivery day, or N days after it, per the profile', () => {
    assert.equal(balanceDueOn('on_delivery', date('2026-05-04'))?.toString(), '2026-05-04');
    assert.equal(balanceDueOn('after_delivery', date('2026-05-04'), 'P7D')?.toString(), '2026-05-11');
    assert.equal(balanceDueOn('after_delivery', date('2026-12-28'), 'P7D')?.toString(), '2027-01-04');
    assert.equal(balanceDueOn('at_order', date('2026-05-04')), null);
    assert.equal(balanceDueOn('at_shipment', date('2026-05-04')), null);
  });
});

describe('paymentNotBefore (C. consom. L221-10, 003 art.2.4)', () => {
  test('AS-19: signed Wed 2026-04-01 → no payment before Thu 2026-04-09', () => {
    const notBefore = paymentNotBefore(date('2026-04-01'));
    assert.equal(notBefore.toString(), '2026-04-09');
    assert.equal(notBefore.dayOfWeek, 4);
    assert.equal(paymentAllowedOn(notBefore, date('2026-04-08')), false);
    assert.equal(paymentAllowedOn(notBefore, date('2026-04-09')), true);
    assert.equal(paymentAllowedOn(null, date('2026-04-01')), true);
  });

  test('should bar the day of conclusion and the 7 days after it, and allow every later day, for any date', () => {
    const anyDate = fc.integer({ min: 0, max: 365 * 200 }).map((n) => date('1950-01-01').add({ days: n }));
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 30 }), (concluded, offset) => {
        const notBefore = paymentNotBefore(concluded);
        assert.equal(concluded.until(notBefore).days, 8);
        assert.equal(paymentAllowedOn(notBefore, concluded.add({ days: offset })), offset >= 8);
      }),
      { numRuns: 2000 },
    );
  });
});
