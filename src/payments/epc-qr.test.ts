import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { create } from 'qrcode';
import { ValidationFailed } from '../kernel/errors.ts';
import { type Cents, cents } from '../kernel/money.ts';
import { EPC_MAX_PAYLOAD_BYTES, type EpcTransfer, epcQrPayload, epcQrPng, epcQrSvg, remittanceFor } from './epc-qr.ts';
import { rfFromBase } from './references.ts';

const transfer: EpcTransfer = {
  beneficiaryName: 'Cooperative Exemple SC',
  iban: 'BE68 5390 0754 7034',
  amount: cents(9580),
  remittance: { structured: 'RF18 5390 0754 7034' },
};

/** Reads the QR code in a PNG the way a banking app would, and returns its bytes as UTF-8. */
function decodePng(png: Buffer): { text: string; version: number } {
  const image = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  assert.ok(code, 'no QR code found in the image');
  return { text: Buffer.from(code.binaryData).toString('utf8'), version: code.version };
}

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ValidationFailed, String(error));
    return error.issues.map((i) => `${i.field}:${i.code}`);
  }
  assert.fail('expected ValidationFailed');
}

test('should build the example payload of LEGAL.md §A10, amount with 2 decimals, no trailing separator', () => {
  assert.equal(epcQrPayload(transfer), 'BCD\n002\n1\nSCT\n\nCooperative Exemple SC\nBE68539007547034\nEUR95.80\n\nRF18539007547034');
});

test('should find the exact payload when the PNG is decoded by a QR reader', async () => {
  const payload = epcQrPayload(transfer);
  assert.equal(decodePng(await epcQrPng(payload)).text, payload);
});

test('should keep accented names and free text byte for byte (character set 1, UTF-8)', async () => {
  const payload = epcQrPayload({
    beneficiaryName: 'Coopérative Éphémère « Le Comptoir »',
    iban: 'fr14 2004 1010 0505 0001 3m02 606',
    bic: 'psstfrppxxx',
    amount: cents(123_456),
    purpose: 'gdds',
    remittance: { unstructured: 'Commande COO-2026-000123 — merci !' },
    note: 'Paiement à réception',
  });
  assert.equal(
    payload,
    'BCD\n002\n1\nSCT\nPSSTFRPPXXX\nCoopérative Éphémère « Le Comptoir »\nFR1420041010050500013M02606\nEUR1234.56\nGDDS\n\nCommande COO-2026-000123 — merci !\nPaiement à réception',
  );
  assert.equal(decodePng(await epcQrPng(payload, { width: 300 })).text, payload);
});

test('should put an OGM in the unstructured line in its +++ form, and an RF in the structured line', () => {
  const ogm = epcQrPayload({ ...transfer, remittance: remittanceFor({ kind: 'ogm', value: '090933755493' }) });
  assert.equal(ogm.split('\n')[9], '');
  assert.equal(ogm.split('\n')[10], '+++090/9337/55493+++');
  const rf = epcQrPayload({ ...transfer, remittance: remittanceFor({ kind: 'rf', value: 'RF98INV2026000123' }) });
  assert.equal(rf.split('\n')[9], 'RF98INV2026000123');
  assert.equal(rf.split('\n').length, 10);
});

test('should fit a payload of the maximum 331 bytes in a version 13 symbol at level M, and read it back', async () => {
  const full = { ...transfer, bic: 'GEBABEBBXXX', beneficiaryName: 'N'.repeat(70), purpose: 'GDDS', note: 'n'.repeat(70) };
  const base = epcQrPayload({ ...full, remittance: { unstructured: 'x' } });
  const filler = 'x'.repeat(EPC_MAX_PAYLOAD_BYTES - Buffer.byteLength(base) + 1);
  const payload = epcQrPayload({ ...full, remittance: { unstructured: filler } });
  assert.equal(Buffer.byteLength(payload), EPC_MAX_PAYLOAD_BYTES);
  const symbol = create([{ mode: 'byte', data: Buffer.from(payload) }], { errorCorrectionLevel: 'M' });
  assert.ok(symbol.version <= 13, `version ${symbol.version}`);
  const decoded = decodePng(await epcQrPng(payload));
  assert.equal(decoded.text, payload);
  assert.ok(decoded.version <= 13);
});

test('should render an SVG of the same symbol', async () => {
  const svg = await epcQrSvg(epcQrPayload(transfer));
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /<path /);
});

