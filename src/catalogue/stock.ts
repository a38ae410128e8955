/**
 * Stock given back (a cancelled order's goods): the catalogue owns `products`, so its stock
 * changes here, in the caller's transaction.
 */
import type { Transaction } from 'kysely';
import type { DB, StockTakenJson } from '../db/schema.ts';

/** Gives the stock back, in product id order like placement takes it, so the two never deadlock. */
export async function releaseStock(trx: Transaction<DB>, shopId: string, taken: StockTakenJson): Promise<void> {
  for (const { productId, quantity } of [...taken].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0))) {
    await trx.updateTable('products').set((eb) => ({ stock: eb('stock', '+', quantity) })).where('shop_id', '=', shopId).where('id', '=', productId).execute();
  }
}
