import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { DomainError } from '../kernel/errors.ts';
import { loadProfileFile } from '../shops/profile/load.ts';
import { PROFILES_DIR } from '../shops/profile/test-support.ts';
import {
  checkNotice,
  checkTermination,
  deliveryPromise,
  extendByForceMajeure,
  forceMajeureTerminationFrom,
  type LateDeliveryPolicy,
  lateDeliveryState,
  type OrderFacts,
  policyOf,
  refundAfterTermination,
} from './late-delivery-rules.ts';

const d = (s: string) => Temporal.PlainDate.from(s);
const profile = (file: string) => loadProfileFile(join(PROFILES_DIR, file));
const coopso = policyOf(profile('coopso.yaml'), 'consumer');
const distritec = policyOf(profile('distritec.yaml'), 'consumer');
const distritecPro = policyOf(profile('distritec.yaml'), 'professional');
const bible = policyOf(profile('bible-et-jeux.yaml'), 'consumer');
const coopconnexion = policyOf(profile('coopconnexion.yaml'), 'consumer');

const facts = (f: Partial<OrderFacts> = {}): OrderFacts => ({ status: 'accepted', concludedOn: d('2026-03-02'), promisedOn: null, shippedOn: null, deliveredOn: null, notice: null, forceMajeure: [], ...f });
const refusal = (f: () => unknown): [string, Record<string, string | number>] => {
  try {
    f();
  } catch (error) {
    if (error instanceof DomainError) return [error.code, error.params];
    throw error;
  }
  assert.fail('no refusal');
};

describe('the policies read from the five profiles', () => {
  test('001 cancels an order not shipped in time, with no effect once shipped; refund 14 days, not the seed’s 30 (A-11); force majeure beyond 30 days', () => {
    assert.deepEqual([coopso.legalSystem, coopso.cancelIfNotShipped, coopso.ineffectiveIfShipped, coopso.refundWithinDays, coopso.forceMajeureTerminateAfterDays, coopso.grace], ['BE', true, true, 14, 30, null]);
  });
  test('003: no remedy for a professional (art.7.2), the law for a consumer; force majeure beyond 60 days', () => {
    assert.deepEqual([distritecPro.noRemedy, distritec.noRemedy, distritec.forceMajeureTerminateAfterDays, distritec.refundWithinDays], [true, false, 60, 14]);
  });
  test('004: 72 h (3 days) after the indicative date, itself 48 h (2 days) after shipment; its own pre-2022 brackets; force majeure beyond 30 days', () => {
    assert.deepEqual(bible.grace, { graceDays: 3, leadDays: 2 });
    assert.deepEqual(bible.shopBrackets, [{ upToDays: 30, bp: 1000 }, { upToDays: 60, bp: 2000 }, { upToDays: null, bp: 5000 }]);
    assert.equal(bible.forceMajeureTerminateAfterDays, 30);
  });
  test('000: the law alone — 30 days after conclusion, no force-majeure clause', () => {
    assert.deepEqual([coopconnexion.defaultDays, coopconnexion.grace, coopconnexion.cancelIfNotShipped, coopconnexion.forceMajeureTerminateAfterDays], [30, null, false, null]);
  });
});

