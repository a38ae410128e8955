/**
 * What an order will cost, computed one way for the review page and for placing the order, so
 * the total the customer confirms (C. civ. 1127-2) is the total charged. A pure function of the
 * profile, the customer and the catalogue lines; it throws the shop's first refusal.
 */
import type { CustomerKind } from '../accounts/schema.ts';
import type { AddressJson, ProductRow } from '../db/schema.ts';
import type { Profile } from '../shops/profile/schema.ts';
import { orderTotals, type PricedLine, type PricingLine, priceLines, productTotals, type Totals } from './pricing.ts';
import * as rules from './rules.ts';
import type { PointRef } from '../shops/profile/delivery-zone-rules.ts';
import type { DeliveryInput } from './schema.ts';

/** A line as the catalogue prices it, before the shop's rules and the delivery country apply. */
/** `serviceDays`: a service's coverage in days (issue 10 §2); null for goods. */
export type CatalogueLine = PricingLine & { maxPerOrder: number | null; isBundle: boolean; serviceDays: number | null };

export function catalogueLine(p: ProductRow, quantity: number): CatalogueLine {
  const name = (p.name as unknown as { fr: string }).fr;
  return { productId: p.id, sku: p.sku, name, quantity, unitPriceCents: p.unit_price_cents, vatRateBp: p.vat_rate_bp, withdrawable: p.withdrawable, withdrawalException: p.withdrawal_exception, maxPerOrder: p.max_per_order, isBundle: p.is_bundle, serviceDays: p.service_days, ...(p.special_order && { specialOrder: true }) };
}

export type DeliveryMode = ReturnType<typeof rules.deliveryMode>;
/**
 * The order's `delivery` (API.md): the mode, where it goes (the address, or the pickup point with
 * its name and address as they were when ordered), the slot held (src/flows/place-order.ts adds
 * its times and `earliestOn`).
 */
export type OrderDelivery = {
  mode: string;
  address?: AddressJson;
  /** The zone's commune the address fell in (issue 12 §2: 6001 Marcinelle is Charleroi's), for rounds and lists by zone. */
  commune?: string;
  pickupPointId?: string;
  pickupPoint?: { name: string; commune: string; address?: { line1: string; postalCode: string; city: string } };
  slotId?: string;
  slot?: { startsAt: string; endsAt: string };
  earliestOn?: string;
  phone?: string;
  doorNotes?: string;
};

export type Quote = {
  lines: PricedLine[];
  /** Products only (the basis of the minimum order, A-67). */
  products: { netCents: number; vatCents: number; grossCents: number };
  totals: Totals;
  mode: DeliveryMode;
  delivery: OrderDelivery;
  /** The pickup point chosen, with its id (the slot is held at placement). */
  point: PointRef | undefined;
  exportWithoutVat: boolean;
};

export type QuoteFacts = {
  profile: Profile;
  legalSystem: 'FR' | 'BE';
  kind: CustomerKind;
  customerAddress: AddressJson;
  lines: readonly CatalogueLine[];
  delivery: DeliveryInput;
  paymentMethod: string;
};

/** Modes that deliver to the customer's address (the others: pickup, collection, their carrier). */
export const SHIPS_TO_CUSTOMER: readonly string[] = ['carrier', 'volunteer', 'seller_delivery', 'manufacturer_direct'];

/**
 * The rules in the order placeOrder has always applied them: quantities, delivery mode,
 * territory, payment method, minimum order; then delivery fee and totals (VAT per rate).
 */
export function quoteOrder(f: QuoteFacts): Quote {
  const { profile } = f;
  rules.checkQuantities(profile, f.lines);
  // The address decides what is offered (issue 12 §2): the one given for the delivery, else the customer's.
  const offer = rules.deliveryOffer(profile, f.kind, f.delivery, f.delivery.address ?? f.customerAddress);
  const mode = offer.mode;
  const address = SHIPS_TO_CUSTOMER.includes(mode.mode) ? (f.delivery.address ?? f.customerAddress) : null;
  const country = address?.country ?? f.legalSystem;
  rules.checkTerritory(profile, country);
  rules.checkPaymentMethod(profile, f.kind, f.paymentMethod);

  const exportWithoutVat = rules.isExportWithoutVat(profile, country);
  const lines = priceLines(f.lines, exportWithoutVat);
  const products = productTotals(lines);
  rules.checkMinimum(profile, products.grossCents, products.netCents);
  const shipping = rules.shippingCents(mode, products.grossCents, products.netCents, offer.zoneFeeCents);
  const totals = orderTotals(lines, shipping, exportWithoutVat ? 0 : rules.standardVatBp(profile));
  const point = offer.point;
  const delivery: OrderDelivery = {
    mode: mode.mode,
    ...(address && { address }),
    ...(offer.commune && { commune: offer.commune }),
    ...(point && { pickupPointId: point.id, pickupPoint: { name: point.point.name, commune: point.point.commune, ...(point.point.address && { address: point.point.address }) } }),
    ...(f.delivery.phone && { phone: f.delivery.phone }),
    // Door notes serve a delivery at the door only.
    ...(address && f.delivery.doorNotes && { doorNotes: f.delivery.doorNotes }),
  };
  return { lines, products, totals, mode, delivery, point, exportWithoutVat };
}
