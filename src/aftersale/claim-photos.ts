/**
 * The photos a consumer sends with a warranty claim (issue 10 §4), judged by what they are, not by
 * what they are called: a PDF renamed `.jpg` is refused. Pure: bytes in, a verdict out.
 */
export const MAX_CLAIM_PHOTOS = 3;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The image type the first bytes announce (JPEG SOI, PNG signature, RIFF….WEBP), or null. */
export function photoTypeOf(bytes: Uint8Array): PhotoType | null {
  const at = (i: number) => bytes[i];
  if (bytes.length >= 3 && at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => at(i) === b)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export type PhotoVerdict = { ok: true; type: PhotoType } | { ok: false; reason: 'photo_not_an_image' | 'photo_too_large' | 'photo_empty' };

export function judgePhoto(bytes: Uint8Array): PhotoVerdict {
  if (bytes.length === 0) return { ok: false, reason: 'photo_empty' };
  if (bytes.length > MAX_PHOTO_BYTES) return { ok: false, reason: 'photo_too_large' };
  const type = photoTypeOf(bytes);
  return type ? { ok: true, type } : { ok: false, reason: 'photo_not_an_image' };
}
