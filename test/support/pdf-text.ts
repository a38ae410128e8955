/**
 * The text drawn on a PDF's pages, well enough for tests: every content stream is inflated and
 * the hex strings of its TJ/Tj operators are decoded (pdfkit writes WinAnsi codes in hex).
 * Pieces of one text operator are joined directly; operators are separated by a space.
 * A stream is cut at its dictionary's /Length, not at the next "endstream": compressed bytes may
 * end in a carriage return, which a pattern would take for the line break before "endstream"
 * (about one PDF in 256 then lost its page — the time printed on it decided which).
 */
import { inflateSync } from 'node:zlib';

/** The Windows-1252 codes above 0x7f that differ from Latin-1 and appear in French texts. */
const CP1252 = new Map<number, string>([[0x80, '€'], [0x85, '…'], [0x8c, 'Œ'], [0x92, '’'], [0x96, '–'], [0x97, '—'], [0x9c, 'œ']]);

function decodeHex(hex: string): string {
  let out = '';
  for (let i = 0; i < hex.length; i += 2) {
    const code = Number.parseInt(hex.slice(i, i + 2), 16);
    out += CP1252.get(code) ?? String.fromCharCode(code);
  }
  return out;
}

export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const texts: string[] = [];
  for (const m of raw.matchAll(/\/Length (\d+)\b[^>]*>>\s*stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, start + Number(m[1]))).toString('latin1');
    } catch {
      continue;
    }
    for (const op of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const pieces = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1] ?? '') : [op[2] ?? ''];
      texts.push(pieces.map(decodeHex).join(''));
    }
  }
  return texts.join(' ');
}
