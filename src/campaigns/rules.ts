/**
 * Group-purchase campaigns (SPEC C09; issue 12 §1, §5): pure rules. Which delivery promise an
 * order gets by the day it was submitted in the shop's zone (A-08: the submission instant
 * counts), whether a campaign is open, what a new campaign may say, next season's copy, the
 * cases a supplier order rounds up to, and which minimums a closing campaign missed.
 */
import { Temporal } from 'temporal-polyfill';
import type { PromiseJson } from '../db/schema-campaigns.ts';
import { localDate } from '../kernel/calendar.ts';
import { DomainError } from '../kernel/errors.ts';

export type { PromiseJson } from '../db/schema-campaigns.ts';

/** What the rules need of a campaign. */
export type CampaignFacts = { opensAt: Date; closesAt: Date; promises: readonly PromiseJson[] };

/** The promise covering orders submitted on `orderedOn` (YYYY-MM-DD, shop's zone); null when none does. */
export function promiseForDay(promises: readonly PromiseJson[], orderedOn: string): PromiseJson | null {
  return promises.find((p) => (p.orderedFrom === undefined || p.orderedFrom <= orderedOn) && (p.orderedUntil === undefined || orderedOn <= p.orderedUntil)) ?? null;
}

/**
 * The promise an order submitted at `orderedAt` gets: the one of its day in the shop's zone
 * (an order at 23:30 on 20 August in Brussels is an order of 20 August). Checkout shows it; the
 * order keeps `deliveryFrom` as `delivery.earliestOn` and `deliveryLatestOn` as its deadline; the
 * pickup slots offered must fall inside it (`slotInsidePromise`).
 */
export function promiseFor(campaign: Pick<CampaignFacts, 'promises'>, orderedAt: Temporal.Instant | Date, timeZone: string): PromiseJson | null {
  const instant = orderedAt instanceof Date ? Temporal.Instant.fromEpochMilliseconds(orderedAt.getTime()) : orderedAt;
  return promiseForDay(campaign.promises, localDate(instant, timeZone).toString());
}

/** Whether a slot's day (YYYY-MM-DD, shop's zone) keeps the promise: not before `deliveryFrom`, not after `deliveryLatestOn`. */
export function slotInsidePromise(promise: PromiseJson | null, slotDay: string): boolean {
  if (!promise) return true;
  return (promise.deliveryFrom === undefined || promise.deliveryFrom <= slotDay) && slotDay <= promise.deliveryLatestOn;
}

export type WindowState = 'upcoming' | 'open' | 'closed';

/** Open from `opensAt` (included) to `closesAt` (excluded). */
export function windowState(c: Pick<CampaignFacts, 'opensAt' | 'closesAt'>, now: Date): WindowState {
  if (now.getTime() < c.opensAt.getTime()) return 'upcoming';
  return now.getTime() < c.closesAt.getTime() ? 'open' : 'closed';
}

/** Two windows share an instant. */
export function windowsOverlap(a: Pick<CampaignFacts, 'opensAt' | 'closesAt'>, b: Pick<CampaignFacts, 'opensAt' | 'closesAt'>): boolean {
  return a.opensAt.getTime() < b.closesAt.getTime() && b.opensAt.getTime() < a.closesAt.getTime();
}

export type CampaignProductInput = { productId: string; cap?: number | undefined; minimumQuantity?: number | undefined };
export type CampaignInputFacts = { opensAt: Date; closesAt: Date; minimumQuantity?: number | undefined; products: readonly CampaignProductInput[]; promises: readonly PromiseJson[] };

const refused = (code: string, field: string, params: Record<string, string | number> = {}) => new DomainError(code, 'refused', params, field);

/**
 * What a campaign must say to be created (issue 12 "Bad input"), each refusal naming its field:
 * it closes after it opens; it has products, each once, with caps and minimums above zero and a
 * minimum no larger than the cap; its promises follow each other by order day without overlap,
 * only the first open at its start and only the last at its end, each delivering from a day no
 * later than its last day, and never promising a delivery before the orders it covers.
 */
