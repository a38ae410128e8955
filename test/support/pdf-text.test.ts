/**
 * The tests' PDF reader must not lose a page whose compressed stream ends in a carriage return:
 * CI once failed a withdrawal acknowledgement because the time printed on it made its page's
 * deflated bytes end in 0x0d. Embedded database only: scripts/run-tests.mjs leaves this file out
 * of the PostgreSQL run (it opens no database).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { pdfText } from './pdf-text.ts';

const hex = (text: string) => Buffer.from(text, 'latin1').toString('hex');

/** A PDF body as pdfkit writes one: a dictionary with /Length, then the deflated page. */
function pdfWithPage(page: Buffer): Buffer {
  const head = Buffer.from(`%PDF-1.3\n4 0 obj\n<<\n/Length ${page.length}\n/Filter /FlateDecode\n>>\nstream\n`, 'latin1');
  return Buffer.concat([head, page, Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1')]);
}

test('should read a page whose deflated stream ends in a carriage return', () => {
  let found: { text: string; page: Buffer } | undefined;
  // The last byte is the low byte of the Adler-32 sum of the text's bytes: vary the sum widely.
  for (let i = 0; !found && i < 10_000; i++) {
    const text = `Rétractation reçue le 05/12/2026 ${i}${'.'.repeat(i % 97)}`;
    const page = deflateSync(Buffer.from(`BT <${hex(text)}> Tj ET`, 'latin1'));
    if (page.at(-1) === 0x0d) found = { text, page };
  }
  assert.ok(found, 'some text deflates to bytes ending in \\r');
  assert.equal(pdfText(pdfWithPage(found.page)), found.text);
});

test('should read TJ pieces as one text and separate operators by a space', () => {
  const page = deflateSync(Buffer.from(`BT [<${hex('Décla')}> -20 <${hex('ration')}>] TJ <${hex('Salomé')}> Tj ET`, 'latin1'));
  assert.equal(pdfText(pdfWithPage(page)), 'Déclaration Salomé');
});
