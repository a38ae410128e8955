/**
 * The withdrawal statement as a PDF: the acknowledgement's durable copy (L221-21), laid out like
 * the model form of Annex R221-1 / CDE Book VI annex 2 — to the trader, the notice, the goods,
 * ordered on, the consumer's name and address, the date — plus the date and time it was sent,
 * the period, the return and the refund. pdfkit's Helvetica in WinAnsi, as the terms and
 * invoices. Reproducible: the file's dates are the withdrawal's.
 */
import type { AcceptedTermsJson } from '../../db/schema.ts';
import { type Lang, t } from '../../kernel/i18n/index.ts';
import { loadPdfKit, winAnsi } from '../../legal/terms/pdf.ts';
import type { Shop } from '../../shops/service.ts';
import { acknowledgement } from './acknowledgement.ts';
import { addressLine } from '../../aftersale/format.ts';
import type { WithdrawalRow } from '../../aftersale/queries.ts';

const LEFT = 50;
const WIDTH = 495;
const GREY = '#444444';

export async function renderWithdrawalPdf(lang: Lang, shop: Shop, w: WithdrawalRow, terms: AcceptedTermsJson): Promise<Buffer> {
  const ack = acknowledgement(lang, shop, w, terms);
  const when = w.notified_at ?? new Date(`${w.notified_on}T12:00:00Z`);
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 60, left: LEFT, right: 50 },
    lang,
    info: { Title: winAnsi(`${t(lang, 'withdrawal.pdf.title')} — ${ack.statement.order.number}`), Author: winAnsi(shop.name), Creator: 'Comptoir', Producer: 'Comptoir (pdfkit)', CreationDate: when, ModDate: when },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const text = (s: string, options: PDFKit.Mixins.TextOptions = {}) => doc.text(winAnsi(s), { width: WIDTH, ...options });
  const heading = (s: string) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(11).fillColor('black');
    text(s);
    doc.font('Helvetica').fontSize(10).moveDown(0.2);
  };

  doc.font('Helvetica-Bold').fontSize(16);
  text(t(lang, 'withdrawal.pdf.title'));
  doc.font('Helvetica').fontSize(10).fillColor(GREY).moveDown(0.3);
  const id = shop.profile.identity;
  const office = id.returnsAddress ?? id.registeredOffice ?? null;
  text(`${t(lang, 'withdrawal.pdf.to')} : ${[id.legalName, office ? addressLine(office) : '', id.email ?? ''].filter(Boolean).join(', ')}`);
  doc.fillColor('black').moveDown(0.6);
  text(ack.intro);
  heading(t(lang, 'withdrawal.lines'));
  for (const line of ack.lines) text(`• ${line}`);
  heading(t(lang, 'withdrawal.pdf.title'));
  for (const [k, v] of ack.facts) {
    doc.font('Helvetica-Bold');
    text(`${k} : `, { continued: true });
    doc.font('Helvetica');
    text(v);
  }
  heading(t(lang, 'withdrawal.return.title'));
  for (const r of ack.returns) text(r);
  heading(t(lang, 'withdrawal.refund.title'));
  text(ack.refund);
  if (ack.terms) {
    doc.moveDown(0.6);
    text(ack.terms);
  }
  doc.moveDown(1.2).fontSize(8).fillColor(GREY);
  text(t(lang, 'withdrawal.pdf.footer', { shop: shop.name }));
  doc.end();
  return done;
}
