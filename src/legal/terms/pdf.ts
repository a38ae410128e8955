/**
 * A version as a PDF (000 §23, L221-13 durable medium): the shop's identity at the top, the text
 * with its headings, and on every page a footer naming the version and its SHA-256.
 *
 * Fonts: pdfkit's standard Helvetica, encoded in WinAnsi (Windows-1252), which covers French —
 * accents, « », ’, œ, Œ, € and … included. Any character outside it goes through `winAnsi()`,
 * which maps it to a close equivalent instead of letting the viewer show a blank glyph.
 * The output is reproducible: the same version always gives the same bytes (fixed dates and id).
 */
import type PDFKitDocument from 'pdfkit';
import { isLang, type Lang, t } from '../../kernel/i18n/index.ts';
import type { Shop } from '../../shops/service.ts';
import { longDate } from './format.ts';
import { parseMarkup } from './markup.ts';
import { sharingStandardFonts } from './pdfkit-fonts.ts';
import type { TermsVersion } from './version.ts';

/** Windows-1252 code points above Latin-1's printable range that pdfkit's AFM fonts can draw. */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const FALLBACK: Readonly<Record<string, string>> = {
  '\u202f': '\u00a0', // narrow no-break space (French typography before ; : ! ?)
  '\u2009': ' ',
  '\u2011': '-',
  '\u2010': '-',
  '\u2212': '-',
  '≤': '<=',
  '≥': '>=',
  '→': '->',
  '←': '<-',
  '✓': 'v',
  '\u2032': "'",
  '\u2033': '"',
};

/** Text pdfkit's standard fonts can draw: NFC, then each character kept, mapped or replaced by "?". */
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(ch)) out += ch;
    else if (ch === '\n' || ch === '\t') out += ch;
    else out += FALLBACK[ch] ?? '?';
  }
  return out;
}

type Identity = Shop['profile']['identity'];

function identityLine(id: Identity): string {
  const office = id.registeredOffice;
  return [
    [id.legalName, id.legalForm].filter(Boolean).join(', '),
    office && `${office.line1}, ${office.postalCode} ${office.city}`,
    id.registrationNumber,
    id.website,
    id.email,
  ]
    .filter(Boolean)
    .join(' · ');
}

function validityLine(lang: Lang, v: TermsVersion): string {
  return v.effectiveUntil
    ? t(lang, 'terms.validFromUntil', { version: v.version, from: longDate(lang, v.effectiveFrom), until: longDate(lang, v.effectiveUntil) })
    : t(lang, 'terms.validFrom', { version: v.version, from: longDate(lang, v.effectiveFrom) });
}

const GREY = '#444444';

/**
 * pdfkit (≈ 20 MB once loaded, its fonts included) is loaded by the first PDF rendered, not at
 * start-up (issue 9), and that import is kept: under tsx each `import()` asks the loader thread
 * again (≈ 0.4 ms a PDF, a tenth of a withdrawal form's cost).
 */
let pdfkit: Promise<typeof PDFKitDocument> | null = null;
export const loadPdfKit = (): Promise<typeof PDFKitDocument> => {
  pdfkit ??= import('pdfkit').then((m) => sharingStandardFonts(m.default));
  return pdfkit;
};

export async function renderTermsPdf(version: TermsVersion, shop: Shop): Promise<Buffer> {
  const lang: Lang = isLang(version.language) ? version.language : 'fr';
  const fixedDate = new Date(`${version.effectiveFrom}T00:00:00Z`);
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 60, right: 60 },
    bufferPages: true,
    lang,
    info: {
      Title: winAnsi(`${version.title} — ${shop.name}`),
      Author: winAnsi(shop.profile.identity.legalName),
      Subject: `version ${version.version}`,
      Keywords: `sha256:${version.sha256}`,
      Creator: 'Comptoir',
      Producer: 'Comptoir (pdfkit)',
      CreationDate: fixedDate,
      ModDate: fixedDate,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(15).fillColor('black').text(winAnsi(shop.name));
  doc.font('Helvetica').fontSize(8.5).fillColor(GREY).text(winAnsi(identityLine(shop.profile.identity)));
  doc.moveDown(1.2);
  doc.font('Helvetica-Bold').fontSize(18).fillColor('black').text(winAnsi(version.title));
  doc.moveDown(0.3);
  doc.font('Helvetica').fontSize(10).fillColor(GREY).text(winAnsi(validityLine(lang, version)));
  doc.moveDown(1);
  writeBody(doc, version.body);
  writeFooters(doc, lang, shop, version);
  doc.end();
  return done;
}

function writeBody(doc: PDFKit.PDFDocument, body: string): void {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  for (const block of parseMarkup(body)) {
    doc.x = doc.page.margins.left;
    if (block.type === 'heading') {
      // Keep a heading with the first lines of what follows it.
      if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
      doc.moveDown(block.level === 2 ? 0.8 : 0.4);
      doc.font('Helvetica-Bold').fontSize(block.level === 2 ? 12 : 10.5).fillColor('black').text(winAnsi(block.text), { width });
      doc.moveDown(0.3);
    } else if (block.type === 'paragraph') {
      doc.font('Helvetica').fontSize(10).fillColor('black').text(winAnsi(block.text), { width, align: 'justify', lineGap: 1.5 });
      doc.moveDown(0.5);
    } else if (block.type === 'list') {
      doc.font('Helvetica').fontSize(10).fillColor('black');
      doc.list(block.items.map(winAnsi), { width: width - 12, bulletRadius: 1.6, textIndent: 12, lineGap: 1.5 });
      doc.moveDown(0.5);
    } else {
      writeBox(doc, block.paragraphs, width);
    }
  }
}

/** A box (D.211-2 "encadré"): its paragraphs inside a frame, drawn page by page when it runs over. */
function writeBox(doc: PDFKit.PDFDocument, paragraphs: readonly string[], width: number): void {
  const pad = 8;
  const left = doc.page.margins.left;
  const inner = width - 2 * pad;
  const frame = (top: number, bottom: number) => doc.rect(left, top, width, bottom - top).lineWidth(0.8).strokeColor('#444444').stroke();
  let top = doc.y;
  doc.y += pad;
  for (const p of paragraphs) {
    const text = winAnsi(p);
    doc.font('Helvetica').fontSize(9.5).fillColor('black');
    const height = doc.heightOfString(text, { width: inner, lineGap: 1.2 });
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
      frame(top, doc.y);
      doc.addPage();
      top = doc.y;
      doc.y += pad;
    }
    doc.text(text, left + pad, doc.y, { width: inner, align: 'justify', lineGap: 1.2 });
    doc.moveDown(0.4);
  }
  frame(top, doc.y + pad / 2);
  doc.y += pad;
  doc.x = left;
  doc.moveDown(0.5);
}

function writeFooters(doc: PDFKit.PDFDocument, lang: Lang, shop: Shop, v: TermsVersion): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not open a new page
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const y = doc.page.height - 44;
    doc.font('Helvetica').fontSize(7).fillColor(GREY);
    doc.text(winAnsi(`${shop.name} — ${v.title} — ${t(lang, 'terms.versionLabel')} ${v.version}`), left, y, { width, lineBreak: false });
    doc.text(`SHA-256 ${v.sha256}`, left, y + 10, { width, lineBreak: false });
    doc.text(winAnsi(t(lang, 'terms.pageOf', { page: i + 1, pages: range.count })), left, y + 10, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
