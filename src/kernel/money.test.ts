import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  cents,
  centsToDecimalString,
  formatEuros,
  lineTotal,
  netFromGross,
  totalsByRate,
  vatFromGross,
  vatFromNet,
  type BasisPoints,
} from './money.ts';

// Rates seen in FR and BE law (LEGAL §A9), plus 0 % for exports.
const RATES: BasisPoints[] = [0, 210, 550, 600, 1000, 1200, 2000, 2100];
const rateArb = fc.constantFrom(...RATES);
const grossArb = fc.integer({ min: 0, max: 1_000_000_000 });

/** Intl uses no-break spaces; compare with plain spaces. */
const plainSpaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('cents', () => {
  test('should accept whole numbers of cents', () => {
    assert.equal(cents(1250), 1250);
    assert.equal(cents(-5), -5);
  });

  test('should turn negative zero into zero', () => {
    assert.ok(Object.is(cents(-0), 0));
  });

  test('should reject fractions, NaN and unsafe integers', () => {
    for (const bad of [12.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      assert.throws(() => cents(bad), RangeError);
    }
  });
});

describe('half-up rounding (SPEC §0.3, AS-12)', () => {
  test('should round 103.385 to 103.39, not to the even 103.38', () => {
    // 1033.85 HT at 10 % gives exactly 103.385 of VAT.
    assert.equal(vatFromNet(cents(103385), 1000), 10339);
    // 620.31 TTC at 20 % contains exactly 103.385 of VAT.
    assert.equal(vatFromGross(cents(62031), 2000), 10339);
    assert.equal(netFromGross(cents(62031), 2000), 51692);
  });

  test('should round an exact half cent away from zero for negative amounts', () => {
    assert.equal(vatFromNet(cents(-103385), 1000), -10339);
    assert.equal(vatFromGross(cents(-62031), 2000), -10339);
  });

  test('should convert 29.90 TTC at 20 % to 24.92 HT (AS-71)', () => {
    assert.equal(netFromGross(cents(2990), 2000), 2492);
    assert.equal(vatFromGross(cents(2990), 2000), 498);
  });

  test('should round the VAT up and the net down when both sides are half a cent', () => {
    // 0.03 TTC at 20 %: exact net 0.025, exact VAT 0.005.
    assert.equal(vatFromGross(cents(3), 2000), 1);
    assert.equal(netFromGross(cents(3), 2000), 2);
  });

  test('should reject a rate that is not a whole number of basis points', () => {
    assert.throws(() => vatFromNet(cents(100), 20.5), RangeError);
    assert.throws(() => vatFromGross(cents(100), -1), RangeError);
  });
});

describe('VAT properties', () => {
  test('should split every gross amount so that net + vat = gross exactly', () => {
    fc.assert(
      fc.property(grossArb, rateArb, (g, r) => {
        const gross = cents(g);
        assert.equal(netFromGross(gross, r) + vatFromGross(gross, r), g);
      }),
      { numRuns: 5000 },
    );
  });

  test('should never move VAT on a gross amount more than half a cent from the exact value', () => {
    fc.assert(
      fc.property(grossArb, rateArb, (g, r) => {
        // exact VAT = g·r / (10000 + r); compare numerators over that denominator.
        const den = BigInt(10_000 + r);
        const error = BigInt(vatFromGross(cents(g), r)) * den - BigInt(g) * BigInt(r);
        assert.ok(2n * (error < 0n ? -error : error) <= den);
        // an exact half is resolved upwards (half-up)
        assert.notEqual(2n * error, -den);
      }),
      { numRuns: 5000 },
    );
  });

  test('should never move VAT on a net amount more than half a cent from the exact value', () => {
    fc.assert(
      fc.property(grossArb, rateArb, (n, r) => {
        const error = BigInt(vatFromNet(cents(n), r)) * 10_000n - BigInt(n) * BigInt(r);
        assert.ok(2n * (error < 0n ? -error : error) <= 10_000n);
        assert.notEqual(2n * error, -10_000n);
      }),
      { numRuns: 5000 },
    );
  });

  test('should round negative amounts as the mirror image of positive ones', () => {
    fc.assert(
      fc.property(grossArb, rateArb, (g, r) => {
        assert.equal(vatFromGross(cents(-g), r), cents(-vatFromGross(cents(g), r)));
        assert.equal(vatFromNet(cents(-g), r), cents(-vatFromNet(cents(g), r)));
      }),
    );
  });
});

describe('lineTotal', () => {
  test('should multiply a unit price by a whole quantity', () => {
    assert.equal(lineTotal(cents(350), 4), 1400);
    assert.equal(lineTotal(cents(350), 0), 0);
  });

  test('should reject fractional quantities and overflowing totals', () => {
    assert.throws(() => lineTotal(cents(350), 1.5), RangeError);
    assert.throws(() => lineTotal(cents(2 ** 40), 2 ** 20), RangeError);
  });
});

describe('totalsByRate', () => {
  test('should compute VAT per line and sum the lines (SPEC A-71)', () => {
    // Three lines of 0.03 TTC at 20 %: per line VAT 0.01, so 0.03 in total,
    // where VAT on the summed 0.09 would be 0.015 → 0.02.
    const lines = [
      { grossCents: cents(3), vatRateBp: 2000 },
      { grossCents: cents(3), vatRateBp: 2000 },
      { grossCents: cents(3), vatRateBp: 2000 },
      { grossCents: cents(1055), vatRateBp: 550 },
    ];
    const totals = totalsByRate(lines);
    assert.deepEqual(totals.byRate, [
      { rateBp: 550, net: 1000, vat: 55, gross: 1055 },
      { rateBp: 2000, net: 6, vat: 3, gross: 9 },
    ]);
    assert.deepEqual(totals.total, { net: 1006, vat: 58, gross: 1064 });
  });

  test('should return zero totals for no lines', () => {
    assert.deepEqual(totalsByRate([]), { byRate: [], total: { net: 0, vat: 0, gross: 0 } });
  });

  test('should keep net + vat = gross and totals equal to the sum of lines', () => {
    const lineArb = fc.record({
      grossCents: fc.integer({ min: -1_000_000, max: 1_000_000 }).map(cents),
      vatRateBp: rateArb,
    });
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 40 }), (lines) => {
        const { byRate, total } = totalsByRate(lines);
        const sum = (f: (l: (typeof lines)[number]) => number) =>
          lines.reduce((acc, l) => acc + f(l), 0);
        assert.equal(total.gross, sum((l) => l.grossCents));
        assert.equal(total.vat, sum((l) => vatFromGross(l.grossCents, l.vatRateBp)));
        assert.equal(total.net + total.vat, total.gross);
        for (const r of byRate) assert.equal(r.net + r.vat, r.gross);
      }),
    );
  });
});

