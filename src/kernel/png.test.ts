import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { squareMatrixPng } from './png.ts';

test('should draw each module as scale × scale black or white pixels inside a white quiet zone, readable by a PNG decoder', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 4 }), fc.integer(), (size, scale, margin, seed) => {
      const dark = (r: number, c: number) => ((r * 31 + c * 17 + seed) & 3) === 0;
      const image = PNG.sync.read(squareMatrixPng(size, dark, scale, margin));
      const side = (size + 2 * margin) * scale;
      assert.equal(image.width, side);
      assert.equal(image.height, side);
      for (let y = 0; y < side; y++) {
        for (let x = 0; x < side; x++) {
          const r = Math.floor(y / scale) - margin;
          const c = Math.floor(x / scale) - margin;
          const expected = r >= 0 && r < size && c >= 0 && c < size && dark(r, c) ? 0 : 255;
          assert.equal(image.data[(y * side + x) * 4], expected, `pixel ${x},${y}`);
        }
      }
    }),
    { numRuns: 200 },
  );
});

test('should refuse a geometry that is no image', () => {
  assert.throws(() => squareMatrixPng(0, () => true, 4, 4), RangeError);
  assert.throws(() => squareMatrixPng(21, () => true, 0, 4), RangeError);
  assert.throws(() => squareMatrixPng(21, () => true, 2.5, 4), RangeError);
});
