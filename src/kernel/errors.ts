/**
 * Typed domain errors (STYLE.md §6). Domain code throws these; one error handler in the web layer
 * maps them to an HTTP status and renders the message in the request's language, as JSON
 * `{"error": {code, message, field}}` for the API or as a page for people (API.md).
 */
export type ErrorKind = 'malformed' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'refused' | 'too_many' | 'unavailable';

export const STATUS_OF: Record<ErrorKind, number> = {
  malformed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  refused: 422,
  too_many: 429,
  /** The database is out of reach for a moment: retry (sent with Retry-After). */
  unavailable: 503,
};

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    /** Values interpolated into the translated message (`{name}` placeholders). */
    readonly params: Record<string, string | number> = {},
    /** The input field at fault, as a dotted path (`address.postalCode`). */
    readonly field?: string,
  ) {
    super(code);
    this.name = 'DomainError';
  }

  get status(): number {
    return STATUS_OF[this.kind];
  }
}

/** Bad input, one or several fields. `issues` lets forms show every problem at once. */
export class ValidationFailed extends DomainError {
  constructor(readonly issues: { field: string; code: string; params?: Record<string, string | number> }[]) {
    const first = issues[0];
    super(first?.code ?? 'invalid_request', 'malformed', first?.params ?? {}, first?.field);
  }
}

export const notFound = (what: string) => new DomainError('not_found', 'not_found', { what });
export const forbidden = () => new DomainError('forbidden', 'forbidden');
export const unauthenticated = () => new DomainError('unauthenticated', 'unauthenticated');
