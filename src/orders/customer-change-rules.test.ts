/**
 * Customer changes (SPEC C11, AS-35, AS-37, A-40, A-57, A-74) read from the demo profiles
 * themselves, with worked examples to the day and the cent, and properties of the money.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { loadProfileFile } from '../shops/profile/load.ts';
import { PROFILES_DIR } from '../shops/profile/test-support.ts';
import { acceptedCancellation, type ChangeFacts, cancellationOption, defaultPlannedShipOn, modificationOption, type ModificationTerms, shareHalfUp } from './customer-change-rules.ts';

const d = Temporal.PlainDate.from;
const terms = (slug: string) => loadProfileFile(`${PROFILES_DIR}${slug}.yaml`).modification as ModificationTerms | undefined;
const BIBLE = terms('bible-et-jeux');
const DISTRITEC = terms('distritec');
const COOPSO = terms('coopso');

const facts = (over: Partial<ChangeFacts> = {}): ChangeFacts => ({
  customerKind: 'consumer', status: 'accepted', grossCents: 12_345, paidCents: 12_345, depositCents: null,
  withdrawalCoversAll: true, plannedShipOn: d('2026-12-10'), pendingRequest: null, ...over,
});

describe('004 Bible et Jeux (art.2)', () => {
  test('AS-35: a modification is in time up to Wed 2026-12-09 for a shipment planned Thu 12-10, refused from 12-10', () => {
    for (const day of ['2026-12-08', '2026-12-09']) {
      const o = modificationOption(BIBLE, facts(), d(day));
      assert.equal(o.kind, 'request');
      assert.equal(o.kind === 'request' && o.until?.toString(), '2026-12-09');
      assert.deepEqual(o.kind === 'request' && o.ifRefused, { refundWithinDays: 7, creditNoteIfPreferred: true });
    }
    assert.deepEqual(modificationOption(BIBLE, facts(), d('2026-12-10')), {
      kind: 'refused', refusal: { code: 'modification_window_over', params: { lastDay: '2026-12-09', plannedShipOn: '2026-12-10' } },
    });
  });

  test('a consumer cancels free at any time before shipment: an early withdrawal is never penalised (A-57)', () => {
    const o = cancellationOption(BIBLE, facts(), d('2026-12-10'));
    assert.equal(o.kind === 'now' && o.basis, 'withdrawal_right');
    assert.equal(o.kind === 'now' && o.refundCents, 12_345);
    assert.equal(o.kind === 'now' && o.costCents, 0);
  });

  test('a non-professional (an association) cancels free until 12-09; from 12-10, 30 % of 123.45 € = 37.035 → 37.04 € (half-up) is kept', () => {
    const assoc = facts({ customerKind: 'non_professional', withdrawalCoversAll: false });
    const before = cancellationOption(BIBLE, assoc, d('2026-12-09'));
    assert.deepEqual(before.kind === 'now' && [before.basis, before.freeUntil?.toString(), before.costCents, before.refundCents], ['before_deadline', '2026-12-09', 0, 12_345]);
    const late = cancellationOption(BIBLE, assoc, d('2026-12-10'));
    assert.deepEqual(late.kind === 'now' && [late.basis, late.costCents, late.keptCents, late.owedByCustomerCents, late.refundCents], ['late_cancellation', 3_704, 3_704, 0, 8_641]);
  });

  test('O6a, a deposit paid at order: from the supply day the deposit is kept and the rest refunded', () => {
    const o6a: ModificationTerms = { ...(BIBLE as ModificationTerms), cancellation: [{ customerKinds: ['non_professional'], when: 'shortly_before_supply', before: 'P1D', penalty: 'deposit_kept' }] };
    const late = cancellationOption(o6a, facts({ customerKind: 'non_professional', withdrawalCoversAll: false, depositCents: 3_704, paidCents: 12_345 }), d('2026-12-10'));
    assert.deepEqual(late.kind === 'now' && [late.basis, late.keptCents, late.owedByCustomerCents, late.refundCents], ['late_cancellation', 3_704, 0, 8_641]);
  });

  test('never during force majeure (art.2 "hormis … la force majeure"): cancelled free on 12-10', () => {
    const o = cancellationOption(BIBLE, facts({ customerKind: 'non_professional', withdrawalCoversAll: false, forceMajeure: true }), d('2026-12-10'));
    assert.deepEqual(o.kind === 'now' && [o.basis, o.costCents, o.refundCents], ['force_majeure', 0, 12_345]);
  });

  test('the 30 % is charged even when nothing was paid yet: the customer owes it, nothing is refunded', () => {
    const late = cancellationOption(BIBLE, facts({ customerKind: 'non_professional', withdrawalCoversAll: false, paidCents: 0, status: 'accepted' }), d('2026-12-11'));
    assert.deepEqual(late.kind === 'now' && [late.costCents, late.keptCents, late.owedByCustomerCents, late.refundCents], [3_704, 0, 3_704, 0]);
  });

  test('the default planned shipment is the last day that keeps the delivery promise: placed 12-01 + 30 days − 48 h = 12-29', () => {
    assert.equal(defaultPlannedShipOn({ placedOn: d('2026-12-01'), deliveryLatestOn: null, maxDelay: 'P30D', leadTimeFromShipment: 'PT48H' }).toString(), '2026-12-29');
    assert.equal(defaultPlannedShipOn({ placedOn: d('2026-12-01'), deliveryLatestOn: d('2026-12-12'), maxDelay: 'P30D', leadTimeFromShipment: 'PT48H' }).toString(), '2026-12-10');
  });
});

describe('003 DISTRITEC (art.2.7, art.21.1)', () => {
  const pro = facts({ customerKind: 'professional', withdrawalCoversAll: false, grossCents: 500_000, depositCents: 250_000, paidCents: 250_000 });
  test('a professional can only send a request; once accepted, the 2,500.00 € deposit is kept and nothing more is owed', () => {
    const o = cancellationOption(DISTRITEC, pro, d('2026-04-01'));
    assert.equal(o.kind === 'request' && o.basis, 'express_acceptance');
    assert.deepEqual(o.kind === 'request' && o.ifAccepted, { costCents: 250_000, keptCents: 250_000, owedByCustomerCents: 0, refundCents: 0 });
    assert.equal(modificationOption(DISTRITEC, pro, d('2026-04-01')).kind, 'request');
  });

  test('AS-37: a non-professional: 5,000.00 total, deposit due 2,500.00 of which 1,000.00 paid → 2,500.00 kept, 1,500.00 owed', () => {
    const np = facts({ customerKind: 'non_professional', withdrawalCoversAll: false, grossCents: 500_000, depositCents: 250_000, paidCents: 100_000 });
    assert.deepEqual(acceptedCancellation(DISTRITEC, np), { costCents: 250_000, keptCents: 100_000, owedByCustomerCents: 150_000, refundCents: 0 });
    const lowDeposit = { ...np, depositCents: 100_000 };
    assert.deepEqual(acceptedCancellation(DISTRITEC, lowDeposit), { costCents: 150_000, keptCents: 100_000, owedByCustomerCents: 50_000, refundCents: 0 });
  });

  test('an order whose deposit is not yet encashed binds no one: cancelled free (art.2.6)', () => {
    const o = cancellationOption(DISTRITEC, { ...pro, status: 'awaiting_payment', paidCents: 0 }, d('2026-04-01'));
    assert.equal(o.kind === 'now' && o.basis, 'not_binding_yet');
  });
});

describe('001 Coopso (CG §3.3, online §3.4) and shops whose terms are silent', () => {
  test('a paid order with a personalised line: only a request for written agreement; accepted, everything paid comes back', () => {
    const o = cancellationOption(COOPSO, facts({ withdrawalCoversAll: false, grossCents: 4_990, paidCents: 4_990 }), d('2026-09-01'));
    assert.equal(o.kind === 'request' && o.basis, 'written_agreement');
    assert.deepEqual(o.kind === 'request' && o.ifAccepted, { costCents: 0, keptCents: 0, owedByCustomerCents: 0, refundCents: 4_990 });
  });
  test('an order not yet paid by transfer is cancelled free (no contract before payment, online §2.2)', () => {
    assert.equal(cancellationOption(COOPSO, facts({ status: 'awaiting_payment', paidCents: 0, withdrawalCoversAll: false }), d('2026-09-01')).kind, 'now');
  });
  test('no modification section: a request the shop must accept', () => {
    assert.deepEqual(modificationOption(undefined, facts(), d('2026-09-01')), { kind: 'request', basis: 'written_agreement', until: null, ifRefused: null });
  });
});

describe('every profile', () => {
  test('nothing is cancelled or changed once shipped, closed, or while a request waits', () => {
    for (const t of [BIBLE, DISTRITEC, COOPSO, undefined]) {
      for (const [status, code] of [['shipped', 'order_already_shipped'], ['delivered', 'order_already_shipped'], ['cancelled', 'order_already_closed'], ['refused', 'order_already_closed']] as const) {
        const c = cancellationOption(t, facts({ status }), d('2026-12-01'));
        const m = modificationOption(t, facts({ status }), d('2026-12-01'));
        assert.equal(c.kind === 'refused' && c.refusal.code, code);
        assert.equal(m.kind === 'refused' && m.refusal.code, code);
      }
      assert.equal(cancellationOption(t, facts({ pendingRequest: 'modification' }), d('2026-12-01')).kind, 'refused');
    }
  });

  test('property: kept + refunded = paid, kept + owed = cost, never negative', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(BIBLE, DISTRITEC, COOPSO, undefined),
        fc.constantFrom('consumer', 'non_professional', 'professional') as fc.Arbitrary<ChangeFacts['customerKind']>,
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
        fc.boolean(),
        fc.integer({ min: 0, max: 60 }),
        (t, customerKind, gross, paid, deposit, covers, offset) => {
          const f = facts({ customerKind, grossCents: gross, paidCents: paid, depositCents: deposit, withdrawalCoversAll: covers });
          const o = cancellationOption(t, f, d('2026-11-20').add({ days: offset }));
          const m = o.kind === 'now' ? o : o.kind === 'request' ? o.ifAccepted : null;
          if (!m) return;
          assert.equal(m.keptCents + m.refundCents, paid);
          assert.equal(m.keptCents + m.owedByCustomerCents, m.costCents);
          assert.ok(m.keptCents >= 0 && m.refundCents >= 0 && m.owedByCustomerCents >= 0);
        },
      ),
    );
  });

  test('property: a share rounds half-up to the cent', () => {
    assert.equal(shareHalfUp(12_345, 3_000), 3_704);
    assert.equal(shareHalfUp(5, 3_000), 2); // 1.5 → 2
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 10_000 }), (total, bp) => {
      const exact = (total * bp) / 10_000;
      const r = shareHalfUp(total, bp);
      assert.ok(r - exact <= 0.5 && exact - r < 0.5);
    }));
  });
});
