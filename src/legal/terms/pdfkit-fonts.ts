/**
 * pdfkit's standard fonts with their metrics built once per process (issue 9). pdfkit 0.20 keeps
 * each font's AFM data but rebuilds its tables (glyph widths, a few thousand kerning pairs) in
 * every document that uses the font: 0.6–0.7 ms for the three Helveticas of a withdrawal form,
 * as much as laying out its text. The tables are read-only once built, so every document can use
 * the same ones; what belongs to a document (its font id, the font's PDF object) stays its own.
 *
 * Lines of constant wording (`keepGlyphsOf`, for text that is the same in every document, the
 * law's in the withdrawal form) also keep their glyphs: pdfkit encodes and measures each line it
 * draws, glyph by glyph and kerning pair by pair, the costliest part left once the lines are
 * known. Only such lines are kept, never a person's name or address, so the memory stays bounded.
 *
 * pdfkit offers no option for this: the subclass seeds a document's font cache (`_fontFamilies`,
 * `_fontCount`: pdfkit 0.20's FontsMixin) with a copy of a font built once, exactly where pdfkit
 * would have built it. Should a later pdfkit rename these fields, pdfkit simply builds its own
 * again; pdfkit-fonts.test.ts checks both the sharing and that documents stay byte-identical.
 */
import type PDFKitDocument from 'pdfkit';

/** The 14 standard PDF fonts, whose names pdfkit resolves to its bundled AFM data. */
const STANDARD = new Set(['Courier', 'Courier-Bold', 'Courier-BoldOblique', 'Courier-Oblique', 'Helvetica', 'Helvetica-Bold', 'Helvetica-BoldOblique', 'Helvetica-Oblique', 'Symbol', 'Times-Bold', 'Times-BoldItalic', 'Times-Italic', 'Times-Roman', 'ZapfDingbats']);

/** A pdfkit StandardFont, as far as this file touches it. */
type Font = {
  id: string;
  document: unknown;
  dictionary?: unknown;
  encode(text: string, features?: unknown): unknown;
  widthOfString(text: string, size: number, features?: unknown): number;
};
type FontState = { _font: Font | null; _fontFamilies?: Record<string, Font>; _fontCount?: number; _registeredFonts?: Record<string, unknown> };

/** Each standard font's fields as first built (its own document's left out), by name. */
const built = new Map<string, Font>();

/** Puts a per-document copy of the font, with its shared tables, where `font()` will find it. */
function seed(doc: FontState, name: string): void {
  const families = doc._fontFamilies;
  const template = built.get(name);
  if (!template || !families || families[name] || typeof doc._fontCount !== 'number' || doc._registeredFonts?.[name]) return;
  doc._fontCount += 1;
  families[name] = Object.assign(Object.create(Object.getPrototypeOf(template) as object) as Font, template, { document: doc, id: `F${doc._fontCount}` });
}

/** Lines whose glyphs the shared fonts keep. */
const constant = new Set<string>();

/** Keeps the glyphs of a line of constant wording in every shared font that draws it. Never for a person's data. */
export const keepGlyphsOf = (line: string): void => {
  constant.add(line);
};

/** The font's encoding and width of a constant line, computed once (pdfkit's results, as it computes them). */
function keepingGlyphs(font: Font): Font {
  const { encode, widthOfString } = font;
  const encoded = new Map<string, unknown>();
  const units = new Map<string, number>();
  // pdfkit's encoding is read, never changed, by the text drawn from it: one copy serves every document.
  font.encode = function (this: Font, text, features) {
    if (!constant.has(text)) return encode.call(this, text, features);
    if (!encoded.has(text)) encoded.set(text, encode.call(this, text, features));
    return encoded.get(text);
  };
  // Kept in font units: pdfkit scales its sum of advances by size / 1000, and so does this.
  font.widthOfString = function (this: Font, text, size, features) {
    if (!constant.has(text)) return widthOfString.call(this, text, size, features);
    let width = units.get(text);
    if (width === undefined) {
      width = widthOfString.call(this, text, 1000, features);
      units.set(text, width);
    }
    return width * (size / 1000);
  };
  return font;
}

/** Remembers a font pdfkit has just built, before its document gave it a PDF object, without its document. */
function remember(doc: FontState, name: string): void {
  const font = doc._font;
  if (built.has(name) || !font || font.document !== doc || font.dictionary != null) return;
  built.set(name, keepingGlyphs(Object.assign(Object.create(Object.getPrototypeOf(font) as object) as Font, font, { document: null })));
}

export function sharingStandardFonts(PDFDocument: typeof PDFKitDocument): typeof PDFKitDocument {
  return class SharedFontsDocument extends PDFDocument {
    // Called by pdfkit's own constructor too (its default font): no class field may be used here.
    override font(src: PDFKit.Mixins.PDFFontSource, family?: string | number, size?: number): this {
      const standard = typeof src === 'string' && STANDARD.has(src) && typeof family !== 'string';
      if (standard) seed(this as unknown as FontState, src);
      const result = typeof family === 'string' ? super.font(src, family, size) : super.font(src, family ?? size);
      if (standard) remember(this as unknown as FontState, src);
      return result;
    }
  };
}
