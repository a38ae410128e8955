import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { InvoiceLineJson } from '../db/schema.ts';
import { CreditExceedsInvoice, creditedSoFar, creditNoteContent, creditNoteNumber, parseCreditNoteNumber, spreadAmount } from './credit-note-rules.ts';

const lines: InvoiceLineJson[] = [
  { sku: 'SAV-1', name: 'Savon', quantity: 3, unitPriceCents: 333, vatRateBp: 2000, totalCents: 999 },
  { sku: 'MIEL', name: 'Miel', quantity: 1, unitPriceCents: 1250, vatRateBp: 550, totalCents: 1250 },
  { sku: '', name: 'Livraison', quantity: 1, unitPriceCents: 490, vatRateBp: 2000, totalCents: 490 },
];

describe('credit-note numbering', () => {
  test('should number AV-<year>-<serial on 6 digits>, a series apart from invoices', () => {
    assert.equal(creditNoteNumber(2026, 1), 'AV-2026-000001');
    assert.deepEqual(parseCreditNoteNumber('AV-2026-000042'), { year: 2026, serial: 42 });
    assert.equal(parseCreditNoteNumber('F-2026-000042'), null);
    assert.throws(() => creditNoteNumber(2026, 0), RangeError);
  });
});

describe('what a credit note credits', () => {
  test('should credit the whole invoice to the cent, VAT per rate as on the invoice', () => {
    const c = creditNoteContent(lines, new Map(), { full: true });
    assert.equal(c.totals.grossCents, 2739);
    // 20 %: 999 + 490 = 1489 → VAT 167 + 82 = 249 (per line, half-up); 5.5 %: 1250 → 65.
    assert.deepEqual(c.totals.byRate.map((r) => [r.rateBp, r.grossCents, r.vatCents]), [[550, 1250, 65], [2000, 1489, 249]]);
  });

  test('should credit one unit at its unit price, and the last units what is left of the line', () => {
    const first = creditNoteContent(lines, new Map(), { lines: [{ invoiceLine: 0, quantity: 1 }] });
    assert.equal(first.totals.grossCents, 333);
    const rest = creditNoteContent(lines, creditedSoFar([first.lines]), { lines: [{ invoiceLine: 0, quantity: 2 }] });
    assert.equal(rest.totals.grossCents, 666);
    const full = creditNoteContent(lines, creditedSoFar([first.lines, rest.lines]), { full: true });
    assert.deepEqual(full.lines.map((l) => l.invoiceLine), [1, 2], 'the soap is credited already');
  });

  test('should refuse more than what is left, and credit nothing when all is credited', () => {
    assert.throws(() => creditNoteContent(lines, new Map(), { lines: [{ invoiceLine: 1, quantity: 2 }] }), CreditExceedsInvoice);
    assert.throws(() => creditNoteContent(lines, new Map(), { lines: [{ invoiceLine: 1, amountCents: 1251 }] }), CreditExceedsInvoice);
    assert.throws(() => creditNoteContent(lines, new Map(), { lines: [{ invoiceLine: 7 }] }), CreditExceedsInvoice);
    const all = creditNoteContent(lines, new Map(), { full: true });
    assert.equal(creditNoteContent(lines, creditedSoFar([all.lines]), { full: true }).lines.length, 0);
  });

  test('property: credit notes in any split never credit more than the invoice, and a final full one completes it exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ line: fc.integer({ min: 0, max: 2 }), quantity: fc.integer({ min: 0, max: 3 }) }), { maxLength: 6 }), (steps) => {
        const done: ReturnType<typeof creditNoteContent>['lines'][] = [];
        for (const s of steps) {
          try {
            done.push(creditNoteContent(lines, creditedSoFar(done), { lines: [{ invoiceLine: s.line, quantity: s.quantity }] }).lines);
          } catch (e) {
            if (!(e instanceof CreditExceedsInvoice)) throw e;
          }
        }
        done.push(creditNoteContent(lines, creditedSoFar(done), { full: true }).lines);
        const total = done.flat().reduce((s, l) => s + l.totalCents, 0);
        assert.equal(total, 2739);
      }),
    );
  });

  test('should spread a price reduction of 15.00 € over the claimed lines in turn: 9.99 € of soap, then 5.01 € of honey', () => {
    const spread = spreadAmount(lines, new Map(), [0, 1], 1500);
    assert.deepEqual(spread, [{ invoiceLine: 0, amountCents: 999 }, { invoiceLine: 1, amountCents: 501 }]);
    const c = creditNoteContent(lines, new Map(), { lines: spread });
    assert.equal(c.totals.grossCents, 1500);
    assert.deepEqual(c.lines.map((l) => l.quantity), [0, 0], 'a reduction gives back no goods');
    assert.throws(() => spreadAmount(lines, new Map(), [0, 1], 2250), CreditExceedsInvoice);
  });
});
