/**
 * Windows of complaints, reserves and goodwill returns (issue 10 §5–§6; SPEC C10, C15, C23).
 * Pure: every date is a local calendar date of the shop, every instant is passed in; the shop
 * profile's periods reach this file already parsed (`Term`), so it imports the kernel only.
 *
 * - Transport reserves. 003 art.8.1: "par lettre recommandée … dans les trois (3) jours suivant
 *   sa réception" (C. com. L133-3: public holidays skipped, Saturdays and Sundays count) and
 *   art.7.2: "dans les 72 heures suivant la réception (hors jours fériés)". A-35: both are shown,
 *   the earlier as the contractual limit, the later as the legal one (the one that bars the claim);
 *   professionals only — a consumer is not a party to the transport contract. 001 online §3.3:
 *   damage "signalée au moment de la livraison"; for a consumer a later report is not barred but
 *   goes to the conformity guarantee.
 * - Non-consumer conformity. 001 CG §5.3: "par écrit … dans les 7 jours ouvrables suivants la
 *   réception du Produit ou de la découverte du vice" — Monday to Saturday, Belgian holidays skipped.
 * - Invoice disputes. 003 art.6.1: "dans les 10 jours calendaires suivant la réception de la
 *   facture" — no extension; barred for professionals only, recorded for consumers.
 * - Consumer mediation. C. consom. L612-2 3°: a mediation is refused when brought more than one
 *   year after the written complaint to the professional (003 art.20.4: twelve months).
 * - Goodwill returns. 003 art.11: prior written approval, "livré depuis moins de quinze (15) jours
 *   calendaires" (≤ 14 days elapsed at the request, A-46/A-74), a compensating order of an equal
 *   amount, a credit note of the price less an abatement "au moins égal à 30 %". Distance consumers
 *   use the withdrawal right instead.
 */
import { Temporal } from 'temporal-polyfill';
import { addMonths, isPublicHoliday, type Jurisdiction, localDate, periodEnd } from '../kernel/calendar.ts';

export const COMPLAINT_KINDS = ['transport_reserve', 'non_consumer_conformity', 'invoice_dispute', 'goodwill_return_request'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];
export type CustomerKind = 'consumer' | 'professional' | 'non_professional';

/** How the days of a term count (the profile's `counting`, SPEC §0.2). */
export type Counting = 'calendar_days' | 'calendar_days_extended' | 'working_days' | 'business_days' | 'hours_excl_holidays' | 'days_excl_holidays';
/** A period of the terms, already parsed from its ISO duration. */
export type Term = { days: number; months: number; hours: number; counting: Counting };

/** Why a complaint of this kind is not open to this customer at all. */
export type NotOpen = 'not_in_terms' | 'not_for_consumers' | 'not_for_this_customer';

export type ComplaintWindow = {
  /** The day the window runs from (delivery, invoice, discovery). */
  startsOn: Temporal.PlainDate;
  /** The last day a complaint counts (ends 23:59:59 local); null when the terms set none. */
  endsOn: Temporal.PlainDate | null;
  /** A shorter contractual limit shown beside it (003 art.7.2: 72 h excluding holidays). */
  contractualEndsAt: Temporal.ZonedDateTime | null;
  /** False when a late complaint is still not barred (consumers: ). */
  binding: boolean;
  /** How the days were counted, for the page that shows the window. */
  counting: Counting;
};

export type Opening = { open: true; window: ComplaintWindow } | { open: false; reason: NotOpen };

const DAYS_EXCL_HOLIDAYS_LIMIT = 366;

/** Days after `start`, public holidays skipped, Saturdays and Sundays counted (C. com. L133-3). */
export function addDaysExclHolidays(start: Temporal.PlainDate, n: number, js: readonly Jurisdiction[]): Temporal.PlainDate {
  if (!Number.isSafeInteger(n) || n < 0 || n > DAYS_EXCL_HOLIDAYS_LIMIT) throw new RangeError(`Days must be 0…${DAYS_EXCL_HOLIDAYS_LIMIT}, got ${n}`);
  let date = start;
  for (let counted = 0; counted < n; ) {
    date = date.add({ days: 1 });
    if (!js.some((j) => isPublicHoliday(date, j))) counted += 1;
  }
  return date;
}

/**
 * Clock hours after `from`, skipping every hour that falls on a public holiday (003 art.7.2).
 * AS-33: Tue 2026-04-28 10:00 + 72 h, Fri 05-01 skipped whole → Sat 2026-05-02 10:00.
 */
