/**
 * Which delivery modes an address is offered (issue 12 §2; 001 CG §4: "Le lieu et la date de la
 * livraison des produits varie en fonction de la commune ou ville dans laquelle réside le Client").
 * A pure reading of the profile's zones, shared by checkout (the quote), the delivery-options API
 * and the pages, so all say the same; it lives with the profile, as the standard VAT rate does.
 *
 * The postcode decides first: when the profile lists postcode ranges for the address's country, the
 * commune's name is not read (the ranges cover a commune with its sections, 6000–6061 Charleroi).
 * Otherwise the commune's name decides, compared without case or accents. A mode with no zone at
 * all serves everyone; a mode marked `otherCommunes` serves the addresses no zoned mode took.
 */
import { DomainError } from '../../kernel/errors.ts';
import type { CustomerKind } from '../../accounts/schema.ts';
import type { Profile } from './schema.ts';
import type { PickupPoint, PostcodeRange } from './schema/delivery.ts';

export type Mode = NonNullable<Profile['delivery']>['modes'][number];
export type ZoneAddress = { country: string; postalCode: string; city?: string | undefined };
/** A pickup point with its id: the profile's `id`, else its place in the list ("0", "1"…). */
export type PointRef = { id: string; point: PickupPoint };

/** What an address may choose: the mode, the zone's fee override, its commune and points (pickup). */
export type OfferedMode = { mode: Mode; zoneFeeCents: number | undefined; commune: string | undefined; points: PointRef[] };

/** Postcodes as each country writes them: Belgium 1000–9999, France 01000–98999. */
const POSTCODE: Record<string, RegExp> = { BE: /^[1-9]\d{3}$/, FR: /^(0[1-9]|[1-8]\d|9[0-8])\d{3}$/ };

/** "Liège", "LIEGE", " liège " → "liege"; hyphens and apostrophes as spaces ("Mont-Saint-Guibert"). */
export function communeKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-'’.]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function pointId(point: PickupPoint, index: number): string {
  return point.id ?? String(index);
}

/** Whether ordering at this point means choosing a slot: it has opening hours. */
export const pointHasSlots = (p: PointRef) => (p.point.opening?.length ?? 0) > 0;

/** A pickup mode's points with their ids. */
export function pointsOf(mode: Mode): PointRef[] {
  return mode.mode === 'pickup' ? mode.points.map((point, i) => ({ id: pointId(point, i), point })) : [];
}

/** A point named by its id, its place in the list or its name (the checkout pages' older values). */
export function findPoint(mode: Mode, idOrName: string): PointRef | undefined {
  return pointsOf(mode).find((p, i) => p.id === idOrName || String(i) === idOrName || p.point.name === idOrName);
}

function inRange(r: PostcodeRange, country: string, postalCode: string): boolean {
  return r.country === country && r.from.length === postalCode.length && r.from <= postalCode && postalCode <= r.to;
}

const isZoned = (m: Mode) => (m.postcodes?.length ?? 0) > 0 || (m.communes?.length ?? 0) > 0;

/**
 * The modes this kind of customer is offered at this address, in the profile's order. Throws
 * `unknown_postcode` when the profile places addresses of this country by postcode and the
 * postcode is not one of that country.
 */
export function offeredModes(profile: Profile, kind: CustomerKind | null, address: ZoneAddress): OfferedMode[] {
  const modes = (profile.delivery?.modes ?? []).filter((m) => !kind || !m.customerKinds || m.customerKinds.includes(kind));
  const country = address.country.trim().toUpperCase();
  const postalCode = address.postalCode.replace(/\s+/g, '');
  const byPostcode = modes.some((m) => m.postcodes?.some((r) => r.country === country));
  if (byPostcode && !(POSTCODE[country]?.test(postalCode) ?? /^[0-9A-Z-]{3,10}$/i.test(postalCode))) {
    throw new DomainError('unknown_postcode', 'refused', { postalCode: address.postalCode, country }, 'delivery.address.postalCode');
  }
  const city = communeKey(address.city ?? '');
  /** The zone of a zoned mode the address falls in: its commune and fee override, or null. */
  const zoneOf = (m: Mode): { commune: string | undefined; feeCents: number | undefined } | null => {
    if (byPostcode) {
      const range = m.postcodes?.find((r) => inRange(r, country, postalCode));
      return range ? { commune: range.commune, feeCents: range.feeCents } : null;
    }
    const commune = m.communes?.find((c) => city !== '' && communeKey(c) === city);
    return commune ? { commune, feeCents: undefined } : null;
  };
  const zoned = modes.filter(isZoned).map((m) => ({ m, zone: zoneOf(m) }));
  const takenByZone = zoned.some((z) => z.zone !== null);
  const offered: OfferedMode[] = [];
  for (const m of modes) {
    if (isZoned(m)) {
      const zone = zoned.find((z) => z.m === m)?.zone;
      if (zone) offered.push({ mode: m, zoneFeeCents: zone.feeCents, commune: zone.commune, points: pointsFor(m, zone.commune ?? address.city) });
    } else if (!m.otherCommunes || !takenByZone) {
      offered.push({ mode: m, zoneFeeCents: undefined, commune: undefined, points: pointsOf(m) });
    }
  }
  return offered;
}

/** A zone's points: those of its commune, or all of the mode's when none is in that commune. */
function pointsFor(m: Mode, commune: string | undefined): PointRef[] {
  const all = pointsOf(m);
  const key = communeKey(commune ?? '');
  const here = all.filter((p) => communeKey(p.point.commune) === key);
  return here.length > 0 ? here : all;
}

/**
 * The mode asked for, if this address is offered it (`delivery_mode_not_offered` otherwise), and
 * for pickup the point asked for among those of the address's zone.
 */
export function offeredMode(profile: Profile, kind: CustomerKind | null, address: ZoneAddress, asked: { mode: string; pickupPointId?: string | undefined }): OfferedMode & { point: PointRef | undefined } {
  const where = `${address.postalCode} ${address.city ?? ''}`.trim();
  const exists = (profile.delivery?.modes ?? []).find((m) => m.mode === asked.mode && (!kind || !m.customerKinds || m.customerKinds.includes(kind)));
  const notOffered = (what: string, field: string) => new DomainError('delivery_mode_not_offered', 'refused', { mode: what, address: where }, field);
  if (!exists) throw notOffered(asked.mode, 'delivery.mode');
  const offer = offeredModes(profile, kind, address).find((o) => o.mode === exists);
  if (!offer) throw notOffered(exists.label ?? exists.mode, 'delivery.mode');
  if (exists.mode !== 'pickup' || asked.pickupPointId === undefined) return { ...offer, point: undefined };
  const point = findPoint(exists, asked.pickupPointId);
  if (!point) throw new DomainError('unknown_pickup_point', 'refused', {}, 'delivery.pickupPointId');
  if (!offer.points.some((p) => p.id === point.id)) throw notOffered(point.point.name, 'delivery.pickupPointId');
  return { ...offer, point };
}
