/**
 * What an order allows its consumer to withdraw, today: the period (withdrawal-rules.ts) from the
 * order's facts, and each line with what is left to withdraw. Pure: facts and dates in, a
 * decision out; the service reads the facts and the clock.
 */
import { Temporal } from 'temporal-polyfill';
import { localDate } from '../kernel/calendar.ts';
import type { Jurisdiction } from '../kernel/holidays.ts';
import type { WithdrawalStatementJson } from '../db/schema.ts';
import { fullyPerformed, periodKind } from './service-rules.ts';
import { isOnTime, lineWithdrawable, type WithdrawalPeriod, withdrawalPeriod } from './withdrawal-rules.ts';

export type LineOption = {
  lineNo: number;
  productId: string;
  sku: string;
  name: string;
  ordered: number;
  unitPriceCents: number;
  /** Units already withdrawn by an earlier withdrawal of this order. */
  withdrawn: number;
  /** Units still withdrawable (0 for an excluded line). */
  remaining: number;
  /** The legal exception excluding the line (L221-28, VI.53), shown as such. */
  exception: string | null;
  /** A service's coverage in days as sold (issue 10 §2); null for goods. */
  serviceDays: number | null;
};

export type Eligibility = {
  /** A consumer's distance contract with a shop whose terms give the right, still alive. */
  applies: boolean;
  period: WithdrawalPeriod;
  lines: LineOption[];
  /** Some unit of some line can still be withdrawn (applies, whatever the date). */
  anyWithdrawable: boolean;
};

export type OrderForEligibility = {
  customerKind: string;
  status: string;
  placedAt: Date;
  lines: readonly { line_no: number; product_id: string; sku: string; name: string; quantity: number; unit_price_cents: number; withdrawable: boolean; withdrawal_exception: string | null; service_days?: number | null }[];
  /** When the goods were handed over (each lot). */
  possessions: readonly Date[];
  /** Lines of the order's earlier withdrawals. */
  earlier: readonly Pick<WithdrawalStatementJson, 'lines'>[];
  /** A service's express request to start during the period, and the day staff recorded it started (issue 10 §2). */
  serviceStartRequested?: boolean;
  serviceStartedOn?: string | null;
};

export type ShopForEligibility = { timeZone: string; jurisdictions: readonly Jurisdiction[]; hasWithdrawalTerms: boolean };

const day = (d: Date, timeZone: string) => localDate(Temporal.Instant.fromEpochMilliseconds(d.getTime()), timeZone);

/**
 * `asOf`: the day the withdrawal is (or would be) sent. A service started at the consumer's
 * request and fully performed by then is excluded (L221-28 1°; the checkout's box said so).
 */
export function eligibility(order: OrderForEligibility, shop: ShopForEligibility, asOf?: Temporal.PlainDate): Eligibility {
  const concludedOn = day(order.placedAt, shop.timeZone);
  // The platform gives the withdrawal information with the terms accepted at checkout and in
  // the confirmation (L221-5 7°): given on the day the contract was concluded.
  // Services: from the day after conclusion, unless goods come with them (service-rules.ts).
  const kind = periodKind(order.lines.map((l) => ({ serviceDays: l.service_days ?? null })));
  const period = withdrawalPeriod({ kind, possessionDates: order.possessions.map((p) => day(p, shop.timeZone)), concludedOn, informationGivenOn: concludedOn, jurisdictions: shop.jurisdictions });
  const applies = order.customerKind === 'consumer' && shop.hasWithdrawalTerms && !['cancelled', 'refused'].includes(order.status);
  const withdrawnOf = (lineNo: number) => order.earlier.flatMap((w) => w.lines).filter((l) => l.lineNo === lineNo).reduce((s, l) => s + l.quantity, 0);
  const serviceStart = { requested: order.serviceStartRequested === true, startedOn: order.serviceStartedOn ? Temporal.PlainDate.from(order.serviceStartedOn) : concludedOn };
  const performed = (serviceDays: number | null | undefined) => asOf !== undefined && serviceDays != null && fullyPerformed({ serviceDays, ...serviceStart }, asOf);
  const lines = order.lines.map((l): LineOption => {
    const verdict = performed(l.service_days) ? { withdrawable: false, reason: 'service_fully_performed' } : lineWithdrawable({ withdrawable: l.withdrawable, withdrawalException: l.withdrawal_exception });
    const withdrawn = withdrawnOf(l.line_no);
    return {
      lineNo: l.line_no, productId: l.product_id, sku: l.sku, name: l.name, ordered: l.quantity, unitPriceCents: l.unit_price_cents, withdrawn,
      remaining: applies && verdict.withdrawable ? Math.max(0, l.quantity - withdrawn) : 0,
      exception: verdict.withdrawable ? null : (verdict.reason ?? 'legal_list'),
      serviceDays: l.service_days ?? null,
    };
  });
  return { applies, period, lines, anyWithdrawable: lines.some((l) => l.remaining > 0) };
}

/** Whether the withdrawal function is offered on `today`: something to withdraw, and the period not over. */
export function offeredOn(e: Eligibility, today: Temporal.PlainDate): boolean {
  return e.anyWithdrawable && isOnTime(today, e.period);
}
