/**
 * Reading orders: the order as API.md describes it, for its customer or the shop's staff.
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
import { orderEvents } from '../legal/evidence/service.ts';
import { checkoutUrlOf } from '../payments/card/service.ts';
import { type TransferInstructions, transferInstructions } from '../payments/transfer.ts';
import { jurisdictionOf, type Shop } from '../shops/service.ts';
import { Temporal } from 'temporal-polyfill';

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

/**
 * What the customer still has to pay now: the deposit not yet paid while the order waits for it,
 * otherwise the balance of the price (a partial transfer leaves the rest due, LEGAL.md AS-15).
 */
export function amountDueCents(order: Pick<OrderRow, 'gross_cents' | 'deposit_cents' | 'paid_cents' | 'status'>): number {
  const target = order.status === 'awaiting_payment' && order.deposit_cents !== null ? order.deposit_cents : order.gross_cents;
  return Math.max(0, target - order.paid_cents);
}

const instructionsOf = (shop: Shop, order: OrderRow) =>
  transferInstructions(shop.profile, { paymentMethod: order.payment_method, paymentReference: order.payment_reference, amountDueCents: amountDueCents(order) });

/**
 * The transfer the customer still has to make: only while the order awaits it, its execution
 * suspended until the money arrives (seed 001 online §2.3). Null otherwise, so a paid order never
 * shows a QR code inviting a second payment. `today`: the shop-local date, `YYYY-MM-DD`.
 */
export function pendingTransfer(shop: Shop, order: OrderRow, today: string): TransferInstructions | null {
  if (order.status !== 'awaiting_payment') return null;
  // Off-premises consumer contract: no payment may be asked before day 8 (L221-10, AS-19).
  if (order.payment_not_before !== null && today < order.payment_not_before) return null;
  return instructionsOf(shop, order);
}

/**
 * API.md `payment`: for a transfer, the reference (printed form) and the account to pay into,
 * from the shop's profile; null fields for other methods.
 */
function paymentJson(shop: Shop, order: OrderRow) {
  const transfer = instructionsOf(shop, order);
  return {
    method: order.payment_method,
    status: order.payment_status,
    reference: transfer?.referenceText ?? null,
    iban: transfer?.iban ?? null,
    bic: transfer?.bic ?? null,
    beneficiary: transfer?.beneficiary ?? null,
    amountDueCents: amountDueCents(order),
    paidCents: order.paid_cents,
    ...(order.deposit_cents !== null && { depositCents: order.deposit_cents, depositKind: order.deposit_kind }),
  };
}

export async function orderJson(db: Kysely<DB>, shop: Shop, order: OrderRow) {
  const [lines, events, checkoutUrl] = await Promise.all([
    db.selectFrom('order_lines').selectAll().where('shop_id', '=', order.shop_id).where('order_id', '=', order.id).orderBy('line_no').execute(),
    orderEvents(db, order.shop_id, order.id),
    checkoutUrlOf(db, order),
  ]);
  return orderJsonOf(shop, order, lines, events, checkoutUrl);
}

/**
 * C13: the last day to send a withdrawal (L221-18, L221-19; CDE VI.47), once the goods were
 * handed over — the last lot's `delivered` or `picked_up` — for a consumer's order under terms
 * that give the right, with a line no legal exception excludes. The same rule the after-sale
 * capability judges withdrawals by (src/aftersale/withdrawal-rules.ts, information given at
 * conclusion); absent before delivery ("only what applies", API.md).
 */
function withdrawalEndsOn(shop: Shop, order: OrderRow, lines: readonly Pick<OrderLineRow, 'withdrawal_exception'>[], events: readonly Pick<StoredEvent, 'type' | 'at'>[]): { withdrawalEndsOn?: string } {
  if (order.customer_kind !== 'consumer' || !shop.profile.withdrawal || ['cancelled', 'refused'].includes(order.status)) return {};
  if (!lines.some((l) => !l.withdrawal_exception)) return {};
  const handed = events.filter((e) => e.type === 'delivered' || e.type === 'picked_up').map((e) => localDate(Temporal.Instant.from(e.at), shop.timeZone));
  const last = handed.reduce<Temporal.PlainDate | null>((a, b) => (a && Temporal.PlainDate.compare(a, b) >= 0 ? a : b), null);
  return last ? { withdrawalEndsOn: withdrawalDeadline(last, [jurisdictionOf(shop)]).toString() } : {};
}

export type OrderJson = ReturnType<typeof orderJsonOf>;
type OrderLineRow = Selectable<OrderLinesTable>;

/**
 * API.md's order from its rows, with no read: the order path builds its answer from what it has
 * just written (issue 9). `checkoutUrl`: undefined for a method without a card checkout.
 */
export function orderJsonOf(shop: Shop, order: OrderRow, lines: readonly OrderLineRow[], events: readonly Pick<StoredEvent, 'type' | 'at' | 'actor'>[], checkoutUrl: string | null | undefined) {
  const terms = order.accepted_terms as unknown as AcceptedTermsJson;
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    customerId: order.customer_id,
    customerKind: order.customer_kind,
    placedAt: order.placed_at.toISOString(),
    lines: lines.map((l) => ({ productId: l.product_id, sku: l.sku, name: l.name, quantity: l.quantity, unitPriceCents: l.unit_price_cents, vatRateBp: l.vat_rate_bp, totalCents: l.total_cents, withdrawable: l.withdrawable })),
    totals: { netCents: order.net_cents, vatCents: order.vat_cents, grossCents: order.gross_cents, shippingCents: order.shipping_cents, feesCents: order.fees_cents },
    acceptedTerms: { version: terms[0]?.version ?? null, sha256: terms[0]?.sha256 ?? null, documents: terms },
    payment: { ...paymentJson(shop, order), ...(checkoutUrl !== undefined && { checkoutUrl }) },
    delivery: order.delivery,
    deadlines: {
      ...(order.payment_due_on && { paymentDueOn: order.payment_due_on }),
      ...(order.balance_due_on && { balanceDueOn: order.balance_due_on }),
      ...(order.payment_not_before && { paymentNotBefore: order.payment_not_before }),
      ...withdrawalEndsOn(shop, order, lines, events),
    },
    events: events.map((e) => ({ type: e.type, at: e.at, by: e.actor })),
  };
}
