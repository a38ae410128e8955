import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session ids, API tokens, reset links. */
export function randomToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids in URLs are checked before they reach SQL, so a malformed id is a 404, never a 500. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
