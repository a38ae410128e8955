/**
 * Prices an order on the server from the catalogue (never from the client): lines incl. VAT in
 * cents, VAT per line half-up, totals per rate (SPEC A-71), then delivery.
 */
import { cents, lineTotal, netFromGross, totalsByRate } from '../kernel/money.ts';

/** A line at its catalogue price, before the delivery country decides the VAT. */
export type PricingLine = {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  vatRateBp: number;
  withdrawable: boolean;
  withdrawalException: string | null;
  /** A service's coverage in days (issue 10 §2); absent or null for goods. */
  serviceDays?: number | null;
  /** Ordered specially for the customer (003 art.7.2), as the catalogue said when sold; absent for other goods. */
  specialOrder?: boolean;
};

export type PricedLine = PricingLine & { totalCents: number };

export type Totals = { netCents: number; vatCents: number; grossCents: number; shippingCents: number; feesCents: number };

/** An export without VAT (004 O1) charges the price excl. VAT at a 0 % rate. */
export function priceLines(lines: readonly PricingLine[], exportWithoutVat: boolean): PricedLine[] {
  return lines.map((l) => {
    const unit = exportWithoutVat ? netFromGross(cents(l.unitPriceCents), l.vatRateBp) : l.unitPriceCents;
    const rate = exportWithoutVat ? 0 : l.vatRateBp;
    return { ...l, unitPriceCents: unit, vatRateBp: rate, totalCents: lineTotal(cents(unit), l.quantity) };
  });
}

export function productTotals(lines: readonly PricedLine[]) {
  const t = totalsByRate(lines.map((l) => ({ grossCents: cents(l.totalCents), vatRateBp: l.vatRateBp })));
  return { netCents: t.total.net as number, vatCents: t.total.vat as number, grossCents: t.total.gross as number };
}

/** Order totals: products plus delivery, delivery taxed at the given rate (0 for an export). */
export function orderTotals(lines: readonly PricedLine[], shipping: number, shippingVatBp: number): Totals {
  const t = totalsByRate([
    ...lines.map((l) => ({ grossCents: cents(l.totalCents), vatRateBp: l.vatRateBp })),
    ...(shipping > 0 ? [{ grossCents: cents(shipping), vatRateBp: shippingVatBp }] : []),
  ]);
  return { netCents: t.total.net, vatCents: t.total.vat, grossCents: t.total.gross, shippingCents: shipping, feesCents: 0 };
}
