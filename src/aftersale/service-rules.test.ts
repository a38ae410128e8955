/**
 * Services withdrawn from (issue 10 §2, SPEC R000-16, C. consom. L221-25): worked examples exact
 * to the day and the cent, and properties of the pro rata. Convention (service-rules.ts): the
 * day performance starts counts as supplied, the day the withdrawal is sent does not.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import type { Jurisdiction } from '../kernel/calendar.ts';
import { eligibility } from './eligibility.ts';
import { fullyPerformed, periodKind, serviceOwed, suppliedDays } from './service-rules.ts';
import { withdrawalPeriod } from './withdrawal-rules.ts';

const d = (iso: string) => Temporal.PlainDate.from(iso);
const FR: Jurisdiction = { country: 'FR' };

describe('what a withdrawn service owes (L221-25)', () => {
  test('a 365-day subscription at 120.00 ordered Mon 2026-03-02 with the request, withdrawal sent Wed 2026-03-11: 9 days, 2.96 owed, 117.04 refunded', () => {
    assert.equal(suppliedDays(d('2026-03-02'), d('2026-03-11')), 9);
    // 12000 × 9 / 365 = 295.89… → 296 cents.
    assert.deepEqual(serviceOwed({ priceCents: 12000, serviceDays: 365, requested: true, startedOn: d('2026-03-02'), notifiedOn: d('2026-03-11') }), { suppliedDays: 9, owedCents: 296, refundCents: 11704 });
  });

  test('the same subscription without the express request owes nothing: 120.00 refunded', () => {
    assert.deepEqual(serviceOwed({ priceCents: 12000, serviceDays: 365, requested: false, startedOn: d('2026-03-02'), notifiedOn: d('2026-03-11') }), { suppliedDays: 0, owedCents: 0, refundCents: 12000 });
  });

  test('started on Thu 2026-03-05 as staff recorded: 6 days, 1.97 owed, 118.03 refunded', () => {
    // 12000 × 6 / 365 = 197.26… → 197 cents.
    assert.deepEqual(serviceOwed({ priceCents: 12000, serviceDays: 365, requested: true, startedOn: d('2026-03-05'), notifiedOn: d('2026-03-11') }), { suppliedDays: 6, owedCents: 197, refundCents: 11803 });
  });

  test('a 180-day follow-up at 54.00 withdrawn on the last day of its period, Mon 2026-03-16: 14 days, 4.20 owed, 49.80 refunded', () => {
    assert.deepEqual(serviceOwed({ priceCents: 5400, serviceDays: 180, requested: true, startedOn: d('2026-03-02'), notifiedOn: d('2026-03-16') }), { suppliedDays: 14, owedCents: 420, refundCents: 4980 });
  });

  test('withdrawn the day it was ordered, or before it started: nothing supplied, nothing owed', () => {
    assert.equal(serviceOwed({ priceCents: 12000, serviceDays: 365, requested: true, startedOn: d('2026-03-02'), notifiedOn: d('2026-03-02') }).owedCents, 0);
    assert.equal(serviceOwed({ priceCents: 12000, serviceDays: 365, requested: true, startedOn: d('2026-03-12'), notifiedOn: d('2026-03-11') }).owedCents, 0);
  });

  test('a 7-day workshop week started on 2026-03-02 at the consumer’s request is fully performed on 2026-03-09, not on 2026-03-08 (L221-28 1°)', () => {
    const f = { serviceDays: 7, requested: true, startedOn: d('2026-03-02') };
    assert.equal(fullyPerformed(f, d('2026-03-08')), false);
    assert.equal(fullyPerformed(f, d('2026-03-09')), true);
    assert.equal(fullyPerformed({ ...f, requested: false }, d('2026-03-20')), false);
    // Withdrawn after it was fully performed, the whole price is owed: nothing comes back.
    assert.deepEqual(serviceOwed({ priceCents: 3500, ...f, notifiedOn: d('2026-03-10') }), { suppliedDays: 7, owedCents: 3500, refundCents: 0 });
  });
});

describe('the period of an order of services', () => {
  test('runs from the day after conclusion: ordered Mon 2026-03-02, ends Mon 2026-03-16, whatever was delivered', () => {
    const p = withdrawalPeriod({ kind: periodKind([{ serviceDays: 365 }]), possessionDates: [], concludedOn: d('2026-03-02'), informationGivenOn: d('2026-03-02'), jurisdictions: [FR] });
    assert.deepEqual([p.startsOn?.toString(), p.endsOn?.toString()], ['2026-03-03', '2026-03-16']);
  });

  test('an order of goods and services is a sales contract (Directive 2011/83 art. 2(5)): from the goods', () => {
    assert.equal(periodKind([{ serviceDays: 365 }, { serviceDays: null }]), 'goods');
    assert.equal(periodKind([{ serviceDays: 365 }, { serviceDays: 180 }]), 'services');
  });

  test('eligibility of a service order placed at 10:00 Paris on 2026-03-02, never delivered: its period ends 2026-03-16', () => {
    const e = eligibility(
      {
        customerKind: 'consumer', status: 'accepted', placedAt: new Date('2026-03-02T09:00:00Z'), possessions: [], earlier: [],
        lines: [{ line_no: 1, product_id: 'p', sku: 'ASSIST-INFO-AN', name: 'Assistance', quantity: 1, unit_price_cents: 12000, withdrawable: true, withdrawal_exception: null, service_days: 365 }],
      },
      { timeZone: 'Europe/Paris', jurisdictions: [FR], hasWithdrawalTerms: true },
    );
    assert.equal(e.period.endsOn?.toString(), '2026-03-16');
    assert.equal(e.lines[0]?.serviceDays, 365);
  });

  test('excludes a 7-day service started at the request on 2026-03-02 once fully performed, from 2026-03-09 (L221-28 1°)', () => {
    const order = {
      customerKind: 'consumer', status: 'accepted', placedAt: new Date('2026-03-02T09:00:00Z'), possessions: [], earlier: [], serviceStartRequested: true,
      lines: [{ line_no: 1, product_id: 'p', sku: 'ATELIER-SEMAINE', name: 'Atelier', quantity: 1, unit_price_cents: 3500, withdrawable: true, withdrawal_exception: null, service_days: 7 }],
    };
    const shop = { timeZone: 'Europe/Paris', jurisdictions: [FR], hasWithdrawalTerms: true };
    assert.deepEqual([eligibility(order, shop, d('2026-03-08')).lines[0]?.remaining, eligibility(order, shop, d('2026-03-08')).lines[0]?.exception], [1, null]);
    assert.deepEqual([eligibility(order, shop, d('2026-03-09')).lines[0]?.remaining, eligibility(order, shop, d('2026-03-09')).lines[0]?.exception], [0, 'service_fully_performed']);
    // Started later by staff's record, or never asked: still withdrawable.
    assert.equal(eligibility({ ...order, serviceStartedOn: '2026-03-04' }, shop, d('2026-03-09')).lines[0]?.remaining, 1);
    assert.equal(eligibility({ ...order, serviceStartRequested: false }, shop, d('2026-03-15')).lines[0]?.remaining, 1);
  });
});

describe('properties of the pro rata', () => {
  const FIRST = d('2025-01-01');
  const day = fc.integer({ min: 0, max: 4000 }).map((i) => FIRST.add({ days: i }));
  const facts = fc.record({
    priceCents: fc.integer({ min: 0, max: 10_000_000 }),
    serviceDays: fc.integer({ min: 1, max: 3660 }),
    requested: fc.boolean(),
    startedOn: day,
    notifiedOn: day,
  });

  test('owes between 0 and the price, refunds the rest to the cent, and nothing without the express request', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const o = serviceOwed(f);
        assert.ok(o.owedCents >= 0 && o.owedCents <= f.priceCents);
        assert.equal(o.owedCents + o.refundCents, f.priceCents);
        assert.ok(o.suppliedDays >= 0 && o.suppliedDays <= f.serviceDays);
        if (!f.requested) assert.deepEqual(o, { suppliedDays: 0, owedCents: 0, refundCents: f.priceCents });
      }),
      { numRuns: 2000 },
    );
  });

  test('owes never less for a withdrawal sent later', () => {
    fc.assert(
      fc.property(facts, fc.integer({ min: 0, max: 400 }), (f, later) => {
        assert.ok(serviceOwed({ ...f, notifiedOn: f.notifiedOn.add({ days: later }) }).owedCents >= serviceOwed(f).owedCents);
      }),
      { numRuns: 1000 },
    );
  });
});
