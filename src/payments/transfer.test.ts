import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compliantVariant } from '../shops/profile/test-support.ts';
import { newOrderReference, orderReferenceSerial, transferInstructions, transferQrPayload } from './transfer.ts';
import { parseOgm, parseRf } from './references.ts';

test('should derive a valid OGM from the order serial and a valid RF from the order number', () => {
  assert.deepEqual(newOrderReference('ogm', { serial: 123, number: 'COO-2026-000123' }), { kind: 'ogm', value: '000000012326' });
  assert.equal(parseOgm('000000012326').ok, true);
  const rf = newOrderReference('rf', { serial: 123, number: 'DIS-2026-000123' });
  assert.equal(rf.value.slice(4), 'DIS2026000123');
  assert.equal(parseRf(rf.value).ok, true);
  assert.throws(() => newOrderReference('ogm', { serial: 10_000_000_000, number: 'X' }), RangeError);
});

test('should base a shop’s OGM on the order’s year and its serial in the shop’s series (issue 11 §9)', () => {
  // DIS-2026-000003: base 2026000003; 2026000003 mod 97 = 94 → +++202/6000/00394+++.
  assert.equal(orderReferenceSerial(2026, 3), 2026000003);
  assert.equal(newOrderReference('ogm', { serial: orderReferenceSerial(2026, 3), number: 'DIS-2026-000003' }).value, '202600000394');
  // The same serial a year later is another base: unique within the shop whatever the year.
  assert.notEqual(orderReferenceSerial(2027, 3), orderReferenceSerial(2026, 3));
  assert.throws(() => orderReferenceSerial(2026, 0), RangeError);
  assert.throws(() => orderReferenceSerial(2026, 1_000_000), RangeError);
});

test('should give distinct OGMs to distinct serials', () => {
  const seen = new Set<string>();
  for (let serial = 0; serial < 2000; serial++) seen.add(newOrderReference('ogm', { serial, number: '' }).value);
  assert.equal(seen.size, 2000);
});

test('should give transfer instructions only for a transfer order with a reference', () => {
  const profile = compliantVariant(() => {});
  const order = { paymentMethod: 'bank_transfer', paymentReference: 'RF98INV2026000123', amountDueCents: 9580 };
  const transfer = transferInstructions(profile, order);
  assert.ok(transfer);
  assert.equal(transfer.referenceText, 'RF98 INV2 0260 0012 3');
  assert.equal(transfer.ibanText, 'FR76 9999 9000 0100 0000 1234 537');
  assert.equal(transferQrPayload(transfer), 'BCD\n002\n1\nSCT\nDEMOFRP0\nDemo SAS\nFR7699999000010000001234537\nEUR95.80\n\nRF98INV2026000123');
  assert.equal(transferInstructions(profile, { ...order, paymentMethod: 'card' }), null);
  assert.equal(transferInstructions(profile, { ...order, paymentReference: null }), null);
});
