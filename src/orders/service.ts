/**
 * Reading orders: the order as API.md describes it, for its customer or the shop's staff. Its
 * `payment` part is payments' (src/flows/order-json.ts composes the two).
 */
import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../accounts/actor.ts';
import { requireAccess } from '../accounts/actor.ts';
import { paidCentsColumn } from '../db/paid-cents.ts';
import type { AcceptedTermsJson, DB, OrderLinesTable } from '../db/schema.ts';
import { notFound } from '../kernel/errors.ts';
import { localDate, withdrawalDeadline } from '../kernel/calendar.ts';
import { isUuid } from '../kernel/ids.ts';
import type { StoredEvent } from '../legal/evidence/chain.ts';
import { jurisdictionOf, type Shop } from '../shops/service.ts';
import { Temporal } from 'temporal-polyfill';
import { concludedOn, deliveryLatestOn } from './delivery-promise.ts';
import { refusalUntil } from './refusal-rules.ts';

export async function findOrderFor(db: Kysely<DB>, actor: Actor, shopId: string, orderId: string) {
  if (actor.kind === 'anonymous') requireAccess(actor, 'customer.self', shopId);
  if (!isUuid(orderId)) throw notFound('order');
  const order = await db
    .selectFrom('orders')
    .selectAll()
    .select(paidCentsColumn)
    .where('shop_id', '=', shopId)
    .where('id', '=', orderId)
    .executeTakeFirst();
  // Another customer's order is "not found": its existence is none of the caller's business.
  const own = actor.kind === 'customer' && actor.shopId === shopId && order?.customer_id === actor.id;
  if (!order || (!own && actor.kind === 'customer')) throw notFound('order');
  if (!own) requireAccess(actor, 'shop.manage', shopId);
  return { ...order, paid_cents: Number(order.paid_cents ?? 0) };
}

export type OrderRow = Awaited<ReturnType<typeof findOrderFor>>;

/** The order's lines, in their order. */
export function orderLines(db: Kysely<DB>, shopId: string, orderId: string) {
  return db.selectFrom('order_lines').selectAll().where('shop_id', '=', shopId).where('order_id', '=', orderId).orderBy('line_no').execute();
}

/**
 * C13: the last day to send a withdrawal (L221-18, L221-19; CDE VI.47), once the goods were
 * handed over — the last lot's `delivered` or `picked_up` — for a consumer's order under terms
 * that give the right, with a line no legal exception excludes. The same rule the after-sale
 * capability judges withdrawals by (src/aftersale/withdrawal-rules.ts, information given at
 * conclusion); absent before delivery ("only what applies", API.md).
 */
function withdrawalEndsOn(shop: Shop, order: OrderRow, lines: readonly Pick<OrderLineRow, 'withdrawal_exception' | 'service_days'>[], events: readonly Pick<StoredEvent, 'type' | 'at'>[]): { withdrawalEndsOn?: string } {
  if (order.customer_kind !== 'consumer' || !shop.profile.withdrawal || ['cancelled', 'refused'].includes(order.status)) return {};
  if (!lines.some((l) => !l.withdrawal_exception)) return {};
  // Services alone (issue 10 §2): from the day after conclusion (L221-18 1°).
  if (lines.every((l) => l.service_days !== null)) {
    return { withdrawalEndsOn: withdrawalDeadline(localDate(Temporal.Instant.fromEpochMilliseconds(order.placed_at.getTime()), shop.timeZone), [jurisdictionOf(shop)]).toString() };
  }
  const handed = events.filter((e) => e.type === 'delivered' || e.type === 'picked_up').map((e) => localDate(Temporal.Instant.from(e.at), shop.timeZone));
  const last = handed.reduce<Temporal.PlainDate | null>((a, b) => (a && Temporal.PlainDate.compare(a, b) >= 0 ? a : b), null);
  return last ? { withdrawalEndsOn: withdrawalDeadline(last, [jurisdictionOf(shop)]).toString() } : {};
}

type OrderLineRow = Selectable<OrderLinesTable>;

