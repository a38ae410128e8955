/**
 * The one error handler (STYLE.md §6): typed domain errors become JSON for the API and a readable
 * page for people, in the request's language; framework errors (bad JSON, too large, CSRF) are
 * mapped to the same shapes; anything else is logged and shown as a generic 500, never a stack.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isConnectionLost } from '../db/errors.ts';
import { ClockCannotGoBack } from '../kernel/clock.ts';
import { DomainError, ValidationFailed } from '../kernel/errors.ts';
import { hasMessage, type Lang, type MessageKey, t } from '../kernel/i18n/index.ts';
import { money } from '../kernel/i18n/money.ts';
import { frameFor, isApiRequest, sendPage } from './context.ts';
import { Page } from './layout.tsx';

/**
 * An error's sentence in the reader's language. Amounts travel in cents under a name ending in
 * `Cents` and are written here as the language writes euros ("23,30 €", "€23.30"): the rule that
 * refuses does not know who reads it.
 */
export function messageFor(lang: Lang, code: string, params: Record<string, string | number> = {}): string {
  const key = `error.${code}`;
  if (!hasMessage(key)) return t(lang, 'error.invalid_request');
  const written = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, name.endsWith('Cents') && typeof value === 'number' ? money(lang, value) : value]));
  return t(lang, key as MessageKey, written);
}

/** A lost connection is replaced by the pool at once; a restarting server takes a few seconds. */
const RETRY_AFTER_SECONDS = 5;

/** Maps errors thrown by Fastify and its plugins to domain errors. */
function toDomainError(error: FastifyError | Error): DomainError | null {
  if (error instanceof DomainError) return error;
  if (error instanceof ClockCannotGoBack) return new DomainError('clock_cannot_go_back', 'refused', {}, 'now');
  if (isConnectionLost(error)) return new DomainError('service_unavailable', 'unavailable');
  const e = error as FastifyError;
  if (e.code?.startsWith('FST_CSRF')) return new DomainError('csrf', 'forbidden');
  if (e.statusCode === 413) return new DomainError('payload_too_large', 'too_large');
  if (e.statusCode === 415) return new DomainError('unsupported_media_type', 'malformed');
  if (e.statusCode === 429) return new DomainError('rate_limited', 'too_many');
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError) {
    return new DomainError('invalid_json', 'malformed');
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new DomainError('invalid_request', 'malformed');
  return null;
}

function sendError(request: FastifyRequest, reply: FastifyReply, error: DomainError | null) {
  const status = error?.status ?? 500;
  const code = error?.code ?? 'internal';
  const message = messageFor(request.lang ?? 'fr', code, error?.params);
  // RFC 9110 §10.2.3: tells clients (and their retry loops) when to come back.
  if (status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  if (isApiRequest(request) || !request.lang) {
    const body: { code: string; message: string; field?: string; issues?: unknown } = { code, message };
    if (error?.field) body.field = error.field;
    if (error instanceof ValidationFailed && error.issues.length > 1) {
      body.issues = error.issues.map((i) => ({ field: i.field, code: i.code, message: messageFor(request.lang ?? 'fr', i.code, i.params) }));
    }
    return reply.code(status).type('application/json; charset=utf-8').send({ error: body });
  }
  const frame = frameFor(request, reply, t(request.lang, 'common.errorTitle'));
  return sendPage(
    reply,
    <Page frame={frame}>
      <h1>{t(request.lang, 'common.errorTitle')}</h1>
      <p role="alert">{message}</p>
      <p><a href="/">{t(request.lang, 'nav.allShops')}</a></p>
    </Page>,
    status,
  );
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.deps.database.onConnectionError((error) => app.log.warn({ err: error }, 'database connection lost; the pool drops it and opens another'));
  app.setErrorHandler((error, request, reply) => {
    const domain = toDomainError(error as Error);
    if (!domain) request.log.error({ err: error }, 'unhandled error');
    else if (domain.status === 503) request.log.warn({ err: error }, 'database out of reach: 503');
    return sendError(request, reply, domain);
  });
  app.setNotFoundHandler((request, reply) => {
    const code = isApiRequest(request) ? 'not_found' : 'page_not_found';
    return sendError(request, reply, new DomainError(code, 'not_found', { what: request.url.split('?')[0] ?? '' }));
  });
}
