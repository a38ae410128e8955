/**
 * Confirming transfer refunds from the shop's statement (issue 4 §5): a booked debit whose
 * `EndToEndId` is one of our exported refunds, for the same amount, is that refund leaving the
 * account. Called by the statement import for each debit, inside its transaction; the entry is
 * inserted once, so a statement imported twice confirms once.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import * as q from './queries.ts';
import { recordStep, type StepContext } from './settle.ts';

export type DebitEntry = { endToEndId: string | null; amountCents: number };
export type DebitedRefund = { refund: q.RefundRow };

/**
 * The exported refund this debit pays out, with its order row and refund row locked; null when
 * the debit is something else (a supplier paid, bank fees): it stays ignored.
 */
export async function refundDebitedBy(trx: Transaction<DB>, shopId: string, entry: DebitEntry): Promise<DebitedRefund | null> {
  if (!entry.endToEndId) return null;
  const refund = await q.lockExportedByEndToEnd(trx, shopId, entry.endToEndId);
  if (!refund || Number(refund.amount_cents) !== entry.amountCents) return null;
  return { refund };
}

/** Marks the refund confirmed by the stored statement entry: evidence `refunded` and the e-mail. */
export async function confirmDebitedRefund(ctx: StepContext, debited: DebitedRefund, bankEntryExternalId: string, bookingDate: string | null): Promise<void> {
  const order = await q.lockOrder(ctx.trx, ctx.shop.slug, debited.refund.order_id);
  if (!order) return;
  const refund = await q.updateRefund(ctx.trx, ctx.shop.slug, debited.refund.id, { status: 'confirmed', confirmed_at: ctx.now, bank_entry_external_id: bankEntryExternalId });
  await recordStep(ctx, order, refund, 'refunded', { bankEntryId: bankEntryExternalId, ...(bookingDate && { bookingDate }) });
}
