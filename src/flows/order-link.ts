/**
 * Whose order a signed order link opens, and which of the shop's documents belong to that order
 * (issue 10 §1: a guest follows their order, and withdraws, from the link in the confirmation
 * e-mail). Reads only, across the orders, after-sale and invoicing tables: a flow, so no
 * capability imports a sibling. The link itself is checked by src/web/order-link.ts.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** The order's customer (a guest or a member), as the actor the link stands for; null: no such order. */
export async function orderLinkHolder(db: Kysely<DB>, shopId: string, orderId: string): Promise<{ id: string; name: string } | null> {
  const row = await db
    .selectFrom('orders as o')
    .innerJoin('customers as c', (j) => j.onRef('c.shop_id', '=', 'o.shop_id').onRef('c.id', '=', 'o.customer_id'))
    .select(['c.id', 'c.first_name', 'c.last_name'])
    .where('o.shop_id', '=', shopId)
    .where('o.id', '=', orderId)
    .executeTakeFirst();
  return row ? { id: row.id, name: `${row.first_name} ${row.last_name}` } : null;
}

/** The pages outside `/orders/{id}/…` that show one of an order's documents, by the document's id. */
export type OrderDocumentKind = 'withdrawals' | 'invoices' | 'warranty-claims';

/** The order a withdrawal, an invoice (or credit note) or a warranty claim of the shop belongs to; null: none. */
export async function orderOfDocument(db: Kysely<DB>, shopId: string, kind: OrderDocumentKind, id: string): Promise<string | null> {
  if (kind === 'withdrawals') {
    const row = await db.selectFrom('withdrawals').select('order_id').where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
    return row?.order_id ?? null;
  }
  if (kind === 'warranty-claims') {
    const row = await db.selectFrom('warranty_claims').select('order_id').where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
    return row?.order_id ?? null;
  }
  const row = await db
    .selectFrom('invoices')
    .select('order_id')
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .unionAll(db.selectFrom('credit_notes').select('order_id').where('shop_id', '=', shopId).where('id', '=', id))
    .executeTakeFirst();
  return row?.order_id ?? null;
}
