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
        {
          name: 'services',
          description:
            'Services (issue 10 §2, C. consom. L221-25). A product has `kind` (`goods` | `service`) and, for a service, `serviceDays`: the days its contract covers (`POST /shops/{shop}/products` takes both; fixed once created). ' +
            '`POST /shops/{shop}/orders` takes `serviceStartRequested: true`, the consumer\'s express request that a service in the order start before the end of the withdrawal period (never assumed; ignored for an order without a service): ' +
            'the order then carries `serviceStartRequestedAt` (the instant, also in its `placed` evidence event), and its lines `serviceDays`. The period of an order of services only runs from the day after conclusion. ' +
            '`PUT /shops/{shop}/orders/{id}/service-start` `{startedOn}` (staff) records the day performance started when it is not the day of conclusion (422 `not_a_service_order`, `service_start_before_order`, `event_in_future`). ' +
            'On withdrawal, a service line owes, with the request only, the price × days supplied ÷ `serviceDays`, rounded half-up to the cent: days from the start day (counted) to the day the withdrawal was sent (not counted). ' +
            'The withdrawal\'s lines carry `service {serviceDays, requestedAt, startedOn, suppliedDays, owedCents}`, its `serviceOwedCents` is their sum, already taken off `dueCents`; the credit note credits the price less what is owed.',
        },
      ],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
