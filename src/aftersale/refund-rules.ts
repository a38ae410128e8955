/**
 * Refund after a withdrawal or a failed delivery, as pure rules (SPEC C13; LEGAL §A1.7, §A1.8,
 * §A2, §A3). Amounts are integer cents rounded half-up (SPEC §0.3); dates are local calendar
 * dates in the shop's zone; "today" is always a parameter.
 */
import { Temporal } from 'temporal-polyfill';

const cmp = Temporal.PlainDate.compare;

function assertCents(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be whole cents ≥ 0, got ${n}`);
}

/** n × num / den rounded half-up, on BigInt so no binary float ever touches a cent. */
function mulDivHalfUp(n: number, num: bigint, den: bigint): number {
  return Number((2n * BigInt(n) * num + den) / (2n * den));
}

export type RefundDueInput = {
  /** When the shop was informed of the withdrawal (L221-24: "à compter de la date à laquelle il est informé"). */
  withdrawalReceivedOn: Temporal.PlainDate;
  goodsReceivedOn?: Temporal.PlainDate | null;
  proofOfShipmentOn?: Temporal.PlainDate | null;
  /** A shop that offered to collect the goods itself may not defer the refund (L221-24 al. 3). */
  shopCollects: boolean;
  /** The profile's `withholdUntilGoodsOrProof` (default true); false for services (no goods to wait for). */
  withholdUntilGoodsOrProof?: boolean;
};

/**
 * The last day to refund: 14 days after the shop was informed (L221-24, VI.50 §1), in calendar
 * days with no working-day extension (that would only favour the shop). For goods the shop may
 * defer until it gets them back or the consumer proves dispatch, whichever comes first (LEGAL
 * §A1.7): due = max(informed + 14, min(goods back, proof)). null = deferred, and neither has
 * arrived yet: the refund becomes due on the day the first of them does (AS-03).
 */
export function refundDueOn(input: RefundDueInput): Temporal.PlainDate | null {
  const base = input.withdrawalReceivedOn.add({ days: 14 });
  if (input.shopCollects || input.withholdUntilGoodsOrProof === false) return base;
  const arrivals = [input.goodsReceivedOn, input.proofOfShipmentOn].filter(
    (d): d is Temporal.PlainDate => d != null,
  );
  if (arrivals.length === 0) return null;
  const first = arrivals.reduce((a, b) => (cmp(a, b) <= 0 ? a : b));
  return cmp(first, base) > 0 ? first : base;
}

export type RefundableInput = {
  /** Every line the consumer paid (incl. VAT). */
  paidLines: readonly { totalCents: number }[];
  /** The withdrawn part of each withdrawn line (a line's total, or the withdrawn units' share). */
  withdrawnLines: readonly { totalCents: number }[];
  /** What the consumer paid for delivery, whatever the option chosen. */
  deliveryPaidCents: number;
  /** The cheapest standard delivery the shop offered for this order. */
  cheapestStandardDeliveryCents: number;
  /** The staff-assessed loss in value from handling beyond what was needed (L221-23 al. 5). */
  depreciationCents: number;
  /** on a partial withdrawal, refund no delivery (default) or its share pro rata of the goods. */
  partialDelivery?: 'none' | 'pro_rata';
};

export type Refundable = {
  linesCents: number;
  deliveryCents: number;
  /** The extra of a dearer delivery option, never refunded (Annex R221-3). */
  deliveryNotRefundedCents: number;
  depreciationCents: number;
  totalCents: number;
};

/**
 * The refund: the withdrawn lines, the standard delivery (not the extra of a dearer option) when
 * the whole order is withdrawn, less a staff-assessed depreciation (LEGAL §A1.7; SPEC AS-03,
 * AS-05, AS-07; A-75 for the delivery share of a partial withdrawal).
 */
export function refundableCents(input: RefundableInput): Refundable {
  for (const l of input.paidLines) assertCents(l.totalCents, 'A paid line');
  for (const l of input.withdrawnLines) assertCents(l.totalCents, 'A withdrawn line');
  assertCents(input.deliveryPaidCents, 'Delivery paid');
  assertCents(input.cheapestStandardDeliveryCents, 'Cheapest standard delivery');
  assertCents(input.depreciationCents, 'Depreciation');
  const paid = input.paidLines.reduce((s, l) => s + l.totalCents, 0);
  const linesCents = input.withdrawnLines.reduce((s, l) => s + l.totalCents, 0);
  if (linesCents > paid) throw new RangeError(`Withdrawn lines (${linesCents}) exceed the lines paid (${paid})`);
  const standard = Math.min(input.deliveryPaidCents, input.cheapestStandardDeliveryCents);
  const whole = linesCents === paid;
  let deliveryCents = 0;
  if (whole) deliveryCents = standard;
  else if (input.partialDelivery === 'pro_rata' && paid > 0) {
    deliveryCents = mulDivHalfUp(standard, BigInt(linesCents), BigInt(paid));
  }
  const depreciationCents = Math.min(input.depreciationCents, linesCents);
  return {
    linesCents,
    deliveryCents,
    deliveryNotRefundedCents: input.deliveryPaidCents - standard,
    depreciationCents,
    totalCents: linesCents - depreciationCents + deliveryCents,
  };
}

export type LateRefundInput = {
  dueOn: Temporal.PlainDate;
  /** The day the refund was paid; when it is not paid yet, pass `today` for the surcharge so far. */
  paidOn?: Temporal.PlainDate | null;
  today?: Temporal.PlainDate;
  /** All sums due (A-56 iv: the base includes delivery). */
  amountCents: number;
  /** The semester's taux d'intérêt légal for consumer creditors, in basis points (LEGAL §A7: H1 2026 = 667). */
  legalRateBp: number;
};

export type LateRefundSurcharge = {
  daysLate: number;
  /** 'none', 'legal_interest', or the tier's percentage ('5%', '10%' … '55%' …). */
  rateLabel: string;
  surchargeCents: number;
  /** True once the L242-4 majoration reached its cap (the price of the product). */
  capped: boolean;
};

function daysLate(input: LateRefundInput): number {
  const on = input.paidOn ?? input.today;
  if (on === undefined) throw new RangeError('A late-refund surcharge needs paidOn or today');
  return Math.max(0, input.dueOn.until(on).days);
}

/** Legal interest pro rata temporis: amount × rate × days / 365, half-up (A-56 i). */
function legalInterestCents(amountCents: number, rateBp: number, days: number): number {
  if (!Number.isSafeInteger(rateBp) || rateBp < 0) throw new RangeError(`Not a rate in basis points: ${rateBp}`);
  return mulDivHalfUp(amountCents, BigInt(rateBp) * BigInt(days), 10_000n * 365n);
}

/**
 * L242-4 tier in percent for d days late, or null for the legal-interest tier. Upper limits are
 * inclusive (A-56 ii: 1–10 / 11–20 / 21–30 / 31–60 / 61–90); past day 90 each STARTED 30-day
 * block adds 5 points (A-56 iii, the consumer-favourable reading of "nouveau mois").
 */
export function l2424TierPercent(d: number): number | null {
  if (d <= 10) return null;
  if (d <= 20) return 5;
  if (d <= 30) return 10;
  if (d <= 60) return 20;
  if (d <= 90) return 50;
  return 50 + 5 * Math.ceil((d - 90) / 30);
}

/**
 * FR C. consom. L242-4: the sums due are increased by operation of law — legal interest up to
 * 10 days late, then 5 %, 10 %, 20 %, 50 %, then +5 points per new month, "jusqu'à concurrence du
 * prix du produit" (LEGAL §A1.8; SPEC A-56). The first tier is read pro rata (A-56 i), which is
 * also the only reading under which the surcharge never falls as lateness grows. `capCents` is
 * the product price (default: the sums due). Past the cap the law runs legal interest again;
 * that interest is not computed here (the majoration stays at the cap).
 */
export function lateRefundSurchargeFR(
  input: LateRefundInput & { capCents?: number; firstTier?: 'pro_rata' | 'flat' },
): LateRefundSurcharge {
  assertCents(input.amountCents, 'The sums due');
  const d = daysLate(input);
  if (d === 0) return { daysLate: 0, rateLabel: 'none', surchargeCents: 0, capped: false };
  const cap = input.capCents ?? input.amountCents;
  assertCents(cap, 'The cap');
  const percent = l2424TierPercent(d);
  const raw =
    percent === null
      ? input.firstTier === 'flat'
        ? mulDivHalfUp(input.amountCents, BigInt(input.legalRateBp), 10_000n)
        : legalInterestCents(input.amountCents, input.legalRateBp, d)
      : mulDivHalfUp(input.amountCents, BigInt(percent), 100n);
  return {
    daysLate: d,
    rateLabel: percent === null ? 'legal_interest' : `${percent}%`,
    surchargeCents: Math.min(raw, cap),
    capped: raw >= cap,
  };
}

/**
 * BE CDE VI.50 has no surcharge schedule (LEGAL §A2): a late refund carries ordinary legal
 * interest (2026: 4.5 %), pro rata temporis from the day after the due date.
 */
export function lateRefundSurchargeBE(input: LateRefundInput): LateRefundSurcharge {
  assertCents(input.amountCents, 'The sums due');
  const d = daysLate(input);
  if (d === 0) return { daysLate: 0, rateLabel: 'none', surchargeCents: 0, capped: false };
  return {
    daysLate: d,
    rateLabel: 'legal_interest',
    surchargeCents: legalInterestCents(input.amountCents, input.legalRateBp, d),
    capped: false,
  };
}

export type RefundAlert = { daysBefore: 10 | 3; on: Temporal.PlainDate };

/** Staff alerts before a refund falls due: 10 days and 3 days before (issue 10 §3). */
export function alertsFor(dueOn: Temporal.PlainDate): RefundAlert[] {
  return [
    { daysBefore: 10, on: dueOn.subtract({ days: 10 }) },
    { daysBefore: 3, on: dueOn.subtract({ days: 3 }) },
  ];
}

/** L216-7 and L241-4 (late delivery), shared with the orders' late-delivery rules: src/kernel/late-refund.ts. */
export { lateDeliveryRefundDueOn, lateDeliveryRefundSurcharge } from '../kernel/late-refund.ts';
