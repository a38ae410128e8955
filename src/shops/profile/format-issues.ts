/**
 * Turns zod issues into sentences a shop's staff can act on:
 *   checkout.maxPerProduct: must be a whole number ≥ 1 (got "four")
 *   checkout.maxPerProdcut: is not a known setting here (did you mean "maxPerProduct"?)
 *   payments.capture: must be one of "at_order", "at_shipment", … (got "later")
 * Schema primitives carry their own expectation (`schema/common.ts`); this module words the
 * generic cases (missing fields, unknown keys, options, sizes) and splits one issue per key.
 */
import type { z } from 'zod';
import { showValue } from './schema/common.ts';

export interface PlainIssue {
  /** Dotted path with list indices, e.g. `demo.products[2].sku`; "" for the whole file. */
  readonly path: string;
  readonly message: string;
}

type RawIssue = z.core.$ZodRawIssue;

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a group of settings (key: value lines)',
  array: 'a list',
  literal: 'a fixed value',
};

const quoteAll = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** Keys allowed where an unknown key was found, keyed by the object's path (filled while parsing). */
export type KnownKeys = Map<string, string[]>;

/**
 * The error map given to `safeParse`: words every issue the schema did not word itself.
 * It also records the keys allowed at each strict object, for "did you mean" hints.
 */
export function plainErrorMap(known: KnownKeys) {
  return (issue: RawIssue): string | undefined => {
    switch (issue.code) {
      case 'invalid_type': {
        const want = TYPE_WORDS[issue.expected] ?? issue.expected;
        return issue.input === undefined ? `is missing (expected ${want})` : `must be ${want} (got ${showValue(issue.input)})`;
      }
      case 'invalid_value': {
        const want = issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${quoteAll(issue.values)}`;
        return issue.input === undefined ? `is missing (expected ${want})` : `must be ${want} (got ${showValue(issue.input)})`;
      }
      case 'unrecognized_keys': {
        const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
        if (shape) known.set(formatPath(issue.path ?? []), Object.keys(shape));
        return `has unknown keys ${quoteAll(issue.keys)}`;
      }
      case 'invalid_union':
        return describeUnion(issue);
      case 'too_small':
        return sizeMessage('at least', issue.origin, issue.minimum, issue.input);
      case 'too_big':
        return sizeMessage('at most', issue.origin, issue.maximum, issue.input);
      case 'invalid_format':
        return `has the wrong format (expected ${issue.format}, got ${showValue(issue.input)})`;
      default:
        return undefined;
    }
  };
}

function describeUnion(issue: Extract<RawIssue, { code: 'invalid_union' }>): string {
  const raw = issue as { discriminator?: string; options?: unknown[] };
  if (raw.discriminator && raw.options) {
    const value = (issue.input as Record<string, unknown> | undefined)?.[raw.discriminator];
    return value === undefined
      ? `is missing (expected one of ${quoteAll(raw.options)})`
      : `must be one of ${quoteAll(raw.options)} (got ${showValue(value)})`;
  }
  return `does not match any allowed form (got ${showValue(issue.input)})`;
}

function sizeMessage(bound: string, origin: string, limit: number | bigint, input: unknown): string {
  if (origin === 'array' || origin === 'set') return `must list ${bound} ${limit} item${limit === 1 ? '' : 's'}`;
  if (origin === 'string') return Number(limit) === 1 && bound === 'at least' ? 'must not be empty' : `must be ${bound} ${limit} characters long`;
  return `must be ${bound} ${limit} (got ${showValue(input)})`;
}

/** Zod's final issues → one plain issue per problem (an unknown-keys issue becomes one per key). */
export function toPlainIssues(issues: readonly z.core.$ZodIssue[], known: KnownKeys): PlainIssue[] {
  return issues.flatMap((issue): PlainIssue[] => {
    const path = formatPath(issue.path);
    if (issue.code !== 'unrecognized_keys') return [{ path, message: issue.message }];
    const allowed = known.get(path) ?? [];
    return issue.keys.map((key) => ({
      path: path ? `${path}.${key}` : key,
      message: unknownKeyMessage(key, allowed),
    }));
  });
}

function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const guess = closest(key, allowed);
  if (guess) return `is not a known setting here (did you mean "${guess}"?)`;
  return allowed.length ? `is not a known setting here (allowed: ${allowed.join(', ')})` : 'is not a known setting here';
}

/** The allowed key nearest to a typo, if it is near enough to be a plausible slip. */
function closest(key: string, allowed: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of allowed) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { key: candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(key.length / 4)) ? best.key : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
    }
    previous = current;
  }
  return previous[b.length] as number;
}
