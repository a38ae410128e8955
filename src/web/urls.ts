/**
 * The origin of every absolute link the platform writes: e-mails (password reset, order
 * confirmation, terms notices), Stripe's return URLs, the `url` fields of the API.
 *
 * It comes from the configuration only, never from the request: with `Host` or
 * `X-Forwarded-Host` a stranger would choose where a password-reset link points and receive
 * its token (host header injection, OWASP WSTG-INPV-17).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

const LOCAL_HOSTS = new Set(['127.0.0.1', '::1', '0.0.0.0', '::', 'localhost']);

/**
 * PUBLIC_URL when set (required in production); in development the listening address,
 * `http://HOST:PORT`, with `localhost` for the loopback or all interfaces. `listeningPort`: the
 * port actually bound, when PORT=0 let the system choose it.
 */
export function publicBaseUrl(config: Pick<Config, 'publicUrl' | 'host' | 'port'>, listeningPort?: number): string {
  if (config.publicUrl) return config.publicUrl;
  const host = LOCAL_HOSTS.has(config.host) ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${listeningPort ?? config.port}`;
}

/** The port the server listens on, or undefined before `listen` (e.g. `inject` in tests). */
export function listeningPort(app: FastifyInstance): number | undefined {
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : undefined;
}

/** The public origin for links built while answering `request` (which is not read). */
export function baseUrl(request: FastifyRequest): string {
  // PUBLIC_URL first: the listening address costs a system call (getsockname) per request (issue 9).
  const config = request.server.deps.config;
  return config.publicUrl || publicBaseUrl(config, listeningPort(request.server));
}

/**
 * Whether cookies get the `Secure` attribute: when the public origin is https (behind a TLS
 * proxy, the request itself arrives over http unless TRUST_PROXY names that proxy), or when the
 * request came over https.
 */
export function secureCookies(request: FastifyRequest): boolean {
  return request.server.deps.config.publicUrl?.startsWith('https:') === true || request.protocol === 'https';
}
