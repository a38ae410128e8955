import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { cents } from '../../kernel/money.ts';
import { RefundRefused } from './errors.ts';
import { checkRefundAmount, endToEndIdFor, type PaymentFact, paymentStatusAfterRefunds, type RefundFact, refundableCents, refundRoute } from './rules.ts';

const transfer = (amount: number, iban: string | null = 'BE68539007547034'): PaymentFact => ({ method: 'bank_transfer', amountCents: cents(amount), providerRef: null, debtorIban: iban, debtorName: 'Camille Martin' });
const card: PaymentFact = { method: 'card', amountCents: cents(5000), providerRef: 'pi_123', debtorIban: null, debtorName: null };
const refund = (amount: number, status: RefundFact['status'] = 'pending', fromCredit = false): RefundFact => ({ amountCents: cents(amount), status, fromCredit });
const noAgreement = { otherMeansAgreed: false, iban: null, creditorName: null };

describe('refundableCents', () => {
  test('should be what was paid minus the refunds that did not fail', () => {
    assert.equal(refundableCents(cents(10000), cents(10000), [refund(3000), refund(2000, 'failed'), refund(1000, 'confirmed')]), 6000);
  });

  test('should leave an overpayment to the customer credit and ignore credit refunds', () => {
    assert.equal(refundableCents(cents(10000), cents(13000), [refund(3000, 'exported', true)]), 10000);
  });

  test('property: accepted refunds never add up to more than was paid, and the refundable amount never goes negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.array(fc.record({ amount: fc.integer({ min: 1, max: 500_000 }), fails: fc.boolean() })), (gross, paid, asks) => {
        const accepted: RefundFact[] = [];
        for (const ask of asks) {
          const refundable = refundableCents(cents(gross), cents(paid), accepted);
          assert.ok(refundable >= 0);
          try {
            checkRefundAmount(cents(ask.amount), refundable);
            accepted.push(refund(ask.amount, ask.fails ? 'failed' : 'pending'));
          } catch (error) {
            assert.ok(error instanceof RefundRefused && error.code === 'refund_exceeds_paid' && ask.amount > refundable);
          }
        }
        const live = accepted.filter((r) => r.status !== 'failed').reduce((s, r) => s + r.amountCents, 0);
        assert.ok(live <= Math.min(gross, paid));
      }),
    );
  });
});

describe('checkRefundAmount', () => {
  test('should refuse a refund larger than the refundable amount with refund_exceeds_paid', () => {
    assert.throws(() => checkRefundAmount(cents(10001), cents(10000)), (e: unknown) => e instanceof RefundRefused && e.code === 'refund_exceeds_paid' && e.status === 422);
    assert.doesNotThrow(() => checkRefundAmount(cents(10000), cents(10000)));
  });
});

describe('refundRoute', () => {
  test('should refund a card payment through the card', () => {
    assert.deepEqual(refundRoute([card], noAgreement, 'Camille'), { method: 'card', paymentIntentId: 'pi_123' });
  });

  test('should refund a transfer to the account that paid, even when staff type another IBAN', () => {
    const route = refundRoute([transfer(5000)], { otherMeansAgreed: false, iban: 'FR7630006000011234567890189', creditorName: null }, 'Camille');
    assert.deepEqual(route, { method: 'bank_transfer', iban: 'BE68539007547034', creditorName: 'Camille Martin', otherMeansAgreed: false });
  });

  test('should use the IBAN given when the payer’s account is unknown, and require one otherwise', () => {
    assert.equal(refundRoute([transfer(5000, null)], { otherMeansAgreed: false, iban: 'be68 5390 0754 7034', creditorName: 'C. Martin' }, 'x').method, 'bank_transfer');
    assert.throws(() => refundRoute([transfer(5000, null)], noAgreement, 'x'), (e: unknown) => e instanceof RefundRefused && e.code === 'refund_iban_required');
  });

  test('should send a card refund by transfer only when the customer agreed, to the IBAN given', () => {
    const route = refundRoute([card], { otherMeansAgreed: true, iban: 'BE68539007547034', creditorName: 'Camille Martin' }, 'x');
    assert.deepEqual(route, { method: 'bank_transfer', iban: 'BE68539007547034', creditorName: 'Camille Martin', otherMeansAgreed: true });
    assert.throws(() => refundRoute([card], { otherMeansAgreed: true, iban: null, creditorName: null }, 'x'), (e: unknown) => e instanceof RefundRefused && e.code === 'refund_iban_required');
    assert.throws(() => refundRoute([card], { otherMeansAgreed: true, iban: 'BE68539007547035', creditorName: null }, 'x'), (e: unknown) => e instanceof RefundRefused && e.code === 'invalid_iban');
  });
});

describe('paymentStatusAfterRefunds', () => {
  test('should count only money gone back: partially_refunded, then refunded once everything kept was refunded', () => {
    assert.equal(paymentStatusAfterRefunds('paid', cents(10000), cents(10000), []), 'paid');
    assert.equal(paymentStatusAfterRefunds('paid', cents(10000), cents(10000), [refund(4000, 'exported')]), 'paid');
    assert.equal(paymentStatusAfterRefunds('paid', cents(10000), cents(10000), [refund(4000, 'succeeded')]), 'partially_refunded');
    assert.equal(paymentStatusAfterRefunds('paid', cents(10000), cents(10000), [refund(4000, 'succeeded'), refund(6000, 'confirmed')]), 'refunded');
    assert.equal(paymentStatusAfterRefunds('paid', cents(10000), cents(10000), [refund(10000, 'failed')]), 'paid');
  });
});

describe('endToEndIdFor', () => {
  test('should fit the 35 characters of a pain.001 EndToEndId and differ per refund', () => {
    const a = endToEndIdFor('6f1c1f1e-2b7a-4c1b-9f59-0a2b3c4d5e6f');
    assert.ok(a.length <= 35 && /^[A-Z0-9]+$/.test(a));
    assert.notEqual(a, endToEndIdFor('6f1c1f1e-2b7a-4c1b-9f59-0a2b3c4d5e60'));
  });
});
