/**
 * A withdrawal as the API gives it (API.md `…/withdrawals/{id}/events` → "the withdrawal with
 * `refundDueOn`, `lateSurchargeCents`"): the refund's due day (refund-rules.ts: 14 days after
 * the shop was informed, deferrable until the goods or a proof of shipment arrive) and the
 * surcharge a late refund carries by law — L242-4 in France, legal interest in Belgium (VI.50) —
 * counted to the refund's day, or to `today` while it is not paid.
 */
import { Temporal } from 'temporal-polyfill';
import type { WithdrawalStatementJson } from '../db/schema.ts';
import type { Shop } from '../shops/service.ts';
import { legalRateBp } from './legal-rates.ts';
import type { WithdrawalRow } from './queries.ts';
import { lateRefundSurchargeBE, lateRefundSurchargeFR, type LateRefundSurcharge, refundDueOn } from './refund-rules.ts';

const date = (iso: string | null) => (iso === null ? null : Temporal.PlainDate.from(iso));

export function refundDueOf(w: WithdrawalRow, shop: Shop): Temporal.PlainDate | null {
  // Only services withdrawn: no goods to wait for (issue 10 §2).
  const goods = (w.statement as unknown as WithdrawalStatementJson).lines.some((l) => !l.service);
  return refundDueOn({
    withdrawalReceivedOn: Temporal.PlainDate.from(w.received_on),
    goodsReceivedOn: date(w.goods_received_on),
    proofOfShipmentOn: date(w.proof_of_shipment_on),
    shopCollects: false,
    // Withdrawn before any delivery: there are no goods to wait for.
    withholdUntilGoodsOrProof: goods && w.period_starts_on !== null && (shop.profile.withdrawal?.refund.withholdUntilGoodsOrProof ?? true),
  });
}

/** The surcharge on the sums due if the refund is paid on `paidOn` (none before the due day). */
export function surchargeOn(w: Pick<WithdrawalRow, 'due_cents'>, shop: Shop, dueOn: Temporal.PlainDate, paidOn: Temporal.PlainDate): LateRefundSurcharge {
  const input = { dueOn, paidOn, amountCents: w.due_cents, legalRateBp: legalRateBp(shop.legalSystem, dueOn.add({ days: 1 })) };
  return shop.legalSystem === 'BE' ? lateRefundSurchargeBE(input) : lateRefundSurchargeFR(input);
}

export function withdrawalJson(w: WithdrawalRow, shop: Shop, today: Temporal.PlainDate) {
  const statement = w.statement as unknown as WithdrawalStatementJson;
  const dueOn = refundDueOf(w, shop);
  const paidOn = date(w.refunded_on) ?? today;
  const surcharge = dueOn ? surchargeOn(w, shop, dueOn, paidOn) : null;
  return {
    id: w.id,
    orderId: w.order_id,
    channel: w.channel,
    notifiedOn: w.notified_on,
    notifiedAt: w.notified_at?.toISOString() ?? null,
    receivedOn: w.received_on,
    /** The last day of the period it was judged against; null while the goods were not yet received. */
    deadline: w.period_ends_on,
    periodStartsOn: w.period_starts_on,
    onTime: w.on_time,
    wholeOrder: w.whole_order,
    /** `service`: a service line's days sold and supplied, and what is owed for them (L221-25, issue 10 §2). */
    lines: statement.lines.map((l) => ({ sku: l.sku, name: l.name, quantity: l.quantity, unitPriceCents: l.unitPriceCents, ...(l.service && { service: l.service }) })),
    /** What the consumer owes for services started at their express request, already taken off `dueCents`. */
    serviceOwedCents: statement.lines.reduce((s, l) => s + (l.service?.owedCents ?? 0), 0),
    /** The sums to refund (withdrawn lines, standard delivery with the whole order), less any depreciation and service owed. */
    dueCents: w.due_cents,
    /** Staff's assessed depreciation of goods returned damaged (L221-23 al. 4), already taken off `dueCents`. */
    depreciationCents: w.depreciation_cents,
    depreciationReason: w.depreciation_reason,
    goodsReceivedOn: w.goods_received_on,
    proofOfShipmentOn: w.proof_of_shipment_on,
    refundDueOn: dueOn?.toString() ?? null,
    refundedOn: w.refunded_on,
    refundedCents: w.refunded_cents,
    /** Days late and the surcharge: at the refund's day once paid, else what has accrued by today. */
    daysLate: surcharge?.daysLate ?? 0,
    lateSurchargeCents: surcharge?.surchargeCents ?? 0,
    lateSurchargeRate: surcharge?.rateLabel ?? 'none',
  };
}
export type WithdrawalJson = ReturnType<typeof withdrawalJson>;
