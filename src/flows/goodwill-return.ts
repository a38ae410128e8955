/**
 * Staff's approval of a professional's goodwill return (issue 10 §6; 003 art.11: "only with prior
 * written approval … a credit note for the price minus an abatement of at least 30 %"), spanning
 * after-sale and invoicing: after-sale records the decision on the request; an acceptance issues,
 * in the same transaction, the credit note of the credit computed when the request was filed
 * (reason `goodwill_return`, one per request), spread over the goods of the order's invoice, and
 * what the professional already paid of it becomes their credit on account (payments), which the
 * compensating order spends when it is placed; what was not paid yet is simply no longer owed.
 */
import { type ComplaintDeps, type ComplaintJson, decideGoodwillReturn, type GoodwillDecisionInput } from '../aftersale/complaints.ts';
import { issueCreditNote } from '../invoicing/credit-notes.ts';
import { creditOwedOnAccount } from '../payments/refunds/owed.ts';
import type { Shop } from '../shops/service.ts';

export async function decideGoodwill(deps: ComplaintDeps, shop: Shop, id: string, input: GoodwillDecisionInput, actor: string): Promise<ComplaintJson> {
  return decideGoodwillReturn(deps, shop, id, input, actor, async (trx, complaint) => {
    const amountCents = Number(complaint.credit_cents ?? 0);
    if (amountCents <= 0) return {};
    const now = new Date(deps.clock.now().epochMilliseconds);
    const note = await issueCreditNote(trx, shop, { orderId: complaint.order_id, reason: 'goodwill_return', sourceId: complaint.id, note: input.note ?? null, actor, now, spread: { amountCents, over: 'goods' } });
    const onAccount = note ? await creditOwedOnAccount(trx, shop.slug, complaint.order_id, note.totals.grossCents, now) : 0;
    return note ? { creditNoteId: note.id, creditNoteNumber: note.number, creditNoteCents: note.totals.grossCents, creditOnAccountCents: onAccount } : {};
  });
}