export function addHoursExclHolidays(from: Temporal.ZonedDateTime, hours: number, js: readonly Jurisdiction[]): Temporal.ZonedDateTime {
  if (!Number.isSafeInteger(hours) || hours < 0 || hours > 24 * DAYS_EXCL_HOLIDAYS_LIMIT) throw new RangeError(`Hours must be 0…${24 * DAYS_EXCL_HOLIDAYS_LIMIT}, got ${hours}`);
  let at = from;
  for (let counted = 0; counted < hours; ) {
    if (!js.some((j) => isPublicHoliday(at.toPlainDate(), j))) counted += 1;
    at = at.add({ hours: 1 });
  }
  return at;
}

/** The last day of a day- or month-based term counted from `start` (the start day not counted). */
export function termEnd(start: Temporal.PlainDate, term: Term, js: readonly Jurisdiction[]): Temporal.PlainDate {
  if (term.hours > 0) throw new RangeError('An hour-based term needs an instant: use addHoursExclHolidays');
  const base = term.months > 0 ? addMonths(start, term.months) : start;
  switch (term.counting) {
    case 'calendar_days':
      return base.add({ days: term.days });
    case 'calendar_days_extended':
      return periodEnd(base, { days: term.days, unit: 'calendar', extendToWorkingDay: true }, js);
    case 'working_days':
      return periodEnd(base, { days: term.days, unit: 'jours_ouvrables', extendToWorkingDay: false }, js);
    case 'business_days':
      return periodEnd(base, { days: term.days, unit: 'jours_ouvres', extendToWorkingDay: false }, js);
    case 'days_excl_holidays':
      return addDaysExclHolidays(base, term.days, js);
    case 'hours_excl_holidays':
      throw new RangeError('An hour-based term needs an instant: use addHoursExclHolidays');
  }
}

const isConsumer = (kind: CustomerKind) => kind === 'consumer';

export type ReservesTerms =
  | { kind: 'registered_letter'; customerKinds: readonly CustomerKind[]; confirmWithin: readonly Term[] }
  | { kind: 'at_delivery' }
  | { kind: 'none' };

/** The window of a transport-damage reserve, from the instant the goods were handed over. */
export function reserveWindow(terms: ReservesTerms, customer: CustomerKind, deliveredAt: Temporal.Instant, timeZone: string, js: readonly Jurisdiction[]): Opening {
  const startsOn = localDate(deliveredAt, timeZone);
  if (terms.kind === 'none') return { open: false, reason: 'not_in_terms' };
  if (terms.kind === 'at_delivery') {
    // A consumer's late report is not barred: it becomes a conformity claim.
    return { open: true, window: { startsOn, endsOn: startsOn, contractualEndsAt: null, binding: !isConsumer(customer), counting: 'calendar_days' } };
  }
  if (!terms.customerKinds.includes(customer)) return { open: false, reason: isConsumer(customer) ? 'not_for_consumers' : 'not_for_this_customer' };
  const zoned = deliveredAt.toZonedDateTimeISO(timeZone);
  const hourly = terms.confirmWithin.filter((t) => t.counting === 'hours_excl_holidays').map((t) => addHoursExclHolidays(zoned, t.hours + 24 * t.days, js));
  const daily = terms.confirmWithin.filter((t) => t.counting !== 'hours_excl_holidays').map((t) => termEnd(startsOn, t, js));
  const hourlyDays = hourly.map((z) => z.toPlainDate());
  const latest = [...daily, ...hourlyDays].reduce((a, b) => (Temporal.PlainDate.compare(a, b) >= 0 ? a : b));
  const earliestHourly = hourly.length ? hourly.reduce((a, b) => (Temporal.ZonedDateTime.compare(a, b) <= 0 ? a : b)) : null;
  const counting = daily.length ? (terms.confirmWithin.find((t) => t.counting !== 'hours_excl_holidays')?.counting ?? 'calendar_days') : 'hours_excl_holidays';
  return { open: true, window: { startsOn, endsOn: latest, contractualEndsAt: earliestHourly, binding: true, counting } };
}

/** A conformity complaint from a professional or non-professional (001 CG §5.3). */
export function nonConsumerConformityWindow(terms: { customerKinds: readonly CustomerKind[]; notifyWithin: Term | null } | null, customer: CustomerKind, receivedOrDiscoveredOn: Temporal.PlainDate, js: readonly Jurisdiction[]): Opening {
  if (!terms) return { open: false, reason: 'not_in_terms' };
  // Consumers have the legal guarantee (claims), never a shorter contractual window.
  if (!terms.customerKinds.includes(customer)) return { open: false, reason: isConsumer(customer) ? 'not_for_consumers' : 'not_for_this_customer' };
  const endsOn = terms.notifyWithin ? termEnd(receivedOrDiscoveredOn, terms.notifyWithin, js) : null;
  return { open: true, window: { startsOn: receivedOrDiscoveredOn, endsOn, contractualEndsAt: null, binding: true, counting: terms.notifyWithin?.counting ?? 'calendar_days' } };
}

