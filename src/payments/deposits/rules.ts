/**
 * Deposits (issue 4 §4, SPEC C05, C08, C11): how much is paid in advance, whether it is an
 * *acompte* or *arrhes*, what each means when the contract is cancelled, when the balance falls
 * due, and the off-premises payment ban. Pure functions of values; no clock, no database.
 */
import { Temporal } from 'temporal-polyfill';
import { type Cents, cents } from '../../kernel/money.ts';

export type DepositKind = 'acompte' | 'arrhes';
export type Capture = 'at_order' | 'at_shipment' | 'on_delivery' | 'after_delivery';

const BP = 10_000;

/**
 * The deposit asked for an order: `minBp` of the total incl. VAT (A-31: TTC for consumers, the
 * invoiced HT + VAT for professionals — the same gross total), **rounded up to the cent**. The
 * profile gives a minimum (003 art.2.3 "un minimum de 50 %"), so the cent is never rounded away
 * below it: 50 % of 0.05 is 0.03, not 0.02 (half-up would give 0.03 here too, but 33.33 % of
 * 1.00 is 0.34 where half-up says 0.33, short of the minimum).
 */
export function depositCents(totalCents: number, minBp: number): Cents {
  assertCents(totalCents, 'total');
  if (!Number.isSafeInteger(minBp) || minBp < 0 || minBp > BP) throw new RangeError(`a share in basis points 0–10000, got ${minBp}`);
  return cents(Math.ceil((totalCents * minBp) / BP));
}

/**
 * C. consom. L214-1: for a consumer, "sauf stipulation contraire", sums paid in advance are
 * **arrhes**. The shop's terms are that stipulation: what they state wins; when they state
 * nothing, a consumer's advance is arrhes and anyone else's an acompte (the common B2B reading).
 */
export function depositKind(stated: DepositKind | undefined, customerKind: string): DepositKind {
  if (stated) return stated;
  return customerKind === 'consumer' ? 'arrhes' : 'acompte';
}

export type CancellingParty = 'customer' | 'seller';
export type CancellationOutcome = {
  /** What the seller keeps of the sums paid. */
  keptCents: Cents;
  /** What goes back to the customer. */
  refundCents: Cents;
  /** What the customer still owes (an acompte binds: the price, less what the seller decides). */
  owedByCustomerCents: Cents;
};

/**
 * What a cancellation means for the sums paid in advance (L214-1; C. civ. 1590):
 * - **arrhes** let either side walk away: the customer who cancels loses them; the seller who
 *   cancels pays them back twice (the refund is double the arrhes, plus any other sum paid);
 * - an **acompte** is a first payment on a firm contract: no one may walk away. A seller who
 *   cancels refunds everything (damages are for a court); a customer who cancels still owes the
 *   price (`owedByCustomerCents`), unless the shop accepts the cancellation (see `retainedOnAcceptedCancellation`).
 */
export function cancellationOutcome(kind: DepositKind, by: CancellingParty, o: { depositCents: number; paidCents: number; totalCents: number }): CancellationOutcome {
  const deposit = Math.min(o.depositCents, o.paidCents);
  if (by === 'seller') {
    const doubled = kind === 'arrhes' ? deposit : 0;
    return { keptCents: cents(0), refundCents: cents(o.paidCents + doubled), owedByCustomerCents: cents(0) };
  }
  if (kind === 'arrhes') return { keptCents: cents(deposit), refundCents: cents(o.paidCents - deposit), owedByCustomerCents: cents(0) };
  return { keptCents: cents(o.paidCents), refundCents: cents(0), owedByCustomerCents: cents(Math.max(0, o.totalCents - o.paidCents)) };
}

/**
 * 003 art.21.1 (A-40, AS-37): a cancellation the seller accepts after the withdrawal period (or a
 * shop or fair sale) keeps "les acomptes payés ou dus … avec un minimum de 30 % du montant total",
 * a penalty clause (C. civ. 1231-5). Retained = max(deposit due, minBp × total), the 30 %
 * rounded half-up to the cent (SPEC §0.3); the customer owes what the retained sum exceeds the
 * payments by, and gets back what the payments exceed it by.
 */
export function retainedOnAcceptedCancellation(o: { totalCents: number; depositDueCents: number; paidCents: number; minBp: number }): {
  retainedCents: Cents;
  owedByCustomerCents: Cents;
  refundCents: Cents;
} {
  const minimum = Math.floor((o.totalCents * o.minBp + BP / 2) / BP);
  // A deposit paid is at most the deposit due: money paid beyond it is price, not deposit.
  const retained = Math.max(o.depositDueCents, minimum);
  return { retainedCents: cents(retained), owedByCustomerCents: cents(Math.max(0, retained - o.paidCents)), refundCents: cents(Math.max(0, o.paidCents - retained)) };
}

/**
 * When the balance after the deposit is due (003 art.6.1 "payables au jour de la livraison";
 * 004 O9c "7 jours après la livraison"): the delivery day, or that many days after it. Null when
 * the profile takes the money at order or at shipment, before delivery.
 */
export function balanceDueOn(capture: Capture, deliveredOn: Temporal.PlainDate, dueAfterDelivery?: string): Temporal.PlainDate | null {
  if (capture === 'on_delivery') return deliveredOn;
  if (capture === 'after_delivery') return deliveredOn.add(Temporal.Duration.from(dueAfterDelivery ?? 'P0D'));
  return null;
}

/**
 * C. consom. L221-10 (003 art.2.4): no payment from an off-premises consumer "avant l'expiration
 * d'un délai de sept jours à compter de la conclusion du contrat". The day of conclusion is not
 * counted, the 7th day is still barred: the first day a payment may be taken is day 8 (AS-19:
 * signed Wed 2026-04-01 → day 7 is Wed 04-08 → payment from Thu 2026-04-09).
 */
export function paymentNotBefore(concludedOn: Temporal.PlainDate, ban = 'P7D'): Temporal.PlainDate {
  return concludedOn.add(Temporal.Duration.from(ban)).add({ days: 1 });
}

/** Whether money received on `day` may be recorded for an order whose payments start `notBefore`. */
export function paymentAllowedOn(notBefore: Temporal.PlainDate | null, day: Temporal.PlainDate): boolean {
  return notBefore === null || Temporal.PlainDate.compare(day, notBefore) >= 0;
}

function assertCents(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be whole cents ≥ 0, got ${n}`);
}