describe('formatEuros', () => {
  test('should format with the locale conventions of fr, en and nl', () => {
    assert.equal(plainSpaces(formatEuros(cents(1250), 'fr')), '12,50 €');
    assert.equal(formatEuros(cents(1250), 'en'), '€12.50');
    assert.equal(plainSpaces(formatEuros(cents(1250), 'nl')), '€ 12,50');
  });

  test('should format large and negative amounts without float drift', () => {
    assert.equal(plainSpaces(formatEuros(cents(123456789), 'fr-FR')), '1 234 567,89 €');
    assert.equal(formatEuros(cents(-5), 'en'), '-€0.05');
    assert.equal(formatEuros(cents(Number.MAX_SAFE_INTEGER), 'en'), '€90,071,992,547,409.91');
  });

  test('should build one NumberFormat per locale, not one per amount (issue 9: 19 % of a catalogue page)', () => {
    const Original = Intl.NumberFormat;
    let built = 0;
    Intl.NumberFormat = new Proxy(Original, {
      construct(target, args) {
        built += 1;
        return Reflect.construct(target, args);
      },
    });
    try {
      for (let i = 0; i < 100; i++) assert.equal(plainSpaces(formatEuros(cents(i * 100), 'de-BE')), `${i},00 €`);
    } finally {
      Intl.NumberFormat = Original;
    }
    assert.ok(built <= 1, `${built} formatters built for 100 amounts`);
  });

  test('should write cents as an exact decimal string', () => {
    assert.equal(centsToDecimalString(cents(1250)), '12.50');
    assert.equal(centsToDecimalString(cents(-5)), '-0.05');
    assert.equal(centsToDecimalString(cents(0)), '0.00');
  });
});
