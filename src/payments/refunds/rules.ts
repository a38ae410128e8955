/**
 * Refund rules (issue 4 §5): pure decisions about how much may still be refunded on an order,
 * through which means, and what the order's payment status becomes. No I/O: the refund service
 * reads the order's payments and refunds and writes around them.
 */
import { type Cents, cents } from '../../kernel/money.ts';
import { isValidIban, normalizeIban } from '../../kernel/iban.ts';
import { RefundRefused } from './errors.ts';

export type RefundStatus = 'pending' | 'exported' | 'confirmed' | 'succeeded' | 'failed';
export type RefundMethod = 'card' | 'bank_transfer';

/** A payment recorded on the order, with what the statement or the provider told us of the payer. */
export type PaymentFact = { method: string; amountCents: Cents; providerRef: string | null; debtorIban: string | null; debtorName: string | null };
export type RefundFact = { amountCents: Cents; status: RefundStatus; fromCredit: boolean };

/**
 * What the order kept of the money paid: what became customer credit (an overpayment beyond the
 * price, record-payment.ts; money owed back after a cancellation, cancellation.ts) is refunded
 * from the credit, never twice through the order. `creditedCents`: the credit rows the order
 * produced.
 */
export const keptCents = (grossCents: Cents, paidCents: Cents, creditedCents: Cents = cents(0)): Cents =>
  cents(Math.max(0, Math.min(paidCents - creditedCents, grossCents)));

/** Refunds that return or will return money: every one but those that failed. */
export const refundedCents = (refunds: readonly RefundFact[]): Cents =>
  cents(refunds.filter((r) => r.status !== 'failed' && !r.fromCredit).reduce((sum, r) => sum + r.amountCents, 0));

/** Refundable = paid (kept by the order) − refunds not failed; never negative. */
export const refundableCents = (grossCents: Cents, paidCents: Cents, refunds: readonly RefundFact[], creditedCents: Cents = cents(0)): Cents =>
  cents(Math.max(0, keptCents(grossCents, paidCents, creditedCents) - refundedCents(refunds)));

/** Refuses a refund larger than what may still be refunded (issue 4, "Bad input"). */
export function checkRefundAmount(amountCents: Cents, refundable: Cents): void {
  if (amountCents > refundable) throw new RefundRefused('refund_exceeds_paid', { refundableCents: refundable }, 'amountCents');
}

export type RefundRequest = { otherMeansAgreed: boolean; iban: string | null; creditorName: string | null };

export type RefundRoute =
  | { method: 'card'; paymentIntentId: string }
  | { method: 'bank_transfer'; iban: string; creditorName: string; otherMeansAgreed: boolean };

/**
 * The means of the refund: the one the customer paid with (a card payment back to its card, a
 * transfer back to the account that paid), unless the customer explicitly agreed to another
 * means, then a transfer to the account they gave (C. consom. L221-24 al. 3, Directive 2011/83
 * art. 13 §1: "the same means of payment … unless the consumer has expressly agreed otherwise").
 */
export function refundRoute(payments: readonly PaymentFact[], request: RefundRequest, customerName: string): RefundRoute {
  const given = request.iban === null ? null : normalizeIban(request.iban);
  if (given !== null && !isValidIban(given)) throw new RefundRefused('invalid_iban', {}, 'iban');
  const name = request.creditorName?.trim() || null;
  if (request.otherMeansAgreed) {
    if (given === null) throw new RefundRefused('refund_iban_required', {}, 'iban');
    return { method: 'bank_transfer', iban: given, creditorName: name ?? customerName, otherMeansAgreed: true };
  }
  const card = payments.find((p) => p.method === 'card' && p.providerRef !== null);
  if (card?.providerRef) return { method: 'card', paymentIntentId: card.providerRef };
  const transfer = payments.find((p) => p.method === 'bank_transfer' && p.debtorIban !== null);
  // The payer's own account, as the statement gave it; an IBAN typed by staff only when unknown.
  const iban = transfer?.debtorIban ? normalizeIban(transfer.debtorIban) : given;
  if (iban === null) throw new RefundRefused('refund_iban_required', {}, 'iban');
  return { method: 'bank_transfer', iban, creditorName: transfer?.debtorName ?? name ?? customerName, otherMeansAgreed: false };
}

/** Refunds whose money has left: a card refund Stripe reports as succeeded, a transfer seen debited. */
const DONE: ReadonlySet<RefundStatus> = new Set(['succeeded', 'confirmed']);

/**
 * API.md `payment.status` once refunds are counted: only the money that has actually gone back
 * counts (a transfer still pending or exported is not yet refunded); unchanged while none has.
 */
export function paymentStatusAfterRefunds(current: string, grossCents: Cents, paidCents: Cents, refunds: readonly RefundFact[]): string {
  const refunded = refundedCents(refunds.filter((r) => DONE.has(r.status)));
  if (refunded === 0) return current;
  return refunded >= keptCents(grossCents, paidCents) ? 'refunded' : 'partially_refunded';
}

/** Stripe's refund status → ours (Stripe: pending, requires_action, succeeded, failed, canceled). */
export function cardRefundStatus(stripeStatus: string | null | undefined): RefundStatus {
  if (stripeStatus === 'succeeded') return 'succeeded';
  if (stripeStatus === 'failed' || stripeStatus === 'canceled') return 'failed';
  return 'pending';
}

/**
 * The pain.001 `EndToEndId` of a refund: the bank returns it on the debit of the statement
 * (camt.053 `Refs/EndToEndId`), which is how the refund is confirmed. ≤ 35 SEPA characters.
 */
export const endToEndIdFor = (refundId: string): string => `RBT${refundId.replace(/-/g, '').toUpperCase()}`.slice(0, 35);
