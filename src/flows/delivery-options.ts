/**
 * What an address may choose (issue 12 §2, §3, §7, §8; API.md `GET delivery-options`): the modes
 * its zone is offered, each with its fee, and for pickup the points of its commune with the slots
 * still open to booking — never a full one. The same reading serves checkout's step 1. A flow: it
 * puts the profile's zones (shops) and the slots (delivery) together.
 */
import type { Kysely } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { CustomerKind } from '../accounts/schema.ts';
import * as rules from '../checkout/rules.ts';
import type { DB } from '../db/schema.ts';
import { ensureSlots, openSlotsAt, type SlotOption } from '../delivery/service.ts';
import { DomainError } from '../kernel/errors.ts';
import { offeredModes, type OfferedMode, type ZoneAddress } from '../shops/profile/delivery-zone-rules.ts';
import type { Shop } from '../shops/service.ts';

export type PickupPointOption = { id: string; name: string; commune: string; address: { line1: string; postalCode: string; city: string } | null; slots: SlotOption[] };
export type DeliveryOption = { mode: string; label: string | null; feeCents: number; offer: OfferedMode; pickupPoints?: PickupPointOption[] };

/**
 * Refusals: `territory_not_served` (a country the shop does not deliver to), `unknown_postcode`
 * (not a postcode of that country, where the shop's zones go by postcode), `address_not_served`
 * (in no zone, and no mode serves the other communes).
 */
export async function deliveryOptions(deps: { db: Kysely<DB>; clock: { now(): Temporal.Instant } }, shop: Shop, address: ZoneAddress, kind: CustomerKind | null, products = { grossCents: 0, netCents: 0 }): Promise<DeliveryOption[]> {
  const country = address.country.trim().toUpperCase();
  if (!rules.isServed(shop.profile, country)) throw new DomainError('territory_not_served', 'refused', { country }, 'country');
  const offers = offeredModes(shop.profile, kind, { ...address, country });
  if (offers.length === 0) throw new DomainError('address_not_served', 'refused', { address: `${address.postalCode} ${address.city ?? ''}`.trim() }, 'postalCode');
  const now = deps.clock.now();
  const points = offers.flatMap((o) => o.points);
  if (points.length > 0) await ensureSlots(deps.db, shop, now);
  const slots = await openSlotsAt(deps.db, shop, points, now);
  return offers.map((offer) => ({
    mode: offer.mode.mode,
    label: offer.mode.label ?? null,
    feeCents: rules.shippingCents(offer.mode, products.grossCents, products.netCents, offer.zoneFeeCents),
    offer,
    ...(offer.mode.mode === 'pickup' && {
      pickupPoints: offer.points.map((p) => ({ id: p.id, name: p.point.name, commune: p.point.commune, address: p.point.address ?? null, slots: slots.get(p.id) ?? [] })),
    }),
  }));
}
