/**
 * The evidence is complete, not only unaltered (issue 8 §11). The hash chain alone shows that no
 * stored event changed; it cannot show that the last events were removed, nor that the order row
 * still says what the customer agreed to. So an order's evidence holds when:
 *   1. its chain holds (chain.ts);
 *   2. the chain ends where the order row says it ends (head hash and count, written in the same
 *      transaction as each append), so a truncated log shows;
 *   3. the order row — number, customer, totals, lines, terms versions, delivery, payment — is
 *      what the first event, `placed`, recorded when the customer confirmed (C. civ. 1127-2).
 * Pure functions; the rows come from service.ts.
 */
import { type ChainCheck, canonicalJson, type StoredEvent, verifyChain } from './chain.ts';

export type ChainHead = { hash: string | null; count: number };

export type AgreedLine = {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  vatRateBp: number;
  totalCents: number;
  withdrawable: boolean;
  withdrawalException: string | null;
};

/** What the order row and its lines say now, under the names the `placed` event uses. */
export type OrderAsStored = {
  number: string;
  customerId: string;
  customerKind: string;
  paymentMethod: string;
  paymentReference: string | null;
  totals: { netCents: number; vatCents: number; grossCents: number; shippingCents: number; feesCents: number };
  terms: unknown;
  delivery: unknown;
  lines: AgreedLine[];
  head: ChainHead;
};

const intact: ChainCheck = { verified: true, brokenAt: null, reason: null };

/** The chain ends at the head the order row recorded: nothing was cut from its end. */
export function checkHead(events: readonly StoredEvent[], head: ChainHead): ChainCheck {
  if (events.length < head.count) {
    return { verified: false, brokenAt: events.length + 1, reason: `events missing: the order records ${head.count} events, the log holds ${events.length}` };
  }
  if (events.length > head.count) {
    return { verified: false, brokenAt: head.count + 1, reason: `events not recorded on the order: the order records ${head.count} events, the log holds ${events.length}` };
  }
  const last = events.at(-1);
  if ((last?.hash ?? null) !== head.hash) return { verified: false, brokenAt: last?.seq ?? null, reason: 'the last event is not the head the order records' };
  return intact;
}

const lineOf = (l: AgreedLine): AgreedLine => ({
  productId: l.productId,
  sku: l.sku,
  name: l.name,
  quantity: l.quantity,
  unitPriceCents: l.unitPriceCents,
  vatRateBp: l.vatRateBp,
  totalCents: l.totalCents,
  withdrawable: l.withdrawable,
  withdrawalException: l.withdrawalException ?? null,
});

/** Each stored column beside the value the customer agreed to, as the `placed` event recorded it. */
function agreedPairs(placed: StoredEvent, order: OrderAsStored): [column: string, agreed: unknown, stored: unknown][] {
  const data = placed.data as Record<string, unknown>;
  const totals = (data.totals ?? {}) as Record<string, unknown>;
  const lines = Array.isArray(data.lines) ? (data.lines as AgreedLine[]).map(lineOf) : data.lines;
  return [
    ['number', data.number, order.number],
    ['customer_id', placed.actor, `customer:${order.customerId}`],
    ['customer_kind', data.customerKind, order.customerKind],
    ['payment_method', data.paymentMethod, order.paymentMethod],
    // Recorded since the transfer references (issue 3); older placements do not carry it.
    ...('paymentReference' in data ? [['payment_reference', data.paymentReference, order.paymentReference] as [string, unknown, unknown]] : []),
    ['net_cents', totals.netCents, order.totals.netCents],
    ['vat_cents', totals.vatCents, order.totals.vatCents],
    ['gross_cents', totals.grossCents, order.totals.grossCents],
    ['shipping_cents', totals.shippingCents, order.totals.shippingCents],
    ['fees_cents', totals.feesCents, order.totals.feesCents],
    ['accepted_terms', data.terms, order.terms],
    ['delivery', data.delivery, order.delivery],
    ['order_lines', lines, order.lines.map(lineOf)],
  ];
}

/** The order row and lines say what the customer agreed to when placing the order. */
export function checkAgreement(placed: StoredEvent | undefined, order: OrderAsStored): ChainCheck {
  if (placed?.type !== 'placed') return { verified: false, brokenAt: placed?.seq ?? null, reason: 'the first event is not the placement' };
  const differ = agreedPairs(placed, order)
    .filter(([, agreed, stored]) => canonicalJson(agreed) !== canonicalJson(stored))
    .map(([column]) => column);
  if (differ.length > 0) return { verified: false, brokenAt: null, reason: `the order differs from what the customer agreed to (placed event): ${differ.join(', ')}` };
  return intact;
}

/** The whole check: chain, then head, then agreement; the first failure is reported. */
export function checkEvidence(events: readonly StoredEvent[], order: OrderAsStored): ChainCheck {
  if (events.length === 0 && order.head.count === 0) return { verified: false, brokenAt: null, reason: 'no events' };
  const chain = verifyChain(events);
  if (!chain.verified) return chain;
  const head = checkHead(events, order.head);
  if (!head.verified) return head;
  return checkAgreement(events[0], order);
}
