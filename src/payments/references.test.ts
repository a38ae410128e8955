import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  findReferenceInText,
  formatOgm,
  formatPaymentReference,
  formatRf,
  ogmFromBase,
  parseOgm,
  parsePaymentReference,
  parseRf,
  readRemittance,
  rfFromBase,
  rfFromOrderNumber,
} from './references.ts';

// LEGAL.md §A10 and issue 4 "Done when": 1,000,000 random bases.
const MILLION = 1_000_000;

/** A 10-digit base, leading zeros included, from two 5-digit halves (fc.integer stops at 2^31). */
const ogmBase = fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99_999 }))
  .map(([high, low]) => `${String(high).padStart(5, '0')}${String(low).padStart(5, '0')}`);
const ALPHANUMERIC = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const rfBase = fc.string({ unit: fc.constantFrom(...ALPHANUMERIC), minLength: 1, maxLength: 21 });
const digitsOf = (printed: string) => printed.replace(/\D/g, '');

test('should compute the OGM worked examples of LEGAL.md §A10', () => {
  assert.equal(ogmFromBase('1234567890'), '+++123/4567/89002+++');
  assert.equal(ogmFromBase('2026000123'), '+++202/6000/12320+++');
  // base mod 97 = 0 is written 97
  assert.equal(ogmFromBase('0000000000'), '+++000/0000/00097+++');
});

test('should compute the RF worked examples of LEGAL.md §A10', () => {
  assert.equal(rfFromBase('539007547034'), 'RF18539007547034');
  assert.equal(formatRf(rfFromBase('539007547034')), 'RF18 5390 0754 7034');
  assert.equal(rfFromBase('INV2026000123'), 'RF98INV2026000123');
  assert.equal(formatRf('RF98INV2026000123'), 'RF98 INV2 0260 0012 3');
  assert.equal(rfFromOrderNumber('inv-2026-000123'), 'RF98INV2026000123');
});

test('should accept an OGM written with +++, ***, bare slashes or digits only', () => {
  for (const input of ['+++123/4567/89002+++', '***123/4567/89002***', '123/4567/89002', '123456789002', ' +++ 123 / 4567 / 89002 +++ ']) {
    assert.deepEqual(parseOgm(input), { ok: true, reference: { kind: 'ogm', value: '123456789002' } }, input);
  }
});

test('should tell a wrong OGM check digit from text that is no OGM at all', () => {
  assert.deepEqual(parseOgm('+++123/4567/89003+++'), { ok: false, reason: 'check_digits' });
  assert.deepEqual(parseOgm('+++000/0000/00000+++'), { ok: false, reason: 'check_digits' });
  for (const input of ['+++123/4567/89002***', '+++123/4567/8900+++', '12345678900', '1234567890021', 'abc', '']) {
    assert.deepEqual(parseOgm(input), { ok: false, reason: 'format' }, input);
  }
});

test('should accept an RF reference in print or electronic form, in any case', () => {
  for (const input of ['RF18 5390 0754 7034', 'rf18539007547034', ' Rf18  5390 0754 7034 ']) {
    assert.deepEqual(parseRf(input), { ok: true, reference: { kind: 'rf', value: 'RF18539007547034' } }, input);
  }
});

test('should refuse RF references with bad check digits or shape', () => {
  assert.deepEqual(parseRf('RF19 5390 0754 7034'), { ok: false, reason: 'check_digits' });
  // 99 aliases 02 under mod 97: RF02… is not a valid reference of that base, and 99 never is.
  assert.deepEqual(parseRf('RF99539007547034'), { ok: false, reason: 'check_digits' });
  for (const input of ['RF18', 'RF1X5390', 'RF18 5390-0754', `RF18${'1'.repeat(22)}`, 'XX18539007547034']) {
    assert.deepEqual(parseRf(input), { ok: false, reason: 'format' }, input);
  }
  assert.throws(() => rfFromBase(''), RangeError);
  assert.throws(() => rfFromBase('A'.repeat(22)), RangeError);
  assert.throws(() => ogmFromBase('123456789'), RangeError);
});

test('should pick the reference kind from the text and print it back', () => {
  const rf = parsePaymentReference('rf18 5390 0754 7034');
  const ogm = parsePaymentReference('***090/9337/55493***');
  assert.ok(rf.ok && ogm.ok);
  assert.equal(formatPaymentReference(rf.reference), 'RF18 5390 0754 7034');
  assert.equal(formatPaymentReference(ogm.reference), '+++090/9337/55493+++');
});

test('every generated OGM validates (1,000,000 random bases)', () => {
  fc.assert(
    fc.property(ogmBase, (base) => {
      const check = parseOgm(ogmFromBase(base));
      return check.ok && check.reference.value.startsWith(base);
    }),
    { numRuns: MILLION },
  );
});

test('every generated RF reference validates, printed or electronic (1,000,000 random bases)', () => {
  fc.assert(
    fc.property(rfBase, (base) => {
      const reference = rfFromBase(base);
      return parseRf(reference).ok && parseRf(formatRf(reference).toLowerCase()).ok;
    }),
    { numRuns: MILLION },
  );
});

test('every single-digit change to an OGM is detected', () => {
  fc.assert(
    fc.property(ogmBase, (base) => {
      const digits = digitsOf(ogmFromBase(base));
      for (let at = 0; at < 12; at++) {
        for (const digit of '0123456789') {
          if (digit === digits[at]) continue;
          const changed = digits.slice(0, at) + digit + digits.slice(at + 1);
          assert.deepEqual(parseOgm(formatOgm(changed)), { ok: false, reason: 'check_digits' }, changed);
        }
      }
    }),
    { numRuns: 10_000 },
  );
});

