/**
 * Staff's decision on a legal-warranty claim (issue 10 §4, §6; API `POST …/warranty-claims/{id}/decision`
 * and the staff form), spanning after-sale and invoicing: after-sale records the decision (a
 * remedy, or the claim declined with its reason); a refund or a price reduction is credited on the
 * order's invoice by a credit note (reason `warranty_refund` / `warranty_price_reduction`, one per
 * claim) in the decision's transaction — the claimed lines in full for a refund without an amount,
 * else the amount spread over the claimed lines. The invoice itself is never changed.
 */
import { type ClaimDeps, type ClaimJson, decideClaim, type DecisionInput } from '../aftersale/claims.ts';
import { type CreditLine, issueCreditNote } from '../invoicing/credit-notes.ts';
import type { Shop } from '../shops/service.ts';

export async function decideWarrantyClaim(deps: ClaimDeps, shop: Shop, id: string, input: DecisionInput, actor: string): Promise<ClaimJson> {
  return decideClaim(deps, shop, id, input, actor, async (trx, claim) => {
    if (input.remedy !== 'refund' && input.remedy !== 'price_reduction') return {};
    const claimed = claim.lines as unknown as { lineNo: number; quantity: number }[];
    const now = new Date(deps.clock.now().epochMilliseconds);
    const base = { orderId: claim.order_id, reason: input.remedy === 'refund' ? ('warranty_refund' as const) : ('warranty_price_reduction' as const), sourceId: claim.id, note: input.note ?? null, actor, now };
    const over: CreditLine[] = claimed.map((l) => ({ lineNo: l.lineNo }));
    const note =
      input.amountCents === undefined
        ? await issueCreditNote(trx, shop, { ...base, lines: claimed.map((l) => ({ lineNo: l.lineNo, quantity: l.quantity })) })
        : await issueCreditNote(trx, shop, { ...base, spread: { amountCents: input.amountCents, over } });
    return note ? { creditNoteId: note.id, creditNoteNumber: note.number, creditNoteCents: note.totals.grossCents } : {};
  });
}
