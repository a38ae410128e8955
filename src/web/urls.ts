import type { FastifyRequest } from 'fastify';

/** The public origin: PUBLIC_URL when set (behind a proxy), else what the request came to. */
export function baseUrl(request: FastifyRequest): string {
  const configured = request.server.deps.config.publicUrl;
  if (configured) return configured.replace(/\/$/, '');
  return `${request.protocol}://${request.host}`;
}