export function checkCampaign(c: CampaignInputFacts): void {
  if (c.closesAt.getTime() <= c.opensAt.getTime()) throw refused('campaign_closes_before_opening', 'closesAt');
  if (c.minimumQuantity !== undefined && c.minimumQuantity < 1) throw refused('campaign_quantity_not_positive', 'minimumQuantity');
  if (c.products.length === 0) throw refused('campaign_without_products', 'products');
  const seen = new Set<string>();
  c.products.forEach((p, i) => {
    if (seen.has(p.productId)) throw refused('campaign_product_twice', `products.${i}.productId`);
    seen.add(p.productId);
    if (p.cap !== undefined && p.cap < 1) throw refused('campaign_quantity_not_positive', `products.${i}.cap`);
    if (p.minimumQuantity !== undefined && p.minimumQuantity < 1) throw refused('campaign_quantity_not_positive', `products.${i}.minimumQuantity`);
    if (p.cap !== undefined && p.minimumQuantity !== undefined && p.minimumQuantity > p.cap) throw refused('campaign_minimum_above_cap', `products.${i}.minimumQuantity`);
  });
  if (c.promises.length === 0) throw refused('campaign_without_promise', 'promises');
  c.promises.forEach((p, i) => {
    const at = (f: string) => `promises.${i}.${f}`;
    if (p.orderedFrom === undefined && i > 0) throw refused('campaign_promises_out_of_order', at('orderedFrom'));
    if (p.orderedUntil === undefined && i < c.promises.length - 1) throw refused('campaign_promises_out_of_order', at('orderedUntil'));
    if (p.orderedFrom !== undefined && p.orderedUntil !== undefined && p.orderedUntil < p.orderedFrom) throw refused('campaign_promises_out_of_order', at('orderedUntil'));
    const previous = c.promises[i - 1];
    if (previous?.orderedUntil !== undefined && p.orderedFrom !== undefined && p.orderedFrom <= previous.orderedUntil) throw refused('campaign_promises_out_of_order', at('orderedFrom'));
    if (p.deliveryFrom !== undefined && p.deliveryLatestOn < p.deliveryFrom) throw refused('campaign_promise_delivery_inverted', at('deliveryLatestOn'));
    if (p.orderedUntil !== undefined && p.deliveryLatestOn < p.orderedUntil) throw refused('campaign_promise_before_order', at('deliveryLatestOn'));
  });
}

/** One year on, at the same local time and day in the shop's zone (29 February becomes 28). */
export function nextSeasonInstant(at: Date, timeZone: string): Date {
  const zoned = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone).add({ years: 1 });
  return new Date(zoned.epochMilliseconds);
}

const nextSeasonDay = (day: string | undefined) => (day === undefined ? undefined : Temporal.PlainDate.from(day).add({ years: 1 }).toString());

/** A campaign's dates for next season: its window and every promise one year later. */
export function nextSeason(c: CampaignFacts, timeZone: string): CampaignFacts {
  return {
    opensAt: nextSeasonInstant(c.opensAt, timeZone),
    closesAt: nextSeasonInstant(c.closesAt, timeZone),
    promises: c.promises.map((p) => {
      const shifted: PromiseJson = { deliveryLatestOn: nextSeasonDay(p.deliveryLatestOn) ?? p.deliveryLatestOn };
      const from = nextSeasonDay(p.orderedFrom);
      const until = nextSeasonDay(p.orderedUntil);
      const delivery = nextSeasonDay(p.deliveryFrom);
      return { ...(from && { orderedFrom: from }), ...(until && { orderedUntil: until }), ...(delivery && { deliveryFrom: delivery }), ...shifted };
    }),
  };
}

/**
 * The campaign promises of a yearly profile campaign (001 CG §4: "commandes passées après le
 * 20 août … pas avant le 5 septembre … au plus tard le 20 septembre") for `year`: orders up to
 * `lateOrdersAfter` get `early`, later ones the profile's late promise.
 */
export function yearlyPromises(year: number, p: { lateOrdersAfter: string; lateOrdersNotBefore: string; lateOrdersLatestBy: string }, early: { deliveryFrom?: string; deliveryLatestOn: string }): PromiseJson[] {
  const day = (md: string) => `${year}-${md}`;
  const firstLate = Temporal.PlainDate.from(day(p.lateOrdersAfter)).add({ days: 1 }).toString();
  return [
    { orderedUntil: day(p.lateOrdersAfter), ...(early.deliveryFrom && { deliveryFrom: day(early.deliveryFrom) }), deliveryLatestOn: day(early.deliveryLatestOn) },
    { orderedFrom: firstLate, deliveryFrom: day(p.lateOrdersNotBefore), deliveryLatestOn: day(p.lateOrdersLatestBy) },
  ];
}

/** Whole cases to order for `quantity` units (rounded up); a product without a case size is ordered by the unit. */
export function casesFor(quantity: number, caseSize: number | null): { cases: number; units: number } {
  if (!caseSize || caseSize <= 1) return { cases: quantity, units: quantity };
  const cases = Math.ceil(quantity / caseSize);
  return { cases, units: cases * caseSize };
}

export type ProductTotal = { productId: string; quantity: number; minimumQuantity: number | null };

/**
 * At closing, the products whose orders are cancelled: each one below its own minimum; every one
 * when the campaign's own minimum (all its products together) is not reached.
 */
export function productsBelowMinimum(campaignMinimum: number | null, totals: readonly ProductTotal[]): { reached: boolean; products: string[] } {
  const total = totals.reduce((n, t) => n + t.quantity, 0);
  if (campaignMinimum !== null && total < campaignMinimum) return { reached: false, products: totals.map((t) => t.productId) };
  const below = totals.filter((t) => t.minimumQuantity !== null && t.quantity < t.minimumQuantity).map((t) => t.productId);
  return { reached: below.length === 0, products: below };
}

/** RFC 4180 CSV: fields with a separator, a quote or a line break are quoted, quotes doubled; CRLF line ends. */
export function csv(rows: readonly (readonly (string | number)[])[]): string {
  const field = (v: string | number) => {
    const s = String(v);
    return /[",;\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
