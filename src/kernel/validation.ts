/**
 * Turns zod failures into ValidationFailed with one error code per field, so the API answers
 * `{"error": {code, message, field}}` and forms show every problem in the user's language.
 * Schemas name their own codes as the issue message (`z.string().email('invalid_email')`).
 */
import { z } from 'zod';
import { ValidationFailed } from './errors.ts';
import { hasMessage } from './i18n/index.ts';

/** A UTF-16 half without its other half: not a Unicode scalar value, so not encodable as UTF-8 (RFC 3629 §3). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Whether a string can be stored and sent as it was given: PostgreSQL refuses U+0000 in `text`
 * and `jsonb`, and a lone surrogate would reach the database (and e-mails, PDFs) as U+FFFD,
 * silently changed, or make an encoder throw. Both are refused at the edge as `invalid_value`.
 */
export const isStorableText = (value: string): boolean => !value.includes('\0') && !LONE_SURROGATE.test(value);

/**
 * The one string schema for input (API bodies, forms, query strings): `text().trim().max(100)`.
 * Every request schema starts its strings here, so none can carry a NUL or a lone surrogate.
 */
export const text = () => z.string().refine(isStorableText, 'invalid_value');

/** A phone number as people write it: digits, spaces, +, dots, dashes, slashes, brackets (`invalid_phone`). */
export const phoneNumber = () => text().trim().max(40).regex(/^\+?[0-9 ()./-]{6,40}$/, 'invalid_phone');

type Issue = z.core.$ZodIssue;

/** The value at an issue's path in the raw input (zod 4 does not keep it on the issue). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function boundsOf(issue: Issue): Record<string, number> {
  const params: Record<string, number> = {};
  if ('minimum' in issue) params.min = Number(issue.minimum);
  if ('maximum' in issue) params.max = Number(issue.maximum);
  return params;
}

function codeOf(issue: Issue, input: unknown): { code: string; params?: Record<string, string | number> } {
  if (hasMessage(`error.${issue.message}`)) return { code: issue.message, params: boundsOf(issue) };
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) return { code: 'required' };
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) return { code: 'required' };
  if (issue.code === 'too_big' && issue.origin === 'string') return { code: 'too_long', params: { max: Number(issue.maximum) } };
  if (issue.code === 'unrecognized_keys') return { code: 'invalid_request' };
  return { code: 'invalid_value' };
}

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationFailed(
    result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), ...codeOf(issue, input) })),
  );
}
