/**
 * Cancelling an order before its goods leave (SPEC C07, A-14): orders marks it cancelled, the
 * catalogue takes back exactly the stock it took, payments turns the money already received into
 * what the customer is owed (deposit rules of L214-1), and the fact is an evidence event. Called by
 * the payment window (unpaid orders) and by staff (`cancelled` event).
 *
 * Runs in the caller's transaction, which has locked the order row and checked the transition.
 */
import type { Transaction } from 'kysely';
import { releaseStock } from '../catalogue/stock.ts';
import { releaseOrderSlot } from '../delivery/service.ts';
import { giveBackCampaignCaps } from '../campaigns/service.ts';
import type { DB, StockTakenJson } from '../db/schema.ts';
import { type IssuedCreditNote, issueCreditNote } from '../invoicing/credit-notes.ts';
import { appendEvent } from '../legal/evidence/service.ts';
import { stockTaken } from '../orders/cancel.ts';
import { markCancelled, type OrderRow } from '../orders/state.ts';
import { type CancellationMoney, type CancellationReason, type DecidedMoney, settleCancellation } from '../payments/cancellation.ts';

export type CancellationInput = {
  reason: CancellationReason;
  actor: string;
  at: Date;
  now: Date;
  note?: string;
  /** More facts for the evidence event (the notice e-mail…). */
  evidence?: Record<string, unknown>;
  /** What the shop's terms make the cancellation cost (customer changes, issue 11 §3); else L214-1. */
  decided?: DecidedMoney;
  /** The goods have left (a termination for late delivery of a shipped order, L216-6): nothing goes back to stock until they come back. */
  goodsInTransit?: boolean;
};
export type Cancelled = CancellationMoney & { stockReleased: StockTakenJson; creditNote: IssuedCreditNote | null };

/**
 * An order voided after its invoice was issued (cancelled, refused): the invoice stays as issued
 * and a credit note for all of it that is not yet credited cancels it (CGI art. 242 nonies A;
 * LEGAL.md §A8). Null when the order was never invoiced. Issue 11's refusal flow calls it too.
 */
export function creditVoidedOrder(trx: Transaction<DB>, order: Pick<OrderRow, 'shop_id' | 'id'>, reason: 'order_cancelled' | 'order_refused', actor: string, now: Date, note?: string | null): Promise<IssuedCreditNote | null> {
  return issueCreditNote(trx, order.shop_id, { orderId: order.id, reason, full: true, actor, now, note: note ?? null, sourceId: order.id });
}

export async function cancelOrder(trx: Transaction<DB>, order: OrderRow, c: CancellationInput): Promise<Cancelled> {
  const taken = c.goodsInTransit ? [] : await stockTaken(trx, order);
  await releaseStock(trx, order.shop_id, taken);
  // Its pickup slot's place goes back to the slot (issue 12 §3).
  await releaseOrderSlot(trx, order.shop_id, order.delivery);
  // Its campaign quantities go back to the campaigns' caps (issue 12 §1).
  await giveBackCampaignCaps(trx, order.shop_id, order.id, order.placed_at);
  await markCancelled(trx, order.shop_id, order.id);
  const money = await settleCancellation(trx, order, c.reason, c.now, c.decided);
  const creditNote = await creditVoidedOrder(trx, order, 'order_cancelled', c.actor, c.now, c.note);
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
        paidCents: money.paidCents,
        ...(order.deposit_kind && { depositKind: order.deposit_kind, depositCents: order.deposit_cents }),
        keptCents: money.keptCents,
        owedByCustomerCents: money.owedByCustomerCents,
        ...(money.creditCents > 0 && { customerCreditCents: money.creditCents }),
        ...(c.note && { note: c.note }),
        ...(creditNote && { creditNoteId: creditNote.id, creditNoteNumber: creditNote.number, creditNoteCents: creditNote.totals.grossCents }),
        ...c.evidence,
      },
    },
    c.now,
  );
  return { stockReleased: taken, ...money, creditNote };
}
