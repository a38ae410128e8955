/**
 * Facts staff record on an order (API.md `POST /shops/{shop}/orders/{id}/events`): acceptance,
 * refusal, a payment, shipment, delivery or pickup, cancellation, and an off-premises conclusion.
 * `at` is when it happened — in the past, never in the future (DESIGN.md §4): an instant, or a day
 * `YYYY-MM-DD` for a fact known by the day (in the shop's zone). The orders side:
 * the input, whether the order admits the fact (state-machine.ts), and a plain fact's status
 * change with its evidence event. Payments and cancellations span capabilities:
 * src/flows/record-order-event.ts.
 */
import { Temporal } from 'temporal-polyfill';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../kernel/errors.ts';
import { text } from '../kernel/validation.ts';
import { appendEvent } from '../legal/evidence/service.ts';
import { applyFact, type FactDates, type OrderRow } from './state.ts';
import { CANCELLATION_KINDS, type CancellationKind, ORDER_EVENT_TYPES, targetOf, transition } from './state-machine.ts';

/** A calendar day that exists (2026-02-30 does not). */
const isDay = (value: string) => {
  try {
    Temporal.PlainDate.from(value, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
};
export const FACT_DAY = /^\d{4}-\d{2}-\d{2}$/;
const Day = text().regex(FACT_DAY, 'invalid_date').refine(isDay, 'invalid_date');

/** Grounds of a refusal (profile `orders.refusal.reasons`) and cases of a seller's cancellation (`orders.sellerCancellation`). */
export const GROUNDS = ['any_reason', 'payment_dispute', 'bad_faith', 'earlier_default', 'unavailable', 'products_unavailable', 'serious_legitimate_reason', 'unpaid_invoice', 'late_payment'] as const;

export const OrderEventInput = z.strictObject({
  type: z.enum(ORDER_EVENT_TYPES),
  /** An instant with its offset, or a day for a fact known by the day (a letter received on Tuesday). */
  at: z.union([z.iso.datetime({ offset: true }), Day]),
  note: text().trim().max(2000).optional(),
  /** `payment_received`: the sum received, in cents. */
  amountCents: z.number().int().positive().max(99_999_999_999).optional(),
  /** `cancelled`: who ends the contract, which decides what happens to a deposit (L214-1); `kind` says it in full. */
  by: z.enum(['customer', 'seller']).optional(),
  /** `cancelled`: why the order ends (state-machine.ts `CANCELLATION_KINDS`); from `by` when absent. */
  kind: z.enum(CANCELLATION_KINDS).optional(),
  /** `refused`: the ground the shop's terms give; `cancelled` by the seller: the case its terms name (a product no longer available…). */
  reason: z.enum(GROUNDS).optional(),
  /** `refused` after `refusalUntil`: an operator's override, with why; staff cannot. */
  overrideReason: text().trim().min(1).max(2000).optional(),
});
export type OrderEventInput = z.infer<typeof OrderEventInput>;

/** The kind of a cancellation: given, or from who ends the contract (`by`, before kinds existed). */
export const cancellationKindOf = (input: Pick<OrderEventInput, 'kind' | 'by'>): CancellationKind => input.kind ?? (input.by === 'customer' ? 'by_customer' : 'by_seller');

/** Whether the (locked) order admits the fact at `at`; the status it then has. Throws the refusal. */
export function admitFact(order: OrderRow, input: OrderEventInput, at: Date): string {
  // A contract may be signed at the customer's home before it is keyed in; nothing else predates the order.
  if (input.type !== 'concluded_off_premises' && at < order.placed_at) throw new DomainError('event_before_order', 'refused', {}, 'at');
  // L221-10 protects consumers only: a professional's off-premises order is paid as agreed.
  if (input.type === 'concluded_off_premises' && order.customer_kind !== 'consumer') throw new DomainError('off_premises_consumers_only', 'refused', {}, 'type');
  const step = transition(order.status, input.type, input.type === 'cancelled' ? cancellationKindOf(input) : undefined);
  if (!step.allowed) throw new DomainError('transition_not_allowed', 'refused', { status: order.status, event: input.type, from: order.status, to: targetOf(input.type) }, 'type');
  // The same fact twice: an off-premises conclusion fixes its dates once.
  if (input.type === 'concluded_off_premises' && order.payment_not_before !== null) throw new DomainError('event_already_recorded', 'conflict', { event: input.type }, 'type');
  // Completed: nothing left to do on either side, the money included.
  if (input.type === 'completed' && (order.payment_status === 'awaiting' || order.payment_status === 'partially_paid')) throw new DomainError('order_not_paid', 'refused', {}, 'type');
  return step.to;
}

export type Fact = { order: OrderRow; input: OrderEventInput; actor: string; at: Date; now: Date; on: Temporal.PlainDate };

/** A fact with no money in it: the status it leads to, the dates it fixes, its evidence event. */
export async function recordFact(trx: Transaction<DB>, f: Fact, statusTo: string, dates: FactDates, more: Record<string, unknown> = {}): Promise<void> {
  const { order } = f;
  await applyFact(trx, order.shop_id, order.id, statusTo, dates);
  await appendEvent(
    trx,
    {
      shopId: order.shop_id,
      orderId: order.id,
      type: f.input.type,
      at: f.at,
      actor: f.actor,
      data: { on: f.on.toString(), ...(statusTo !== order.status && { statusFrom: order.status, statusTo }), ...dates, ...(f.input.note && { note: f.input.note }), ...more },
    },
    f.now,
  );
}
