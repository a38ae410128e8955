/**
 * The seller's decisions on an order (issue 11 §2, SPEC C07), around the staff fact that records
 * them (src/flows/record-order-event.ts), in its transaction (the order row locked):
 *
 * - a refusal is checked against the shop's terms (refusal-rules.ts): its window (001 CG §3.2: 4
 *   jours ouvrés; after it `refusal_window_over`, unless an operator overrides with a recorded
 *   reason, A-10), its ground (003 art.2.6, 004 art.2), and for a payment dispute, that one is open
 *   on another order of the customer (orders' `payment_disputes`);
 * - a seller's cancellation names a case its terms give (001 online §2.4: products no longer
 *   available), and what the customer paid is refunded without being asked, to the card or the
 *   account that paid (payments' refunds/owed-credit.ts; what has no known way back stays credit);
 * - `payment_disputed` / `payment_dispute_settled` open and close a dispute.
 */
import type { Transaction } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { DB } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import { DomainError } from '../kernel/errors.ts';
import { cents } from '../kernel/money.ts';
import { customerInDispute, openDispute, settleDispute } from '../orders/disputes.ts';
import { type OrderEventInput, cancellationKindOf } from '../orders/events.ts';
import { checkRefusal } from '../orders/refusal-rules.ts';
import type { CancellationKind } from '../orders/state-machine.ts';
import type { OrderRow } from '../orders/state.ts';
import type { CancellationReason } from '../payments/cancellation.ts';

/** What the cancellation costs when the law decides it, not L214-1 (payments' cancellation.ts `decided`). */
type DecidedMoney = { keptCents: number; owedByCustomerCents: number };
import { type StartedCreditRefund, startCreditRefund } from '../payments/refunds/owed-credit.ts';
import { jurisdictionOf, type Shop } from '../shops/service.ts';
import { isSpecialOrder } from '../orders/special-orders.ts';
import { orderSide } from './record-payment.ts';
import { Temporal as T } from 'temporal-polyfill';

/** An operator's actor name (`operator:…`): only an operator may override the refusal window. */
export const isOperator = (actor: string): boolean => actor.startsWith('operator:');

/** What the refusal check found worth keeping in the evidence (an override and its reason). */
export type DecisionEvidence = Record<string, unknown>;

/** Refuses, with its code, a refusal or a seller's cancellation the shop's terms do not allow. */
export async function checkSellerDecision(trx: Transaction<DB>, shop: Shop, order: OrderRow, input: OrderEventInput, on: Temporal.PlainDate, actor: string): Promise<DecisionEvidence> {
  if (input.overrideReason !== undefined && input.type !== 'refused') throw new DomainError('invalid_value', 'malformed', {}, 'overrideReason');
  if (input.type === 'refused') {
    const terms = shop.profile.orders?.refusal;
    const reason = input.reason === undefined ? undefined : refusalGround(input.reason);
    const inDispute = reason === 'payment_dispute' ? await customerInDispute(trx, shop.slug, order.customer_id, order.id) : false;
    const placedOn = localDate(T.Instant.fromEpochMilliseconds(order.placed_at.getTime()), shop.timeZone);
    const check = checkRefusal({ terms, on, placedOn, customerKind: order.customer_kind, reason, customerInDispute: inDispute, operator: isOperator(actor), overrideReason: input.overrideReason, jurisdictions: [jurisdictionOf(shop)] });
    if (!check.ok) throw new DomainError(check.code, 'refused', check.params, check.field);
    return { ...(input.reason && { ground: input.reason }), ...(check.overridden && { refusalWindowOverridden: true, overrideReason: input.overrideReason }) };
  }
  // 003 art.7.2: goods ordered specially and not collected stay due in full — closed by the special-order settlement, never cancelled with the deposit kept.
  if (input.type === 'cancelled' && cancellationKindOf(input) === 'non_collection' && (await isSpecialOrder(trx, shop, order.id))) throw new DomainError('special_order_full_price_due', 'refused', {}, 'kind');
  if (input.type === 'cancelled' && cancellationKindOf(input) === 'by_seller' && input.reason !== undefined) {
    const cases = shop.profile.orders?.sellerCancellation;
    if (cases && !(cases as readonly string[]).includes(input.reason)) throw new DomainError('cancellation_reason_not_allowed', 'refused', { reasons: cases.join(', ') }, 'reason');
    return { ground: input.reason };
  }
  if (input.type === 'cancelled' && input.reason !== undefined) throw new DomainError('invalid_value', 'malformed', {}, 'reason');
  return {};
}

const REFUSAL_GROUNDS = ['any_reason', 'payment_dispute', 'bad_faith', 'earlier_default', 'unavailable'] as const;
function refusalGround(reason: NonNullable<OrderEventInput['reason']>): (typeof REFUSAL_GROUNDS)[number] {
  if ((REFUSAL_GROUNDS as readonly string[]).includes(reason)) return reason as (typeof REFUSAL_GROUNDS)[number];
  throw new DomainError('invalid_value', 'malformed', {}, 'reason');
}

/**
 * What a cancellation of this kind does with the money (payments' cancellation.ts): who ends it
 * (L214-1 for a deposit), or, for late delivery and force majeure, everything received given back
 * (L216-7; C. civ. 1218, 004 art.15: neither party at fault).
 */
export function cancellationMoney(kind: CancellationKind, order: Pick<OrderRow, 'status'>): { reason: CancellationReason; decided?: DecidedMoney } {
  switch (kind) {
    case 'by_customer':
    case 'non_collection': // 003 art.7.2: the deposit is kept
      return { reason: 'by_customer' };
    case 'non_payment': // never formed while awaiting payment (001 online §2.2): all back; after, the customer's fault
      return { reason: order.status === 'awaiting_payment' ? 'unpaid' : 'by_customer' };
    case 'late_delivery':
    case 'force_majeure':
      return { reason: 'by_seller', decided: { keptCents: 0, owedByCustomerCents: 0 } };
    default:
      return { reason: 'by_seller' };
  }
}

/** Opens or settles a payment dispute on the order (its evidence event is the fact's own). */
export async function recordDisputeFact(trx: Transaction<DB>, order: OrderRow, input: OrderEventInput, at: Date, actor: string): Promise<void> {
  if (input.type === 'payment_disputed') await openDispute(trx, order, at, actor, input.note);
  if (input.type === 'payment_dispute_settled') await settleDispute(trx, order, at, actor);
}

/**
 * After a refusal or a seller's cancellation has turned what was paid into credit: starts its
 * refund to the payer (001 online §2.4; AS-27). Null when nothing is owed or no way back is known.
 */
export async function refundWhatWasPaid(trx: Transaction<DB>, shop: Shop, order: OrderRow, creditCents: number, why: string, actor: string, now: Date, cardRefunds: boolean): Promise<StartedCreditRefund | null> {
  if (creditCents <= 0) return null;
  return startCreditRefund({ trx, shop, now, actor, orders: orderSide }, order, cents(creditCents), why, cardRefunds);
}
