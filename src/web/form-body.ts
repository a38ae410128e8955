/**
 * Form bodies (`application/x-www-form-urlencoded`), parsed once at the edge for every route.
 *
 * qs, not a parser of ours: a field named after a property of Object.prototype (`__proto__`,
 * `constructor`, `toString`…), at any level, is dropped (`allowPrototypes: false`), so no field
 * name can reach a prototype shared by the whole process (CWE-1321, prototype pollution). Depth
 * and counts are bounded: a body past them is no form of ours and is refused with 400.
 *
 * Field names keep their dots (`address.city` stays one field, as the forms name them);
 * `nestForm` (form-errors.ts) nests them with the same options.
 */
import qs from 'qs';
import { DomainError, ValidationFailed } from '../kernel/errors.ts';

/** What every qs call on form data uses: nothing named after Object.prototype, and bounds. */
export const SAFE_FORM_OPTIONS = {
  allowPrototypes: false,
  // Null-prototype objects would accept `__proto__` as an ordinary key, which `Object.assign`
  // and friends would then turn into a prototype change elsewhere: keep plain objects, drop the key.
  plainObjects: false,
  depth: 5,
  arrayLimit: 100,
  parameterLimit: 1000,
} as const satisfies qs.IParseOptions;

/** The body as fields; 400 `invalid_request` for nesting deeper than 5 or more than 1,000 fields. */
export function parseFormBody(body: string): Record<string, unknown> {
  // A NUL is `%00` in a form body (a `%` typed by the user is `%25`): refused here, since qs can
  // drop it from a field's name ("[]\0" becomes "0") before the input guard would see it.
  if (/%00|\0/i.test(body)) throw new ValidationFailed([{ field: '', code: 'invalid_value' }]);
  try {
    return qs.parse(body, { ...SAFE_FORM_OPTIONS, strictDepth: true, throwOnLimitExceeded: true });
  } catch (error) {
    if (error instanceof RangeError) throw new DomainError('invalid_request', 'malformed');
    throw error;
  }
}
