/**
 * What a refusal makes void (issue 11 §8, SPEC C07): the order was never executed, so the
 * catalogue takes back exactly the stock it took, an invoice already issued is cancelled by a
 * credit note (invoicing), and every sum already received is owed back to
 * the customer in full (payments: no deposit is kept or doubled, the contract never formed — 001
 * online §2.2, 003 art.2.6), recorded as a `refusal_settled` evidence event beside the `refused`
 * one, with the e-mail that told the customer. Runs in the fact's transaction, which has locked
 * the order row and recorded the refusal.
 */
import type { Transaction } from 'kysely';
import { giveBackCampaignCaps } from '../campaigns/service.ts';
import { releaseStock } from '../catalogue/stock.ts';
import { releaseOrderSlot } from '../delivery/service.ts';
import type { DB } from '../db/schema.ts';
import { appendEvent } from '../legal/evidence/service.ts';
import { stockTaken } from '../orders/cancel.ts';
import type { OrderRow } from '../orders/state.ts';
import { settleCancellation } from '../payments/cancellation.ts';
import { creditVoidedOrder } from './cancel-order.ts';

export async function settleRefusal(trx: Transaction<DB>, order: OrderRow, s: { actor: string; at: Date; now: Date; note?: string | undefined; evidence?: Record<string, unknown> | null }) {
  const taken = await stockTaken(trx, order);
  await releaseStock(trx, order.shop_id, taken);
  // Its pickup slot's place and its campaign quantities go back, as for a cancellation (issue 12 §1, §3).
  await releaseOrderSlot(trx, order.shop_id, order.delivery);
  await giveBackCampaignCaps(trx, order.shop_id, order.id, order.placed_at);
  const money = await settleCancellation(trx, order, 'refused', s.now);
  // An invoice already issued stays as issued: a credit note for all of it cancels it.
  const creditNote = await creditVoidedOrder(trx, order, 'order_refused', s.actor, s.now, s.note);
  await appendEvent(
    trx,
    {
      shopId: order.shop_id,
      orderId: order.id,
      type: 'refusal_settled',
      at: s.at,
      actor: s.actor,
      data: {
        stockReleased: taken,
        paidCents: money.paidCents,
        ...(money.creditCents > 0 && { customerCreditCents: money.creditCents }),
        ...(creditNote && { creditNoteId: creditNote.id, creditNoteNumber: creditNote.number }),
        ...s.evidence,
      },
    },
    s.now,
  );
  return { stockReleased: taken, creditNote, ...money };
}
