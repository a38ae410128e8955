import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { invoiceDueOn, invoiceLinesAndTotals, invoiceNumber, invoiceSeries, issueMoment, parseInvoiceNumber } from './rules.ts';

describe('invoice numbering', () => {
  test('should number F-<year>-<serial on 6 digits>', () => {
    assert.equal(invoiceNumber(2026, 1), 'F-2026-000001');
    assert.equal(invoiceNumber(2026, 999_999), 'F-2026-999999');
    assert.equal(invoiceNumber(2027, 1_000_000), 'F-2027-1000000');
  });

  test('should refuse a serial below 1 or a fraction, and a year that is not four digits', () => {
    for (const serial of [0, -1, 1.5, Number.NaN]) assert.throws(() => invoiceNumber(2026, serial), RangeError);
    assert.throws(() => invoiceNumber(26, 1), RangeError);
  });

  test('should read back the year and serial of its numbers, consecutive serials giving consecutive numbers', () => {
    const numbers = Array.from({ length: 12 }, (_, i) => invoiceNumber(2026, i + 1));
    assert.deepEqual(numbers.map((n) => parseInvoiceNumber(n)?.serial), Array.from({ length: 12 }, (_, i) => i + 1));
    assert.equal(new Set(numbers).size, 12);
    assert.equal(parseInvoiceNumber('COO-2026-000001'), null);
  });

  test('should put an invoice in the series of its shop-local issue year', () => {
    // 22:30 UTC on 31 Dec is 23:30 in Brussels, still 2026; 23:30 UTC is already 1 Jan 2027 there.
    const local = Temporal.Instant.from('2026-12-31T22:30:00Z').toZonedDateTimeISO('Europe/Brussels').toPlainDate();
    assert.equal(invoiceSeries(local), 2026);
    const newYear = Temporal.Instant.from('2026-12-31T23:30:00Z').toZonedDateTimeISO('Europe/Brussels').toPlainDate();
    assert.equal(invoiceSeries(newYear), 2027);
  });
});

describe('when and how an invoice is issued', () => {
  test('should invoice at order unless the profile says on payment (004 art.3 O8)', () => {
    assert.equal(issueMoment(undefined), 'order');
    assert.equal(issueMoment({}), 'order');
    assert.equal(issueMoment({ issuedAt: 'payment_received' }), 'payment_received');
  });

  test('should fall due at the end of the payment window, else on the issue date', () => {
    const on = Temporal.PlainDate.from('2026-03-02');
    assert.equal(invoiceDueOn({ payment_due_on: '2026-03-16' }, on), '2026-03-16');
    assert.equal(invoiceDueOn({ payment_due_on: null }, on), '2026-03-02');
  });

  test('should add delivery as a line and give the order’s totals per VAT rate', () => {
    const lines = [
      { sku: 'A', name: 'Livre', quantity: 2, unit_price_cents: 1055, vat_rate_bp: 600, total_cents: 2110 },
      { sku: 'B', name: 'Jeu', quantity: 1, unit_price_cents: 2420, vat_rate_bp: 2100, total_cents: 2420 },
    ];
    // 21.10 at 6 %: VAT 1.19; 24.20 + 5.00 at 21 %: VAT 4.20 + 0.87.
    const order = { shipping_cents: 500, net_cents: 2110 - 119 + 2920 - 507, vat_cents: 119 + 507, gross_cents: 5030 };
    const { lines: out, totals } = invoiceLinesAndTotals(lines, order, 2100, 'Livraison');
    assert.deepEqual(out.map((l) => [l.name, l.vatRateBp, l.totalCents]), [['Livre', 600, 2110], ['Jeu', 2100, 2420], ['Livraison', 2100, 500]]);
    assert.deepEqual(totals, {
      netCents: order.net_cents,
      vatCents: 626,
      grossCents: 5030,
      byRate: [
        { rateBp: 600, netCents: 1991, vatCents: 119, grossCents: 2110 },
        { rateBp: 2100, netCents: 2413, vatCents: 507, grossCents: 2920 },
      ],
    });
  });

  test('should tax delivery at 0 % when the order was an export without VAT', () => {
    const lines = [{ sku: 'A', name: 'Jeu', quantity: 1, unit_price_cents: 2000, vat_rate_bp: 0, total_cents: 2000 }];
    const { lines: out, totals } = invoiceLinesAndTotals(lines, { shipping_cents: 1500, net_cents: 3500, vat_cents: 0, gross_cents: 3500 }, 2000, 'Livraison');
    assert.equal(out[1]?.vatRateBp, 0);
    assert.deepEqual(totals.byRate, [{ rateBp: 0, netCents: 3500, vatCents: 0, grossCents: 3500 }]);
  });
});