test('should refuse amounts outside 0.01 to 999 999 999.99 EUR', () => {
  assert.deepEqual(issuesOf(() => epcQrPayload({ ...transfer, amount: cents(0) })), ['amount:amount_out_of_range']);
  assert.deepEqual(issuesOf(() => epcQrPayload({ ...transfer, amount: cents(-100) })), ['amount:amount_out_of_range']);
  assert.deepEqual(issuesOf(() => epcQrPayload({ ...transfer, amount: cents(100_000_000_000) })), ['amount:amount_out_of_range']);
  assert.deepEqual(issuesOf(() => epcQrPayload({ ...transfer, amount: 12.5 as Cents })), ['amount:amount_out_of_range']);
  assert.match(epcQrPayload({ ...transfer, amount: cents(1) }), /\nEUR0\.01\n/);
  assert.match(epcQrPayload({ ...transfer, amount: cents(99_999_999_999) }), /\nEUR999999999\.99\n/);
});

test('should list every bad field at once', () => {
  const issues = issuesOf(() =>
    epcQrPayload({
      beneficiaryName: ' ',
      iban: 'BE68 5390 0754 7035',
      bic: 'GEBA',
      amount: cents(100),
      purpose: 'TOOLONG',
      remittance: { structured: 'RF19 5390 0754 7034' },
      note: 'n'.repeat(71),
    }),
  );
  assert.deepEqual(issues, [
    'beneficiaryName:required',
    'iban:invalid_iban',
    'bic:invalid_bic',
    'purpose:invalid_value',
    'remittance:invalid_payment_reference',
    'note:too_long',
  ]);
});

test('should refuse a line break or control character that would shift the payload lines', () => {
  assert.deepEqual(issuesOf(() => epcQrPayload({ ...transfer, beneficiaryName: 'Evil\nBE00' })), ['beneficiaryName:invalid_value']);
  assert.deepEqual(issuesOf(() => epcQrPayload({ ...transfer, remittance: { unstructured: 'a\rb' } })), ['remittance:invalid_value']);
  assert.deepEqual(issuesOf(() => epcQrPayload({ ...transfer, note: 'tab\there' })), ['note:invalid_value']);
});

test('should refuse texts over their EPC lengths (70, 140 characters) and payloads over 331 bytes', () => {
  assert.deepEqual(issuesOf(() => epcQrPayload({ ...transfer, beneficiaryName: 'é'.repeat(71) })), ['beneficiaryName:too_long']);
  assert.ok(epcQrPayload({ ...transfer, beneficiaryName: 'é'.repeat(70) }));
  assert.deepEqual(issuesOf(() => epcQrPayload({ ...transfer, remittance: { unstructured: 'x'.repeat(141) } })), ['remittance:too_long']);
  // 70 + 140 + 70 characters of two bytes each fit their fields but not the symbol.
  const wide = { ...transfer, beneficiaryName: 'é'.repeat(70), remittance: { unstructured: 'é'.repeat(140) }, note: 'é'.repeat(70) };
  assert.deepEqual(issuesOf(() => epcQrPayload(wide)), ['remittance:epc_payload_too_large']);
});

test('should refuse to draw a payload over 331 bytes', async () => {
  await assert.rejects(epcQrPng('x'.repeat(332)), RangeError);
  await assert.rejects(epcQrSvg('é'.repeat(166)), RangeError);
});

test('every payload of a valid transfer has 2-decimal amounts, fits 331 bytes and keeps its fields in place', () => {
  const printable = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ABCDEFXYZ0123456789éèàçÉ€-/.,'), minLength: 1, maxLength: 40 });
  fc.assert(
    fc.property(printable, fc.integer({ min: 1, max: 99_999_999_999 }), fc.option(printable, { nil: undefined }), (name, amount, text) => {
      fc.pre(name.trim() !== '');
      const payload = epcQrPayload({ ...transfer, beneficiaryName: name, amount: cents(amount), remittance: text === undefined ? undefined : { unstructured: text } });
      const lines = payload.split('\n');
      assert.ok(Buffer.byteLength(payload) <= EPC_MAX_PAYLOAD_BYTES);
      assert.equal(lines[5], name.trim());
      assert.match(lines[7] ?? '', /^EUR\d{1,9}\.\d{2}$/);
      assert.equal(Number((lines[7] ?? '').slice(3).replace('.', '')), amount);
      assert.notEqual(lines.at(-1), '');
    }),
    { numRuns: 2_000 },
  );
});

test('random valid transfers decode back to their exact payload', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 99_999_999_999 }), fc.stringMatching(/^[A-Z0-9]{1,21}$/), async (amount, base) => {
      const payload = epcQrPayload({ ...transfer, amount: cents(amount), remittance: { structured: rfFromBase(base) } });
      assert.equal(decodePng(await epcQrPng(payload)).text, payload);
    }),
    { numRuns: 25 },
  );
});
