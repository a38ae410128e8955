/**
 * What the customer may still change on an order, and what it costs (SPEC C11, issue 11 §3): pure
 * functions of the profile's `modification` section, the law's floor and the order's facts. No
 * clock, no database: `today` is the shop's calendar day, given by the caller.
 *
 * - **Not yet binding** (awaiting payment or acceptance, nothing paid): the customer withdraws
 *   their order freely; no contract exists yet (001 online §2.1–2.2, 003 art.2.6, C. civ. 1115).
 * - **Consumer, every line under the withdrawal right**: cancelling before shipment is an early
 *   withdrawal (C. consom. L221-18, "à compter de la conclusion"; BE CDE VI.47): free, whatever the
 *   terms say, and never penalised (004 art.2 O6 exempts it; A-57). Refund within 14 days (L221-24).
 * - **004 (`within_possibilities`)**: free until the day before the planned shipment, inclusive
 *   "at least 1 day before D" = by D−1 23:59:59); from D on, the late-cancellation penalty of
 *   the profile (O6b: 30 % of the total, half-up to the cent; or O6a: the deposit kept).
 *   Modifications until D−1 too, then `modification_window_over`.
 * - **001, 003 and shops whose terms are silent** (`prior_written_agreement`,
 *   `written_request_expressly_accepted`): the customer can only send a request, which staff accept
 *   or decline; if accepted, 003 keeps its deposits (art.2.7), and for consumers and non-
 *   professionals the art.21.1 penalty clause: max(deposit due, 30 % of the total).
 * - After shipment nothing can be cancelled or changed (`order_already_shipped`): the withdrawal
 *   or the return takes over.
 */
import { Temporal } from 'temporal-polyfill';

export type CustomerKind = 'consumer' | 'non_professional' | 'professional';
type Period = string; // ISO 8601 duration, as profiles write them (P1D)

/** The profile's C11 section (src/shops/profile/schema/checkout.ts `Modification`), as the rules read it. */
export type ModificationTerms = {
  policy: 'prior_written_agreement' | 'written_request_expressly_accepted' | 'within_possibilities';
  minNoticeBeforeShipping?: Period | undefined;
  refusalRefund?: { within: Period; creditNoteIfPreferred: boolean } | undefined;
  cancellation?: readonly {
    customerKinds: readonly string[];
    when: 'after_acceptance' | 'persisting_despite_refusal' | 'after_withdrawal_period_or_shop_sale' | 'shortly_before_supply';
    before?: Period | undefined;
    penalty: 'none' | 'deposit_kept' | 'percent_of_total' | 'deposits_paid_or_due_min_percent' | 'damages_plus_price_deposits_kept';
    penaltyBp?: number | undefined;
    exemptions?: readonly ('withdrawal' | 'force_majeure')[] | undefined;
  }[] | undefined;
};

export type ChangeFacts = {
  customerKind: CustomerKind;
  status: string;
  grossCents: number;
  paidCents: number;
  /** The deposit the order asks for (acompte or arrhes), if any. */
  depositCents: number | null;
  /** A consumer whose every line the withdrawal right covers (a distance contract, no legal exception). */
  withdrawalCoversAll: boolean;
  /** The day the shop plans to ship (the last day its delivery promise allows, unless staff set one). */
  plannedShipOn: Temporal.PlainDate | null;
  /** A request of the customer that staff have not answered yet. */
  pendingRequest: 'cancellation' | 'modification' | null;
  /** A period of force majeure (on the shop or this order) runs today. */
  forceMajeure?: boolean;
};

/** What is kept, owed and given back; amounts in cents. */
export type Money = { costCents: number; keptCents: number; owedByCustomerCents: number; refundCents: number };

export type Refusal = { code: 'order_already_shipped' | 'order_already_closed' | 'change_request_pending' | 'modification_window_over' | 'cancellation_not_allowed'; params?: Record<string, string> };

export type CancellationBasis = 'not_binding_yet' | 'withdrawal_right' | 'before_deadline' | 'late_cancellation' | 'force_majeure';
export type CancellationOption =
  | ({ kind: 'now'; basis: CancellationBasis; /** The last day this basis holds (inclusive); null: until shipment. */ freeUntil: Temporal.PlainDate | null; refundWithinDays: number; /** What cancelling after `freeUntil` will cost. */ lateCostCents?: number } & Money)
  | ({ kind: 'request'; basis: 'written_agreement' | 'express_acceptance' } & { ifAccepted: Money })
  | { kind: 'refused'; refusal: Refusal };

