/**
 * API: what an address may choose for delivery (API.md `GET /shops/{shop}/delivery-options`,
 * issue 12 §8): `[{mode, label, feeCents, pickupPoints?: [{id, name, address, slots: [{id,
 * startsAt, endsAt, remaining}]}]}]` — only the modes the address's zone is offered, only slots
 * with room that may still be booked.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { deliveryOptions } from '../../flows/delivery-options.ts';
import { type Lang, type MessageKey, t } from '../../kernel/i18n/index.ts';
import { parseOrThrow, text } from '../../kernel/validation.ts';
import { getShop } from '../../shops/service.ts';

const OptionsQuery = z.object({
  country: text().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'invalid_value'),
  postalCode: text().trim().min(1).max(16).regex(/^[A-Za-z0-9 -]+$/, 'invalid_value'),
  city: text().trim().max(100).optional(),
  lang: text().optional(),
});

const label = (lang: Lang, mode: string, own: string | null) => own ?? t(lang, `delivery.mode.${mode}` as MessageKey);

export const deliveryApi: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const clock = app.deps.clock;

  app.get<{ Params: { shop: string } }>(
    '/shops/:shop/delivery-options',
    {
      schema: {
        tags: ['delivery'],
        summary: 'What an address may choose: delivery modes with their fees, pickup points with their open slots (anyone)',
        description:
          'Answers `[{mode, label, feeCents, pickupPoints?: [{id, name, address, slots: [{id, startsAt, endsAt, remaining}]}]}]`: only the modes the address is offered ' +
          '(its postcode, else its commune, decides), each with its fee in cents; for `pickup`, the points of the address’s commune and their slots that still have room and may still be booked (a full slot is not listed). ' +
          'Pass the chosen `slotId` (and `pickupPointId`) in `POST /shops/{shop}/orders` `delivery`. Errors: 422 `territory_not_served`, `unknown_postcode`, `address_not_served`.',
        querystring: {
          type: 'object',
          properties: {
            country: { type: 'string', description: 'ISO 3166-1 alpha-2 (BE, FR)' },
            postalCode: { type: 'string' },
            city: { type: 'string', description: 'the commune; read when the shop’s zones for this country go by name' },
          },
        },
      },
    },
    async (request) => {
      const shop = await getShop(db, request.params.shop);
      const query = parseOrThrow(OptionsQuery, request.query);
      const options = await deliveryOptions({ db, clock }, shop, { country: query.country, postalCode: query.postalCode, city: query.city }, null);
      return options.map((o) => ({
        mode: o.mode,
        label: label(request.lang, o.mode, o.label),
        feeCents: o.feeCents,
        ...(o.pickupPoints && {
          pickupPoints: o.pickupPoints.map((p) => ({ id: p.id, name: p.name, address: p.address ? { ...p.address, country: shop.legalSystem } : null, slots: p.slots.map(({ id, startsAt, endsAt, remaining }) => ({ id, startsAt, endsAt, remaining })) })),
        }),
      }));
    },
  );
};
