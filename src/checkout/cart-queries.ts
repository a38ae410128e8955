/**
 * SQL of carts. A cart belongs to one shop and to a customer or to a guest, whose cookie is
 * stored only as its SHA-256 (a leaked table gives no way into anyone's cart).
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

type Exec = Kysely<DB> | Transaction<DB>;
export type CartOwner = { customerId: string } | { guestHash: string };

export async function findCartId(db: Exec, shopId: string, owner: CartOwner): Promise<string | undefined> {
  const q = db.selectFrom('carts').select('id').where('shop_id', '=', shopId);
  const row = await ('customerId' in owner ? q.where('customer_id', '=', owner.customerId) : q.where('guest_token_hash', '=', owner.guestHash)).executeTakeFirst();
  return row?.id;
}

/** The owner's cart, created on first use; two concurrent first uses end with one cart. */
export async function ensureCart(db: Exec, shopId: string, owner: CartOwner, now: Date): Promise<string> {
  const owned = 'customerId' in owner ? { customer_id: owner.customerId, guest_token_hash: null } : { customer_id: null, guest_token_hash: owner.guestHash };
  const inserted = await db
    .insertInto('carts')
    .values({ shop_id: shopId, ...owned, created_at: now, updated_at: now })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const id = await findCartId(db, shopId, owner);
  if (!id) throw new Error('cart vanished while being created');
  return id;
}

/** The lines with what the cart page and checkout need of each product, oldest first. */
export function cartLines(db: Exec, shopId: string, cartId: string) {
  return db
    .selectFrom('cart_lines as l')
    .innerJoin('products as p', (j) => j.onRef('p.shop_id', '=', 'l.shop_id').onRef('p.id', '=', 'l.product_id'))
    .selectAll('p')
    .select(['l.quantity', 'l.added_at'])
    .where('l.shop_id', '=', shopId)
    .where('l.cart_id', '=', cartId)
    .orderBy('l.added_at')
    .orderBy('l.product_id')
    .execute();
}

/** Each bundle's parts with their stock, to derive how many bundles can still be sold. */
export function partStock(db: Exec, shopId: string, bundleIds: readonly string[]) {
  if (bundleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('product_parts as pp')
    .innerJoin('products as p', (j) => j.onRef('p.shop_id', '=', 'pp.shop_id').onRef('p.id', '=', 'pp.part_id'))
    .select(['pp.bundle_id', 'pp.quantity', 'p.stock'])
    .where('pp.shop_id', '=', shopId)
    .where('pp.bundle_id', 'in', bundleIds)
    .execute();
}

export function findProduct(db: Exec, shopId: string, productId: string) {
  return db.selectFrom('products').selectAll().where('shop_id', '=', shopId).where('id', '=', productId).executeTakeFirst();
}

export async function lineQuantity(db: Exec, shopId: string, cartId: string, productId: string): Promise<number> {
  const row = await db.selectFrom('cart_lines').select('quantity').where('shop_id', '=', shopId).where('cart_id', '=', cartId).where('product_id', '=', productId).executeTakeFirst();
  return row?.quantity ?? 0;
}

export async function setLine(db: Exec, shopId: string, cartId: string, productId: string, quantity: number, now: Date): Promise<void> {
  await db
    .insertInto('cart_lines')
    .values({ shop_id: shopId, cart_id: cartId, product_id: productId, quantity, added_at: now })
    .onConflict((oc) => oc.columns(['shop_id', 'cart_id', 'product_id']).doUpdateSet({ quantity }))
    .execute();
  await touch(db, shopId, cartId, now);
}

export async function deleteLine(db: Exec, shopId: string, cartId: string, productId: string, now: Date): Promise<void> {
  await db.deleteFrom('cart_lines').where('shop_id', '=', shopId).where('cart_id', '=', cartId).where('product_id', '=', productId).execute();
  await touch(db, shopId, cartId, now);
}

function touch(db: Exec, shopId: string, cartId: string, now: Date) {
  return db.updateTable('carts').set({ updated_at: now }).where('shop_id', '=', shopId).where('id', '=', cartId).execute();
}

/** Adds every line of one cart to another (quantities summed, capped) and deletes the first. */
export async function mergeInto(trx: Transaction<DB>, shopId: string, fromId: string, toId: string, cap: number, now: Date): Promise<void> {
  await sql`
    insert into cart_lines (shop_id, cart_id, product_id, quantity, added_at)
    select shop_id, ${toId}::uuid, product_id, least(quantity, ${cap}), added_at
    from cart_lines where shop_id = ${shopId} and cart_id = ${fromId}::uuid
    on conflict (shop_id, cart_id, product_id)
    do update set quantity = least(cart_lines.quantity + excluded.quantity, ${cap})`.execute(trx);
  await trx.deleteFrom('carts').where('shop_id', '=', shopId).where('id', '=', fromId).execute();
  await touch(trx, shopId, toId, now);
}

/** A guest cart becomes the customer's (the customer had none). */
export async function adoptCart(trx: Transaction<DB>, shopId: string, cartId: string, customerId: string, now: Date): Promise<void> {
  await trx.updateTable('carts').set({ customer_id: customerId, guest_token_hash: null, updated_at: now }).where('shop_id', '=', shopId).where('id', '=', cartId).execute();
}

/**
 * Empties the cart inside the order's transaction and returns what it held. A second
 * submission of the same checkout waits here for the first to commit, then finds nothing.
 */
export function takeLines(trx: Transaction<DB>, shopId: string, cartId: string) {
  return trx.deleteFrom('cart_lines').where('shop_id', '=', shopId).where('cart_id', '=', cartId).returning(['product_id', 'quantity']).execute();
}