export type ModificationOption =
  | { kind: 'request'; basis: 'written_agreement' | 'express_acceptance' | 'within_possibilities'; until: Temporal.PlainDate | null; ifRefused: { refundWithinDays: number; creditNoteIfPreferred: boolean } | null }
  | { kind: 'refused'; refusal: Refusal };

const BP = 10_000;
const SHIPPED = new Set(['shipped', 'delivered', 'completed']);
const CLOSED = new Set(['cancelled', 'refused']);
/** C. consom. L221-24: the refund of a withdrawal within 14 days of the notice. */
const REFUND_DAYS = 14;

/** `bp` of `totalCents`, rounded half-up to the cent (SPEC §3: 30 % of 123.45 € = 37.035 → 37.04 €). */
export function shareHalfUp(totalCents: number, bp: number): number {
  if (!Number.isSafeInteger(totalCents) || totalCents < 0 || !Number.isSafeInteger(bp) || bp < 0 || bp > BP) throw new RangeError(`share of ${totalCents} at ${bp} bp`);
  return Math.floor((totalCents * bp + BP / 2) / BP);
}

const days = (p: Period | undefined): number => (p ? Temporal.Duration.from(p).total({ unit: 'days', relativeTo: Temporal.PlainDate.from('2026-01-01') }) : 0);

/** "at least `notice` before D" = by the end of D − notice. */
export const lastDayBefore = (d: Temporal.PlainDate, notice: Period | undefined): Temporal.PlainDate => d.subtract({ days: Math.max(1, Math.ceil(days(notice))) });

function closedOrShipped(f: ChangeFacts): Refusal | null {
  if (SHIPPED.has(f.status)) return { code: 'order_already_shipped' };
  if (CLOSED.has(f.status)) return { code: 'order_already_closed', params: { status: f.status } };
  return null;
}

const notBindingYet = (f: ChangeFacts) => (f.status === 'awaiting_payment' || f.status === 'awaiting_acceptance') && f.paidCents === 0;

const free = (f: ChangeFacts): Money => ({ costCents: 0, keptCents: 0, owedByCustomerCents: 0, refundCents: f.paidCents });

/** A cost the shop takes from what was paid first; the rest, the customer owes. */
function costing(f: ChangeFacts, cost: number): Money {
  const kept = Math.min(cost, f.paidCents);
  return { costCents: cost, keptCents: kept, owedByCustomerCents: cost - kept, refundCents: f.paidCents - kept };
}

const rulesFor = (terms: ModificationTerms | undefined, kind: CustomerKind) => (terms?.cancellation ?? []).filter((r) => r.customerKinds.includes(kind));

/** What the customer may do about cancelling, today. */
export function cancellationOption(terms: ModificationTerms | undefined, f: ChangeFacts, today: Temporal.PlainDate): CancellationOption {
  const refusal = closedOrShipped(f);
  if (refusal) return { kind: 'refused', refusal };
  if (f.pendingRequest) return { kind: 'refused', refusal: { code: 'change_request_pending' } };
  if (notBindingYet(f)) return { kind: 'now', basis: 'not_binding_yet', freeUntil: null, refundWithinDays: REFUND_DAYS, ...free(f) };
  if (f.customerKind === 'consumer' && f.withdrawalCoversAll) return { kind: 'now', basis: 'withdrawal_right', freeUntil: null, refundWithinDays: REFUND_DAYS, ...free(f) };
  if (terms?.policy === 'within_possibilities') return lateCancellation(terms, f, today);
  return { kind: 'request', basis: terms?.policy === 'written_request_expressly_accepted' ? 'express_acceptance' : 'written_agreement', ifAccepted: acceptedCancellation(terms, f) };
}

/** 004 art.2 O6: free until D−1; from the planned supply day D, the profile's penalty. */
function lateCancellation(terms: ModificationTerms, f: ChangeFacts, today: Temporal.PlainDate): CancellationOption {
  const rule = rulesFor(terms, f.customerKind).find((r) => r.when === 'shortly_before_supply');
  if (!rule || !f.plannedShipOn) return { kind: 'now', basis: 'before_deadline', freeUntil: null, refundWithinDays: REFUND_DAYS, ...free(f) };
  const freeUntil = lastDayBefore(f.plannedShipOn, rule.before);
  // 004 art.2: "hormis l'exercice du droit de rétractation ou la force majeure".
  const exempt = f.forceMajeure && rule.exemptions?.includes('force_majeure');
  if (exempt && Temporal.PlainDate.compare(today, freeUntil) > 0) return { kind: 'now', basis: 'force_majeure', freeUntil, refundWithinDays: REFUND_DAYS, ...free(f) };
  if (Temporal.PlainDate.compare(today, freeUntil) <= 0) return { kind: 'now', basis: 'before_deadline', freeUntil, refundWithinDays: REFUND_DAYS, lateCostCents: penaltyOf(rule, f), ...free(f) };
  return { kind: 'now', basis: 'late_cancellation', freeUntil, refundWithinDays: REFUND_DAYS, ...costing(f, penaltyOf(rule, f)) };
}

