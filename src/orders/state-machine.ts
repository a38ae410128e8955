/**
 * The order's life as staff record it (API.md `POST …/orders/{id}/events`, SPEC C07): which
 * facts each status admits, and the status each fact leads to. Pure: the caller reads the order
 * and records the event. A payment's effect on the status (awaiting_payment → accepted once the
 * deposit or the price is in) belongs to `applyPayment` (state.ts), which the record-payment flow
 * calls; here a payment only has to be possible.
 */
export const ORDER_EVENT_TYPES = ['accepted', 'refused', 'payment_received', 'shipped', 'delivered', 'picked_up', 'cancelled', 'concluded_off_premises'] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

export type OrderStatus = 'awaiting_payment' | 'awaiting_acceptance' | 'accepted' | 'preparing' | 'shipped' | 'delivered' | 'completed' | 'refused' | 'cancelled';

const BEFORE_SHIPMENT: readonly string[] = ['awaiting_payment', 'awaiting_acceptance', 'accepted', 'preparing'];

/** For each fact: the statuses that admit it, and the status it leads to (`null`: unchanged). */
const TRANSITIONS: Record<OrderEventType, { from: readonly string[]; to: OrderStatus | null }> = {
  // Accepting is for orders that wait for the seller's yes (on account); a prepaid order is
  // accepted by its payment (001 online §2.3, 003 art.2.6), never before.
  accepted: { from: ['awaiting_acceptance'], to: 'accepted' },
  // 001 CG §3.2, 003 art.2.6, 004 art.2: a refusal comes before the order is executed.
  refused: { from: ['awaiting_payment', 'awaiting_acceptance'], to: 'refused' },
  // Money may come at order, before shipment, or on and after delivery (003 art.6.1 balance).
  payment_received: { from: [...BEFORE_SHIPMENT, 'shipped', 'delivered'], to: null },
  shipped: { from: ['accepted', 'preparing'], to: 'shipped' },
  delivered: { from: ['shipped'], to: 'delivered' },
  // Collected at a distribution point or at the depot (ex works): delivery happens there.
  picked_up: { from: ['accepted', 'preparing', 'shipped'], to: 'delivered' },
  // Once the goods have left, ending the contract is a withdrawal or a return, not a cancellation.
  cancelled: { from: BEFORE_SHIPMENT, to: 'cancelled' },
  // A fact about how the contract was made (L221-10): it blocks payments, not the order.
  concluded_off_premises: { from: BEFORE_SHIPMENT, to: null },
};

export type Transition = { allowed: true; to: string } | { allowed: false };

/** Whether `event` may be recorded on an order in `status`, and the status it then has. */
export function transition(status: string, event: OrderEventType): Transition {
  const rule = TRANSITIONS[event];
  if (!rule.from.includes(status)) return { allowed: false };
  return { allowed: true, to: rule.to ?? status };
}
