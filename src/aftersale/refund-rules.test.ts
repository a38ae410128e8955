import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import {
  alertsFor,
  l2424TierPercent,
  lateDeliveryRefundDueOn,
  lateDeliveryRefundSurcharge,
  lateRefundSurchargeBE,
  lateRefundSurchargeFR,
  refundableCents,
  refundDueOn,
} from './refund-rules.ts';

const d = (iso: string) => Temporal.PlainDate.from(iso);
const cmp = Temporal.PlainDate.compare;
/** LEGAL §A7: taux de l'intérêt légal for consumer creditors, H1 2026. */
const FR_LEGAL_H1_2026 = 667;
/** LEGAL §A2: Belgian legal interest rate 2026. */
const BE_LEGAL_2026 = 450;

describe('LEGAL §A1.7 / §A1.8 worked example: notified Mon 2 Mar 2026, goods back 6 Mar, €95.80 paid', () => {
  const dueOn = refundDueOn({
    withdrawalReceivedOn: d('2026-03-02'),
    goodsReceivedOn: d('2026-03-06'),
    shopCollects: false,
  });
  const late = (paidOn: string, firstTier?: 'flat') =>
    lateRefundSurchargeFR({ dueOn: dueOn as Temporal.PlainDate, paidOn: d(paidOn), amountCents: 8990 + 590, legalRateBp: FR_LEGAL_H1_2026, firstTier });

  test('should fall due on Mon 16 Mar 2026', () => {
    assert.equal(dueOn?.toString(), '2026-03-16');
  });

  test('should add legal interest pro rata, €0.07, when refunded Fri 20 Mar (4 days late), or €6.39 on the flat reading', () => {
    assert.deepEqual(late('2026-03-20'), { daysLate: 4, rateLabel: 'legal_interest', surchargeCents: 7, capped: false });
    assert.equal(late('2026-03-20', 'flat').surchargeCents, 639);
  });

  test('should add 10 %, €9.58, refund €105.38, when refunded Fri 10 Apr (25 days late)', () => {
    const s = late('2026-04-10');
    assert.deepEqual(s, { daysLate: 25, rateLabel: '10%', surchargeCents: 958, capped: false });
    assert.equal(9580 + s.surchargeCents, 10538);
  });

  test('should add 50 %, €47.90, refund €143.70, when refunded Wed 20 May (65 days late)', () => {
    const s = late('2026-05-20');
    assert.deepEqual(s, { daysLate: 65, rateLabel: '50%', surchargeCents: 4790, capped: false });
    assert.equal(9580 + s.surchargeCents, 14370);
  });

  test('should add nothing when refunded on the due date', () => {
    assert.deepEqual(late('2026-03-16'), { daysLate: 0, rateLabel: 'none', surchargeCents: 0, capped: false });
  });

  test('should show the surcharge so far when not yet refunded (today)', () => {
    const s = lateRefundSurchargeFR({ dueOn: d('2026-03-16'), paidOn: null, today: d('2026-04-10'), amountCents: 9580, legalRateBp: FR_LEGAL_H1_2026 });
    assert.equal(s.surchargeCents, 958);
    assert.throws(() => lateRefundSurchargeFR({ dueOn: d('2026-03-16'), amountCents: 9580, legalRateBp: 667 }), RangeError);
  });
});

