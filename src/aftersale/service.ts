/**
 * The consumer's withdrawal (C13, issue 10; API.md `POST /shops/{shop}/orders/{id}/withdrawal`):
 * by the order's customer through the online function, now, or recorded by staff from a letter or
 * an e-mail with the day it was SENT (Annex R221-3). One transaction locks the order, judges the
 * statement against the period (withdrawal-rules.ts), keeps it, appends it to the order's evidence
 * and queues the acknowledgement on a durable medium (L221-21; Directive 2011/83 art. 11a): an
 * e-mail with the content, date and time and the statement as PDF, rendered at send time.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB, WithdrawalStatementJson, WithdrawnServiceJson } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import type { Clock } from '../kernel/clock.ts';
import { notFound } from '../kernel/errors.ts';
import type { Lang } from '../kernel/i18n/index.ts';
import { isUuid } from '../kernel/ids.ts';
import { appendEvent } from '../legal/evidence/service.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import { jurisdictionOf, type Shop } from '../shops/service.ts';
import { eligibility, type Eligibility, type LineOption } from './eligibility.ts';
import { WITHDRAWAL_ACK_TEMPLATE } from './emails.ts';
import { WithdrawalRefused } from './errors.ts';
import * as q from './queries.ts';
import { refundableCents } from './refund-rules.ts';
import type { CustomerWithdrawalInput, StaffWithdrawalInput, WithdrawnLines } from './schema.ts';
import { withdrawalJson, type WithdrawalJson } from './withdrawal-json.ts';
import { serviceOwed } from './service-rules.ts';
import { isOnTime } from './withdrawal-rules.ts';

export type AftersaleDeps = { db: Kysely<DB>; clock: Clock };
type Db = Kysely<DB> | Transaction<DB>;

export const todayIn = (clock: Clock, shop: Shop) => localDate(clock.now(), shop.timeZone);
const dayOf = (d: Date, shop: Shop) => localDate(Temporal.Instant.fromEpochMilliseconds(d.getTime()), shop.timeZone);

/** The order as the withdrawal function sees it: what can be withdrawn, and by whom. */
/** `asOf`: the day the withdrawal is sent (a service fully performed by then is excluded); none is judged so without it. */
export async function orderEligibility(db: Db, shop: Shop, order: q.OrderFacts, asOf?: Temporal.PlainDate): Promise<Eligibility> {
  const [lines, possessions, earlier] = await Promise.all([q.orderLines(db, shop.slug, order.id), q.possessionInstants(db, shop.slug, order.id), q.withdrawalsOfOrder(db, shop.slug, order.id)]);
  return eligibility(
    {
      customerKind: order.customer_kind, status: order.status, placedAt: order.placed_at, lines, possessions, earlier: earlier.map((w) => w.statement as unknown as WithdrawalStatementJson),
      serviceStartRequested: order.service_start_requested_at !== null, serviceStartedOn: order.service_started_on,
    },
    { timeZone: shop.timeZone, jurisdictions: [jurisdictionOf(shop)], hasWithdrawalTerms: shop.profile.withdrawal !== undefined },
    asOf,
  );
}

/** The customer's own order and what it allows (another's order is "not found"). */
export async function customerOrderEligibility(db: Kysely<DB>, shop: Shop, customerId: string, orderId: string, today?: Temporal.PlainDate) {
  const order = isUuid(orderId) ? await q.findOrder(db, shop.slug, orderId) : undefined;
  if (!order || order.customer_id !== customerId) throw notFound('order');
  const [options, customer] = await Promise.all([orderEligibility(db, shop, order, today), q.customerOf(db, shop.slug, order.customer_id)]);
  return { order, options, customer };
}

