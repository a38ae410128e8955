/**
 * Stock taken by an order and given back when it is cancelled: the catalogue owns `products`,
 * so its stock changes here, in the caller's transaction (the place-order and cancel-order flows).
 */
import { sql, type Transaction } from 'kysely';
import { precompile } from '../db/precompiled.ts';
import type { DB, StockTakenJson } from '../db/schema.ts';

// Compiled once (src/db/precompiled.ts): it runs for every order (migration 0027).
const guardedDecrements = precompile((_db, p: { shopId: string; ids: string[]; quantities: number[] }) =>
  sql<{ short: number }>`select comptoir_take_stock(${p.shopId}, ${p.ids}::uuid[], ${p.quantities}::integer[]) as short`,
);

/**
 * The guarded decrements (DESIGN.md §8), one statement for the order's products, given in product
 * id order (the order every caller locks them in): each succeeds only while enough stock remains,
 * so stock can never go below zero whatever the concurrency. Returns the index in `needs` of the
 * first product short of stock, or -1 when all were taken; the caller then rolls back.
 */
export async function takeStock(trx: Transaction<DB>, shopId: string, needs: readonly { productId: string; quantity: number }[]): Promise<number> {
  const row = await guardedDecrements.first(trx, { shopId, ids: needs.map((n) => n.productId), quantities: needs.map((n) => n.quantity) });
  return (row?.short ?? 0) - 1;
}

/** Gives the stock back, in product id order like placement takes it, so the two never deadlock. */
export async function releaseStock(trx: Transaction<DB>, shopId: string, taken: StockTakenJson): Promise<void> {
  for (const { productId, quantity } of [...taken].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0))) {
    await trx.updateTable('products').set((eb) => ({ stock: eb('stock', '+', quantity) })).where('shop_id', '=', shopId).where('id', '=', productId).execute();
  }
}
