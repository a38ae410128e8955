/**
 * What every request carries once the context hook has run: the language and the caller.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Child } from '#jsx/jsx-runtime';
import { render } from '#jsx/jsx-runtime';
import type { Actor } from '../accounts/actor.ts';
import type { Lang } from '../kernel/i18n/index.ts';
import type { PageFrame, Viewer } from './layout.tsx';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    actor: Actor;
    testClockNow: string | undefined;
  }
}

export const SESSION_COOKIE = 'comptoir_session';
export const LANG_COOKIE = 'comptoir_lang';

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** Routes whose answer to an anonymous GET is the same for everyone: the catalogue, the terms, assets. */
const PUBLIC_READ_ROUTES = new Set([
  '/',
  '/shops',
  '/shops/:shop',
  '/shops/:shop/products',
  '/shops/:shop/products/:id',
  '/shops/:shop/terms',
  '/shops/:shop/terms/:kind',
  '/shops/:shop/terms/:kind/:version',
  '/shops/:shop/legal/:doc',
  '/assets/*',
  '/api/docs',
  '/api/docs/*',
  '/api/v1/openapi.json',
  '/api/v1/shops',
  '/api/v1/shops/:shop',
  '/api/v1/shops/:shop/products',
  '/api/v1/shops/:shop/products/:id',
  '/api/v1/shops/:shop/terms',
]);

/**
 * Whether a response may be kept by a browser or a shared cache. Anything else — every answer to
 * a signed-in caller, every form, every API answer but the public reads, any answer that sets a
 * cookie — is sent with `Cache-Control: no-store` (ASVS 14.3.2; LEGAL.md T-29): personal data
 * must not stay in a cache after sign-out, nor be served to the next user of a shared computer.
 */
export function isPublicRead(request: FastifyRequest, reply: FastifyReply): boolean {
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    request.actor?.kind === 'anonymous' &&
    request.headers.authorization === undefined &&
    PUBLIC_READ_ROUTES.has(request.routeOptions.url ?? '') &&
    !reply.hasHeader('set-cookie')
  );
}

/** The viewer shown in a page's header: only an actor belonging to this shop, or an operator. */
export function viewerFor(actor: Actor, shopSlug: string | undefined): Viewer {
  if (actor.kind === 'anonymous') return null;
  if (actor.kind === 'operator') return { kind: 'operator', name: actor.name };
  if (actor.shopId !== shopSlug) return null;
  // Through an order's signed link nobody is signed in: the header offers to sign in, not an account.
  if (actor.kind === 'customer' && actor.orderLink) return null;
  return { kind: actor.kind, name: actor.name };
}

export function frameFor(request: FastifyRequest, reply: FastifyReply, title: string, shop?: { slug: string; name: string }): PageFrame {
  return {
    lang: request.lang,
    title,
    path: request.url,
    shop,
    viewer: viewerFor(request.actor, shop?.slug),
    csrfToken: reply.generateCsrf(),
    testClockNow: request.testClockNow,
  };
}

export function sendPage(reply: FastifyReply, page: Child, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(`<!doctype html>${render(page)}`);
}
