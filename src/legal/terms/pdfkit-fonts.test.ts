import assert from 'node:assert/strict';
import { test } from 'node:test';
import PDFDocument from 'pdfkit';
import { sharingStandardFonts, keepGlyphsOf } from './pdfkit-fonts.ts';

const LINE = 'Wetboek van economisch recht, boek VI, bijlage 2 — « Avoir » 12,50 €';

/** Text in several standard fonts, sizes and alignments, one of its lines kept; uncompressed so that a difference is readable. */
async function pdf(PDF: typeof PDFDocument): Promise<string> {
  const at = new Date('2026-06-25T08:00:00Z');
  const doc = new PDF({ size: 'A4', compress: false, info: { CreationDate: at, ModDate: at } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<string>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks).toString('latin1'))));
  doc.font('Times-Roman', 11).text(LINE, { lineBreak: false });
  doc.font('Helvetica-Bold').fontSize(16).text(LINE, 50, 120, { width: 200, align: 'justify' });
  doc.font('Helvetica-Oblique', 9).text(`${LINE} ${LINE}`, { width: 300, align: 'right' });
  doc.addPage().font('Courier').text(LINE, { continued: true }).font('Helvetica').text(' suite', { underline: true });
  doc.end();
  return done;
}

test('should give documents that share the standard fonts’ tables and kept lines the very bytes pdfkit gives alone', async () => {
  const expected = await pdf(PDFDocument);
  keepGlyphsOf(LINE);
  const Shared = sharingStandardFonts(PDFDocument);
  for (let i = 0; i < 3; i++) assert.equal(await pdf(Shared), expected, `document ${i + 1}`);
});

test('should build each standard font’s tables once, not in every document', () => {
  const Shared = sharingStandardFonts(PDFDocument);
  const tables = () => (new Shared().font('Helvetica-Oblique') as unknown as { _font: { font: object } })._font.font;
  assert.equal(tables(), tables());
  assert.notEqual(tables(), (new PDFDocument().font('Helvetica-Oblique') as unknown as { _font: { font: object } })._font.font);
});
