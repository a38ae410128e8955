import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { isWorkingDay } from '../kernel/calendar.ts';
import {
  conformityWarranty,
  guaranteeInformationBox,
  hiddenDefectClaimEndsOn,
  priceReductionCents,
  warrantyRefundCap,
  warrantyRefundDueOn,
  type ConformityInput,
} from './warranty-rules.ts';

const d = (iso: string) => Temporal.PlainDate.from(iso);
const ends = (input: ConformityInput) => {
  const w = conformityWarranty(input);
  return [w.endsOn.toString(), w.presumptionEndsOn.toString(), w.months, w.presumptionMonths];
};

describe('LEGAL §A4: legal conformity warranty, 2 years from delivery', () => {
  test('FR new goods delivered Mon 2026-03-02: warranty and presumption (L217-7, 24 months) to 2028-03-02', () => {
    assert.deepEqual(ends({ country: 'FR', deliveredOn: d('2026-03-02'), condition: 'new' }), ['2028-03-02', '2028-03-02', 24, 24]);
  });

  test('FR second-hand or refurbished goods: 2-year warranty, 12-month presumption, to 2027-03-02', () => {
    for (const condition of ['second_hand', 'refurbished'] as const) {
      assert.deepEqual(ends({ country: 'FR', deliveredOn: d('2026-03-02'), condition }), ['2028-03-02', '2027-03-02', 24, 12]);
    }
  });

  test('FR second-hand contracts before 2022 keep the old 6-month presumption', () => {
    assert.deepEqual(
      ends({ country: 'FR', deliveredOn: d('2022-01-10'), concludedOn: d('2021-12-20'), condition: 'second_hand' }),
      ['2024-01-10', '2022-07-10', 24, 6],
    );
  });

  test('BE since 1 June 2022: 2 years with a 2-year presumption (law of 20 March 2022)', () => {
    assert.deepEqual(ends({ country: 'BE', deliveredOn: d('2026-09-04'), condition: 'new' }), ['2028-09-04', '2028-09-04', 24, 24]);
    assert.deepEqual(
      ends({ country: 'BE', deliveredOn: d('2022-06-10'), concludedOn: d('2022-05-20'), condition: 'new' }),
      ['2024-06-10', '2022-12-10', 24, 6],
    );
  });

  test('BE second-hand goods may carry an agreed shorter guarantee, never below one year', () => {
    assert.deepEqual(
      ends({ country: 'BE', deliveredOn: d('2026-09-04'), condition: 'second_hand', agreedSecondHandMonths: 12 }),
      ['2027-09-04', '2027-09-04', 12, 12],
    );
    assert.throws(() => conformityWarranty({ country: 'BE', deliveredOn: d('2026-09-04'), condition: 'second_hand', agreedSecondHandMonths: 6 }), RangeError);
  });

  test('should end a warranty of goods delivered on 29 February on 28 February two years later', () => {
    assert.deepEqual(ends({ country: 'FR', deliveredOn: d('2028-02-29'), condition: 'new' }), ['2030-02-28', '2030-02-28', 24, 24]);
  });

  test('should move an end on a Saturday, Sunday or holiday when the shop’s calendar is given', () => {
    // Delivered Tue 2026-07-14 → Fri 2028-07-14, Bastille Day → Mon 2028-07-17.
    assert.equal(conformityWarranty({ country: 'FR', deliveredOn: d('2026-07-14'), condition: 'new', jurisdictions: [{ country: 'FR' }] }).endsOn.toString(), '2028-07-17');
    assert.equal(conformityWarranty({ country: 'FR', deliveredOn: d('2026-07-14'), condition: 'new' }).endsOn.toString(), '2028-07-14');
  });
});

describe('LEGAL §A4: hidden defects (C. civ. 1648, 2232)', () => {
  test('should allow 2 years from discovery: found 2027-05-10 → 2029-05-10', () => {
    assert.equal(hiddenDefectClaimEndsOn({ discoveredOn: d('2027-05-10'), soldOn: d('2026-03-02') }).toString(), '2029-05-10');
  });

  test('should stop at the 20-year long-stop from the sale', () => {
    assert.equal(hiddenDefectClaimEndsOn({ discoveredOn: d('2045-06-01'), soldOn: d('2026-03-02') }).toString(), '2046-03-02');
  });
});