describe('L216-1: the delivery promise', () => {
  test('no date given: 30 days after conclusion (Mon 2026-03-02 → Wed 2026-04-01)', () => {
    assert.deepEqual(deliveryPromise(distritec, facts(), d('2026-03-10')), { promisedOn: d('2026-04-01'), source: 'default', latestOn: d('2026-04-01'), suspendedDays: 0 });
  });
  test('a campaign’s date prevails, even past 30 days (001: ordered 2026-08-25, delivered at the latest 2026-09-20)', () => {
    const p = deliveryPromise(coopso, facts({ concludedOn: d('2026-08-25'), promisedOn: d('2026-09-20') }), d('2026-09-01'));
    assert.deepEqual([p.latestOn.toString(), p.source], ['2026-09-20', 'agreed']);
  });
  test('004 shipped Mon 2026-03-02: indicative date Wed 03-04 (48 h)', () => {
    const p = deliveryPromise(bible, facts({ concludedOn: d('2026-02-27'), shippedOn: d('2026-03-02'), status: 'shipped' }), d('2026-03-05'));
    assert.deepEqual([p.latestOn.toString(), p.source], ['2026-03-04', 'agreed']);
  });
  test('force majeure from 03-20 to 03-29 (10 days) pushes 04-01 to 04-11', () => {
    const p = deliveryPromise(distritec, facts({ forceMajeure: [{ startsOn: d('2026-03-20'), endsOn: d('2026-03-29') }] }), d('2026-04-05'));
    assert.deepEqual([p.latestOn.toString(), p.suspendedDays], ['2026-04-11', 10]);
  });
  test('an open period of force majeure suspends through today: not late while it lasts', () => {
    const f = facts({ forceMajeure: [{ startsOn: d('2026-03-25'), endsOn: null }] });
    const s = lateDeliveryState(distritec, f, d('2026-04-20'));
    assert.equal(s.late, false);
    assert.equal(s.latestOn, '2026-04-28'); // 03-25 … 04-20: 27 days added to 04-01
  });
});

describe('L216-6: notice, then termination', () => {
  test('before the promise passes: delivery_not_late, naming the last day', () => {
    assert.deepEqual(refusal(() => checkNotice(distritec, facts(), d('2026-04-01'))), ['delivery_not_late', { latestOn: '2026-04-01' }]);
  });
  test('the day after: a notice gives a week by default, or the day the customer names', () => {
    assert.equal(checkNotice(distritec, facts(), d('2026-04-02')).deliverBy.toString(), '2026-04-09');
    assert.equal(checkNotice(distritec, facts(), d('2026-04-02'), d('2026-04-05')).deliverBy.toString(), '2026-04-05');
    assert.deepEqual(refusal(() => checkNotice(distritec, facts(), d('2026-04-02'), d('2026-04-02')))[0], 'notice_period_too_short');
  });
  test('termination: without a notice refused; during its period refused with its end; the day after, allowed', () => {
    assert.deepEqual(refusal(() => checkTermination(distritec, facts(), d('2026-04-02'))), ['late_delivery_notice_required', { latestOn: '2026-04-01' }]);
    const noticed = facts({ notice: { sentOn: d('2026-04-02'), deliverBy: d('2026-04-09') } });
    assert.deepEqual(refusal(() => checkTermination(distritec, noticed, d('2026-04-09'))), ['notice_period_running', { deliverBy: '2026-04-09' }]);
    assert.equal(checkTermination(distritec, noticed, d('2026-04-10')), 'notice_period_over');
    assert.deepEqual(refusal(() => checkNotice(distritec, noticed, d('2026-04-05')))[0], 'notice_period_running');
    assert.deepEqual(refusal(() => checkNotice(distritec, noticed, d('2026-04-12')))[0], 'notice_already_sent');
  });
  test('an essential date: termination at once once late, not before', () => {
    assert.equal(checkTermination(distritec, facts(), d('2026-04-02'), 'essential_date'), 'essential_date');
    assert.equal(refusal(() => checkTermination(distritec, facts(), d('2026-04-01'), 'essential_date'))[0], 'delivery_not_late');
  });
  test('delivered meanwhile, an ended order, a professional at DISTRITEC: refused', () => {
    assert.equal(refusal(() => checkTermination(distritec, facts({ status: 'delivered', deliveredOn: d('2026-04-05') }), d('2026-04-20')))[0], 'order_already_delivered');
    assert.equal(refusal(() => checkTermination(distritec, facts({ status: 'cancelled' }), d('2026-04-20')))[0], 'order_not_open_for_late_delivery');
    assert.equal(refusal(() => checkNotice(distritecPro, facts(), d('2026-04-20')))[0], 'late_delivery_no_remedy_for_professionals');
  });
  test('001: cancellation once the promise passed with nothing shipped; shipped meanwhile → order_already_shipped (online §3.2)', () => {
    const f = facts({ concludedOn: d('2026-08-25'), promisedOn: d('2026-09-20') });
    assert.equal(refusal(() => checkTermination(coopso, f, d('2026-09-20')))[0], 'delivery_not_late');
    assert.equal(checkTermination(coopso, f, d('2026-09-21')), 'terms_lead_time');
    assert.deepEqual(refusal(() => checkTermination(coopso, { ...f, status: 'shipped', shippedOn: d('2026-09-21') }, d('2026-09-22'))), ['order_already_shipped', { shippedOn: '2026-09-21' }]);
  });
  test('AS-31 (004): shipped Mon 03-02, indicative Wed 03-04, 72 h end Sat 03-07; a written request terminates from Sun 03-08; a notice of 03-08 gives until 03-12', () => {
    const f = facts({ concludedOn: d('2026-02-27'), status: 'shipped', shippedOn: d('2026-03-02') });
    assert.equal(refusal(() => checkTermination(bible, f, d('2026-03-07')))[0], 'late_delivery_notice_required');
    assert.equal(checkTermination(bible, f, d('2026-03-08')), 'terms_lead_time');
    assert.equal(lateDeliveryState(bible, f, d('2026-03-08')).directTerminationFrom, '2026-03-08');
    assert.equal(checkNotice(bible, f, d('2026-03-08'), d('2026-03-12')).deliverBy.toString(), '2026-03-12');
    assert.equal(checkTermination(bible, { ...f, notice: { sentOn: d('2026-03-08'), deliverBy: d('2026-03-12') } }, d('2026-03-13'), 'notice_period_over'), 'notice_period_over');
  });
});

