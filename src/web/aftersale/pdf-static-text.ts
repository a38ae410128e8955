/**
 * Paragraphs whose wording never changes (the law's, in a PDF rendered per order), drawn from line
 * breaks computed once per process (issue 9). pdfkit wraps a paragraph by measuring it word by
 * word each time it is drawn: 40 % of the model withdrawal form's cost, for the same breaks every
 * time. The breaks are pdfkit's own (its LineWrapper, run on a document kept for measuring), so
 * the lines drawn are exactly those `doc.text(text, { width })` draws; each is then drawn as one
 * line (`lineBreak: false`), the document's position moved as pdfkit's wrapper moves it, and
 * the shared fonts keep each line's glyphs (src/legal/terms/pdfkit-fonts.ts).
 *
 * Only for constant text: the breaks are kept per (text, font, size, width) and never forgotten,
 * so text carrying an order's or a person's data must go through `doc.text` instead.
 */
import type PDFKitDocument from 'pdfkit';
import { loadPdfKit, winAnsi } from '../../legal/terms/pdf.ts';
import { keepGlyphsOf } from '../../legal/terms/pdfkit-fonts.ts';

type Doc = PDFKit.PDFDocument;
type TextOptions = PDFKit.Mixins.TextOptions;
export type TextStyle = { font: string; size: number };

/** pdfkit exports its LineWrapper (pdfkit.js `exports.LineWrapper`); @types/pdfkit does not declare it. */
type LineWrapper = new (doc: Doc, options: TextOptions) => {
  on(event: 'line', listener: (line: string) => void): void;
  wrap(text: string, options: TextOptions): void;
};

export type StaticText = (doc: Doc, text: string, style: TextStyle, x: number, width: number) => void;

/** Loaded with pdfkit, by the first PDF that needs it (pdfkit is not loaded at start-up). */
let loading: Promise<StaticText> | null = null;
export const loadStaticText = (): Promise<StaticText> => {
  loading ??= Promise.all([loadPdfKit(), import('pdfkit')]).then(([PDFDocument, pdfkit]) => staticText(PDFDocument, (pdfkit as unknown as { LineWrapper: LineWrapper }).LineWrapper));
  return loading;
};

function staticText(PDFDocument: typeof PDFKitDocument, Wrapper: LineWrapper): StaticText {
  // Never ended: it only measures. Its page is never filled, so the wrapper never turns a page.
  const measuring = new PDFDocument({ size: 'A4', margins: { top: 0, bottom: 0, left: 0, right: 0 } });
  const lines = new Map<string, readonly string[]>();
  const linesOf = (text: string, style: TextStyle, width: number): readonly string[] => {
    const key = `${style.font}\u0000${style.size}\u0000${width}\u0000${text}`;
    let found = lines.get(key);
    if (!found) {
      found = wrap(measuring.font(style.font).fontSize(style.size), Wrapper, winAnsi(text), width);
      lines.set(key, found);
      for (const line of found) keepGlyphsOf(line);
    }
    return found;
  };
  return (doc, text, style, x, width) => {
    const found = linesOf(text, style, width);
    doc.font(style.font).fontSize(style.size);
    const height = doc.currentLineHeight(true);
    for (const line of found) {
      // As pdfkit's wrapper: a line that would cross the bottom margin starts the next page.
      if (doc.y + height > doc.page.maxY()) doc.continueOnNewPage();
      doc.text(line, x, doc.y, { lineBreak: false });
      doc.y += height;
    }
    doc.x = x;
  };
}

/** The lines pdfkit breaks `text` into at `width`, in the measuring document's current font and size. */
function wrap(measuring: Doc, Wrapper: LineWrapper, text: string, width: number): string[] {
  measuring.x = 0;
  measuring.y = 0;
  const options: TextOptions = { width };
  const wrapper = new Wrapper(measuring, options);
  const found: string[] = [];
  wrapper.on('line', (line) => found.push(line));
  wrapper.wrap(text, options);
  return found;
}