test('every swap of two adjacent different digits in an OGM is detected', () => {
  fc.assert(
    fc.property(ogmBase, (base) => {
      const digits = digitsOf(ogmFromBase(base));
      for (let at = 0; at < 11; at++) {
        if (digits[at] === digits[at + 1]) continue;
        const swapped = digits.slice(0, at) + digits[at + 1] + digits[at] + digits.slice(at + 2);
        assert.equal(parseOgm(swapped).ok, false, swapped);
      }
    }),
    { numRuns: 10_000 },
  );
});

test('every single-character change to an RF reference is detected (digit for digit, letter for letter)', () => {
  // ISO 7064 MOD 97-10 guarantees this for same-class substitutions only: a letter counts as two
  // digits, so swapping a letter for a digit shifts the number and may, rarely, keep the check.
  const DIGITS = [...'0123456789'];
  const LETTERS = ALPHANUMERIC.slice(10);
  fc.assert(
    fc.property(rfBase, (base) => {
      const reference = rfFromBase(base);
      for (let at = 2; at < reference.length; at++) {
        const original = reference[at] ?? '';
        for (const other of DIGITS.includes(original) ? DIGITS : LETTERS) {
          if (other === original) continue;
          const changed = reference.slice(0, at) + other + reference.slice(at + 1);
          assert.equal(parseRf(changed).ok, false, changed);
        }
      }
    }),
    { numRuns: 5_000 },
  );
});

test('should find an OGM or RF reference hidden in remittance text', () => {
  assert.deepEqual(findReferenceInText('Commande +++090/9337/55493+++ merci'), [{ kind: 'ogm', value: '090933755493' }]);
  assert.deepEqual(findReferenceInText('rf18 5390 0754 7034'), [{ kind: 'rf', value: 'RF18539007547034' }]);
  assert.deepEqual(findReferenceInText('facture RF18539007547034, merci beaucoup'), [{ kind: 'rf', value: 'RF18539007547034' }]);
  assert.deepEqual(findReferenceInText('ref 090 9337 55493 du 3/2'), [{ kind: 'ogm', value: '090933755493' }]);
  assert.deepEqual(findReferenceInText('090933755493'), [{ kind: 'ogm', value: '090933755493' }]);
  assert.deepEqual(findReferenceInText('RF18 5390 0754 7034 RF98 INV2 0260 0012 3 merci +++090/9337/55493+++ RF18539007547034'), [
    { kind: 'rf', value: 'RF18539007547034' },
    { kind: 'rf', value: 'RF98INV2026000123' },
    { kind: 'ogm', value: '090933755493' },
  ]);
});

test('should ignore references with wrong check digits and numbers that only look like one', () => {
  assert.deepEqual(findReferenceInText('Commande +++090/9337/55494+++'), []);
  assert.deepEqual(findReferenceInText('RF19 5390 0754 7034'), []);
  // An IBAN and a longer number hold 12-digit runs, but not bounded by non-digits.
  assert.deepEqual(findReferenceInText('de BE68539007547034 / 1090933755493'), []);
  assert.deepEqual(findReferenceInText('SURF18539007547034'), []);
  assert.deepEqual(findReferenceInText(''), []);
});

test('a generated reference is found in any text around it', () => {
  const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzé,.:'), maxLength: 12 });
  const text = fc.array(word, { maxLength: 6 }).map((words) => words.join(' '));
  fc.assert(
    fc.property(text, ogmBase, rfBase, text, (before, base, body, after) => {
      const ogm = digitsOf(ogmFromBase(base));
      const rf = rfFromBase(body);
      assert.deepEqual(findReferenceInText(`${before} ${formatOgm(ogm)} ${after}`), [{ kind: 'ogm', value: ogm }]);
      // Words after an RF may give a second reading that also checks: the real one is among them.
      const found = findReferenceInText(`${before} ${formatRf(rf)} ${after}`);
      assert.ok(found.some((r) => r.kind === 'rf' && r.value === rf), `${rf} in ${JSON.stringify(found)}`);
    }),
    { numRuns: 5_000 },
  );
});

test('should read a credit\'s remittance in the matching order of LEGAL.md §A10', () => {
  const ogm = { kind: 'ogm', value: '090933755493' } as const;
  assert.deepEqual(readRemittance({ structuredReference: '090933755493', unstructured: 'RF18 5390 0754 7034' }), {
    status: 'found', source: 'structured', references: [ogm],
  });
  assert.deepEqual(readRemittance({ structuredReference: null, unstructured: 'Commande +++090/9337/55493+++ merci' }), {
    status: 'found', source: 'unstructured', references: [ogm],
  });
  // A structured reference of another kind (some banks put the payer's invoice id there) is skipped.
  assert.deepEqual(readRemittance({ structuredReference: 'INV-2026-17', unstructured: '090/9337/55493' }), {
    status: 'found', source: 'unstructured', references: [ogm],
  });
});

test('should send a structured reference with wrong check digits to review, whatever the free text says', () => {
  assert.deepEqual(readRemittance({ structuredReference: '090933755494', unstructured: '+++090/9337/55493+++' }), { status: 'invalid', raw: '090933755494' });
  assert.deepEqual(readRemittance({ structuredReference: 'RF19539007547034', unstructured: '' }), { status: 'invalid', raw: 'RF19539007547034' });
  assert.deepEqual(readRemittance({ structuredReference: null, unstructured: 'merci' }), { status: 'none' });
});
