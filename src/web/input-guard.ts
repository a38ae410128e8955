/**
 * Belt and braces behind the `text()` schema (issue 8 §9): every string a request carries — its
 * body (JSON or form, at any depth, keys as well as values), query string and path parameters —
 * must be storable text (no NUL, no lone surrogate, see isStorableText), whatever the route's
 * schema says. So even a field no schema looks at never reaches the database, and a hostile
 * string is a 400 `invalid_value` naming the field, never a 500.
 */
import type { FastifyInstance } from 'fastify';
import { ValidationFailed } from '../kernel/errors.ts';
import { isStorableText } from '../kernel/validation.ts';

/**
 * The dotted path of the first string (or key) in `input` that cannot be stored, or null.
 * Walks with its own stack, not recursion: a 1 MB JSON body can nest far deeper than the call stack.
 */
export function firstUnstorablePath(input: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value: input, path: '' }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, path } = item;
    if (typeof value === 'string') {
      if (!isStorableText(value)) return path;
    } else if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
      // Bytes (an uploaded file, an XML statement) are no text: their parsers judge them.
      for (const [key, child] of Object.entries(value)) {
        // A bad key is named by its parent: the key itself cannot be shown.
        if (!isStorableText(key)) return path;
        stack.push({ value: child, path: path ? `${path}.${key}` : key });
      }
    }
  }
  return null;
}

export function installInputGuard(app: FastifyInstance): void {
  // preValidation: after the body is parsed, before any route's own checks and handler, and
  // before the API's idempotency claim, so a refused request leaves nothing behind.
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = firstUnstorablePath(part);
      if (field !== null) throw new ValidationFailed([{ field, code: 'invalid_value' }]);
    }
  });
}
