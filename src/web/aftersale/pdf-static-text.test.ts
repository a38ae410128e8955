import assert from 'node:assert/strict';
import { test } from 'node:test';
import PDFDocument from 'pdfkit';
import { loadPdfKit, winAnsi } from '../../legal/terms/pdf.ts';
import { loadStaticText, type TextStyle } from './pdf-static-text.ts';

const LONG = 'Je/Nous (*) vous notifie/notifions (*) par la présente ma/notre (*) rétractation du contrat portant sur la vente du bien (*)/pour la prestation de services (*) ci-dessous, pré-rempli : « œuvre », 12 €…';
const PARAGRAPHS: [string, TextStyle][] = [
  ['Modèle de formulaire de rétractation', { font: 'Helvetica-Bold', size: 16 }],
  [LONG, { font: 'Helvetica-Oblique', size: 10.5 }],
  [`— ${LONG} ${LONG}`, { font: 'Helvetica', size: 9.5 }],
];

/** A document's bytes, uncompressed so that a difference is readable; `startY` puts the paragraphs across a page break. */
async function pdf(PDF: typeof PDFDocument, draw: (doc: PDFKit.PDFDocument, text: string, style: TextStyle) => void, startY: number): Promise<string> {
  const at = new Date('2026-06-25T08:00:00Z');
  const doc = new PDF({ size: 'A4', margins: { top: 50, bottom: 50, left: 50, right: 50 }, compress: false, info: { CreationDate: at, ModDate: at } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<string>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks).toString('latin1'))));
  doc.y = startY;
  for (let i = 0; i < 3; i++) for (const [text, style] of PARAGRAPHS) draw(doc, text, style);
  doc.text('fin', 50, doc.y, { width: 495 });
  doc.end();
  return done;
}

const byPdfkit = (doc: PDFKit.PDFDocument, text: string, style: TextStyle) => doc.font(style.font).fontSize(style.size).text(winAnsi(text), 50, doc.y, { width: 495 });

test('should draw a constant paragraph as the very bytes pdfkit’s own wrapping draws, across a page break too, document after document', async () => {
  const [PDF, staticText] = await Promise.all([loadPdfKit(), loadStaticText()]);
  const byLines = (doc: PDFKit.PDFDocument, text: string, style: TextStyle) => staticText(doc, text, style, 50, 495);
  for (const startY of [50, 610, 700]) {
    const expected = await pdf(PDFDocument, byPdfkit, startY);
    for (let i = 0; i < 2; i++) assert.equal(await pdf(PDF, byLines, startY), expected, `from y ${startY}, document ${i + 1}`);
  }
});