describe('force majeure (C24)', () => {
  const period = (startsOn: string, endsOn: string | null) => ({ startsOn: d(startsOn), endsOn: endsOn ? d(endsOn) : null });
  test('AS-59 (003, 60 days): from 2026-01-10, a termination on 03-11 is refused, one from 03-12 allowed', () => {
    const f = facts({ concludedOn: d('2026-01-05'), forceMajeure: [period('2026-01-10', null)] });
    assert.equal(forceMajeureTerminationFrom(distritec, f.forceMajeure)?.toString(), '2026-03-12');
    assert.deepEqual(refusal(() => checkTermination(distritec, f, d('2026-03-11'), 'force_majeure')), ['force_majeure_limit_not_reached', { from: '2026-03-12' }]);
    assert.equal(checkTermination(distritec, f, d('2026-03-12')), 'force_majeure');
  });
  test('AS-61 (004, 30 days): from 2026-05-04, day 30 is 06-03; lasting to 06-04 opens the termination that day; ended on 06-03 it never does', () => {
    assert.equal(forceMajeureTerminationFrom(bible, [period('2026-05-04', '2026-06-04')])?.toString(), '2026-06-04');
    assert.equal(forceMajeureTerminationFrom(bible, [period('2026-05-04', '2026-06-03')]), null);
  });
  test('000 has no clause: no termination for force majeure', () => {
    assert.equal(forceMajeureTerminationFrom(coopconnexion, [period('2026-01-01', null)]), null);
  });
});

