/**
 * What becomes of the money when an order is cancelled before its goods leave (SPEC C07, A-14):
 * the payments side of src/flows/cancel-order.ts. Runs in the flow's transaction, which has
 * locked the order row.
 */
import type { Selectable, Transaction } from 'kysely';
import type { DB, OrdersTable } from '../db/schema.ts';
import { cancellationOutcome, type CancellingParty } from './deposits/rules.ts';
import { paidSoFar } from './record-payment.ts';

/**
 * `refused`: the seller refused the order before executing it (issue 11 §8): everything received is given back.
 * `late_delivery`, `force_majeure`: terminations (L216-6/L216-7, C. civ. 1218; issue 11 §4–§5): all sums paid go back.
 * `non_payment`, `non_collection`: the seller's termination after a formal notice (issue 11 §6), always with what its terms decide.
 */
export type CancellationReason = 'unpaid' | 'by_seller' | 'by_customer' | 'refused' | 'late_delivery' | 'force_majeure' | 'non_payment' | 'non_collection';
type CancelledOrder = Pick<Selectable<OrdersTable>, 'shop_id' | 'id' | 'customer_id' | 'gross_cents' | 'deposit_kind' | 'deposit_cents'>;
export type CancellationMoney = { paidCents: number; creditCents: number; keptCents: number; owedByCustomerCents: number };

/**
 * With a deposit, the L214-1 consequences (arrhes lost by a customer who cancels, paid back twice
 * by a seller who cancels; an acompte kept); with none, or for an unpaid order (never formed:
 * 001 online §2.2, 003 art.2.6), everything received is given back.
 */
function moneyOutcome(order: CancelledOrder, reason: CancellationReason, paid: number) {
  if (reason === 'unpaid' || reason === 'refused' || reason === 'late_delivery' || reason === 'force_majeure' || order.deposit_kind === null || order.deposit_cents === null) {
    return { keptCents: 0, refundCents: paid, owedByCustomerCents: 0 };
  }
  const by: CancellingParty = reason === 'by_customer' ? 'customer' : 'seller';
  return cancellationOutcome(order.deposit_kind, by, { depositCents: order.deposit_cents, paidCents: paid, totalCents: order.gross_cents });
}

/** `refundsToPayer`: the caller refunds the rest to the means paid with (refunds/owed.ts), so it is not kept as customer credit. */
export type DecidedMoney = { keptCents: number; owedByCustomerCents: number; refundsToPayer?: boolean };

/** What the terms keep, out of what was actually paid; the rest goes back. */
function decidedOutcome(decided: DecidedMoney, paid: number) {
  const kept = Math.min(decided.keptCents, paid);
  return { keptCents: kept, refundCents: paid - kept, owedByCustomerCents: decided.owedByCustomerCents };
}

/**
 * The money received so far turned into what the customer is owed (customer credit), what the shop keeps and what it is owed.
 * `decided`: what the shop's terms say the cancellation costs (src/orders/customer-change-rules.ts:
 * 004 art.2 O6, 003 art.21.1, an early withdrawal costing nothing), instead of the L214-1 default.
 */
export async function settleCancellation(trx: Transaction<DB>, order: CancelledOrder, reason: CancellationReason, now: Date, decided?: DecidedMoney): Promise<CancellationMoney> {
  const paid = await paidSoFar(trx, order.shop_id, order.id);
  const outcome = decided ? decidedOutcome(decided, paid) : moneyOutcome(order, reason, paid);
  // An overpayment already became credit when it was received (recordPayment): count it once.
  const credited = Math.max(0, paid - order.gross_cents);
  const creditCents = decided?.refundsToPayer ? 0 : Math.max(0, outcome.refundCents - credited);
  if (creditCents > 0) {
    // A sum the shop must give back. customer_credits knows only 'overpayment' for money owed to
    // the customer: this is one, tied to the order, refunded (or used on a later order) from there.
    await trx
      .insertInto('customer_credits')
      .values({ shop_id: order.shop_id, customer_id: order.customer_id, amount_cents: creditCents, kind: 'overpayment', order_id: order.id, refund_id: null, created_at: now })
      .execute();
  }
  return { paidCents: paid, creditCents, keptCents: outcome.keptCents, owedByCustomerCents: outcome.owedByCustomerCents };
}
