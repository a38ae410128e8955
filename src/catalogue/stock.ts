/**
 * Stock taken by an order and given back when it is cancelled: the catalogue owns `products`,
 * so its stock changes here, in the caller's transaction (the place-order and cancel-order flows).
 */
import { sql, type Transaction } from 'kysely';
import { precompile } from '../db/precompiled.ts';
import type { DB, StockTakenJson } from '../db/schema.ts';

/**
 * The guarded decrements (DESIGN.md §8) of an order's products, as an expression of the caller's
 * statement (migration 0027), the products given in id order (the order every caller locks them
 * in): each succeeds only while enough stock remains, so stock can never go below zero whatever
 * the concurrency. Its value: 0 when all were taken, else the 1-based position of the first
 * product short of stock; the caller then rolls back, which gives back what was taken before it.
 */
export const takeStockExpression = (shopId: unknown, ids: unknown, quantities: unknown) => sql<number>`comptoir_take_stock(${shopId}, ${ids}::uuid[], ${quantities}::integer[])`;

/** Gives the stock back, in product id order like placement takes it, so the two never deadlock. */
export async function releaseStock(trx: Transaction<DB>, shopId: string, taken: StockTakenJson): Promise<void> {
  for (const { productId, quantity } of [...taken].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0))) {
    await trx.updateTable('products').set((eb) => ({ stock: eb('stock', '+', quantity) })).where('shop_id', '=', shopId).where('id', '=', productId).execute();
  }
}
