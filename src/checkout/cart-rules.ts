/**
 * The shop's rules applied to a cart, before checkout, so the customer learns what is wrong
 * where it can be fixed: quantities (004 art.2 O3, A-58: per product line, bundles not
 * expanded), stock, minimum order (004 art.2 O4, A-67) and who may buy (C02). Pure functions.
 */
import { z } from 'zod';
import type { CustomerKind } from '../accounts/schema.ts';
import { DomainError } from '../kernel/errors.ts';
import { text } from '../kernel/validation.ts';
import type { Profile } from '../shops/profile/schema.ts';

/** No cart line holds more than this, whatever the shop: a typo of 10000 is refused outright. */
export const MAX_CART_QUANTITY = 999;

/** A quantity typed in a form: digits only, 1 to MAX_CART_QUANTITY. */
export const CartQuantity = text()
  .trim()
  .regex(/^\d{1,9}$/, 'invalid_quantity')
  .transform(Number)
  .pipe(z.number().int().min(1, 'invalid_quantity').max(MAX_CART_QUANTITY, 'quantity_too_large'));

export type CartLineFacts = {
  quantity: number;
  /** The product's own limit per order, if any. */
  maxPerOrder: number | null;
  /** Units that can still be sold (for a bundle: what its scarcest part allows). */
  available: number;
  /** Withdrawn from sale since it was put in the cart. */
  active: boolean;
};

export type LineIssue =
  | { code: 'product_unavailable' }
  | { code: 'max_per_product'; max: number }
  | { code: 'not_enough_stock'; available: number };

export type CartIssue =
  | { code: 'empty_cart' }
  | { code: 'customer_kind_not_allowed'; kind: CustomerKind }
  | { code: 'min_order_amount'; minCents: number; missingCents: number; basis: 'incl_vat' | 'excl_vat' };

/** The most units of one product a line may hold: the shop's limit and the product's own. */
export function maxUnits(profile: Profile, maxPerOrder: number | null): number | null {
  const limits = [profile.checkout.maxPerProduct, maxPerOrder ?? undefined].filter((n): n is number => n !== undefined);
  return limits.length === 0 ? null : Math.min(...limits);
}

export function lineIssues(profile: Profile, line: CartLineFacts): LineIssue[] {
  if (!line.active) return [{ code: 'product_unavailable' }];
  const issues: LineIssue[] = [];
  const max = maxUnits(profile, line.maxPerOrder);
  if (max !== null && line.quantity > max) issues.push({ code: 'max_per_product', max });
  if (line.quantity > line.available) issues.push({ code: 'not_enough_stock', available: Math.max(0, line.available) });
  return issues;
}

/** What stops the whole cart from going to checkout (a guest's kind is not known yet). */
export function cartIssues(profile: Profile, kind: CustomerKind | null, productsGrossCents: number, productsNetCents: number, lineCount: number): CartIssue[] {
  if (lineCount === 0) return [{ code: 'empty_cart' }];
  const issues: CartIssue[] = [];
  if (kind && !profile.customers.kinds.includes(kind)) issues.push({ code: 'customer_kind_not_allowed', kind });
  const min = profile.checkout.minOrderCents;
  if (min !== undefined) {
    const exclVat = profile.checkout.minOrderBasis === 'excl_vat_excl_shipping';
    const basis = exclVat ? productsNetCents : productsGrossCents;
    if (basis < min) issues.push({ code: 'min_order_amount', minCents: min, missingCents: min - basis, basis: exclVat ? 'excl_vat' : 'incl_vat' });
  }
  return issues;
}

/**
 * Refuses, before anything is written, a quantity the cart could not be checked out with:
 * above the per-product limit or above the stock left. Other problems wait for the cart page.
 */
export function checkLineQuantity(profile: Profile, line: CartLineFacts): void {
  if (!line.active) throw new DomainError('product_unavailable', 'refused', {}, 'quantity');
  const max = maxUnits(profile, line.maxPerOrder);
  if (max !== null && line.quantity > max) throw new DomainError('max_per_product', 'refused', { max }, 'quantity');
  if (line.quantity > line.available) throw new DomainError('not_enough_stock', 'refused', { available: Math.max(0, line.available) }, 'quantity');
}
