/**
 * A fact on a withdrawal (API.md `POST /shops/{shop}/withdrawals/{id}/events`, the staff form),
 * spanning three capabilities when it is the refund (issue 10 §3): after-sale records the fact
 * and its late surcharge; invoicing issues the credit note of the withdrawn lines (and of the
 * delivery when this withdrawal completes the order), referencing the invoice; payments moves the
 * money (a card refund through the provider, a transfer due in the next pain.001 export, or a
 * refund staff made by hand recorded as paid). All three in the fact's one transaction; the card
 * refund's call to the provider after it commits. Other facts are after-sale's alone.
 */
import type { Kysely } from 'kysely';
import type { Photo } from '../aftersale/claims.ts';
import { recordWithdrawalEvent } from '../aftersale/events.ts';
import type { WithdrawalEventInput } from '../aftersale/schema.ts';
import type { WithdrawalJson } from '../aftersale/withdrawal-json.ts';
import type { DB, WithdrawalStatementJson } from '../db/schema.ts';
import { type CreditLine, issueCreditNote } from '../invoicing/credit-notes.ts';
import type { Clock } from '../kernel/clock.ts';
import type { StripeGateway } from '../payments/card/stripe-client.ts';
import { completeOwedRefund, type StartedRefund, startOwedRefundIn } from '../payments/refunds/owed.ts';
import type { Shop } from '../shops/service.ts';
import { orderSide } from './record-payment.ts';

export type WithdrawalFactDeps = { db: Kysely<DB>; clock: Clock; stripe: StripeGateway | null };

/**
 * A withdrawn line on the credit note: its quantity; a service started at the consumer's request,
 * the price less the pro rata they owe for the days supplied (L221-25), nothing when they owe all.
 */
function creditOf(l: WithdrawalStatementJson['lines'][number]): CreditLine[] {
  const owed = l.service?.owedCents ?? 0;
  if (owed === 0) return [{ lineNo: l.lineNo, quantity: l.quantity }];
  const rest = l.quantity * l.unitPriceCents - owed;
  return rest > 0 ? [{ lineNo: l.lineNo, amountCents: rest }] : [];
}

export async function recordWithdrawalFact(deps: WithdrawalFactDeps, shop: Shop, id: string, input: WithdrawalEventInput, actor: string, photos: readonly Photo[] = []): Promise<WithdrawalJson> {
  let started: StartedRefund | null = null;
  const json = await recordWithdrawalEvent(deps, shop, id, input, actor, photos, async (trx, w) => {
    if (input.type !== 'refunded') return {};
    const now = new Date(deps.clock.now().epochMilliseconds);
    const statement = w.statement as unknown as WithdrawalStatementJson;
    // The delivery comes back with the whole order, when there was one to pay (a free delivery has no invoice line).
    const shipping = w.whole_order ? Number((await trx.selectFrom('orders').select('shipping_cents').where('shop_id', '=', shop.slug).where('id', '=', w.order_id).executeTakeFirst())?.shipping_cents ?? 0) : 0;
    const lines: CreditLine[] = [...statement.lines.flatMap(creditOf), ...(shipping > 0 ? [{ shipping: true as const }] : [])];
    const note = await issueCreditNote(trx, shop, { orderId: w.order_id, reason: 'withdrawal', sourceId: w.id, lines, actor, now });
    started = await startOwedRefundIn({ trx, shop, now, actor, orders: orderSide }, w.order_id, { amountCents: input.amountCents ?? 0, reason: `withdrawal ${w.id}` }, deps.stripe !== null);
    return {
      ...(note && { creditNoteId: note.id, creditNoteNumber: note.number, creditNoteCents: note.totals.grossCents }),
      ...(started && { refundId: started.refund.id, refundMethod: started.refund.method, refundStatus: started.refund.status }),
    };
  });
  const refund = started as StartedRefund | null;
  if (refund) await completeOwedRefund({ ...deps, orders: orderSide }, shop, refund, actor);
  return json;
}
