/**
 * A black-and-white PNG (1 bit per pixel, greyscale) of a square matrix of modules, such as a QR
 * code. The general encoder the QR library ships with writes 32-bit RGBA through a pure-JS PNG
 * writer: 7–10 ms of main-thread CPU for one EPC QR code, half of an order confirmation's
 * rendering at send time (issue 9's outbox drain). One bit per pixel and Node's own zlib make it
 * ≈ 0.2 ms and a smaller file; any PNG reader decodes it.
 */
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** One pixel row of module row `row` at `line` (its filter byte left 0). Greyscale 1 bit: 1 is white; bits fill each byte from its most significant end. */
function drawRow(raw: Buffer, line: number, row: number, size: number, dark: (row: number, column: number) => boolean, scale: number, margin: number): void {
  const pixels = (size + 2 * margin) * scale;
  for (let x = 0; x < pixels; x++) {
    const column = Math.floor(x / scale) - margin;
    const isDark = row >= 0 && row < size && column >= 0 && column < size && dark(row, column);
    if (!isDark) {
      const at = line + 1 + (x >> 3);
      raw[at] = (raw[at] ?? 0) | (0x80 >> (x & 7));
    }
  }
}

/**
 * `dark(row, column)` tells whether a module is dark; `size` modules a side, each drawn as `scale`
 * pixels a side, inside a light quiet zone of `margin` modules.
 */
export function squareMatrixPng(size: number, dark: (row: number, column: number) => boolean, scale: number, margin: number): Buffer {
  if (!Number.isInteger(size) || size < 1 || !Number.isInteger(scale) || scale < 1 || !Number.isInteger(margin) || margin < 0) {
    throw new RangeError(`bad PNG matrix geometry: size ${size}, scale ${scale}, margin ${margin}`);
  }
  const pixels = (size + 2 * margin) * scale;
  const stride = 1 + Math.ceil(pixels / 8); // a filter byte (0: none), then 8 pixels a byte
  const raw = Buffer.alloc(stride * pixels, 0);
  // The `scale` pixel rows of one module row are the same bytes: each is drawn once and copied
  // (a 300-pixel code: 45 × 300 calls of `dark` instead of 300²; the outbox renders one per order, issue 9).
  for (let moduleRow = -margin; moduleRow < size + margin; moduleRow++) {
    const first = (moduleRow + margin) * scale * stride;
    drawRow(raw, first, moduleRow, size, dark, scale, margin);
    for (let y = 1; y < scale; y++) raw.copy(raw, first + y * stride, first, first + stride);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(pixels, 0);
  header.writeUInt32BE(pixels, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // colour type: greyscale
  // compression 0, filter 0, interlace 0: the remaining bytes are already zero
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