describe('LEGAL §A1.8 / SPEC A-56: the L242-4 brackets, upper limits inclusive, started 30-day blocks after day 90', () => {
  const cases: [number, number | null][] = [
    [1, null], [10, null], [11, 5], [20, 5], [21, 10], [30, 10], [31, 20], [60, 20],
    [61, 50], [90, 50], [91, 55], [120, 55], [121, 60], [360, 95], [361, 100], [390, 100], [391, 105],
  ];
  for (const [days, percent] of cases) {
    test(`should apply ${percent === null ? 'legal interest' : `${percent} %`} at ${days} days late`, () => {
      assert.equal(l2424TierPercent(days), percent);
    });
  }

  test('should reach 100 % after 13 months and then stop at the product price (cap)', () => {
    const base = { dueOn: d('2026-03-16'), amountCents: 9580, legalRateBp: FR_LEGAL_H1_2026, capCents: 8990 };
    const at = (days: number) => lateRefundSurchargeFR({ ...base, paidOn: d('2026-03-16').add({ days }) });
    assert.deepEqual(at(300), { daysLate: 300, rateLabel: '85%', surchargeCents: 8143, capped: false });
    assert.deepEqual(at(390), { daysLate: 390, rateLabel: '100%', surchargeCents: 8990, capped: true });
    assert.equal(at(800).surchargeCents, 8990);
  });
});

describe('LEGAL §A2 (VI.50): Belgian late refunds carry legal interest only', () => {
  test('should add €0.35 of legal interest at 4.5 % on €95.80 refunded 30 days late', () => {
    // 9580 × 4.5 % × 30 / 365 = 35.43 → 35 cents
    assert.deepEqual(
      lateRefundSurchargeBE({ dueOn: d('2026-03-16'), paidOn: d('2026-04-15'), amountCents: 9580, legalRateBp: BE_LEGAL_2026 }),
      { daysLate: 30, rateLabel: 'legal_interest', surchargeCents: 35, capped: false },
    );
  });
});

describe('LEGAL §A3 worked example (L216-7, L241-4): termination received Tue 10 Mar 2026, order €250', () => {
  const dueOn = lateDeliveryRefundDueOn(d('2026-03-10'));
  const refund = (paidOn: string) => {
    const s = lateDeliveryRefundSurcharge({ dueOn, paidOn: d(paidOn), amountCents: 25000 });
    return [s.daysLate, s.rateLabel, 25000 + s.surchargeCents];
  };
  test('should fall due on Tue 24 Mar 2026', () => assert.equal(dueOn.toString(), '2026-03-24'));
  test('should refund €275 on 5 Apr (12 days late)', () => assert.deepEqual(refund('2026-04-05'), [12, '10%', 27500]));
  test('should refund €300 on 20 Apr (27 days late)', () => assert.deepEqual(refund('2026-04-20'), [27, '20%', 30000]));
  test('should refund €375 on 5 May (42 days late)', () => assert.deepEqual(refund('2026-05-05'), [42, '50%', 37500]));
  test('should apply 10 % through day 14 and 20 % through day 30 (not the pre-2022 30/60 brackets)', () => {
    assert.deepEqual(refund('2026-04-07'), [14, '10%', 27500]);
    assert.deepEqual(refund('2026-04-08'), [15, '20%', 30000]);
    assert.deepEqual(refund('2026-04-23'), [30, '20%', 30000]);
    assert.deepEqual(refund('2026-04-24'), [31, '50%', 37500]);
  });
});

