/** The photos of a warranty claim are judged by their first bytes, never by their name or declared type. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { judgePhoto, MAX_PHOTO_BYTES, photoTypeOf } from './claim-photos.ts';

const bytes = (...b: number[]) => Uint8Array.from(b);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0);
const WEBP = Uint8Array.from(Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 '));

test('should recognise JPEG, PNG and WebP by their signatures', () => {
  assert.deepEqual([photoTypeOf(JPEG), photoTypeOf(PNG), photoTypeOf(WEBP)], ['image/jpeg', 'image/png', 'image/webp']);
});

test('should refuse a PDF, a GIF, a RIFF that is not WebP, an empty file and one over 5 MB', () => {
  assert.deepEqual(judgePhoto(Buffer.from('%PDF-1.7\n')), { ok: false, reason: 'photo_not_an_image' });
  assert.deepEqual(judgePhoto(Buffer.from('GIF89a')), { ok: false, reason: 'photo_not_an_image' });
  assert.deepEqual(judgePhoto(Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ')), { ok: false, reason: 'photo_not_an_image' });
  assert.deepEqual(judgePhoto(new Uint8Array(0)), { ok: false, reason: 'photo_empty' });
  const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
  big.set(JPEG);
  assert.deepEqual(judgePhoto(big), { ok: false, reason: 'photo_too_large' });
  const limit = new Uint8Array(MAX_PHOTO_BYTES);
  limit.set(PNG);
  assert.deepEqual(judgePhoto(limit), { ok: true, type: 'image/png' }, 'exactly 5 MB is accepted');
});

test('should accept bytes only when they start with an image signature', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (data) => {
      const verdict = judgePhoto(data);
      const signed = (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) || PNG.subarray(0, 8).every((b, i) => data[i] === b) || (Buffer.from(data.subarray(0, 4)).toString('latin1') === 'RIFF' && Buffer.from(data.subarray(8, 12)).toString('latin1') === 'WEBP');
      return verdict.ok === signed;
    }),
  );
});
