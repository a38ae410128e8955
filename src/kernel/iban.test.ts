import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatIban, isValidIban, normalizeIban } from './iban.ts';
import { mod97 } from './mod97.ts';

test('should check IBANs with ISO 13616 mod 97 and the country length', () => {
  for (const iban of ['BE68539007547034', 'be68 5390 0754 7034', 'FR1420041010050500013M02606', 'DE89370400440532013000', 'NL91ABNA0417164300']) {
    assert.ok(isValidIban(iban), iban);
  }
  for (const iban of ['BE68539007547035', 'BE6853900754703', 'BE86539007547034', 'XX68539007547034', 'BE68 5390 0754 703!', '']) {
    assert.equal(isValidIban(iban), false, iban);
  }
  assert.equal(formatIban('fr1420041010050500013m02606'), 'FR14 2004 1010 0505 0001 3M02 606');
  assert.equal(normalizeIban('be68 5390 0754 7034'), 'BE68539007547034');
});

test('mod 97 worked examples: an IBAN and an RF reference, rearranged, leave 1', () => {
  // BE68 5390 0754 7034 → 539007547034 BE68 → 539007547034 11 14 68 ≡ 1 (mod 97).
  assert.equal(mod97('539007547034BE68'), 1);
  // RF18 5390 0754 7034 → 539007547034 RF18 → 539007547034 27 15 18 ≡ 1 (mod 97).
  assert.equal(mod97('539007547034RF18'), 1);
  assert.equal(mod97('539007547034BE69'), 2);
  assert.throws(() => mod97('be68'), RangeError);
});

test('mod 97 of any digits and capitals equals the big number with letters read as A = 10 … Z = 35', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[0-9A-Z]{1,40}$/), (text) => {
      const digits = [...text].map((c) => (c >= 'A' ? String(c.charCodeAt(0) - 55) : c)).join('');
      assert.equal(mod97(text), Number(BigInt(digits) % 97n));
    }),
  );
});

test('every single-digit change to a valid IBAN is detected', () => {
  const iban = 'FR1420041010050500013M02606';
  for (let i = 2; i < iban.length; i++) {
    const c = iban[i] as string;
    if (!/\d/.test(c)) continue;
    for (let d = 0; d <= 9; d++) {
      if (String(d) === c) continue;
      const changed = iban.slice(0, i) + d + iban.slice(i + 1);
      assert.equal(isValidIban(changed), false, changed);
    }
  }
});
