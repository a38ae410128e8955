/**
 * The campaign's documents as PDF (issue 12 §5): tables on A4 pages, with pdfkit's Helvetica in
 * WinAnsi like the invoice and the terms (every string through `winAnsi()`), reproducible (the
 * file's dates are the given instant). A section starts a new page when asked (one picking list
 * or signature sheet per point and slot) and its table breaks across pages with its header.
 */
import { loadPdfKit, winAnsi } from '../legal/terms/pdf.ts';

export type PdfColumn = { label: string; width: number; align?: 'left' | 'right' };
export type PdfSection = { heading: string; lines?: string[]; columns: PdfColumn[]; rows: string[][]; total?: string[]; rowHeight?: number; newPage?: boolean };
export type PdfDoc = { title: string; author: string; subtitle: string[]; sections: PdfSection[]; at: Date; lang: string };

const LEFT = 50;
const BOTTOM = 780;

export async function tablesPdf(d: PdfDoc): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: LEFT, right: 50 },
    lang: d.lang,
    info: { Title: winAnsi(d.title), Author: winAnsi(d.author), Creator: 'Comptoir', Producer: 'Comptoir (pdfkit)', CreationDate: d.at, ModDate: d.at },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const top = () => {
    doc.font('Helvetica-Bold').fontSize(14).fillColor('black').text(winAnsi(d.title), LEFT, 50);
    doc.font('Helvetica').fontSize(9).fillColor('#444444');
    for (const s of d.subtitle) doc.text(winAnsi(s));
    return doc.y + 10;
  };
  let y = top();
  const row = (cells: readonly string[], columns: readonly PdfColumn[], bold: boolean, minHeight = 0) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9).fillColor('black');
    let x = LEFT;
    let height = minHeight;
    columns.forEach((c, i) => {
      const text = winAnsi(cells[i] ?? '');
      const options = { width: c.width - 6, align: c.align ?? 'left' };
      doc.text(text, x + 3, y + 3, options);
      height = Math.max(height, doc.heightOfString(text, options));
      x += c.width;
    });
    y += height + 6;
    const width = columns.reduce((n, c) => n + c.width, 0);
    doc.moveTo(LEFT, y).lineTo(LEFT + width, y).lineWidth(0.5).strokeColor('#999999').stroke();
  };
  d.sections.forEach((s, index) => {
    if ((s.newPage && index > 0) || y > BOTTOM - 80) {
      doc.addPage();
      y = top();
    }
    doc.font('Helvetica-Bold').fontSize(11).fillColor('black').text(winAnsi(s.heading), LEFT, y);
    doc.font('Helvetica').fontSize(9);
    for (const line of s.lines ?? []) doc.text(winAnsi(line));
    y = doc.y + 6;
    const header = () => row(s.columns.map((c) => c.label), s.columns, true);
    header();
    for (const r of s.rows) {
      if (y > BOTTOM - (s.rowHeight ?? 20)) {
        doc.addPage();
        y = top();
        header();
      }
      row(r, s.columns, false, s.rowHeight ?? 0);
    }
    if (s.total) row(s.total, s.columns, true);
    y += 14;
  });
  doc.end();
  return done;
}
