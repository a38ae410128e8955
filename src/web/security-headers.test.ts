/**
 * The security headers computed once (hooks.ts `installSecurityHeaders`) are exactly those
 * @fastify/helmet sets per request, with the app's options, on a JSON answer, a page, a 404, an
 * error and a route that replaces one of them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { installSecurityHeaders } from './hooks.ts';

const OPTIONS: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    directives: { 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'], 'form-action': ["'self'", 'https://checkout.stripe.com'] },
  },
};

async function appWith(install: (app: FastifyInstance) => PromiseLike<unknown>): Promise<FastifyInstance> {
  const app = Fastify();
  await install(app);
  app.get('/json', async () => ({ ok: true }));
  app.get('/page', async (_request, reply) => reply.type('text/html; charset=utf-8').send('<p>page</p>'));
  app.get('/boom', async () => {
    throw new Error('boom');
  });
  app.get('/framed', async (_request, reply) => reply.header('x-frame-options', 'DENY').send('framed'));
  return app;
}

test('should send the headers @fastify/helmet sends, on every kind of answer', async () => {
  const once = await appWith((app) => installSecurityHeaders(app, OPTIONS));
  const each = await appWith((app) => app.register(fastifyHelmet, OPTIONS));
  const drop = new Set(['date', 'content-length', 'connection', 'keep-alive']);
  for (const url of ['/json', '/page', '/missing', '/boom', '/framed']) {
    const [a, b] = [await once.inject(url), await each.inject(url)];
    assert.equal(a.statusCode, b.statusCode, url);
    const headers = (h: Record<string, unknown>) => Object.fromEntries(Object.entries(h).filter(([name]) => !drop.has(name)).sort(([x], [y]) => (x < y ? -1 : 1)));
    assert.deepEqual(headers(a.headers), headers(b.headers), url);
    assert.match(String(a.headers['content-security-policy']), /form-action 'self' https:\/\/checkout\.stripe\.com/, url);
    assert.equal(a.headers['x-frame-options'], url === '/framed' ? 'DENY' : 'SAMEORIGIN', url);
  }
  await once.close();
  await each.close();
});