/** A written dispute of an invoice (003 art.6.1), binding on professionals only. */
export function invoiceDisputeWindow(terms: { customerKinds: readonly CustomerKind[]; within: Term } | null, customer: CustomerKind, invoiceOn: Temporal.PlainDate, js: readonly Jurisdiction[]): Opening {
  if (!terms) return { open: false, reason: 'not_in_terms' };
  if (!terms.customerKinds.includes(customer)) return { open: false, reason: 'not_for_this_customer' };
  const endsOn = termEnd(invoiceOn, terms.within, js);
  return { open: true, window: { startsOn: invoiceOn, endsOn, contractualEndsAt: null, binding: !isConsumer(customer), counting: terms.within.counting } };
}

/** A complaint made on `madeOn` is on time when made by the window's last day (or no end is set). */
export function isOnTime(window: ComplaintWindow, madeOn: Temporal.PlainDate): boolean {
  return window.endsOn === null || Temporal.PlainDate.compare(madeOn, window.endsOn) <= 0;
}

/** Whether a late complaint is refused (binding window) or recorded late but still handled. */
export function isBarred(window: ComplaintWindow, madeOn: Temporal.PlainDate): boolean {
  return window.binding && !isOnTime(window, madeOn);
}

/**
 * The last day a consumer may bring the dispute to the mediator: one year after the written
 * complaint to the shop (L612-2 3°), or the months the terms state (003: twelve).
 */
export function mediationEndsOn(writtenComplaintOn: Temporal.PlainDate, months = 12): Temporal.PlainDate {
  return addMonths(writtenComplaintOn, months);
}

export type GoodwillTerms = { customerKinds: readonly CustomerKind[]; requestWithinDays: number; minAbatementBp: number };
export type GoodwillRefusal = 'not_in_terms' | 'not_for_consumers' | 'not_for_this_customer' | 'not_delivered' | 'goodwill_period_over' | 'compensating_order_required';
export type GoodwillDecision = { allowed: true; lastRequestOn: Temporal.PlainDate } | { allowed: false; reason: GoodwillRefusal; lastRequestOn: Temporal.PlainDate | null };

/**
 * Whether a goodwill return may be requested (003 art.11). Written approval is the shop's decision
 * afterwards; this only says whether the request can be entertained at all.
 */
export function goodwillReturn(terms: GoodwillTerms | null, r: { customer: CustomerKind; distanceSale: boolean; deliveredOn: Temporal.PlainDate | null; requestOn: Temporal.PlainDate; compensatingOrderCents: number; returnedCents: number }): GoodwillDecision {
  if (!terms) return { allowed: false, reason: 'not_in_terms', lastRequestOn: null };
  // A distance consumer has the withdrawal right (C13), never this weaker return.
  if (isConsumer(r.customer) && r.distanceSale) return { allowed: false, reason: 'not_for_consumers', lastRequestOn: null };
  if (!terms.customerKinds.includes(r.customer)) return { allowed: false, reason: 'not_for_this_customer', lastRequestOn: null };
  if (!r.deliveredOn) return { allowed: false, reason: 'not_delivered', lastRequestOn: null };
  const lastRequestOn = r.deliveredOn.add({ days: terms.requestWithinDays });
  if (Temporal.PlainDate.compare(r.requestOn, lastRequestOn) > 0) return { allowed: false, reason: 'goodwill_period_over', lastRequestOn };
  if (r.compensatingOrderCents < r.returnedCents) return { allowed: false, reason: 'compensating_order_required', lastRequestOn };
  return { allowed: true, lastRequestOn };
}

/**
 * The credit note of an accepted goodwill return: the price less max(actual costs, minimum share).
 * The minimum abatement is rounded UP to the cent: "au moins égal à 30 %" must hold after rounding
 * (30 % of 1 234.57 is 370.371 → 370.38, so the credit is 864.19, never more than 70 %).
 */
export function goodwillCredit(priceCents: number, minAbatementBp: number, actualCostsCents = 0): { abatementCents: number; creditCents: number } {
  for (const [name, v] of [['price', priceCents], ['costs', actualCostsCents]] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} must be whole cents ≥ 0, got ${v}`);
  }
  if (!Number.isSafeInteger(minAbatementBp) || minAbatementBp < 0 || minAbatementBp > 10_000) throw new RangeError(`abatement must be 0…10000 bp, got ${minAbatementBp}`);
  const minimum = Math.ceil((priceCents * minAbatementBp) / 10_000);
  const abatementCents = Math.min(priceCents, Math.max(minimum, actualCostsCents));
  return { abatementCents, creditCents: priceCents - abatementCents };
}
