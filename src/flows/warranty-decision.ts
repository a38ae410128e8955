/**
 * Staff's decision on a legal-warranty claim (issue 10 §4, §6; API `POST …/warranty-claims/{id}/decision`
 * and the staff form), spanning after-sale, invoicing and payments, in the decision's one
 * transaction: after-sale records the decision (a remedy, or the claim declined with its reason);
 * a refund or a price reduction
 * - is first held to what may be paid back: what is left of the claimed lines (their price less
 *   earlier credit notes on them) and what the order may still refund (paid less refunded) —
 *   `422 warranty_amount_exceeds_paid` otherwise, and nothing is written;
 * - is credited on the order's invoice by a credit note (reason `warranty_refund` /
 *   `warranty_price_reduction`, one per claim): the claimed lines in full for a refund without an
 *   amount, else the amount spread over the claimed lines. The invoice itself is never changed;
 * - moves the money through the refunds service's means (refunds/owed.ts, as a withdrawal's
 *   refund does): back to the card that paid (sent to the provider after the commit), by SEPA
 *   transfer to the account that paid in the next pain.001 export, or recorded as paid back by
 *   hand when the payment was recorded by hand with no account known.
 * The credit note and the refund join the `warranty_claim_decided` evidence event and the
 * customer's e-mail (claims.ts).
 */
import type { Transaction } from 'kysely';
import { type ClaimDeps, type ClaimJson, ClaimRefused, type ClaimRow, decideClaim, type DecisionInput, type DecisionSettled } from '../aftersale/claims.ts';
import { priceReductionCents, warrantyRefundCap } from '../aftersale/warranty-rules.ts';
import type { DB } from '../db/schema.ts';
import { type CreditLine, creditableCents, issueCreditNote } from '../invoicing/credit-notes.ts';
import { cents, centsToDecimalString } from '../kernel/money.ts';
import type { StripeGateway } from '../payments/card/stripe-client.ts';
import { completeOwedRefund, refundableOn, type StartedRefund, startOwedRefundIn } from '../payments/refunds/owed.ts';
import type { Shop } from '../shops/service.ts';
import { orderSide } from './record-payment.ts';
import { warrantyClaimJson } from './warranty-claim-json.ts';

export type WarrantyDecisionDeps = ClaimDeps & { stripe: StripeGateway | null };

/** The reason a warranty refund row carries: how the claim finds its refund again. */
export const warrantyRefundReason = (claimId: string) => `warranty claim ${claimId}`;

type ClaimedLine = { lineNo: number; quantity: number };

/** The claimed lines' price left to credit: from the invoice, or the order's lines when nothing was invoiced. */
async function linesLeft(trx: Transaction<DB>, shop: Shop, claim: ClaimRow, claimed: readonly ClaimedLine[]): Promise<number> {
  const fromInvoice = await creditableCents(trx, shop.slug, claim.order_id, claimed.map((l) => ({ lineNo: l.lineNo })));
  if (fromInvoice !== null) return fromInvoice;
  const rows = await trx.selectFrom('order_lines').select(['line_no', 'total_cents']).where('shop_id', '=', shop.slug).where('order_id', '=', claim.order_id).execute();
  return rows.filter((r) => claimed.some((l) => l.lineNo === r.line_no)).reduce((sum, r) => sum + Number(r.total_cents), 0);
}

export async function decideWarrantyClaim(deps: WarrantyDecisionDeps, shop: Shop, id: string, input: DecisionInput, actor: string): Promise<ClaimJson> {
  let started: StartedRefund | null = null;
  const decided = await decideClaim(deps, shop, id, input, actor, async (trx, claim): Promise<DecisionSettled & Record<string, unknown>> => {
    if (input.remedy !== 'refund' && input.remedy !== 'price_reduction') return {};
    const claimed = claim.lines as unknown as ClaimedLine[];
    const left = await linesLeft(trx, shop, claim, claimed);
    const amountCents = input.amountCents ?? (input.percent !== undefined ? priceReductionCents(left, Math.round(input.percent * 100)) : left);
    const cap = warrantyRefundCap({ linesLeftCents: left, refundableCents: await refundableOn(trx, shop.slug, claim.order_id) });
    if (amountCents > cap || amountCents <= 0) throw new ClaimRefused('warranty_amount_exceeds_paid', { max: centsToDecimalString(cents(cap)), maxCents: cap }, input.percent !== undefined ? 'percent' : 'amountCents');
    const now = new Date(deps.clock.now().epochMilliseconds);
    const base = { orderId: claim.order_id, reason: input.remedy === 'refund' ? ('warranty_refund' as const) : ('warranty_price_reduction' as const), sourceId: claim.id, note: input.note ?? null, actor, now };
    const over: CreditLine[] = claimed.map((l) => ({ lineNo: l.lineNo }));
    const whole = input.remedy === 'refund' && amountCents === left;
    const note = whole
      ? await issueCreditNote(trx, shop, { ...base, lines: claimed.map((l) => ({ lineNo: l.lineNo, quantity: l.quantity })) })
      : await issueCreditNote(trx, shop, { ...base, spread: { amountCents, over } });
    started = await startOwedRefundIn({ trx, shop, now, actor, orders: orderSide }, claim.order_id, { amountCents, reason: warrantyRefundReason(claim.id) }, deps.stripe !== null);
    const refund = started?.refund;
    const paidOutside = refund !== undefined && refund.status === 'confirmed' && refund.creditor_iban === null;
    return {
      amountCents,
      ...(note && { creditNoteId: note.id, creditNoteNumber: note.number, creditNoteCents: note.totals.grossCents }),
      ...(refund && { refundId: refund.id, refundCents: Number(refund.amount_cents), refundMethod: paidOutside ? 'outside' : refund.method, refundStatus: refund.status }),
    };
  });
  const refund = started as StartedRefund | null;
  if (refund) await completeOwedRefund({ ...deps, orders: orderSide }, shop, refund, actor);
  return warrantyClaimJson(deps.db, shop, decided);
}