/** The late-cancellation penalty: O6a the deposit (as paid), O6b a share of the total. */
export function penaltyOf(rule: { penalty: string; penaltyBp?: number | undefined }, f: Pick<ChangeFacts, 'grossCents' | 'paidCents' | 'depositCents'>): number {
  if (rule.penalty === 'deposit_kept') return Math.min(f.depositCents ?? 0, f.paidCents);
  if (rule.penalty === 'percent_of_total') return shareHalfUp(f.grossCents, rule.penaltyBp ?? 0);
  return 0;
}

/**
 * A cancellation staff accept: 003 art.21.1 for consumers and non-professionals (A-40, AS-37:
 * max(deposit due, 30 % of the total), what exceeds the payments owed); art.2.7 otherwise, the
 * deposits paid kept; nothing kept where the terms say nothing (001: the agreement decides).
 */
export function acceptedCancellation(terms: ModificationTerms | undefined, f: ChangeFacts): Money {
  const rules = rulesFor(terms, f.customerKind);
  const clause = rules.find((r) => r.penalty === 'deposits_paid_or_due_min_percent');
  if (clause) return costing(f, Math.max(f.depositCents ?? 0, shareHalfUp(f.grossCents, clause.penaltyBp ?? 0)));
  if (rules.some((r) => r.penalty === 'damages_plus_price_deposits_kept' || r.penalty === 'deposit_kept')) {
    const kept = Math.min(f.depositCents ?? 0, f.paidCents);
    return { costCents: kept, keptCents: kept, owedByCustomerCents: 0, refundCents: f.paidCents - kept };
  }
  return free(f);
}

/** What the customer may do about changing the order, today. */
export function modificationOption(terms: ModificationTerms | undefined, f: ChangeFacts, today: Temporal.PlainDate): ModificationOption {
  const refusal = closedOrShipped(f);
  if (refusal) return { kind: 'refused', refusal };
  if (f.pendingRequest) return { kind: 'refused', refusal: { code: 'change_request_pending' } };
  if (terms?.policy === 'within_possibilities') {
    const until = f.plannedShipOn && terms.minNoticeBeforeShipping ? lastDayBefore(f.plannedShipOn, terms.minNoticeBeforeShipping) : null;
    if (until && Temporal.PlainDate.compare(today, until) > 0) {
      return { kind: 'refused', refusal: { code: 'modification_window_over', params: { lastDay: until.toString(), plannedShipOn: f.plannedShipOn?.toString() ?? '' } } };
    }
    const ifRefused = terms.refusalRefund ? { refundWithinDays: Math.ceil(days(terms.refusalRefund.within)), creditNoteIfPreferred: terms.refusalRefund.creditNoteIfPreferred } : null;
    return { kind: 'request', basis: 'within_possibilities', until, ifRefused };
  }
  return { kind: 'request', basis: terms?.policy === 'written_request_expressly_accepted' ? 'express_acceptance' : 'written_agreement', until: null, ifRefused: null };
}

/**
 * The planned shipment when staff set none: the last day that still keeps the delivery promise —
 * the order's latest delivery day (or `maxDelay` after it was placed: L216-1, 30 days), less the
 * carrier's lead time counted from shipment (004 art.5 O10: 48 h → 2 days).
 */
export function defaultPlannedShipOn(o: { placedOn: Temporal.PlainDate; deliveryLatestOn: Temporal.PlainDate | null; maxDelay: Period | undefined; leadTimeFromShipment: Period | undefined }): Temporal.PlainDate {
  const latest = o.deliveryLatestOn ?? o.placedOn.add(Temporal.Duration.from(o.maxDelay ?? 'P30D'));
  const lead = o.leadTimeFromShipment ? Math.ceil(Temporal.Duration.from(o.leadTimeFromShipment).total({ unit: 'hours', relativeTo: o.placedOn }) / 24) : 0;
  return latest.subtract({ days: lead });
}

/** The day a refund is due: `within` days after `from` (004 art.2: 7 days after the refusal is notified). */
export const refundDueOn = (from: Temporal.PlainDate, withinDays: number): Temporal.PlainDate => from.add({ days: withinDays });
