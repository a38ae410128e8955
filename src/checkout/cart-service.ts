/**
 * Cart use cases: read a cart with the shop's rules applied, add, change, remove, merge a guest
 * cart into the customer's at sign-in, and hand the cart to checkout. Every change is checked
 * before anything is written; a refused change leaves the cart as it was (DESIGN.md §11).
 */
import type { Kysely, Transaction } from 'kysely';
import type { CustomerKind } from '../accounts/schema.ts';
import type { DB, LocalizedText } from '../db/schema.ts';
import type { Clock } from '../kernel/clock.ts';
import { DomainError, notFound } from '../kernel/errors.ts';
import { isUuid, sha256Hex } from '../kernel/ids.ts';
import { cents, netFromGross } from '../kernel/money.ts';
import { parseOrThrow } from '../kernel/validation.ts';
import type { Shop } from '../shops/service.ts';
import * as q from './cart-queries.ts';
import { type CartIssue, CartQuantity, cartIssues, checkLineQuantity, type LineIssue, lineIssues, MAX_CART_QUANTITY, maxUnits } from './cart-rules.ts';
import { priceLines, productTotals } from './pricing.ts';
import { type CatalogueLine, catalogueLine } from './quote.ts';

export type CartDeps = { db: Kysely<DB>; clock: Clock };
export type { CartOwner } from './cart-queries.ts';
type CartOwner = q.CartOwner;

export type CartLineView = {
  productId: string;
  sku: string;
  name: LocalizedText;
  quantity: number;
  unitPriceCents: number;
  unitNetCents: number;
  totalCents: number;
  totalNetCents: number;
  vatRateBp: number;
  available: number;
  max: number | null;
  issues: LineIssue[];
  /** Ordered specially for the customer (003 art.7.2): the cart repeats what follows if it is not collected. */
  specialOrder: boolean;
};

export type CartView = {
  id: string | null;
  lines: CartLineView[];
  products: { netCents: number; vatCents: number; grossCents: number };
  issues: CartIssue[];
  /** No line and no cart-wide issue: the cart may go to checkout. */
  ready: boolean;
  /** The lines as the catalogue prices them, for checkout. */
  catalogueLines: CatalogueLine[];
};

const now = (clock: Clock) => new Date(clock.now().epochMilliseconds);

type ProductRow = Awaited<ReturnType<typeof q.cartLines>>[number];

/** Units of each product that can still be sold: a bundle's scarcest part decides (C03). */
async function availability(db: Kysely<DB>, shopId: string, products: readonly Pick<ProductRow, 'id' | 'stock' | 'is_bundle'>[]): Promise<Map<string, number>> {
  const parts = await q.partStock(db, shopId, products.filter((p) => p.is_bundle).map((p) => p.id));
  return new Map(products.map((p) => {
    const own = parts.filter((x) => x.bundle_id === p.id);
    return [p.id, own.length === 0 ? p.stock : Math.min(...own.map((x) => Math.floor(x.stock / x.quantity)))];
  }));
}

export async function viewCart(deps: CartDeps, shop: Shop, owner: CartOwner | null, kind: CustomerKind | null): Promise<CartView> {
  const id = owner ? ((await q.findCartId(deps.db, shop.slug, owner)) ?? null) : null;
  const rows = id ? await q.cartLines(deps.db, shop.slug, id) : [];
  const stock = await availability(deps.db, shop.slug, rows);
  const catalogueLines = rows.map((r) => catalogueLine(r, r.quantity));
  const priced = priceLines(catalogueLines, false);
  const lines = rows.map((r, i): CartLineView => {
    const p = priced[i] as (typeof priced)[number];
    const available = stock.get(r.id) ?? 0;
    return {
      productId: r.id, sku: r.sku, name: r.name as unknown as LocalizedText, quantity: r.quantity,
      unitPriceCents: p.unitPriceCents, unitNetCents: netFromGross(cents(p.unitPriceCents), p.vatRateBp), totalCents: p.totalCents,
      totalNetCents: netFromGross(cents(p.totalCents), p.vatRateBp), vatRateBp: p.vatRateBp, available, max: maxUnits(shop.profile, r.max_per_order),
      issues: lineIssues(shop.profile, { quantity: r.quantity, maxPerOrder: r.max_per_order, available, active: r.active }),
      specialOrder: r.special_order,
    };
  });
  const products = productTotals(priced);
  const issues = cartIssues(shop.profile, kind, products.grossCents, products.netCents, lines.length);
  return { id, lines, products, issues, ready: issues.length === 0 && lines.every((l) => l.issues.length === 0), catalogueLines };
}

