import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DomainError } from '../kernel/errors.ts';
import { loadProfileFile } from '../shops/profile/load.ts';
import { PROFILES_DIR } from '../shops/profile/test-support.ts';
import { CartQuantity, cartIssues, checkLineQuantity, lineIssues, maxUnits } from './cart-rules.ts';

const bibleEtJeux = loadProfileFile(join(PROFILES_DIR, 'bible-et-jeux.yaml'));
const coopo = loadProfileFile(join(PROFILES_DIR, 'coopo.yaml'));
const line = (quantity: number, over: Partial<{ maxPerOrder: number | null; available: number; active: boolean }> = {}) => ({ quantity, maxPerOrder: null, available: 100, active: true, ...over });

describe('cart rules', () => {
  test('should cap a line at the shop limit (004 art.2 O3: 4) or the product own limit, whichever is lower', () => {
    assert.equal(maxUnits(bibleEtJeux, null), 4);
    assert.equal(maxUnits(bibleEtJeux, 2), 2);
    assert.equal(maxUnits(bibleEtJeux, 10), 4);
    assert.equal(maxUnits(coopo, null), null);
    assert.deepEqual(lineIssues(bibleEtJeux, line(4)), []);
    assert.deepEqual(lineIssues(bibleEtJeux, line(5)), [{ code: 'max_per_product', max: 4 }]);
  });

  test('should report stock left and products withdrawn from sale', () => {
    assert.deepEqual(lineIssues(coopo, line(3, { available: 2 })), [{ code: 'not_enough_stock', available: 2 }]);
    assert.deepEqual(lineIssues(coopo, line(3, { available: -1 })), [{ code: 'not_enough_stock', available: 0 }]);
    assert.deepEqual(lineIssues(coopo, line(3, { active: false })), [{ code: 'product_unavailable' }]);
  });

  test('should state how much is missing below the minimum order, counted incl. VAT without delivery (A-67)', () => {
    assert.deepEqual(cartIssues(bibleEtJeux, null, 190, 158, 1), [{ code: 'min_order_amount', minCents: 200, missingCents: 10, basis: 'incl_vat' }]);
    assert.deepEqual(cartIssues(bibleEtJeux, null, 200, 167, 1), []);
    assert.deepEqual(cartIssues(bibleEtJeux, null, 0, 0, 0), [{ code: 'empty_cart' }]);
  });

  test('should refuse a customer kind the shop does not sell to, and say nothing of a guest', () => {
    assert.deepEqual(cartIssues(bibleEtJeux, 'professional', 5000, 4167, 1), [{ code: 'customer_kind_not_allowed', kind: 'professional' }]);
    assert.deepEqual(cartIssues(bibleEtJeux, 'non_professional', 5000, 4167, 1), []);
  });

  test('should refuse an addition that breaks a limit, with the limit in the error', () => {
    assert.throws(() => checkLineQuantity(bibleEtJeux, line(5)), (e: unknown) => e instanceof DomainError && e.code === 'max_per_product' && e.params.max === 4);
    assert.throws(() => checkLineQuantity(coopo, line(9, { available: 8 })), (e: unknown) => e instanceof DomainError && e.code === 'not_enough_stock' && e.params.available === 8);
    assert.doesNotThrow(() => checkLineQuantity(coopo, line(8, { available: 8 })));
  });

  test('should accept only whole quantities from 1 to 999 typed in a form', () => {
    assert.equal(CartQuantity.parse(' 3 '), 3);
    for (const bad of ['0', '-1', '1.5', '1e3', 'abc', '', '1000', '99999999999']) assert.equal(CartQuantity.safeParse(bad).success, false, bad);
  });
});
