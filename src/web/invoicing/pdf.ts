/**
 * An invoice as a PDF (LEGAL.md §A8 mentions; issue 4 §1: while the order awaits a transfer, the
 * account, amount, reference and EPC QR code). Same fonts as the terms PDF: pdfkit's Helvetica
 * in WinAnsi, every string through `winAnsi()` so accents and € render. Reproducible: the dates
 * in the file's metadata are the issue date.
 */
import { money } from '../../kernel/i18n/money.ts';
import type { InvoiceParty } from '../../db/schema.ts';
import { type Lang, t } from '../../kernel/i18n/index.ts';
import { dateTimeFormat, numberFormat } from '../../kernel/intl.ts';
import { cents, netFromGross } from '../../kernel/money.ts';
import { loadPdfKit, winAnsi } from '../../legal/terms/pdf.ts';
import { epcQrPng } from '../../payments/epc-qr.ts';
import { type TransferInstructions, transferQrPayload } from '../../payments/transfer.ts';
import type { Shop } from '../../shops/service.ts';
import type { Invoice } from '../../invoicing/service.ts';

const LOCALES: Readonly<Record<Lang, string>> = { fr: 'fr-FR', en: 'en-GB', nl: 'nl-BE' };
const GREY = '#444444';
const LINE = '#999999';
const LEFT = 50;
const WIDTH = 495;

export const longDate = (lang: Lang, iso: string) => dateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
export const percent = (lang: Lang, bp: number) => `${numberFormat(LOCALES[lang]).format(bp / 100)} %`;

type Doc = PDFKit.PDFDocument;
export type Column = { width: number; align?: 'left' | 'right' };

/** One row of a table; returns the y under it. Long descriptions wrap; the row grows with them. */
export function row(doc: Doc, y: number, columns: readonly Column[], cells: readonly string[], bold = false): number {
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9).fillColor('black');
  let x = LEFT;
  let height = 0;
  columns.forEach((c, i) => {
    const text = winAnsi(cells[i] ?? '');
    const options = { width: c.width - 6, align: c.align ?? 'left' };
    doc.text(text, x + 3, y + 3, options);
    height = Math.max(height, doc.heightOfString(text, options));
    x += c.width;
  });
  return y + height + 6;
}

export function rule(doc: Doc, y: number): void {
  doc.moveTo(LEFT, y).lineTo(LEFT + WIDTH, y).lineWidth(0.5).strokeColor(LINE).stroke();
}

export function partyLines(lang: Lang, legalSystem: Shop['legalSystem'], p: InvoiceParty): string[] {
  const a = p.address;
  return [
    [p.name, p.legalForm].filter(Boolean).join(', '),
    p.company ?? '',
    a ? a.line1 : '',
    a ? `${a.postalCode} ${a.city} (${a.country})` : '',
    p.registrationNumber ? `${t(lang, `invoice.registration.${legalSystem}`)} ${p.registrationNumber}` : '',
    p.vatNumber ? `${t(lang, 'invoice.vatNumber')} ${p.vatNumber}` : '',
  ].filter((line) => line !== '');
}

function header(doc: Doc, lang: Lang, shop: Shop, invoice: Invoice): void {
  doc.font('Helvetica-Bold').fontSize(20).fillColor('black').text(winAnsi(`${t(lang, 'invoice.title')} ${t(lang, 'invoice.number')} ${invoice.number}`), LEFT, 50);
  doc.moveDown(0.4);
  doc.font('Helvetica').fontSize(10).fillColor(GREY);
  doc.text(winAnsi(`${t(lang, 'invoice.issuedOn')} : ${longDate(lang, invoice.issuedOn)}`));
  if (invoice.dueOn) doc.text(winAnsi(`${t(lang, 'invoice.dueOn')} : ${longDate(lang, invoice.dueOn)}`));
  doc.text(winAnsi(`${t(lang, 'invoice.order')} : ${invoice.orderNumber}`));
  const top = doc.y + 16;
  const block = (x: number, title: string, party: InvoiceParty) => {
    doc.font('Helvetica-Bold').fontSize(10).fillColor('black').text(winAnsi(title), x, top, { width: 230 });
    doc.font('Helvetica').fontSize(9.5).text(winAnsi(partyLines(lang, shop.legalSystem, party).join('\n')), x, doc.y + 2, { width: 230 });
    return doc.y;
  };
  const bottom = Math.max(block(LEFT, t(lang, 'invoice.seller'), invoice.seller), block(LEFT + 265, t(lang, 'invoice.buyer'), invoice.buyer));
  doc.y = bottom + 18;
}

const LINE_COLUMNS: readonly Column[] = [{ width: 225 }, { width: 40, align: 'right' }, { width: 80, align: 'right' }, { width: 50, align: 'right' }, { width: 100, align: 'right' }];

function linesTable(doc: Doc, lang: Lang, invoice: Invoice): void {
  let y = row(doc, doc.y, LINE_COLUMNS, [t(lang, 'invoice.line.description'), t(lang, 'invoice.line.quantity'), t(lang, 'invoice.line.unitPrice'), t(lang, 'invoice.line.vatRate'), t(lang, 'invoice.line.total')], true);
  rule(doc, y);
  for (const l of invoice.lines) {
    if (y > 700) {
      doc.addPage();
      y = 50;
    }
    const unitNet = netFromGross(cents(l.unitPriceCents), l.vatRateBp);
    y = row(doc, y, LINE_COLUMNS, [l.sku ? `${l.name} (${l.sku})` : l.name, String(l.quantity), money(lang, unitNet), percent(lang, l.vatRateBp), money(lang, l.totalCents)]);
  }
  rule(doc, y);
  doc.y = y + 14;
}

