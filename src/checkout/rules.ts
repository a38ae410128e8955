/**
 * The shop's terms applied to an order before it is placed: who may buy, where, how much, how it
 * is delivered and paid. Pure functions of (profile, facts) → the first refusal, or null.
 */
import type { CustomerKind } from '../accounts/schema.ts';
import { DomainError } from '../kernel/errors.ts';
import { EU_MEMBERS } from '../shops/profile/schema/commerce.ts';
import type { Profile } from '../shops/profile/schema.ts';
import type { DeliveryInput } from './schema.ts';
import { offeredMode, type ZoneAddress } from '../shops/profile/delivery-zone-rules.ts';

/** Invoicing applies the same rate to the same fees: it lives with the profile (floor 1). */
export { standardVatBp } from '../shops/profile/standard-vat.ts';

export function isServed(profile: Profile, country: string): boolean {
  return profile.territories.served.some((t) => t === country || (t === 'EU' && EU_MEMBERS.includes(country)));
}

/** 004 art.1 O1: outside the EU (and overseas) the shop invoices excl. VAT: an export. */
export function isExportWithoutVat(profile: Profile, country: string): boolean {
  return profile.territories.pricesExclVatOutsideEu && !EU_MEMBERS.includes(country);
}

export function checkCustomerKind(profile: Profile, kind: CustomerKind): void {
  if (!profile.customers.kinds.includes(kind)) throw new DomainError('customer_kind_not_allowed', 'refused', { kind }, 'customer');
}

export function checkTerritory(profile: Profile, country: string): void {
  if (!isServed(profile, country)) throw new DomainError('territory_not_served', 'refused', { country }, 'delivery.address.country');
}

/** 004 art.2 O3: per product line, bundle contents not expanded; and the product's own limit. */
export function checkQuantities(profile: Profile, lines: readonly { quantity: number; maxPerOrder: number | null }[]): void {
  const shopMax = profile.checkout.maxPerProduct;
  lines.forEach((line, i) => {
    const max = Math.min(shopMax ?? Number.POSITIVE_INFINITY, line.maxPerOrder ?? Number.POSITIVE_INFINITY);
    if (line.quantity > max) throw new DomainError('max_per_product', 'refused', { max }, `lines.${i}.quantity`);
  });
}

/** 004 art.2 O4 and A-67: products incl. VAT after discounts, shipping not counted. */
export function checkMinimum(profile: Profile, productsGrossCents: number, productsNetCents: number): void {
  const min = profile.checkout.minOrderCents;
  if (min === undefined) return;
  const basis = profile.checkout.minOrderBasis === 'excl_vat_excl_shipping' ? productsNetCents : productsGrossCents;
  if (basis < min) throw new DomainError('min_order_amount', 'refused', { minCents: min }, 'lines');
}

type Mode = NonNullable<Profile['delivery']>['modes'][number];

/**
 * The delivery mode the order asks for, if the shop offers it to this kind of customer at this
 * address (its zones: src/shops/profile/delivery-zone-rules.ts), with the pickup point asked for;
 * a pickup mode whose zone has one point takes it when none is named.
 */
export function deliveryOffer(profile: Profile, kind: CustomerKind, delivery: DeliveryInput, address: ZoneAddress) {
  const offer = offeredMode(profile, kind, address, delivery);
  if (offer.mode.mode !== 'pickup' || offer.point) return offer;
  const [only, ...others] = offer.points;
  if (only && others.length === 0) return { ...offer, point: only };
  if (offer.points.length > 0) throw new DomainError('choose_pickup_point', 'refused', {}, 'delivery.pickupPointId');
  return offer;
}

/** The delivery mode the order asks for, if the shop offers it at this address. */
export function deliveryMode(profile: Profile, kind: CustomerKind, delivery: DeliveryInput, address: ZoneAddress): Mode {
  return deliveryOffer(profile, kind, delivery, address).mode;
}

/**
 * A mode's fee for a products total: fixed, free, or free from a threshold (003 art.7.2 franco);
 * `zoneFeeCents`, the fee of the address's zone when it has its own (issue 12 §7).
 */
export function shippingCents(mode: Mode, productsGrossCents: number, productsNetCents: number, zoneFeeCents?: number): number {
  const fee = mode.fee;
  if (!fee || fee.rule === 'free' || fee.rule === 'carriage_forward') return 0;
  if (fee.freeFrom) {
    const basis = fee.freeFrom.vat === 'excl' ? productsNetCents : productsGrossCents;
    if (basis >= fee.freeFrom.amountCents) return 0;
  }
  return zoneFeeCents ?? fee.amountCents ?? 0;
}

export function checkPaymentMethod(profile: Profile, kind: CustomerKind, method: string): void {
  const offered = profile.payments?.methods.some((m) => m.method === method && (!m.customerKinds || m.customerKinds.includes(kind)));
  if (!offered) throw new DomainError('payment_method_not_offered', 'refused', { method }, 'paymentMethod');
}
