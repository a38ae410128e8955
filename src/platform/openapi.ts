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
      tags: [
        {
          name: 'delivery',
          description:
            'Delivery zones, fees, pickup points and slots (issue 12). The address decides the modes offered (postcode ranges, else commune names, per the shop profile); ' +
            '`GET /shops/{shop}/delivery-options` lists them with `feeCents` and, for pickup, the open slots. `POST /shops/{shop}/orders` takes `delivery: {mode, pickupPointId?, slotId?, address?}`: ' +
            '422 `delivery_mode_not_offered` (not offered at this address), 409 `slot_full`, 422 `slot_in_past`, `unknown_slot`, `slot_outside_promise`; no `slotId` holds the earliest slot with room. ' +
            'The order carries `delivery.pickupPoint`, `delivery.slot {startsAt, endsAt}` and `delivery.earliestOn`.',
        },
      ],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
