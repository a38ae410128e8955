/** SQLSTATE 23505: both pg and PGlite put it on the thrown error's `code`. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/**
 * The database is out of reach rather than the query wrong: the backend was terminated or the
 * server restarted (SQLSTATE class 08 connection exception, 57P01–57P03 shutdown, class 53
 * insufficient resources such as too many connections), the socket failed, or pg's client lost its
 * connection before reporting a SQLSTATE (it then throws plain `Error`s with these messages), or
 * the database was closed under a request (the embedded PGlite, or any while shutting down).
 * Such errors are answered 503 with Retry-After (RFC 9110 §15.6.4), never 500: a retry succeeds
 * on the fresh connection the pool opens.
 */
export function isConnectionLost(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (/^(08|53)/.test(code) || ['57P01', '57P02', '57P03'].includes(code)) return true;
    if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'].includes(code)) return true;
  }
  return typeof message === 'string' && LOST_CONNECTION_MESSAGES.some((m) => message.startsWith(m));
}

const LOST_CONNECTION_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
  'PGlite is closing',
  'PGlite is closed',
  'driver has already been destroyed', // Kysely, once the database is closed (shutting down)
];

/**
 * A failed statement in words that carry no value: its verb and first table (`insert into
 * "customers"`), never its parameters (issue 8 §10). Kysely passes every failed query through the
 * database's log hook (src/db/connect.ts), which labels the error with it for the server log.
 */
export function statementOf(sqlText: string): string {
  const verb = /^\s*(\w+)/.exec(sqlText)?.[1]?.toLowerCase() ?? '?';
  const table = /\b(from|into|update|table)\s+("[^"]{1,63}"(?:\."[^"]{1,63}")?|[a-z_][\w.]{0,63})/i.exec(sqlText);
  if (!table) return verb;
  const keyword = table[1]?.toLowerCase();
  return keyword === verb ? `${verb} ${table[2]}` : `${verb} ${keyword} ${table[2]}`;
}

export function labelFailedStatement(error: unknown, sqlText: string): void {
  if (typeof error === 'object' && error !== null && !('statement' in error)) {
    Object.defineProperty(error, 'statement', { value: statementOf(sqlText), enumerable: true });
  }
}