/** The chosen lines, checked against what is left; none chosen = everything left. */
export function chooseLines(options: Eligibility, chosen: WithdrawnLines | undefined): { line: LineOption; quantity: number }[] {
  const picked = chosen
    ? chosen.map((c, i) => {
        const line = options.lines.find((l) => l.productId === c.productId);
        if (!line) throw new WithdrawalRefused('not_withdrawable', {}, `lines.${i}.productId`);
        if (c.quantity > 0 && line.remaining === 0) throw new WithdrawalRefused('not_withdrawable', {}, `lines.${i}.productId`);
        if (c.quantity > line.remaining) throw new WithdrawalRefused('withdrawal_quantity_too_high', { max: line.remaining }, `lines.${i}.quantity`);
        return { line, quantity: c.quantity };
      })
    : options.lines.map((line) => ({ line, quantity: line.remaining }));
  const kept = picked.filter((p) => p.quantity > 0);
  if (kept.length === 0) throw new WithdrawalRefused('not_withdrawable');
  return kept;
}

type Request =
  | { by: 'customer'; customerId: string; input: CustomerWithdrawalInput; lang: Lang }
  | { by: 'staff'; input: StaffWithdrawalInput; lang: Lang };

/** When the statement was sent and received, checked against today and the order's date. */
function datesOf(request: Request, now: Temporal.Instant, today: Temporal.PlainDate, concludedOn: Temporal.PlainDate) {
  if (request.by === 'customer') return { notifiedOn: today, receivedOn: today, notifiedAt: new Date(now.epochMilliseconds), channel: 'online_form' as const };
  const notifiedOn = Temporal.PlainDate.from(request.input.notifiedOn);
  const receivedOn = request.input.receivedOn ? Temporal.PlainDate.from(request.input.receivedOn) : today;
  if (Temporal.PlainDate.compare(notifiedOn, today) > 0) throw new WithdrawalRefused('event_in_future', {}, 'notifiedOn');
  if (Temporal.PlainDate.compare(receivedOn, today) > 0) throw new WithdrawalRefused('event_in_future', {}, 'receivedOn');
  if (Temporal.PlainDate.compare(notifiedOn, concludedOn) < 0) throw new WithdrawalRefused('event_before_order', {}, 'notifiedOn');
  if (Temporal.PlainDate.compare(receivedOn, notifiedOn) < 0) throw new WithdrawalRefused('withdrawal_received_before_sent', {}, 'receivedOn');
  return { notifiedOn, receivedOn, notifiedAt: null, channel: request.input.channel };
}

export async function withdraw(deps: AftersaleDeps, shop: Shop, orderId: string, request: Request, actor: string): Promise<WithdrawalJson> {
  if (!isUuid(orderId)) throw notFound('order');
  const now = deps.clock.now();
  const today = localDate(now, shop.timeZone);
  return deps.db.transaction().execute(async (trx) => {
    const order = await q.lockOrder(trx, shop.slug, orderId);
    if (!order || (request.by === 'customer' && order.customer_id !== request.customerId)) throw notFound('order');
    // The same confirmation form sent twice: the first withdrawal is the answer.
    const token = request.by === 'customer' ? request.input.token : undefined;
    const again = token ? await q.findWithdrawal(trx, shop.slug, token) : undefined;
    if (again) {
      if (again.order_id !== order.id) throw notFound('order');
      return withdrawalJson(again, shop, today);
    }
    // A service fully performed is judged on the day the withdrawal was sent (a letter's day, else today).
    const sentOn = request.by === 'staff' && /^\d{4}-\d{2}-\d{2}$/.test(request.input.notifiedOn) ? Temporal.PlainDate.from(request.input.notifiedOn) : today;
    const options = await orderEligibility(trx, shop, order, sentOn);
    if (!options.applies || !options.anyWithdrawable) throw new WithdrawalRefused('not_withdrawable');
    const dates = datesOf(request, now, today, dayOf(order.placed_at, shop));
    // What counts is the day the consumer SENT it (Annex R221-3), never the day it arrived.
    if (!isOnTime(dates.notifiedOn, options.period)) throw new WithdrawalRefused('withdrawal_period_over', { endsOn: options.period.endsOn?.toString() ?? '' }, request.by === 'staff' ? 'notifiedOn' : undefined);
    const chosen = chooseLines(options, request.input.lines);
    const customer = await q.customerOf(trx, shop.slug, order.customer_id);
    const [earlier, paid] = await Promise.all([q.withdrawalsOfOrder(trx, shop.slug, order.id), q.paidCents(trx, shop.slug, order.id)]);
    const row = await insert(trx, shop, order, { options, chosen, customer, earlier, paid, dates, id: token ?? randomUUID(), actor, now });
    await record(trx, shop, order, row, customer?.email ?? null, request.lang, now);
    return withdrawalJson(row, shop, today);
  });
}