describe('L216-7 and L241-4: the refund after a termination', () => {
  const on = (refundedOn: string | null, today = '2026-06-30', policy: LateDeliveryPolicy = distritec) =>
    refundAfterTermination(policy, { terminatedOn: d('2026-04-10'), ground: 'notice_period_over', amountCents: 10_000, refundedOn: refundedOn ? d(refundedOn) : null, legalRateBp: 450 }, d(today));
  test('100.00 € terminated Fri 2026-04-10: due Fri 04-24; refunded that day, nothing more', () => {
    assert.deepEqual(on('2026-04-24'), { refundDueOn: '2026-04-24', amountCents: 10_000, refundedOn: '2026-04-24', daysLate: 0, rateLabel: 'none', surchargeCents: 0, totalDueCents: 10_000 });
  });
  test('refunded D+20 (6 days late, ≤ 14) → +10 % = 110.00 €; D+28 (14 days) still 10 %; D+29 (15 days) → 20 %', () => {
    assert.deepEqual([on('2026-04-30').daysLate, on('2026-04-30').rateLabel, on('2026-04-30').totalDueCents], [6, '10%', 11_000]);
    assert.deepEqual([on('2026-05-08').daysLate, on('2026-05-08').totalDueCents], [14, 11_000]);
    assert.deepEqual([on('2026-05-09').daysLate, on('2026-05-09').rateLabel, on('2026-05-09').totalDueCents], [15, '20%', 12_000]);
  });
  test('refunded D+44 (30 days late) → 120.00 €; D+45 (31 days) → +50 % = 150.00 €', () => {
    assert.deepEqual([on('2026-05-24').daysLate, on('2026-05-24').totalDueCents], [30, 12_000]);
    assert.deepEqual([on('2026-05-25').daysLate, on('2026-05-25').rateLabel, on('2026-05-25').totalDueCents], [31, '50%', 15_000]);
  });
  test('not refunded yet: the surcharge so far, counted to today', () => {
    assert.deepEqual([on(null, '2026-05-01').daysLate, on(null, '2026-05-01').surchargeCents], [7, 1_000]);
  });
  test('004’s own brackets (10 % up to 30 days) never lower the law: 20 days late is 20 %', () => {
    assert.equal(on('2026-05-14', '2026-06-30', bible).rateLabel, '20%');
  });
  test('Belgium (001): legal interest at 4.5 %, 100.00 € 30 days late → 0.37 €', () => {
    const r = on('2026-05-24', '2026-06-30', coopso);
    assert.deepEqual([r.daysLate, r.rateLabel, r.surchargeCents, r.totalDueCents], [30, 'legal_interest', 37, 10_037]);
  });
  test('force majeure: the payments back, due in 14 days, no L241-4 surcharge', () => {
    const r = refundAfterTermination(distritec, { terminatedOn: d('2026-04-10'), ground: 'force_majeure', amountCents: 10_000, refundedOn: d('2026-05-30'), legalRateBp: 0 }, d('2026-06-01'));
    assert.deepEqual([r.refundDueOn, r.surchargeCents, r.totalDueCents], ['2026-04-24', 0, 10_000]);
  });
});

describe('properties', () => {
  const day = fc.integer({ min: 0, max: 400 }).map((n) => d('2026-01-01').add({ days: n }));
  const periods = fc.array(fc.tuple(day, fc.option(fc.integer({ min: 0, max: 60 }))).map(([s, n]) => ({ startsOn: s, endsOn: n === null ? null : s.add({ days: n }) })), { maxLength: 3 });
  test('force majeure only ever pushes a deadline back, by exactly the days it adds', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 90 }), periods, day, (from, len, ps, today) => {
        const deadline = from.add({ days: len });
        const r = extendByForceMajeure(from, deadline, ps, today);
        assert.equal(deadline.until(r.on).days, r.suspendedDays);
        assert.ok(r.suspendedDays >= 0);
      }),
      { numRuns: 500 },
    );
  });
  test('the surcharge never falls as the refund gets later, and never passes 50 %', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 400 }), (amount, n) => {
        const r = (k: number) => refundAfterTermination(bible, { terminatedOn: d('2026-04-10'), ground: 'essential_date', amountCents: amount, refundedOn: d('2026-04-24').add({ days: k }), legalRateBp: 0 }, d('2027-12-31')).surchargeCents;
        assert.ok(r(n) <= r(n + 1));
        assert.ok(r(n) <= Math.ceil(amount / 2));
      }),
      { numRuns: 500 },
    );
  });
  test('a termination is never allowed before the promise passes, unless for force majeure or a refusal to deliver', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), (n) => {
        const today = d('2026-03-02').add({ days: n });
        try {
          const g = checkTermination(distritec, facts(), today);
          assert.ok(n > 30, `${g} on day ${n}`);
        } catch (error) {
          assert.ok(error instanceof DomainError);
        }
      }),
    );
  });
});