/**
 * Issue 11 §10: `refusalUntil` while the order may still be refused under a profile that sets a
 * window (001 CG §3.2: 4 jours ouvrés from its receipt; refusal-rules.ts); `deliveryLatestOn`
 * until the goods are handed over: the promise made at checkout, else once the contract is
 * concluded, 30 days after it for a consumer (delivery-promise.ts).
 */
function lifecycleDeadlines(shop: Shop, order: OrderRow, events: readonly OrderEventView[]): { refusalUntil?: string; deliveryLatestOn?: string } {
  const out: { refusalUntil?: string; deliveryLatestOn?: string } = {};
  if (order.status === 'awaiting_payment' || order.status === 'awaiting_acceptance') {
    const placedOn = localDate(Temporal.Instant.fromEpochMilliseconds(order.placed_at.getTime()), shop.timeZone);
    const until = refusalUntil(shop.profile.orders?.refusal, placedOn, [jurisdictionOf(shop)]);
    if (until) out.refusalUntil = until.toString();
  }
  if (['awaiting_payment', 'awaiting_acceptance', 'accepted', 'preparing', 'shipped'].includes(order.status)) {
    // A campaign's promise, kept in `delivery.latestOn` at checkout (issue 12 §1), binds from the order on.
    const promised = (order.delivery as { latestOn?: unknown } | null)?.latestOn;
    const promisedLatestOn = typeof promised === 'string' && FACT_DAY_PATTERN.test(promised) ? Temporal.PlainDate.from(promised) : null;
    const latest = deliveryLatestOn({ customerKind: order.customer_kind, concludedOn: concludedOn(events, shop.timeZone), promisedLatestOn, consumerMaxDelay: shop.profile.delivery?.consumerMaxDelay });
    if (latest) out.deliveryLatestOn = latest.toString();
  }
  return out;
}

/** An event as the order's JSON reads it; `data` when the caller has it (the conclusion's day is read from it). */
type OrderEventView = Pick<StoredEvent, 'type' | 'at' | 'actor'> & { data?: unknown };

const FACT_DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * API.md's order from its rows, with no read: the order path builds its answer from what it has
 * just written (issue 9). `payment`: API.md `payment`, which payments composes
 * (src/flows/order-json.ts puts the two together).
 */
export function orderJsonWith<Payment>(shop: Shop, order: OrderRow, lines: readonly OrderLineRow[], events: readonly OrderEventView[], payment: Payment) {
  const terms = order.accepted_terms as unknown as AcceptedTermsJson;
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    customerId: order.customer_id,
    customerKind: order.customer_kind,
    placedAt: order.placed_at.toISOString(),
    lines: lines.map((l) => ({ productId: l.product_id, sku: l.sku, name: l.name, quantity: l.quantity, unitPriceCents: l.unit_price_cents, vatRateBp: l.vat_rate_bp, totalCents: l.total_cents, withdrawable: l.withdrawable, ...(l.service_days !== null && { serviceDays: l.service_days }) })),
    totals: { netCents: order.net_cents, vatCents: order.vat_cents, grossCents: order.gross_cents, shippingCents: order.shipping_cents, feesCents: order.fees_cents },
    acceptedTerms: { version: terms[0]?.version ?? null, sha256: terms[0]?.sha256 ?? null, documents: terms },
    payment,
    delivery: order.delivery,
    // A service's express request to start during the withdrawal period, and the day staff recorded it started (issue 10 §2).
    ...(order.service_start_requested_at && { serviceStartRequestedAt: order.service_start_requested_at.toISOString() }),
    ...(order.service_started_on && { serviceStartedOn: order.service_started_on }),
    deadlines: {
      ...(order.payment_due_on && { paymentDueOn: order.payment_due_on }),
      ...(order.balance_due_on && { balanceDueOn: order.balance_due_on }),
      ...(order.payment_not_before && { paymentNotBefore: order.payment_not_before }),
      ...lifecycleDeadlines(shop, order, events),
      ...withdrawalEndsOn(shop, order, lines, events),
    },
    events: events.map((e) => ({ type: e.type, at: e.at, by: e.actor })),
  };
}
