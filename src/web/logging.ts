/**
 * What the server log may hold (issue 8 §10; LEGAL.md T-30, ASVS 16.2.5; GDPR art. 5(1)(c) and
 * 32): enough to find a fault — error class, SQLSTATE, constraint, the statement's verb and table,
 * method and path — and never a value a person gave or a secret. A failed query's error carries its
 * values three ways: PGlite's `params`, PostgreSQL's `detail` ("Key (email)=(…) already exists",
 * "Failing row contains (…)") and some messages ("invalid input syntax for type integer: "…""):
 * only named fields are kept and quoted values are blanked. Query strings keep their names, not
 * their values (a password-reset link carries its token there), and credentials in headers are
 * redacted should anything ever log them.
 */
import type { FastifyRequest, FastifyServerOptions } from 'fastify';

/** Where log lines go instead of stdout (the tests read them). */
export type LogStream = { write(line: string): void };

/** Error fields that name things (codes, tables, constraints), never values. */
const NAMING_FIELDS = ['code', 'statusCode', 'errno', 'syscall', 'severity', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine', 'statement', 'responseCode', 'command'] as const;

/** Query parameters whose values say nothing about anyone; every other value is blanked. */
const PLAIN_QUERY_PARAMS = new Set(['lang', 'page', 'status', 'sort', 'limit', 'offset', 'placed', 'kind', 'shop']);

const BLANK = '[redacted]';

/** Values that may slip into free text (third-party messages): e-mails, IBANs, card numbers, hashes, tokens. */
const TELLTALE_VALUES = [
  /[^\s"'<>(),;:]+@[^\s"'<>(),;:]+\.[a-z]{2,}/gi, // e-mail address
  /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g, // IBAN, grouped or not
  /\b\d(?:[ -]?\d){12,18}\b/g, // card number (PAN)
  /\$argon2\w*\$[^\s"']+/g, // password hash
  /\bcpt_[\w-]{20,}/g, // API token
];

function blankValues(text: string, names: Set<string>): string {
  let out = text.replace(/"([^"]*)"/g, (quoted, inner: string) => (names.has(inner) ? quoted : `"${BLANK}"`));
  for (const pattern of TELLTALE_VALUES) out = out.replace(pattern, BLANK);
  return out;
}

type LoggedError = { type: string; message: string; stack: string; [key: string]: unknown };

export function safeError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: BLANK, stack: '' };
  const fields = error as unknown as Record<string, unknown>;
  const names = new Set(NAMING_FIELDS.map((f) => fields[f]).filter((v): v is string => typeof v === 'string'));
  const type = error.constructor?.name ?? error.name;
  const message = blankValues(error.message, names);
  // The stack's first line repeats the message: keep the frames only.
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const logged: LoggedError = { type, message, stack: [`${type}: ${message}`, ...frames].join('\n') };
  for (const field of NAMING_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string' || typeof value === 'number') logged[field] = value;
  }
  if (error.cause !== undefined && depth < 3) logged.cause = safeError(error.cause, depth + 1);
  return logged;
}

export function safeUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = new URLSearchParams(url.slice(at + 1));
  const kept = [...query].map(([name, value]) => `${encodeURIComponent(name)}=${PLAIN_QUERY_PARAMS.has(name) ? encodeURIComponent(value) : BLANK}`);
  return `${url.slice(0, at)}?${kept.join('&')}`;
}

function safeRequest(request: FastifyRequest) {
  return { method: request.method, url: safeUrl(request.url), remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}

/** Fastify's logger options; `stream` lets tests read what the server would write. */
export function loggerOptions(level: string, stream?: LogStream): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: { err: safeError, req: safeRequest as never },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["idempotency-key"]',
        'headers.authorization',
        'headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.passwordHash',
        '*.password_hash',
        '*.token',
        '*.iban',
        '*.email',
      ],
      censor: BLANK,
    },
  };
}