describe('SPEC §3.1 refund examples (C13)', () => {
  test('AS-03: €45.00 goods with €7.90 express where standard was €4.90 → refund €49.90, €3.00 kept, due Fri 2026-04-03', () => {
    const r = refundableCents({
      paidLines: [{ totalCents: 4500 }], withdrawnLines: [{ totalCents: 4500 }],
      deliveryPaidCents: 790, cheapestStandardDeliveryCents: 490, depreciationCents: 0,
    });
    assert.equal(r.totalCents, 4990);
    assert.equal(r.deliveryNotRefundedCents, 300);
    const on = (input: { goods?: string; proof?: string }) =>
      refundDueOn({
        withdrawalReceivedOn: d('2026-03-20'), shopCollects: false,
        goodsReceivedOn: input.goods ? d(input.goods) : null, proofOfShipmentOn: input.proof ? d(input.proof) : null,
      })?.toString() ?? null;
    assert.equal(on({ goods: '2026-03-27' }), '2026-04-03');
    // Neither the goods nor a proof by 04-03: deferred, due on the day the first arrives.
    assert.equal(on({}), null);
    assert.equal(on({ goods: '2026-04-09', proof: '2026-04-07' }), '2026-04-07');
    // The shop that collects the goods itself cannot defer.
    assert.equal(refundDueOn({ withdrawalReceivedOn: d('2026-03-20'), shopCollects: true })?.toString(), '2026-04-03');
  });

  test('AS-05: labels (€9.90, excluded) kept, notebooks (€7.00) withdrawn → €7.00, no delivery by default (A-75)', () => {
    const input = {
      paidLines: [{ totalCents: 990 }, { totalCents: 700 }], withdrawnLines: [{ totalCents: 700 }],
      deliveryPaidCents: 595, cheapestStandardDeliveryCents: 595, depreciationCents: 0,
    };
    assert.equal(refundableCents(input).totalCents, 700);
    // A-75 option: the delivery share pro rata, 595 × 700 / 1690 = 246.45 → 246.
    assert.equal(refundableCents({ ...input, partialDelivery: 'pro_rata' }).totalCents, 946);
  });

  test('AS-07: calculator €24.90 less 20 % (€4.98) + notebooks €7.00 + delivery €5.95 → €32.87', () => {
    const r = refundableCents({
      paidLines: [{ totalCents: 2490 }, { totalCents: 700 }], withdrawnLines: [{ totalCents: 2490 }, { totalCents: 700 }],
      deliveryPaidCents: 595, cheapestStandardDeliveryCents: 595, depreciationCents: 498,
    });
    assert.deepEqual(r, { linesCents: 3190, deliveryCents: 595, deliveryNotRefundedCents: 0, depreciationCents: 498, totalCents: 3287 });
  });

  test('AS-11: form sent 2026-07-10, goods back 07-20 → refund €66.70 due 2026-07-24', () => {
    const r = refundableCents({
      paidLines: [{ totalCents: 5980 }], withdrawnLines: [{ totalCents: 5980 }],
      deliveryPaidCents: 690, cheapestStandardDeliveryCents: 690, depreciationCents: 0,
    });
    assert.equal(r.totalCents, 6670);
    const due = refundDueOn({ withdrawalReceivedOn: d('2026-07-10'), goodsReceivedOn: d('2026-07-20'), shopCollects: false });
    assert.equal(due?.toString(), '2026-07-24');
  });

  test('should refuse withdrawn lines worth more than the lines paid', () => {
    assert.throws(
      () => refundableCents({ paidLines: [{ totalCents: 100 }], withdrawnLines: [{ totalCents: 200 }], deliveryPaidCents: 0, cheapestStandardDeliveryCents: 0, depreciationCents: 0 }),
      RangeError,
    );
  });
});

describe('refund alerts (issue 10 §3)', () => {
  test('should alert 10 and 3 days before a refund due Mon 16 Mar 2026', () => {
    assert.deepEqual(
      alertsFor(d('2026-03-16')).map((a) => [a.daysBefore, a.on.toString()]),
      [[10, '2026-03-06'], [3, '2026-03-13']],
    );
  });
});