describe('the D.211-2 guarantee box, as data', () => {
  test('FR: the French text is the official one and names the 2 years, L. 217-1 to L. 217-32, L. 241-5 and 1641–1649', () => {
    const box = guaranteeInformationBox('FR', 'fr');
    assert.equal(box.official, true);
    const text = box.paragraphs.join('\n');
    assert.match(text, /^Le consommateur dispose d'un délai de deux ans à compter de la délivrance du bien/);
    for (const ref of ['L. 217-1 à L. 217-32', 'L. 241-5', '300 000 euros', 'articles 1641 à 1649 du code civil', 'extension de six mois']) {
      assert.ok(text.includes(ref), ref);
    }
  });

  test('FR: the English and Dutch versions are translations, paragraph for paragraph', () => {
    const fr = guaranteeInformationBox('FR', 'fr').paragraphs;
    for (const lang of ['en', 'nl'] as const) {
      const box = guaranteeInformationBox('FR', lang);
      assert.equal(box.official, false);
      assert.equal(box.paragraphs.length, fr.length);
      assert.ok(box.paragraphs.some((p) => p.includes('L. 241-5')));
    }
  });

  test('BE: a summary of 1649bis ff. in each language, none of it statutory wording', () => {
    for (const lang of ['fr', 'en', 'nl'] as const) {
      const box = guaranteeInformationBox('BE', lang);
      assert.equal(box.official, false);
      assert.ok(box.paragraphs.join(' ').includes('1649bis'));
    }
  });
});

describe('properties of the warranty', () => {
  const FIRST = d('2022-06-01');
  const dateArb = fc.integer({ min: 0, max: 4000 }).map((i) => FIRST.add({ days: i }));
  test('should end no earlier than the presumption, and on a working day when a calendar is given', () => {
    fc.assert(
      fc.property(dateArb, fc.constantFrom('FR' as const, 'BE' as const), fc.constantFrom('new' as const, 'second_hand' as const, 'refurbished' as const), (deliveredOn, country, condition) => {
        const w = conformityWarranty({ country, deliveredOn, condition, jurisdictions: [{ country }] });
        assert.ok(Temporal.PlainDate.compare(w.presumptionEndsOn, w.endsOn) <= 0);
        assert.ok(Temporal.PlainDate.compare(w.endsOn, deliveredOn.add({ years: 2 }, { overflow: 'constrain' })) >= 0);
        assert.ok(isWorkingDay(w.endsOn, { country }));
      }),
      { numRuns: 500 },
    );
  });
});

describe('issue 10 §4: the money of a warranty refund or price reduction', () => {
  test('a 30 % price reduction on 123.45 € is 37.04 € (37.035 rounded half up); 30 % of 39.90 € is 11.97 €', () => {
    assert.equal(priceReductionCents(12345, 3000), 3704);
    assert.equal(priceReductionCents(3990, 3000), 1197);
    assert.equal(priceReductionCents(3990, 10_000), 3990);
    assert.equal(priceReductionCents(1, 5000), 1, '0.5 cent rounds up');
    assert.equal(priceReductionCents(1, 4999), 0);
  });

  test('a reduction outside 0.01 %–100 % is a programming error', () => {
    assert.throws(() => priceReductionCents(100, 0), RangeError);
    assert.throws(() => priceReductionCents(100, 10_001), RangeError);
    assert.throws(() => priceReductionCents(-1, 100), RangeError);
  });

  test('property: a reduction never exceeds its base and grows with the percentage', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 9_999 }), (base, bp) => {
        const a = priceReductionCents(base, bp);
        const b = priceReductionCents(base, bp + 1);
        return a >= 0 && a <= b && b <= base && Math.abs(a * 10_000 - base * bp) <= 5_000;
      }),
    );
  });

  test('the cap is what is left of the lines, never more than what may still be refunded', () => {
    assert.equal(warrantyRefundCap({ linesLeftCents: 3990, refundableCents: 4980 }), 3990, 'the line, not the delivery');
    assert.equal(warrantyRefundCap({ linesLeftCents: 3990, refundableCents: 1000 }), 1000, 'partly refunded already');
    assert.equal(warrantyRefundCap({ linesLeftCents: 3990, refundableCents: -5 }), 0);
  });

  test('due 7 days after the finding under 004 (P7D); 14 days in France without a window (L217-17); no day in Belgium', () => {
    assert.equal(warrantyRefundDueOn(d('2027-06-03'), 'P7D', 'FR')?.toString(), '2027-06-10');
    assert.equal(warrantyRefundDueOn(d('2027-06-03'), null, 'FR')?.toString(), '2027-06-17');
    assert.equal(warrantyRefundDueOn(d('2027-06-03'), undefined, 'BE'), null);
  });
});
