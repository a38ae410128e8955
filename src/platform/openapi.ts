/**
 * OpenAPI description at /api/v1/openapi.json and browsable docs at /api/docs, generated from the
 * routes' schemas (tags and summaries) so the description cannot drift from what is served.
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export async function apiDocs(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Comptoir API',
        version: '1',
        description:
          'JSON API of Comptoir. Amounts are integer cents, VAT rates basis points, dates YYYY-MM-DD in the shop time zone. ' +
          'Errors: {"error": {code, message, field}}. Auth: Authorization: Bearer <token>.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
