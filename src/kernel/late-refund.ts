/**
 * Late refunds after a termination for late delivery, shared by the after-sale rules and the
 * orders' late-delivery rules (LEGAL.md §A3): the refund is due 14 days after the termination
 * (L216-7) and, when late, increased by L241-4's brackets (+10 % up to 14 days late, +20 % up to
 * 30, +50 % beyond; the current text, not the seeds' pre-2022 30/60 days: SPEC A-54). Belgium has
 * no such schedule (LEGAL.md §A2): legal interest pro rata temporis. Integer cents, half-up
 * (SPEC §0.3); dates are local calendar dates; "today" is always a parameter.
 */
import type { Temporal } from 'temporal-polyfill';

/** n × num / den rounded half-up, on BigInt so no binary float ever touches a cent. */
export function mulDivHalfUp(n: number, num: bigint, den: bigint): number {
  return Number((2n * BigInt(n) * num + den) / (2n * den));
}

function assertCents(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be whole cents ≥ 0, got ${n}`);
}

/** A bracket of a surcharge schedule: refunded at most `upToDays` late (null: beyond) → +bp. */
export type SurchargeBracket = { upToDays: number | null; bp: number };

/** C. consom. L241-4 (version in force since 1 Jan 2022, LEGAL.md §A3). */
export const L241_4_BRACKETS: readonly SurchargeBracket[] = [
  { upToDays: 14, bp: 1000 },
  { upToDays: 30, bp: 2000 },
  { upToDays: null, bp: 5000 },
];

/** The bracket's rate for `daysLate` (0 when not late). Upper limits are inclusive: day 14 → 10 %, day 15 → 20 %. */
export function bracketBp(brackets: readonly SurchargeBracket[], daysLate: number): number {
  if (daysLate <= 0) return 0;
  return brackets.find((b) => b.upToDays === null || daysLate <= b.upToDays)?.bp ?? 0;
}

/** The most favourable of several schedules for the consumer, day by day (a shop's own brackets never lower the law's). */
export function bestBracketBp(schedules: readonly (readonly SurchargeBracket[])[], daysLate: number): number {
  return Math.max(0, ...schedules.map((s) => bracketBp(s, daysLate)));
}

/** Legal interest pro rata temporis: amount × rate × days / 365, half-up (actual/365, SPEC §0.3). */
export function legalInterestCents(amountCents: number, rateBp: number, days: number): number {
  if (!Number.isSafeInteger(rateBp) || rateBp < 0) throw new RangeError(`Not a rate in basis points: ${rateBp}`);
  return mulDivHalfUp(amountCents, BigInt(rateBp) * BigInt(Math.max(0, days)), 10_000n * 365n);
}

export type LateRefundSurcharge = {
  daysLate: number;
  /** 'none', 'legal_interest', or the bracket's percentage ('10%', '20%', '50%'). */
  rateLabel: string;
  surchargeCents: number;
  /** True once a capped majoration reached its cap (L242-4 only; L241-4 has none). */
  capped: boolean;
};

/** L216-7: after a termination for late delivery, all sums paid are due within 14 days. */
export function lateDeliveryRefundDueOn(terminationReceivedOn: Temporal.PlainDate, withinDays = 14): Temporal.PlainDate {
  return terminationReceivedOn.add({ days: withinDays });
}

/** Days from the due date to the refund (or to `today` while none was made); 0 when on time. */
export function daysLateOf(dueOn: Temporal.PlainDate, paidOn: Temporal.PlainDate | null | undefined, today: Temporal.PlainDate | undefined): number {
  const on = paidOn ?? today;
  if (on === undefined) throw new RangeError('A late-refund surcharge needs paidOn or today');
  return Math.max(0, dueOn.until(on).days);
}

/**
 * FR C. consom. L241-4: a refund due under L216-7 and paid late is increased by 10 % up to 14
 * days late, 20 % up to 30 days, 50 % beyond, on all the sums due. `brackets`: a shop's own
 * schedule, applied where it gives more (never less than the law's).
 */
export function lateDeliveryRefundSurcharge(input: {
  dueOn: Temporal.PlainDate;
  paidOn?: Temporal.PlainDate | null;
  today?: Temporal.PlainDate;
  amountCents: number;
  brackets?: readonly SurchargeBracket[];
}): LateRefundSurcharge {
  assertCents(input.amountCents, 'The sums due');
  const d = daysLateOf(input.dueOn, input.paidOn, input.today);
  const bp = bestBracketBp(input.brackets ? [L241_4_BRACKETS, input.brackets] : [L241_4_BRACKETS], d);
  return {
    daysLate: d,
    rateLabel: bp === 0 ? 'none' : `${bp / 100}%`,
    surchargeCents: mulDivHalfUp(input.amountCents, BigInt(bp), 10_000n),
    capped: false,
  };
}
