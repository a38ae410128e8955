/**
 * Campaign rules with the 001 seed's dates (CG §4, online §3.1; A-08: the submission instant in
 * the shop's zone decides) and properties of promises, cases and next season's copy.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { DomainError } from '../kernel/errors.ts';
import { type CampaignInputFacts, casesFor, checkCampaign, csv, nextSeason, productsBelowMinimum, promiseFor, promiseForDay, slotInsidePromise, windowState, yearlyPromises } from './rules.ts';

const BRUSSELS = 'Europe/Brussels';
const COOPSO = { lateOrdersAfter: '08-20', lateOrdersNotBefore: '09-05', lateOrdersLatestBy: '09-20' };
const rentree = { promises: yearlyPromises(2027, COOPSO, { deliveryFrom: '08-25', deliveryLatestOn: '08-31' }) };
const at = (iso: string) => Temporal.Instant.from(iso);

const refusal = (fn: () => void): { code: string; field: string | undefined } => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, field: e.field };
    throw e;
  }
  return { code: 'none', field: undefined };
};

const valid = (): CampaignInputFacts => ({
  opensAt: new Date('2027-06-01T00:00:00+02:00'),
  closesAt: new Date('2027-09-01T00:00:00+02:00'),
  products: [{ productId: 'a', cap: 10, minimumQuantity: 2 }],
  promises: rentree.promises,
});

describe('delivery promise by order date (001 CG §4, online §3.1)', () => {
  test('should promise an order of Sat 21 Aug 2027 10:00 in Brussels not before 5 Sep and at the latest 20 Sep', () => {
    assert.deepEqual(promiseFor(rentree, at('2027-08-21T08:00:00Z'), BRUSSELS), { orderedFrom: '2027-08-21', deliveryFrom: '2027-09-05', deliveryLatestOn: '2027-09-20' });
  });

  test('should count an order at 23:30 on 20 Aug in Brussels (21:30 UTC) as an order of 20 Aug, and one at 00:30 on 21 Aug (22:30 UTC on the 20th) as late (A-08)', () => {
    assert.equal(promiseFor(rentree, at('2027-08-20T21:30:00Z'), BRUSSELS)?.deliveryLatestOn, '2027-08-31');
    assert.equal(promiseFor(rentree, at('2027-08-20T22:30:00Z'), BRUSSELS)?.deliveryLatestOn, '2027-09-20');
  });

  test('should give every day exactly one promise when the promises cover the calendar, the late one from the day after the cut-off', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), (n) => {
        const day = Temporal.PlainDate.from('2027-01-01').add({ days: n }).toString();
        const p = promiseForDay(rentree.promises, day);
        assert.ok(p);
        assert.equal(p.deliveryLatestOn, day <= '2027-08-20' ? '2027-08-31' : '2027-09-20');
      }),
    );
  });

  test('should keep a pickup slot only between the promise’s first and last days', () => {
    const late = promiseForDay(rentree.promises, '2027-08-21');
    assert.equal(slotInsidePromise(late, '2027-09-04'), false);
    assert.equal(slotInsidePromise(late, '2027-09-05'), true);
    assert.equal(slotInsidePromise(late, '2027-09-20'), true);
    assert.equal(slotInsidePromise(late, '2027-09-21'), false);
    assert.equal(slotInsidePromise(null, '2030-01-01'), true);
  });
});

describe('what a campaign must say', () => {
  test('should accept the Rentrée 2027 campaign', () => {
    assert.equal(refusal(() => checkCampaign(valid())).code, 'none');
  });

  test('should refuse each bad input with its field', () => {
    const cases: [Partial<CampaignInputFacts>, string, string][] = [
      [{ closesAt: new Date('2027-05-31T00:00:00+02:00') }, 'campaign_closes_before_opening', 'closesAt'],
      [{ closesAt: new Date('2027-06-01T00:00:00+02:00') }, 'campaign_closes_before_opening', 'closesAt'],
      [{ products: [{ productId: 'a', cap: 0 }] }, 'campaign_quantity_not_positive', 'products.0.cap'],
      [{ products: [{ productId: 'a' }, { productId: 'b', minimumQuantity: 0 }] }, 'campaign_quantity_not_positive', 'products.1.minimumQuantity'],
      [{ products: [{ productId: 'a', cap: 5, minimumQuantity: 6 }] }, 'campaign_minimum_above_cap', 'products.0.minimumQuantity'],
      [{ products: [{ productId: 'a' }, { productId: 'a' }] }, 'campaign_product_twice', 'products.1.productId'],
      [{ products: [] }, 'campaign_without_products', 'products'],
      [{ promises: [] }, 'campaign_without_promise', 'promises'],
      [{ promises: [rentree.promises[1], rentree.promises[0]] as never }, 'campaign_promises_out_of_order', 'promises.0.orderedUntil'],
      [{ promises: [{ orderedUntil: '2027-08-20', deliveryLatestOn: '2027-08-31' }, { orderedFrom: '2027-08-20', deliveryLatestOn: '2027-09-20' }] }, 'campaign_promises_out_of_order', 'promises.1.orderedFrom'],
      [{ promises: [{ deliveryFrom: '2027-09-20', deliveryLatestOn: '2027-09-05' }] }, 'campaign_promise_delivery_inverted', 'promises.0.deliveryLatestOn'],
      [{ promises: [{ orderedUntil: '2027-08-20', deliveryLatestOn: '2027-08-19' }, { orderedFrom: '2027-08-21', deliveryLatestOn: '2027-09-20' }] }, 'campaign_promise_before_order', 'promises.0.deliveryLatestOn'],
    ];
    for (const [change, code, field] of cases) assert.deepEqual(refusal(() => checkCampaign({ ...valid(), ...change } as never)), { code, field }, `${code} ${field}`);
  });

  test('should be open from its opening instant included to its closing instant excluded', () => {
    const c = valid();
    assert.equal(windowState(c, new Date('2027-05-31T23:59:59+02:00')), 'upcoming');
    assert.equal(windowState(c, new Date('2027-06-01T00:00:00+02:00')), 'open');
    assert.equal(windowState(c, new Date('2027-08-31T23:59:59+02:00')), 'open');
    assert.equal(windowState(c, new Date('2027-09-01T00:00:00+02:00')), 'closed');
  });
});

describe('next season and closing', () => {
  test('should move the window and every promise one year on, at the same local hour across the summer-time rules', () => {
    const next = nextSeason({ ...valid(), promises: rentree.promises }, BRUSSELS);
    assert.equal(next.opensAt.toISOString(), '2028-05-31T22:00:00.000Z');
    assert.equal(next.closesAt.toISOString(), '2028-08-31T22:00:00.000Z');
    assert.deepEqual(next.promises, yearlyPromises(2028, COOPSO, { deliveryFrom: '08-25', deliveryLatestOn: '08-31' }));
  });

  test('should round quantities up to whole cases: 7 of 10 → 1 case, 21 of 10 → 3 cases, 12 of 6 → 2; no case size → by the unit', () => {
    assert.deepEqual(casesFor(7, 10), { cases: 1, units: 10 });
    assert.deepEqual(casesFor(21, 10), { cases: 3, units: 30 });
    assert.deepEqual(casesFor(12, 6), { cases: 2, units: 12 });
    assert.deepEqual(casesFor(5, null), { cases: 5, units: 5 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 500 }), (q, size) => {
        const { cases, units } = casesFor(q, size);
        assert.ok(units >= q && units - q < Math.max(size, 1) && units === (size > 1 ? cases * size : cases));
      }),
    );
  });

  test('should cancel the products below their minimum, or all of them below the campaign’s', () => {
    const totals = [
      { productId: 'kit', quantity: 40, minimumQuantity: 50 },
      { productId: 'atlas', quantity: 3, minimumQuantity: null },
    ];
    assert.deepEqual(productsBelowMinimum(null, totals), { reached: false, products: ['kit'] });
    assert.deepEqual(productsBelowMinimum(100, totals), { reached: false, products: ['kit', 'atlas'] });
    assert.deepEqual(productsBelowMinimum(43, [{ ...totals[0], minimumQuantity: 40 } as never, totals[1] as never]), { reached: true, products: [] });
  });

  test('should write CSV fields with separators and quotes quoted (RFC 4180)', () => {
    assert.equal(csv([['a', 'b,c', 'd"e', 3]]), 'a,"b,c","d""e",3\r\n');
  });
});