type Insert = {
  options: Eligibility;
  chosen: { line: LineOption; quantity: number }[];
  customer: Awaited<ReturnType<typeof q.customerOf>>;
  earlier: q.WithdrawalRow[];
  /** What was paid: an order withdrawn before it was paid owes nothing back. */
  paid: number;
  dates: ReturnType<typeof datesOf>;
  id: string;
  actor: string;
  now: Temporal.Instant;
};

async function insert(trx: Transaction<DB>, shop: Shop, order: q.OrderFacts, f: Insert): Promise<q.WithdrawalRow> {
  const lines = f.chosen.map(({ line, quantity }) => ({
    lineNo: line.lineNo, sku: line.sku, name: line.name, quantity, unitPriceCents: line.unitPriceCents,
    ...(line.serviceDays !== null && { service: withdrawnService(shop, order, line.serviceDays, quantity * line.unitPriceCents, f.dates.notifiedOn) }),
  }));
  const earlierLines = f.earlier.flatMap((w) => (w.statement as unknown as WithdrawalStatementJson).lines);
  // What the consumer owes for services they asked to start (L221-25), over every withdrawal so far.
  const serviceOwedCents = [...earlierLines, ...lines].reduce((s, l) => s + (l.service?.owedCents ?? 0), 0);
  const withdrawnTotal = [...earlierLines, ...lines].map((l) => ({ totalCents: l.quantity * l.unitPriceCents }));
  // The refund of all withdrawals so far, less what earlier ones already owe: the standard
  // delivery comes back with the withdrawal that completes the order (LEGAL §A1.7, A-75).
  const all = refundableCents({
    paidLines: f.options.lines.map((l) => ({ totalCents: l.ordered * l.unitPriceCents })),
    withdrawnLines: withdrawnTotal,
    deliveryPaidCents: order.shipping_cents,
    cheapestStandardDeliveryCents: order.shipping_cents,
    depreciationCents: 0,
  });
  // Gross of any depreciation: what an earlier withdrawal withheld for damage is not owed on this one.
  const owedBefore = f.earlier.reduce((s, w) => s + w.due_cents + w.depreciation_cents, 0);
  const c = f.customer;
  const statement: WithdrawalStatementJson = {
    customer: { name: c ? [c.first_name, c.last_name].join(' ') : '', email: c?.email ?? '', address: c?.address ?? null },
    order: { number: order.number, placedAt: order.placed_at.toISOString() },
    lines,
  };
  return q.insertWithdrawal(trx, {
    shop_id: shop.slug, id: f.id, order_id: order.id, channel: f.dates.channel, notified_on: f.dates.notifiedOn.toString(), notified_at: f.dates.notifiedAt, received_on: f.dates.receivedOn.toString(),
    period_starts_on: f.options.period.startsOn?.toString() ?? null, period_ends_on: f.options.period.endsOn?.toString() ?? null, on_time: true, statement: JSON.stringify(statement),
    whole_order: f.options.lines.every((l) => l.exception === null && l.withdrawn + (f.chosen.find((x) => x.line.lineNo === l.lineNo)?.quantity ?? 0) === l.ordered),
    due_cents: Math.max(0, Math.min(all.totalCents - serviceOwedCents, f.paid) - owedBefore), recorded_by: f.actor, recorded_at: new Date(f.now.epochMilliseconds),
  });
}