describe('properties of refunds and surcharges', () => {
  const dueOn = d('2026-03-16');
  const amountArb = fc.integer({ min: 0, max: 10_000_000 });
  const rateArb = fc.integer({ min: 0, max: 1500 });

  test('should never lower the L242-4 surcharge as lateness grows, nor exceed the cap', () => {
    fc.assert(
      fc.property(amountArb, rateArb, fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 10_000_000 }), (amount, rate, a, b, cap) => {
        const at = (days: number) =>
          lateRefundSurchargeFR({ dueOn, paidOn: dueOn.add({ days }), amountCents: amount, legalRateBp: rate, capCents: cap });
        const [early, later] = a <= b ? [at(a), at(b)] : [at(b), at(a)];
        assert.ok(early.surchargeCents <= later.surchargeCents, `${early.daysLate}d ${early.surchargeCents} > ${later.daysLate}d ${later.surchargeCents}`);
        assert.ok(later.surchargeCents <= cap);
      }),
      { numRuns: 3000 },
    );
  });

  test('should never lower the Belgian interest or the L241-4 surcharge as lateness grows', () => {
    fc.assert(
      fc.property(amountArb, rateArb, fc.integer({ min: 0, max: 1000 }), (amount, rate, days) => {
        const be = (n: number) => lateRefundSurchargeBE({ dueOn, paidOn: dueOn.add({ days: n }), amountCents: amount, legalRateBp: rate });
        const dl = (n: number) => lateDeliveryRefundSurcharge({ dueOn, paidOn: dueOn.add({ days: n }), amountCents: amount });
        assert.ok(be(days).surchargeCents <= be(days + 1).surchargeCents);
        assert.ok(dl(days).surchargeCents <= dl(days + 1).surchargeCents);
        // Never more than 50 %, rounded half-up to the cent.
        assert.ok(dl(days).surchargeCents <= Math.ceil(amount / 2));
      }),
      { numRuns: 2000 },
    );
  });

  test('should refund a partial withdrawal no more than the withdrawn lines plus their delivery share', () => {
    const linesArb = fc.array(fc.record({ totalCents: fc.integer({ min: 0, max: 100_000 }), withdrawn: fc.boolean() }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(linesArb, fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), fc.nat(), fc.constantFrom('none' as const, 'pro_rata' as const), (lines, paidDelivery, standard, dep, partialDelivery) => {
        const paid = lines.reduce((s, l) => s + l.totalCents, 0);
        const withdrawn = lines.filter((l) => l.withdrawn);
        const withdrawnSum = withdrawn.reduce((s, l) => s + l.totalCents, 0);
        const r = refundableCents({
          paidLines: lines, withdrawnLines: withdrawn, deliveryPaidCents: paidDelivery,
          cheapestStandardDeliveryCents: standard, depreciationCents: dep % (withdrawnSum + 1), partialDelivery,
        });
        const deliveryRefundable = Math.min(paidDelivery, standard);
        const share = paid === 0 ? deliveryRefundable : Math.ceil((deliveryRefundable * withdrawnSum) / paid);
        assert.ok(r.totalCents >= 0);
        assert.ok(r.totalCents <= withdrawnSum + share, `${r.totalCents} > ${withdrawnSum} + ${share}`);
        assert.ok(r.deliveryCents <= deliveryRefundable);
        assert.equal(r.totalCents, r.linesCents - r.depreciationCents + r.deliveryCents);
      }),
      { numRuns: 2000 },
    );
  });

  test('should never make a refund due earlier than 14 days after the withdrawal was received', () => {
    const dayArb = fc.integer({ min: 0, max: 60 });
    fc.assert(
      fc.property(dayArb, fc.option(dayArb), fc.option(dayArb), fc.boolean(), (received, goodsIn, proofIn, shopCollects) => {
        const withdrawalReceivedOn = dueOn.add({ days: received });
        const due = refundDueOn({
          withdrawalReceivedOn, shopCollects,
          goodsReceivedOn: goodsIn === null ? null : withdrawalReceivedOn.add({ days: goodsIn }),
          proofOfShipmentOn: proofIn === null ? null : withdrawalReceivedOn.add({ days: proofIn }),
        });
        if (due === null) {
          assert.ok(!shopCollects && goodsIn === null && proofIn === null);
          return;
        }
        assert.ok(cmp(due, withdrawalReceivedOn.add({ days: 14 })) >= 0);
        const firstArrival = Math.min(goodsIn ?? Number.POSITIVE_INFINITY, proofIn ?? Number.POSITIVE_INFINITY);
        assert.ok(cmp(due, withdrawalReceivedOn.add({ days: Math.max(14, shopCollects ? 14 : firstArrival) })) === 0);
      }),
      { numRuns: 1000 },
    );
  });
});
