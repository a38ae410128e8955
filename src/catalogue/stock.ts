/**
 * Stock taken by an order and given back when it is cancelled: the catalogue owns `products`,
 * so its stock changes here, in the caller's transaction (the place-order and cancel-order flows).
 */
import type { Transaction } from 'kysely';
import { precompile } from '../db/precompiled.ts';
import type { DB, StockTakenJson } from '../db/schema.ts';

// Compiled once (src/db/precompiled.ts): it runs for every product of every order.
const guardedDecrement = precompile((db, p: { shopId: string; productId: string; quantity: number }) =>
  db
    .updateTable('products')
    .set((eb) => ({ stock: eb('stock', '-', p.quantity) }))
    .where('shop_id', '=', p.shopId)
    .where('id', '=', p.productId)
    .where('stock', '>=', p.quantity)
    .returning('id'),
);

/**
 * The guarded decrement (DESIGN.md §8): succeeds only while enough stock remains, so stock can
 * never go below zero whatever the concurrency. Returns false when there is not enough.
 */
export async function takeStock(trx: Transaction<DB>, shopId: string, productId: string, quantity: number): Promise<boolean> {
  return (await guardedDecrement.first(trx, { shopId, productId, quantity })) !== undefined;
}

/** Gives the stock back, in product id order like placement takes it, so the two never deadlock. */
export async function releaseStock(trx: Transaction<DB>, shopId: string, taken: StockTakenJson): Promise<void> {
  for (const { productId, quantity } of [...taken].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0))) {
    await trx.updateTable('products').set((eb) => ({ stock: eb('stock', '+', quantity) })).where('shop_id', '=', shopId).where('id', '=', productId).execute();
  }
}
