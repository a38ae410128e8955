/**
 * Legal warranties after a sale to a consumer, as pure rules (SPEC C14; LEGAL §A4).
 *
 * FR (contracts from 1 Jan 2022, Ordonnance 2021-1247): conformity for 2 years from delivery
 * (L217-3); defects appearing within 24 months (new goods) or 12 months (second-hand, including
 * refurbished) are presumed to have existed at delivery (L217-7). BE (contracts from 1 June 2022,
 * law of 20 March 2022, old Civil Code 1649bis ff.): 2 years, presumption 2 years; for
 * second-hand goods the parties may agree a shorter guarantee, never below 1 year [R].
 * Hidden defects (C. civ. 1641, 1648): 2 years from discovery, within the 20-year long-stop (2232).
 */
import { Temporal } from 'temporal-polyfill';
import { periodEnd, type Jurisdiction } from '../kernel/calendar.ts';

export type GoodsCondition = 'new' | 'second_hand' | 'refurbished';
export type WarrantyCountry = 'FR' | 'BE';

/** The reform dates: older contracts keep the old presumptions (FR 6 months second-hand; BE 6 months). */
const FR_REFORM = Temporal.PlainDate.from('2022-01-01');
const BE_REFORM = Temporal.PlainDate.from('2022-06-01');

export type ConformityInput = {
  country: WarrantyCountry;
  deliveredOn: Temporal.PlainDate;
  condition: GoodsCondition;
  /** Defaults to the delivery day; decides which regime applies. */
  concludedOn?: Temporal.PlainDate;
  /** BE second-hand goods: a shorter guarantee agreed in the contract (12–24 months) [R]. */
  agreedSecondHandMonths?: number;
  /** Given, an end on a Saturday, Sunday or holiday runs to the next working day (Reg. 1182/71). */
  jurisdictions?: readonly Jurisdiction[];
};

export type ConformityWarranty = {
  /** Last day to invoke the legal conformity warranty. */
  endsOn: Temporal.PlainDate;
  /** Last day on which a defect that appears is presumed to have existed at delivery. */
  presumptionEndsOn: Temporal.PlainDate;
  months: number;
  presumptionMonths: number;
};

function presumptionMonths(input: ConformityInput, months: number): number {
  const concluded = input.concludedOn ?? input.deliveredOn;
  const used = input.condition !== 'new';
  if (input.country === 'FR') {
    if (Temporal.PlainDate.compare(concluded, FR_REFORM) < 0) return used ? 6 : 24;
    return used ? 12 : 24;
  }
  if (Temporal.PlainDate.compare(concluded, BE_REFORM) < 0) return 6;
  return Math.min(24, months);
}

function guaranteeMonths(input: ConformityInput): number {
  if (input.country === 'BE' && input.condition !== 'new' && input.agreedSecondHandMonths !== undefined) {
    const m = input.agreedSecondHandMonths;
    if (!Number.isSafeInteger(m) || m < 12 || m > 24) {
      throw new RangeError(`A second-hand guarantee must be 12 to 24 months, got ${m}`);
    }
    return m;
  }
  return 24;
}

/** Same day n months later (a missing day becomes the month's last), then the working-day rule. */
function monthsAfter(date: Temporal.PlainDate, months: number, js?: readonly Jurisdiction[]): Temporal.PlainDate {
  const end = date.add({ months }, { overflow: 'constrain' });
  if (js === undefined || js.length === 0) return end;
  return periodEnd(end, { days: 0, unit: 'calendar', extendToWorkingDay: true }, js);
}

/** The conformity warranty of one delivered line; the clock starts at its delivery, not at the order. */
export function conformityWarranty(input: ConformityInput): ConformityWarranty {
  const months = guaranteeMonths(input);
  const presumption = presumptionMonths(input, months);
  return {
    endsOn: monthsAfter(input.deliveredOn, months, input.jurisdictions),
    presumptionEndsOn: input.deliveredOn.add({ months: presumption }, { overflow: 'constrain' }),
    months,
    presumptionMonths: presumption,
  };
}

/**
 * Hidden defects (C. civ. 1648): the action must be brought within 2 years of discovery, and
 * within 20 years of the sale (2232 long-stop, LEGAL §A4).
 */
export function hiddenDefectClaimEndsOn(input: {
  discoveredOn: Temporal.PlainDate;
  soldOn: Temporal.PlainDate;
}): Temporal.PlainDate {
  const twoYears = input.discoveredOn.add({ years: 2 }, { overflow: 'constrain' });
  const longStop = input.soldOn.add({ years: 20 }, { overflow: 'constrain' });
  return Temporal.PlainDate.compare(twoYears, longStop) <= 0 ? twoYears : longStop;
}

/**
 * A price reduction given as a percentage of the claimed lines' price (C. consom. L217-14,
 * "proportionnelle à la différence entre la valeur du bien délivré et la valeur de ce bien en
 * l'absence du défaut"): `percentBp` in basis points (3000 = 30 %), rounded half up to the cent
 * in integers (123.45 € × 30 % = 37.035 → 37.04 €).
 */
export function priceReductionCents(baseCents: number, percentBp: number): number {
  if (!Number.isSafeInteger(baseCents) || baseCents < 0) throw new RangeError(`Not an amount in cents: ${baseCents}`);
  if (!Number.isSafeInteger(percentBp) || percentBp <= 0 || percentBp > 10_000) throw new RangeError(`A reduction is 0.01 % to 100 %: ${percentBp} bp`);
  return Math.floor((baseCents * percentBp + 5000) / 10_000);
}

/**
 * The most a warranty refund or price reduction may pay back: what is left of the claimed lines
 * (their price less earlier credit notes on them), and never more than the order kept of what was
 * paid less what was already refunded (issue 10 §4: nothing is paid back twice, nor more than was paid).
 */
export function warrantyRefundCap(input: { linesLeftCents: number; refundableCents: number }): number {
  return Math.max(0, Math.min(input.linesLeftCents, input.refundableCents));
}

/**
 * The day a warranty refund or price reduction decided on `decidedOn` is due: the profile's window
 * from the finding (004 art.8: 7 days after the defect is found), else, in France, 14 days
 * (L217-17: the seller refunds within 14 days); Belgian law sets no day (null).
 */
export function warrantyRefundDueOn(decidedOn: Temporal.PlainDate, profileWindow: string | null | undefined, country: WarrantyCountry): Temporal.PlainDate | null {
  if (profileWindow) return decidedOn.add(Temporal.Duration.from(profileWindow));
  return country === 'FR' ? decidedOn.add({ days: 14 }) : null;
}

export { guaranteeInformationBox, type GuaranteeBox } from './guarantee-box.ts';
