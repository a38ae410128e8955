import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eurosToCents, percentToBp } from './product-form.ts';

test('should read French and English decimal amounts as exact cents', () => {
  assert.equal(eurosToCents('12,50'), 1250);
  assert.equal(eurosToCents('12.5'), 1250);
  assert.equal(eurosToCents('0,07'), 7);
  assert.equal(eurosToCents('1999'), 199900);
  assert.equal(eurosToCents('12,345'), '12,345');
  assert.equal(eurosToCents('-3'), '-3');
});

test('should read VAT percents as basis points', () => {
  assert.equal(percentToBp('20'), 2000);
  assert.equal(percentToBp('5,5'), 550);
  assert.equal(percentToBp('2.1'), 210);
  assert.equal(percentToBp('vingt'), 'vingt');
});