const VAT_COLUMNS: readonly Column[] = [{ width: 95 }, { width: 100, align: 'right' }, { width: 100, align: 'right' }, { width: 100, align: 'right' }];
const TOTAL_COLUMNS: readonly Column[] = [{ width: 395, align: 'right' }, { width: 100, align: 'right' }];

function vatAndTotals(doc: Doc, lang: Lang, invoice: Invoice): void {
  if (doc.y > 620) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(10).fillColor('black').text(winAnsi(t(lang, 'invoice.vat.heading')), LEFT, doc.y);
  let y = row(doc, doc.y + 2, VAT_COLUMNS, [t(lang, 'invoice.vat.rate'), t(lang, 'invoice.vat.net'), t(lang, 'invoice.vat.vat'), t(lang, 'invoice.totalGross')], true);
  rule(doc, y);
  for (const r of invoice.totals.byRate) y = row(doc, y, VAT_COLUMNS, [percent(lang, r.rateBp), money(lang, r.netCents), money(lang, r.vatCents), money(lang, r.grossCents)]);
  y += 10;
  const { totals } = invoice;
  y = row(doc, y, TOTAL_COLUMNS, [t(lang, 'invoice.totalNet'), money(lang, totals.netCents)]);
  y = row(doc, y, TOTAL_COLUMNS, [t(lang, 'invoice.totalVat'), money(lang, totals.vatCents)]);
  y = row(doc, y, TOTAL_COLUMNS, [t(lang, 'invoice.totalGross'), money(lang, totals.grossCents)], true);
  y = row(doc, y, TOTAL_COLUMNS, [t(lang, 'invoice.paid'), money(lang, invoice.paidCents)]);
  y = row(doc, y, TOTAL_COLUMNS, [t(lang, 'invoice.amountDue'), money(lang, invoice.amountDueCents)], true);
  doc.y = y + 16;
}

async function transferBlock(doc: Doc, lang: Lang, transfer: TransferInstructions): Promise<void> {
  const qr = await epcQrPng(transferQrPayload(transfer), { width: 240 });
  if (doc.y > 842 - 64 - 150) doc.addPage();
  const top = doc.y;
  doc.rect(LEFT, top, WIDTH, 140).lineWidth(0.8).strokeColor(LINE).stroke();
  doc.font('Helvetica-Bold').fontSize(11).fillColor('black').text(winAnsi(t(lang, 'invoice.transfer.heading')), LEFT + 10, top + 10, { width: 330 });
  const facts: [string, string][] = [
    [t(lang, 'transfer.beneficiary'), transfer.beneficiary],
    [t(lang, 'transfer.iban'), transfer.ibanText],
    [t(lang, 'transfer.bic'), transfer.bic],
    [t(lang, 'transfer.amount'), money(lang, transfer.amountCents)],
    [t(lang, `transfer.reference.${transfer.reference.kind}`), transfer.referenceText],
  ];
  let y = top + 30;
  for (const [label, value] of facts) {
    doc.font('Helvetica').fontSize(9.5).fillColor(GREY).text(winAnsi(label), LEFT + 10, y, { width: 130 });
    doc.font('Helvetica-Bold').fontSize(9.5).fillColor('black').text(winAnsi(value), LEFT + 140, y, { width: 215 });
    y += 15;
  }
  doc.font('Helvetica').fontSize(8).fillColor(GREY).text(winAnsi(t(lang, 'invoice.transfer.qr')), LEFT + 10, y + 4, { width: 345 });
  doc.image(qr, LEFT + WIDTH - 130, top + 10, { width: 120 });
  doc.y = top + 150;
}

function footers(doc: Doc, lang: Lang, invoice: Invoice): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not open a new page
    doc.font('Helvetica').fontSize(7).fillColor(GREY);
    doc.text(winAnsi(`${invoice.seller.name} — ${t(lang, 'invoice.title')} ${invoice.number}`), LEFT, 842 - 44, { width: WIDTH, lineBreak: false });
    doc.text(winAnsi(t(lang, 'invoice.pageOf', { page: i + 1, pages: range.count })), LEFT, 842 - 44, { width: WIDTH, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** `transfer`: the transfer still to make (null once paid, or for another means of payment). */
export async function renderInvoicePdf(invoice: Invoice, shop: Shop, transfer: TransferInstructions | null): Promise<Buffer> {
  const lang = shop.language;
  const issued = new Date(`${invoice.issuedOn}T00:00:00Z`);
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 64, left: LEFT, right: 50 },
    bufferPages: true,
    lang,
    info: { Title: winAnsi(`${t(lang, 'invoice.title')} ${invoice.number} — ${shop.name}`), Author: winAnsi(invoice.seller.name), Creator: 'Comptoir', Producer: 'Comptoir (pdfkit)', CreationDate: issued, ModDate: issued },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  header(doc, lang, shop, invoice);
  linesTable(doc, lang, invoice);
  vatAndTotals(doc, lang, invoice);
  if (transfer) await transferBlock(doc, lang, transfer);
  footers(doc, lang, invoice);
  doc.end();
  return done;
}
