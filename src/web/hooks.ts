/**
 * Per-request context: language (query ?lang= → cookie → Accept-Language → French) and caller
 * (Bearer token for the API, session cookie for pages); `Cache-Control: no-store` on every answer
 * that is not a public read (context.ts `isPublicRead`).
 */
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { actorFromBearer, actorFromSession } from '../accounts/resolve.ts';
import { isLang, negotiateLang } from '../kernel/i18n/index.ts';
import { unauthenticated } from '../kernel/errors.ts';
import { isApiRequest, isPublicRead, LANG_COOKIE, SESSION_COOKIE } from './context.ts';

export function installContext(app: FastifyInstance): void {
  app.decorateRequest('lang', 'fr');
  // A reference-type default would be shared by every request; each request sets its own below.
  app.decorateRequest('actor', null as never);
  app.decorateRequest('testClockNow', undefined);

  app.addHook('onRequest', async (request, reply) => {
    request.actor = { kind: 'anonymous' };
    const query = request.query as Record<string, unknown>;
    const chosen = query?.lang;
    request.lang = negotiateLang(chosen ?? request.cookies[LANG_COOKIE], request.headers['accept-language'], 'fr');
    if (isLang(chosen) && chosen !== request.cookies[LANG_COOKIE]) {
      reply.setCookie(LANG_COOKIE, chosen, { path: '/', sameSite: 'lax', maxAge: 365 * 86_400 });
    }
    const { db } = app.deps.database;
    // Read only by a request that names a caller: an anonymous read asks no clock (issue 9).
    const now = () => new Date(app.deps.clock.now().epochMilliseconds);
    if (app.deps.clock.test) request.testClockNow = app.deps.clock.now().toString();

    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S{16,512})$/i.exec(authorization);
      const actor = match?.[1] ? await actorFromBearer(db, match[1], app.deps.config.adminToken, now()) : null;
      if (!actor) throw unauthenticated();
      request.actor = actor;
      return;
    }
    // The API authenticates by token only: a cookie riding along on a cross-site request must
    // not be able to act through the API, which has no CSRF token.
    if (isApiRequest(request)) return;
    const session = request.cookies[SESSION_COOKIE];
    if (session && session.length <= 100) {
      request.actor = (await actorFromSession(db, session, now())) ?? { kind: 'anonymous' };
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const alreadyNoStore = String(reply.getHeader('cache-control') ?? '').includes('no-store');
    if (!isPublicRead(request, reply) && !alreadyNoStore) reply.header('cache-control', 'no-store');
    return payload;
  });
}

/**
 * Helmet's security headers (CSP, HSTS, X-Frame-Options…) on every answer. @fastify/helmet builds
 * a new helmet middleware, parsing the whole configuration, on every request (≈ 70 µs, issue 9);
 * without per-request nonces the headers never change, so they are computed once here: helmet's
 * own middleware runs on one request to a private instance, and the headers it set on the raw
 * response are set on each response the same way (`setHeader` on the raw response, before any
 * route runs, so a route may still replace one).
 */
export async function installSecurityHeaders(app: FastifyInstance, options: FastifyHelmetOptions): Promise<void> {
  const headers = await helmetHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}

export async function helmetHeaders(options: FastifyHelmetOptions): Promise<[string, string | number | readonly string[]][]> {
  const probe = Fastify();
  await probe.register(fastifyHelmet, options);
  let headers: [string, string | number | readonly string[]][] = [];
  probe.get('/', (_request, reply) => {
    headers = Object.entries(reply.raw.getHeaders()).flatMap(([name, value]) => (value === undefined ? [] : [[name, value] as [string, string | number | readonly string[]]]));
    return reply.send('');
  });
  await probe.inject('/');
  await probe.close();
  if (!headers.some(([name]) => name === 'content-security-policy')) throw new Error('helmet set no Content-Security-Policy: its options changed?');
  return headers;
}
