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

/** The viewer shown in a page's header: only an actor belonging to this shop, or an operator. */
export function viewerFor(actor: Actor, shopSlug: string | undefined): Viewer {
  if (actor.kind === 'anonymous') return null;
  if (actor.kind === 'operator') return { kind: 'operator', name: actor.name };
  if (actor.shopId !== shopSlug) return null;
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
