/**
 * Where the next catalogue page starts (keyset pagination, issue 9): after the last product shown,
 * in the order of the chosen sort, and in the same tier of a search (0: every word found as typed,
 * accents aside; 1: found despite a typo). Each page is then one index range scan, however deep,
 * where an OFFSET read and dropped every row before it.
 *
 * The cursor is opaque to clients (base64url of a small JSON array, versioned) and validated like
 * any other input: a forged or truncated one is a 400 naming the field, never a 500.
 */
import { z } from 'zod';
import { ValidationFailed } from '../kernel/errors.ts';
import { text } from '../kernel/validation.ts';

export const SORTS = ['sku', 'price_asc', 'price_desc'] as const;
export type CatalogueSort = (typeof SORTS)[number];

/** The last product of a page: its tier, price and SKU (unique per shop, the tie-breaker). */
export type Cursor = { sort: CatalogueSort; tier: 0 | 1; priceCents: number; sku: string };

const VERSION = 1;
const Encoded = z.tuple([z.literal(VERSION), z.enum(SORTS), z.union([z.literal(0), z.literal(1)]), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), text().min(1).max(64)]);

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([VERSION, c.sort, c.tier, c.priceCents, c.sku])).toString('base64url');
}

/** The cursor, or null when the text is not one this server wrote. */
export function decodeCursor(written: string): Cursor | null {
  if (written.length > 200 || !/^[A-Za-z0-9_-]+$/.test(written)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(written, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = Encoded.safeParse(value);
  if (!parsed.success) return null;
  const [, sort, tier, priceCents, sku] = parsed.data;
  return { sort, tier, priceCents, sku };
}

/**
 * The page start a request asks for: its `cursor` (written for the same sort), or its `offset`
 * (API.md), never both. Anything else is refused as invalid_value on the field at fault.
 */
export function pageStart(cursor: string | undefined, offset: number, sort: CatalogueSort, field = 'cursor'): { after: Cursor } | { offset: number } {
  if (!cursor) return { offset };
  const after = decodeCursor(cursor);
  if (!after || after.sort !== sort) throw new ValidationFailed([{ field, code: 'invalid_value' }]);
  if (offset > 0) throw new ValidationFailed([{ field: 'offset', code: 'invalid_value' }]);
  return { after };
}