/**
 * A service line withdrawn: started on the day staff recorded, else the day of conclusion; what
 * was supplied until the day the withdrawal was sent is owed, only after an express request.
 */
function withdrawnService(shop: Shop, order: q.OrderFacts, serviceDays: number, priceCents: number, notifiedOn: Temporal.PlainDate): WithdrawnServiceJson {
  const requestedAt = order.service_start_requested_at;
  const startedOn = order.service_started_on ? Temporal.PlainDate.from(order.service_started_on) : dayOf(order.placed_at, shop);
  const owed = serviceOwed({ priceCents, serviceDays, requested: requestedAt !== null, startedOn, notifiedOn });
  return { serviceDays, requestedAt: requestedAt?.toISOString() ?? null, startedOn: startedOn.toString(), suppliedDays: owed.suppliedDays, owedCents: owed.owedCents };
}

/** What the chosen service lines would owe if the withdrawal were sent on `sentOn`: the confirmation step says it first. */
export function servicesOwedIf(shop: Shop, order: q.OrderFacts, chosen: readonly { line: LineOption; quantity: number }[], sentOn: Temporal.PlainDate) {
  return chosen.flatMap(({ line, quantity }) => {
    if (line.serviceDays === null) return [];
    const priceCents = quantity * line.unitPriceCents;
    return [{ name: line.name, priceCents, service: withdrawnService(shop, order, line.serviceDays, priceCents, sentOn) }];
  });
}

/** The evidence event and the acknowledgement e-mail, in the withdrawal's transaction. */
async function record(trx: Transaction<DB>, shop: Shop, order: q.OrderFacts, row: q.WithdrawalRow, to: string | null, requestLang: Lang, now: Temporal.Instant): Promise<void> {
  const lang = shop.profile.legalLanguageLocked ? shop.language : requestLang;
  const mail = to ? await enqueueEmail(trx, { shopId: shop.slug, to, template: WITHDRAWAL_ACK_TEMPLATE, data: { withdrawalId: row.id, lang }, order: { id: order.id, lang } }, new Date(now.epochMilliseconds)) : null;
  const statement = row.statement as unknown as WithdrawalStatementJson;
  // A letter is dated by the day it was sent: the start of that day in the shop's zone.
  const at = row.notified_at ?? new Date(Temporal.PlainDate.from(row.notified_on).toZonedDateTime(shop.timeZone).epochMilliseconds);
  await appendEvent(
    trx,
    {
      shopId: shop.slug, orderId: order.id, type: 'withdrawal_received', at, actor: row.recorded_by,
      data: {
        withdrawalId: row.id, channel: row.channel, notifiedOn: row.notified_on, receivedOn: row.received_on, periodStartsOn: row.period_starts_on, periodEndsOn: row.period_ends_on, onTime: row.on_time,
        wholeOrder: row.whole_order, lines: statement.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, ...(l.service && { service: l.service }) })), dueCents: row.due_cents, ...(mail && { emailOutboxId: mail.id, emailTo: to }),
      },
    },
    new Date(now.epochMilliseconds),
  );
}

/** One withdrawal, for the customer whose order it withdraws or the shop's staff. */
export async function findWithdrawalFor(db: Kysely<DB>, shop: Shop, id: string, who: { customerId: string } | 'staff') {
  const row = isUuid(id) ? await q.findWithdrawal(db, shop.slug, id) : undefined;
  if (!row) throw notFound('withdrawal');
  if (who !== 'staff') {
    const order = await q.findOrder(db, shop.slug, row.order_id);
    if (order?.customer_id !== who.customerId) throw notFound('withdrawal');
  }
  return row;
}

export async function withdrawalsOfOrder(db: Kysely<DB>, shop: Shop, orderId: string, today: Temporal.PlainDate): Promise<WithdrawalJson[]> {
  return (await q.withdrawalsOfOrder(db, shop.slug, orderId)).map((w) => withdrawalJson(w, shop, today));
}
