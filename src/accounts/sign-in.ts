/**
 * Signing in from an HTTP request, shared by the sign-in pages (shoppers, staff, operators) and
 * `POST /session`: the caller is its address (`request.ip`) and, in a browser, a device cookie.
 *
 * The device cookie is a random 256-bit value set at the first successful sign-in of a browser;
 * only its hash is kept, tied to the accounts it signed in to, so it needs no signature and tells
 * nothing by itself. With it the owner is never slowed down by failures made on the account from
 * elsewhere (sign-in-rules.ts). It serves security only and is exempt from consent (CNIL
 * délibération 2020-091 art. 82: cookies strictly needed for the service the user asks for).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken } from '../kernel/ids.ts';
import { TooManyAttempts } from './errors.ts';
import type { Credentials } from './schema.ts';
import { type AccountsDeps, authenticate, type SignedIn, type Who } from './service.ts';

export const DEVICE_COOKIE = 'comptoir_device';
const DEVICE_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * A sign-in from a browser, which gets the device cookie. `secureCookie`: whether it carries
 * `Secure`, which only the web layer knows (the public origin: src/web/urls.ts `secureCookies`).
 */
export type FromBrowser = { secureCookie: boolean };

export async function signIn(
  deps: AccountsDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  who: Who,
  credentials: Credentials,
  from: FromBrowser | 'api',
): Promise<SignedIn> {
  const sent = request.cookies[DEVICE_COOKIE];
  const device = from === 'api' ? null : sent && DEVICE_SHAPE.test(sent) ? sent : randomToken();
  try {
    const actor = await authenticate(deps, who, credentials, { ip: request.ip, device });
    if (device && device !== sent) {
      reply.setCookie(DEVICE_COOKIE, device, { path: '/', httpOnly: true, sameSite: 'lax', secure: from !== 'api' && from.secureCookie, maxAge: 365 * 86_400 });
    }
    return actor;
  } catch (error) {
    if (error instanceof TooManyAttempts) reply.header('retry-after', String(error.retryAfterSeconds));
    throw error;
  }
}

/** The status of a sign-in form shown again: 429 while the caller must wait, 422 otherwise. */
export function signInFailureStatus(error: unknown): number {
  return error instanceof TooManyAttempts ? 429 : 422;
}
