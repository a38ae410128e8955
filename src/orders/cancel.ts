/**
 * Cancelling an order before its goods leave (SPEC C07, A-14): the stock it took goes back
 * exactly, the money already received becomes what the customer is owed, and the fact is an
 * evidence event. Used by the payment window (unpaid orders) and by staff (`cancelled` event).
 *
 * Runs in the caller's transaction, which has locked the order row and checked the transition.
 */
import type { Selectable, Transaction } from 'kysely';
import type { DB, OrdersTable, StockTakenJson } from '../db/schema.ts';
import { appendEvent } from '../legal/evidence/service.ts';
import { cancellationOutcome, type CancellingParty } from '../payments/deposits/rules.ts';
import { paidSoFar } from '../payments/record-payment.ts';

export type OrderRow = Selectable<OrdersTable>;
export type CancellationInput = {
  reason: 'unpaid' | 'by_seller' | 'by_customer';
  actor: string;
  at: Date;
  now: Date;
  note?: string;
  /** More facts for the evidence event (the notice e-mail…). */
  evidence?: Record<string, unknown>;
};
export type Cancelled = { stockReleased: StockTakenJson; paidCents: number; creditCents: number; keptCents: number; owedByCustomerCents: number };

/**
 * What the order took from stock: recorded at placement; for an order placed before that record
 * existed, its lines (a bundle's parts as they are now — the best that can be known).
 */
async function stockTaken(trx: Transaction<DB>, order: OrderRow): Promise<StockTakenJson> {
  if (order.stock_taken) return order.stock_taken;
  const lines = await trx
    .selectFrom('order_lines')
    .innerJoin('products', (j) => j.onRef('products.shop_id', '=', 'order_lines.shop_id').onRef('products.id', '=', 'order_lines.product_id'))
    .select(['order_lines.product_id', 'order_lines.quantity', 'products.is_bundle'])
    .where('order_lines.shop_id', '=', order.shop_id)
    .where('order_lines.order_id', '=', order.id)
    .execute();
  const taken = new Map<string, number>();
  const add = (id: string, q: number) => taken.set(id, (taken.get(id) ?? 0) + q);
  const bundles = lines.filter((l) => l.is_bundle).map((l) => l.product_id);
  const parts = bundles.length ? await trx.selectFrom('product_parts').selectAll().where('shop_id', '=', order.shop_id).where('bundle_id', 'in', bundles).execute() : [];
  for (const l of lines) {
    if (!l.is_bundle) add(l.product_id, l.quantity);
    else for (const p of parts.filter((p) => p.bundle_id === l.product_id)) add(p.part_id, p.quantity * l.quantity);
  }
  return [...taken].map(([productId, quantity]) => ({ productId, quantity }));
}

/** Gives the stock back, in product id order like placement takes it, so the two never deadlock. */
async function releaseStock(trx: Transaction<DB>, shopId: string, taken: StockTakenJson): Promise<void> {
  for (const { productId, quantity } of [...taken].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0))) {
    await trx.updateTable('products').set((eb) => ({ stock: eb('stock', '+', quantity) })).where('shop_id', '=', shopId).where('id', '=', productId).execute();
  }
}

/**
 * What happens to the money: with a deposit, the L214-1 consequences (arrhes lost by a customer
 * who cancels, paid back twice by a seller who cancels; an acompte kept); with none, or for an
 * unpaid order (never formed: 001 online §2.2, 003 art.2.6), everything received is given back.
 */
function moneyOutcome(order: OrderRow, reason: CancellationInput['reason'], paid: number) {
  if (reason === 'unpaid' || order.deposit_kind === null || order.deposit_cents === null) {
    return { keptCents: 0, refundCents: paid, owedByCustomerCents: 0 };
  }
  const by: CancellingParty = reason === 'by_customer' ? 'customer' : 'seller';
  return cancellationOutcome(order.deposit_kind, by, { depositCents: order.deposit_cents, paidCents: paid, totalCents: order.gross_cents });
}

export async function cancelOrder(trx: Transaction<DB>, order: OrderRow, c: CancellationInput): Promise<Cancelled> {
  const taken = await stockTaken(trx, order);
  await releaseStock(trx, order.shop_id, taken);
  // The payment status stays as it is: it says what was received, not what is owed.
  await trx.updateTable('orders').set({ status: 'cancelled' }).where('shop_id', '=', order.shop_id).where('id', '=', order.id).execute();

  const paid = await paidSoFar(trx, order.shop_id, order.id);
  const outcome = moneyOutcome(order, c.reason, paid);
  // An overpayment already became credit when it was received (recordPayment): count it once.
  const credited = Math.max(0, paid - order.gross_cents);
  const creditCents = Math.max(0, outcome.refundCents - credited);
  if (creditCents > 0) {
    // A sum the shop must give back. customer_credits knows only 'overpayment' for money owed to
    // the customer: this is one, tied to the order, refunded (or used on a later order) from there.
    await trx
      .insertInto('customer_credits')
      .values({ shop_id: order.shop_id, customer_id: order.customer_id, amount_cents: creditCents, kind: 'overpayment', order_id: order.id, refund_id: null, created_at: c.now })
      .execute();
  }
  await appendEvent(
    trx,
    {
      shopId: order.shop_id,
      orderId: order.id,
      type: 'cancelled',
      at: c.at,
      actor: c.actor,
      data: {
        reason: c.reason,
        statusFrom: order.status,
        statusTo: 'cancelled',
        stockReleased: taken,
        paidCents: paid,
        ...(order.deposit_kind && { depositKind: order.deposit_kind, depositCents: order.deposit_cents }),
        keptCents: outcome.keptCents,
        owedByCustomerCents: outcome.owedByCustomerCents,
        ...(creditCents > 0 && { customerCreditCents: creditCents }),
        ...(c.note && { note: c.note }),
        ...c.evidence,
      },
    },
    c.now,
  );
  return { stockReleased: taken, paidCents: paid, creditCents, keptCents: outcome.keptCents, owedByCustomerCents: outcome.owedByCustomerCents };
}
