/**
 * A credit note as a PDF (issue 10 §6, LEGAL.md §A8): its own number and date, the invoice it
 * credits, the reason, the lines and VAT credited, and the mention of the VAT to adjust (BE: "TVA
 * à reverser à l'État…"). Same layout and fonts as the invoice (pdf.ts); reproducible (the file's
 * dates are the issue date).
 */
import type { CreditNote } from '../../invoicing/credit-notes.ts';
import { type Lang, t } from '../../kernel/i18n/index.ts';
import { money } from '../../kernel/i18n/money.ts';
import { cents, netFromGross } from '../../kernel/money.ts';
import { loadPdfKit, winAnsi } from '../../legal/terms/pdf.ts';
import type { Shop } from '../../shops/service.ts';
import { type Column, longDate, partyLines, percent, row, rule } from './pdf.ts';

const GREY = '#444444';
const LEFT = 50;
const WIDTH = 495;
type Doc = PDFKit.PDFDocument;

export const creditNoteTitle = (lang: Lang, shop: Pick<Shop, 'legalSystem'>) => t(lang, shop.legalSystem === 'BE' ? 'creditNote.title.BE' : 'creditNote.title.FR');

function header(doc: Doc, lang: Lang, shop: Shop, note: CreditNote): void {
  doc.font('Helvetica-Bold').fontSize(20).fillColor('black').text(winAnsi(`${creditNoteTitle(lang, shop)} ${t(lang, 'invoice.number')} ${note.number}`), LEFT, 50);
  doc.moveDown(0.4);
  doc.font('Helvetica').fontSize(10).fillColor(GREY);
  doc.text(winAnsi(`${t(lang, 'creditNote.issuedOn')} : ${longDate(lang, note.issuedOn)}`));
  doc.text(winAnsi(`${t(lang, 'creditNote.invoice')} : ${t(lang, 'invoice.title')} ${t(lang, 'creditNote.invoiceOf', { number: note.invoiceNumber })}`));
  doc.text(winAnsi(`${t(lang, 'invoice.order')} : ${note.orderNumber}`));
  doc.text(winAnsi(`${t(lang, 'creditNote.reasonLabel')} : ${t(lang, `creditNote.reason.${note.reason}`)}${note.note ? ` — ${note.note}` : ''}`));
  const top = doc.y + 16;
  const block = (x: number, title: string, party: CreditNote['seller']) => {
    doc.font('Helvetica-Bold').fontSize(10).fillColor('black').text(winAnsi(title), x, top, { width: 230 });
    doc.font('Helvetica').fontSize(9.5).text(winAnsi(partyLines(lang, shop.legalSystem, party).join('\n')), x, doc.y + 2, { width: 230 });
    return doc.y;
  };
  const bottom = Math.max(block(LEFT, t(lang, 'invoice.seller'), note.seller), block(LEFT + 265, t(lang, 'invoice.buyer'), note.buyer));
  doc.y = bottom + 18;
}

const LINE_COLUMNS: readonly Column[] = [{ width: 225 }, { width: 40, align: 'right' }, { width: 80, align: 'right' }, { width: 50, align: 'right' }, { width: 100, align: 'right' }];
const VAT_COLUMNS: readonly Column[] = [{ width: 95 }, { width: 100, align: 'right' }, { width: 100, align: 'right' }, { width: 100, align: 'right' }];
const TOTAL_COLUMNS: readonly Column[] = [{ width: 395, align: 'right' }, { width: 100, align: 'right' }];

function body(doc: Doc, lang: Lang, shop: Shop, note: CreditNote): void {
  let y = row(doc, doc.y, LINE_COLUMNS, [t(lang, 'invoice.line.description'), t(lang, 'invoice.line.quantity'), t(lang, 'invoice.line.unitPrice'), t(lang, 'invoice.line.vatRate'), t(lang, 'invoice.line.total')], true);
  rule(doc, y);
  for (const l of note.lines) {
    if (y > 700) {
      doc.addPage();
      y = 50;
    }
    y = row(doc, y, LINE_COLUMNS, [l.sku ? `${l.name} (${l.sku})` : l.name, String(l.quantity), money(lang, netFromGross(cents(l.unitPriceCents), l.vatRateBp)), percent(lang, l.vatRateBp), money(lang, l.totalCents)]);
  }
  rule(doc, y);
  doc.y = y + 14;
  if (doc.y > 620) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(10).fillColor('black').text(winAnsi(t(lang, 'invoice.vat.heading')), LEFT, doc.y);
  y = row(doc, doc.y + 2, VAT_COLUMNS, [t(lang, 'invoice.vat.rate'), t(lang, 'invoice.vat.net'), t(lang, 'invoice.vat.vat'), t(lang, 'invoice.totalGross')], true);
  rule(doc, y);
  for (const r of note.totals.byRate) y = row(doc, y, VAT_COLUMNS, [percent(lang, r.rateBp), money(lang, r.netCents), money(lang, r.vatCents), money(lang, r.grossCents)]);
  y += 10;
  y = row(doc, y, TOTAL_COLUMNS, [t(lang, 'invoice.totalNet'), money(lang, note.totals.netCents)]);
  y = row(doc, y, TOTAL_COLUMNS, [t(lang, 'invoice.totalVat'), money(lang, note.totals.vatCents)]);
  y = row(doc, y, TOTAL_COLUMNS, [t(lang, 'creditNote.totalCredited'), money(lang, note.totals.grossCents)], true);
  doc.font('Helvetica').fontSize(8.5).fillColor(GREY).text(winAnsi(t(lang, shop.legalSystem === 'BE' ? 'creditNote.mention.BE' : 'creditNote.mention.FR')), LEFT, y + 16, { width: WIDTH });
}

function footers(doc: Doc, lang: Lang, shop: Shop, note: CreditNote): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7).fillColor(GREY);
    doc.text(winAnsi(`${note.seller.name} — ${creditNoteTitle(lang, shop)} ${note.number}`), LEFT, 842 - 44, { width: WIDTH, lineBreak: false });
    doc.text(winAnsi(t(lang, 'invoice.pageOf', { page: i + 1, pages: range.count })), LEFT, 842 - 44, { width: WIDTH, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

export async function renderCreditNotePdf(note: CreditNote, shop: Shop): Promise<Buffer> {
  const lang = shop.language;
  const issued = new Date(`${note.issuedOn}T00:00:00Z`);
  const PDFDocument = await loadPdfKit();
  const title = `${creditNoteTitle(lang, shop)} ${note.number} — ${shop.name}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 64, left: LEFT, right: 50 },
    bufferPages: true,
    lang,
    info: { Title: winAnsi(title), Author: winAnsi(note.seller.name), Creator: 'Comptoir', Producer: 'Comptoir (pdfkit)', CreationDate: issued, ModDate: issued },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  header(doc, lang, shop, note);
  body(doc, lang, shop, note);
  footers(doc, lang, shop, note);
  doc.end();
  return done;
}
