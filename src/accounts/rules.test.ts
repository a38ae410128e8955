import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { isValidEuVatNumber, isValidSiret, luhn } from './rules.ts';

describe('SIRET', () => {
  test('should accept real SIRET numbers whose Luhn key is right', () => {
    assert.equal(isValidSiret('73282932000074'), true); // INSEE example
    assert.equal(isValidSiret('732 829 320 00074'), true);
    assert.equal(isValidSiret('35600000000048'), true); // La Poste head office, Luhn-valid
  });
  test('should refuse a SIRET with a wrong key, wrong length or letters', () => {
    assert.equal(isValidSiret('73282932000075'), false);
    assert.equal(isValidSiret('7328293200007'), false);
    assert.equal(isValidSiret('7328293200007A'), false);
    assert.equal(isValidSiret("1' OR '1'='1"), false);
  });
  test('should accept La Poste establishments by their sum-of-digits rule', () => {
    assert.equal(isValidSiret('35600000012345'), (3 + 5 + 6 + 1 + 2 + 3 + 4 + 5) % 5 === 0);
    assert.equal(isValidSiret('35600000049837'), true); // digits sum to 45
  });
  test('should detect every single-digit change of a valid number (Luhn property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const base = '73282932000074';
        const changed = base.slice(0, pos) + ((Number(base[pos]) + delta) % 10) + base.slice(pos + 1);
        assert.equal(luhn(changed), false);
      }),
    );
  });
});

describe('EU VAT number', () => {
  test('should accept well-formed numbers and check FR and BE keys', () => {
    assert.equal(isValidEuVatNumber('FR40303265045'), true);
    assert.equal(isValidEuVatNumber('fr 40 303 265 045'), true);
    assert.equal(isValidEuVatNumber('FR41303265045'), false);
    assert.equal(isValidEuVatNumber('BE0628438452'), true); // Coopso's BCE number (SPEC C01)
    assert.equal(isValidEuVatNumber('BE0628438453'), false);
    assert.equal(isValidEuVatNumber('DE123456789'), true);
    assert.equal(isValidEuVatNumber('NL123456789B01'), true);
  });
  test('should refuse unknown countries and malformed numbers', () => {
    assert.equal(isValidEuVatNumber('US123456789'), false);
    assert.equal(isValidEuVatNumber('DE12345678'), false);
    assert.equal(isValidEuVatNumber(''), false);
    assert.equal(isValidEuVatNumber('<script>'), false);
  });
});
