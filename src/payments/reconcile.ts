/**
 * Reconciliation rules (issue 4 §2, LEGAL.md §A10): pure decisions about one statement entry,
 * given what it says and the orders its references point to. No I/O; the import service reads
 * and writes around them.
 *
 * Matching order (LEGAL.md §A10): a valid OGM/RF in `Strd`, else one found in `Ustrd` (both by
 * `readRemittance`). A reference with wrong check digits is never matched: a typo could point
 * at another customer's order, so staff review it. Amount + name are only suggestions.
 */
import { Temporal } from 'temporal-polyfill';
import { type Cents, cents } from '../kernel/money.ts';
import type { BankStatement, StatementEntry } from './camt053.ts';
import { formatPaymentReference, type PaymentReference, type RemittanceReading } from './references.ts';

/** An order a reference points to, with what it still expects. */
export type PayableOrder = {
  id: string;
  reference: string;
  paymentStatus: string;
  grossCents: Cents;
  paidCents: Cents;
  /**
   * False when money may not be applied to the order: cancelled or refused (the credit is for
   * staff to give back), or an off-premises contract before day 8 (L221-10).
   */
  open: boolean;
};

export type EntryDecision =
  | { kind: 'ignored'; reason: 'debit' | 'reversal' | 'not_booked' }
  | { kind: 'matched'; order: PayableOrder; reference: string }
  | { kind: 'unmatched'; reason: 'check_digits' | 'unknown_reference' | 'not_awaiting_payment' | 'no_reference' };

/** Payment statuses in which an order still waits for money (API.md "payment.status"). */
const AWAITING = new Set(['awaiting', 'partially_paid']);

/**
 * The key that makes an import idempotent (LEGAL.md §A10: account IBAN, statement, bank
 * reference). `AcctSvcrRef` is unique per account at the bank; an `NtryRef` or a position only
 * within its statement, so those are prefixed with the statement id.
 */
export function entryKey(statement: Pick<BankStatement, 'iban' | 'statementId'>, entry: Pick<StatementEntry, 'externalId' | 'accountServicerRef'>): string {
  const account = statement.iban ?? '-';
  return entry.accountServicerRef !== null ? `${account}|${entry.externalId}` : `${account}|${statement.statementId}|${entry.externalId}`;
}

/** Every form under which an order may have stored the reference (electronic or printed). */
export function storedForms(reference: PaymentReference): string[] {
  return [...new Set([reference.value, formatPaymentReference(reference)])];
}

/** The reference to keep on the entry: the first one read, or the raw invalid one. */
export function referenceOf(reading: RemittanceReading): string | null {
  if (reading.status === 'invalid') return reading.raw;
  if (reading.status === 'found') return reading.references[0]?.value ?? null;
  return null;
}

/**
 * `orders` holds the orders found under any of the reading's references. The first reference (in
 * reading order) that names an order waiting for payment wins.
 */
export function decideEntry(entry: Pick<StatementEntry, 'creditDebit' | 'reversal' | 'status'>, reading: RemittanceReading, orders: readonly PayableOrder[]): EntryDecision {
  if (entry.status !== 'BOOK') return { kind: 'ignored', reason: 'not_booked' };
  if (entry.reversal) return { kind: 'ignored', reason: 'reversal' };
  if (entry.creditDebit === 'DBIT') return { kind: 'ignored', reason: 'debit' };
  if (reading.status === 'invalid') return { kind: 'unmatched', reason: 'check_digits' };
  if (reading.status === 'none') return { kind: 'unmatched', reason: 'no_reference' };
  let known = false;
  for (const reference of reading.references) {
    const forms = storedForms(reference);
    const order = orders.find((o) => forms.includes(o.reference));
    if (!order) continue;
    known = true;
    if (AWAITING.has(order.paymentStatus) && order.open) return { kind: 'matched', order, reference: reference.value };
  }
  return { kind: 'unmatched', reason: known ? 'not_awaiting_payment' : 'unknown_reference' };
}

export type Settlement = {
  paymentStatus: 'paid' | 'partially_paid';
  paidCents: Cents;
  /** Still due after this payment (0 when paid). */
  balanceDueCents: Cents;
  /** Paid beyond the amount due: the customer's credit, for a later order or a refund. */
  customerCreditCents: Cents;
};

/** What a payment of `amount` does to an order that has already received `paid` of `gross`. */
export function settle(gross: Cents, paid: Cents, amount: Cents): Settlement {
  const total = paid + amount;
  return {
    paymentStatus: total >= gross ? 'paid' : 'partially_paid',
    paidCents: cents(total),
    balanceDueCents: cents(Math.max(0, gross - total)),
    customerCreditCents: cents(Math.max(0, total - gross)),
  };
}

/** An open order as shown to staff choosing a match for an unmatched credit. */
export type OpenOrder = { id: string; number: string; customerName: string; balanceDueCents: Cents; placedOn: Temporal.PlainDate };

export type Suggestion = { orderId: string; number: string; score: number; sameAmount: boolean; nameWords: number };

const words = (name: string) =>
  new Set(
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 2),
  );

/**
 * Suggestions for an entry without a usable reference: open orders whose balance equals the
 * amount and/or whose customer shares words with the debtor's name, best first. Never applied
 * automatically (LEGAL.md §A10 step 4: "sent to manual review").
 */
export function suggestOrders(entry: { amountCents: Cents; debtorName: string | null }, open: readonly OpenOrder[], limit = 5): Suggestion[] {
  const debtor = words(entry.debtorName ?? '');
  return open
    .map((o) => {
      const sameAmount = o.balanceDueCents === entry.amountCents;
      const nameWords = [...words(o.customerName)].filter((w) => debtor.has(w)).length;
      return { orderId: o.id, number: o.number, sameAmount, nameWords, score: (sameAmount ? 2 : 0) + Math.min(nameWords, 2), placedOn: o.placedOn };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || Temporal.PlainDate.compare(a.placedOn, b.placedOn))
    .slice(0, limit)
    .map(({ placedOn: _, ...s }) => s);
}

