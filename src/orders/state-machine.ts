/**
 * The order's life as staff record it (API.md `POST …/orders/{id}/events`, SPEC C07, issue 11 §1):
 * which facts each status admits, and the status each fact leads to. Pure: the caller reads the
 * order and records the event. A payment's effect on the status (awaiting_payment → accepted once
 * the deposit or the price is in) belongs to `applyPayment` (state.ts), which the record-payment
 * flow calls; here a payment only has to be possible.
 *
 *   placed ─┬─ awaiting_payment ──(payment)──┐
 *           └─ awaiting_acceptance ─(accepted)┴─ accepted → preparing → shipped → delivered → completed
 *                                                   └──────(picked_up)───────┘
 *   refused: before the order is executed (awaiting payment or acceptance);
 *   cancelled, with its kind (CANCELLATION_KINDS): before the goods leave, except for late
 *   delivery and goods not collected, which end an order whose goods are on their way or waiting.
 */
export const ORDER_EVENT_TYPES = [
  'accepted',
  'refused',
  'payment_received',
  'preparing',
  'shipped',
  'delivered',
  'picked_up',
  'completed',
  'cancelled',
  'concluded_off_premises',
  'payment_disputed',
  'payment_dispute_settled',
] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

export const ORDER_STATUSES = ['awaiting_payment', 'awaiting_acceptance', 'accepted', 'preparing', 'shipped', 'delivered', 'completed', 'refused', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * Why an order ends before it is performed (SPEC C07 side states): by the seller (a product no
 * longer available, 001 online §2.4), by the customer (004 art.2, 003 art.2.7), for late delivery
 * (L216-6), for non-payment (the payment window A-14, 003 art.6.3, 004 art.4), for force majeure
 * (C. civ. 1218), for goods not collected (003 art.7.2).
 */
export const CANCELLATION_KINDS = ['by_seller', 'by_customer', 'late_delivery', 'non_payment', 'force_majeure', 'non_collection'] as const;
export type CancellationKind = (typeof CANCELLATION_KINDS)[number];

const BEFORE_SHIPMENT: readonly OrderStatus[] = ['awaiting_payment', 'awaiting_acceptance', 'accepted', 'preparing'];
/** Statuses an order ends in: nothing follows, but a payment dispute on its money. */
export const FINAL_STATUSES: readonly OrderStatus[] = ['completed', 'refused', 'cancelled'];

/** For each fact: the statuses that admit it, and the status it leads to (`null`: unchanged). */
const TRANSITIONS: Record<OrderEventType, { from: readonly OrderStatus[]; to: OrderStatus | null }> = {
  // Accepting is for orders that wait for the seller's yes (on account); a prepaid order is
  // accepted by its payment (001 online §2.3, 003 art.2.6), never before.
  accepted: { from: ['awaiting_acceptance'], to: 'accepted' },
  // 001 CG §3.2, 003 art.2.6, 004 art.2: a refusal comes before the order is executed.
  refused: { from: ['awaiting_payment', 'awaiting_acceptance'], to: 'refused' },
  // Money may come at order, before shipment, or on and after delivery (003 art.6.1 balance).
  payment_received: { from: [...BEFORE_SHIPMENT, 'shipped', 'delivered'], to: null },
  preparing: { from: ['accepted'], to: 'preparing' },
  shipped: { from: ['accepted', 'preparing'], to: 'shipped' },
  delivered: { from: ['shipped'], to: 'delivered' },
  // Collected at a distribution point or at the depot (ex works): delivery happens there.
  picked_up: { from: ['accepted', 'preparing', 'shipped'], to: 'delivered' },
  // Nothing left to do on either side: delivered and paid (checked by the caller: events.ts).
  completed: { from: ['delivered'], to: 'completed' },
  // Once the goods have left, ending the contract is a withdrawal or a return, not a cancellation
  // (per kind: CANCELLABLE_FROM).
  cancelled: { from: BEFORE_SHIPMENT, to: 'cancelled' },
  // A fact about how the contract was made (L221-10): it blocks payments, not the order.
  concluded_off_premises: { from: BEFORE_SHIPMENT, to: null },
  // A dispute over an order's payment (004 art.2, 003 art.2.6) may arise at any time after it,
  // even once it ended (a cancellation fee left unpaid); it changes the order's status in nothing.
  payment_disputed: { from: ORDER_STATUSES.filter((s) => s !== 'refused'), to: null },
  payment_dispute_settled: { from: ORDER_STATUSES.filter((s) => s !== 'refused'), to: null },
};

/**
 * The statuses each kind of cancellation ends. Late delivery (L216-6: the contract ends when the
 * seller receives the termination, unless delivered meanwhile) and goods not collected (003
 * art.7.2: the goods wait at the depot or the pickup point) may end an order already shipped.
 */
const CANCELLABLE_FROM: Record<CancellationKind, readonly OrderStatus[]> = {
  by_seller: BEFORE_SHIPMENT,
  by_customer: BEFORE_SHIPMENT,
  non_payment: BEFORE_SHIPMENT,
  force_majeure: BEFORE_SHIPMENT,
  late_delivery: ['accepted', 'preparing', 'shipped'],
  non_collection: ['accepted', 'preparing', 'shipped'],
};

export type Transition = { allowed: true; to: OrderStatus } | { allowed: false };

const isStatus = (s: string): s is OrderStatus => (ORDER_STATUSES as readonly string[]).includes(s);

/** Whether `event` may be recorded on an order in `status`, and the status it then has. */
export function transition(status: string, event: OrderEventType, kind?: CancellationKind): Transition {
  if (!isStatus(status)) return { allowed: false };
  const from = event === 'cancelled' && kind ? CANCELLABLE_FROM[kind] : TRANSITIONS[event].from;
  if (!from.includes(status)) return { allowed: false };
  return { allowed: true, to: TRANSITIONS[event].to ?? status };
}

/** Where `event` would lead from a status that admits it (for the refusal's message): `''` when it changes nothing. */
export const targetOf = (event: OrderEventType): OrderStatus | '' => TRANSITIONS[event].to ?? '';