/** A product of this shop, still for sale; anything else (another shop's id included) is a 404. */
async function productToSell(db: Kysely<DB>, shopId: string, productId: string) {
  const row = isUuid(productId) ? await q.findProduct(db, shopId, productId) : undefined;
  if (!row?.active) throw notFound('product');
  return row;
}

async function setQuantity(deps: CartDeps, shop: Shop, owner: CartOwner, productId: string, rawQuantity: string, mode: 'add' | 'set'): Promise<void> {
  const product = await productToSell(deps.db, shop.slug, productId);
  const quantity = parseOrThrow(CartQuantity, rawQuantity);
  const cartId = await q.findCartId(deps.db, shop.slug, owner);
  const current = cartId ? await q.lineQuantity(deps.db, shop.slug, cartId, product.id) : 0;
  const wanted = mode === 'add' ? current + quantity : quantity;
  if (wanted > MAX_CART_QUANTITY) throw new DomainError('quantity_too_large', 'malformed', { max: MAX_CART_QUANTITY }, 'quantity');
  const available = (await availability(deps.db, shop.slug, [product])).get(product.id) ?? 0;
  checkLineQuantity(shop.profile, { quantity: wanted, maxPerOrder: product.max_per_order, available, active: product.active });
  const at = now(deps.clock);
  await q.setLine(deps.db, shop.slug, cartId ?? (await q.ensureCart(deps.db, shop.slug, owner, at)), product.id, wanted, at);
}

/** Adds units of a product (to what the cart already holds of it). */
export function addToCart(deps: CartDeps, shop: Shop, owner: CartOwner, productId: string, rawQuantity: string): Promise<void> {
  return setQuantity(deps, shop, owner, productId, rawQuantity, 'add');
}

/** Sets a line's quantity; 0 is refused like any bad number: removing is its own action. */
export function changeQuantity(deps: CartDeps, shop: Shop, owner: CartOwner, productId: string, rawQuantity: string): Promise<void> {
  return setQuantity(deps, shop, owner, productId, rawQuantity, 'set');
}

export async function removeFromCart(deps: CartDeps, shop: Shop, owner: CartOwner, productId: string): Promise<void> {
  const cartId = isUuid(productId) ? await q.findCartId(deps.db, shop.slug, owner) : undefined;
  if (cartId) await q.deleteLine(deps.db, shop.slug, cartId, productId, now(deps.clock));
}

/**
 * At sign-in or registration the guest's cart joins the customer's: quantities of a product in
 * both are summed (the cart page then shows any limit this breaks), and the guest cart is gone.
 */
export async function mergeGuestCart(deps: CartDeps, shopId: string, guestHash: string, customerId: string): Promise<void> {
  const guestCart = await q.findCartId(deps.db, shopId, { guestHash });
  if (!guestCart) return;
  const at = now(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const own = await q.findCartId(trx, shopId, { customerId });
    if (own) await q.mergeInto(trx, shopId, guestCart, own, MAX_CART_QUANTITY, at);
    else await q.adoptCart(trx, shopId, guestCart, customerId, at);
  });
}

export function guestHashOf(token: string): string {
  return sha256Hex(token);
}

/**
 * Run inside the order's transaction: empties the cart and checks it held exactly the lines
 * being ordered. A second submission of the same review (double click, retry) finds the cart
 * already emptied by the first and is refused, so one review places at most one order.
 */
export function claimCart(shopId: string, cartId: string, ordered: readonly { productId: string; quantity: number }[]) {
  return async (trx: Transaction<DB>): Promise<void> => {
    const held = await q.takeLines(trx, shopId, cartId);
    const key = (lines: { id: string; n: number }[]) => lines.map((l) => `${l.id}:${l.n}`).sort().join(',');
    if (key(held.map((l) => ({ id: l.product_id, n: l.quantity }))) !== key(ordered.map((l) => ({ id: l.productId, n: l.quantity })))) {
      throw new DomainError('cart_changed_during_checkout', 'conflict', {}, 'cart');
    }
  };
}
