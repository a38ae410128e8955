/**
 * The orders side of customer changes (issue 11 §3): the facts the rules of
 * customer-change-rules.ts judge, read from the order, its lines and its evidence chain; and the
 * customer's requests, which live in the chain as events — `change_requested` (the customer
 * asked), `change_request_decided` (staff accepted or declined) — so that a request, its answer
 * and their times are evidence, with no table of their own. The flow (src/flows/customer-changes.ts)
 * writes them, in the transaction that locked the order.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { paidCentsColumn } from '../db/paid-cents.ts';
import type { DB, OrdersTable } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import type { Shop } from '../shops/service.ts';
import { concludedOn, deliveryLatestOn } from './delivery-promise.ts';
import { forceMajeureOfOrder } from './force-majeure.ts';
import { type CancellationOption, type ChangeFacts, cancellationOption, defaultPlannedShipOn, type ModificationOption, type ModificationTerms, modificationOption } from './customer-change-rules.ts';

type Executor = Kysely<DB> | Transaction<DB>;
type Order = Pick<Selectable<OrdersTable>, 'shop_id' | 'id' | 'customer_id' | 'customer_kind' | 'status' | 'gross_cents' | 'deposit_cents' | 'placed_at' | 'service_start_requested_at'>;

export const CHANGE_REQUESTED = 'change_requested';
export const CHANGE_DECIDED = 'change_request_decided';
/** Staff set the day they plan to ship (the modification deadline counts back from it). */
export const SHIPMENT_PLANNED = 'shipment_planned';

export type ChangeKind = 'cancellation' | 'modification';
export type ChangeRequest = {
  id: string;
  kind: ChangeKind;
  message: string;
  requestedAt: string;
  requestedOn: string;
  status: 'pending' | 'accepted' | 'declined';
  decidedOn?: string;
  note?: string;
  /** A modification declined under 004 art.2: the day the sums paid are due back. */
  refundDueOn?: string;
};

const dataOf = (d: unknown) => (typeof d === 'string' ? JSON.parse(d) : d) as Record<string, unknown>;

/** The order's requests, oldest first, each with its answer. */
export async function changeRequests(db: Executor, shopId: string, orderId: string): Promise<ChangeRequest[]> {
  const rows = await db.selectFrom('order_events').select(['type', 'at', 'data']).where('shop_id', '=', shopId).where('order_id', '=', orderId).where('type', 'in', [CHANGE_REQUESTED, CHANGE_DECIDED]).orderBy('seq').execute();
  const byId = new Map<string, ChangeRequest>();
  for (const r of rows) {
    const d = dataOf(r.data);
    const id = String(d.requestId);
    if (r.type === CHANGE_REQUESTED) {
      byId.set(id, { id, kind: d.kind as ChangeKind, message: String(d.message ?? ''), requestedAt: new Date(r.at).toISOString(), requestedOn: String(d.requestedOn), status: 'pending' });
    } else {
      const req = byId.get(id);
      if (req) Object.assign(req, { status: d.decision, decidedOn: d.decidedOn, ...(d.note ? { note: d.note } : {}), ...(d.refundDueOn ? { refundDueOn: d.refundDueOn } : {}) });
    }
  }
  return [...byId.values()];
}

/**
 * The planned shipment staff recorded last (`shipment_planned`), or the last day the delivery
 * promise allows: the order's `deliveryLatestOn` (delivery-promise.ts, counted from the
 * conclusion), or, before the conclusion, from the day it was placed.
 */
async function plannedShipOn(db: Executor, shop: Shop, order: Order): Promise<{ on: Temporal.PlainDate; setByStaff: boolean }> {
  const events = await db.selectFrom('order_events').select(['type', 'at', 'data']).where('shop_id', '=', order.shop_id).where('order_id', '=', order.id).orderBy('seq').execute();
  const set = events.filter((e) => e.type === SHIPMENT_PLANNED).at(-1);
  if (set) return { on: Temporal.PlainDate.from(String(dataOf(set.data).on)), setByStaff: true };
  const lead = shop.profile.delivery?.modes.find((m) => m.leadTime?.from === 'shipment' && m.leadTime.max)?.leadTime?.max;
  const conclusion = events.map((e) => ({ type: e.type, at: new Date(e.at).toISOString(), data: dataOf(e.data) }));
  const promised = deliveryLatestOn({ customerKind: order.customer_kind, concludedOn: concludedOn(conclusion, shop.timeZone), consumerMaxDelay: shop.profile.delivery?.consumerMaxDelay });
  const on = defaultPlannedShipOn({
    placedOn: localDate(Temporal.Instant.fromEpochMilliseconds(order.placed_at.getTime()), shop.timeZone),
    deliveryLatestOn: promised ?? null,
    maxDelay: shop.profile.delivery?.consumerMaxDelay,
    leadTimeFromShipment: lead,
  });
  return { on, setByStaff: false };
}

/**
 * The facts the rules judge on `today` (the shop's day). `paidCents`: what the payments say now
 * (in a flow, read in its transaction).
 */
export async function changeFacts(db: Executor, shop: Shop, order: Order, paidCents: number, today: Temporal.PlainDate): Promise<ChangeFacts & { plannedBy: 'staff' | 'promise' }> {
  const [lines, requests, planned, periods] = await Promise.all([
    db.selectFrom('order_lines').select(['withdrawal_exception']).where('shop_id', '=', order.shop_id).where('order_id', '=', order.id).execute(),
    changeRequests(db, order.shop_id, order.id),
    plannedShipOn(db, shop, order),
    forceMajeureOfOrder(db, order.shop_id, order.id),
  ]);
  const day = today.toString();
  const pending = requests.find((r) => r.status === 'pending');
  return {
    customerKind: order.customer_kind,
    status: order.status,
    grossCents: Number(order.gross_cents),
    paidCents,
    depositCents: order.deposit_cents === null ? null : Number(order.deposit_cents),
    // The law's floor, whatever the terms say: a consumer's distance contract may be withdrawn from
    // its conclusion (L221-18; CDE VI.47), unless a line is a legal exception (L221-28). A service
    // asked to start during the period is withdrawn from pro rata (L221-25), never cancelled free.
    withdrawalCoversAll: order.customer_kind === 'consumer' && lines.every((l) => !l.withdrawal_exception) && order.service_start_requested_at === null,
    plannedShipOn: planned.on,
    pendingRequest: pending?.kind ?? null,
    plannedBy: planned.setByStaff ? 'staff' : 'promise',
    forceMajeure: periods.some((p) => p.startsOn <= day && (p.endsOn === null || day <= p.endsOn)),
  };
}

export const termsOf = (shop: Shop) => shop.profile.modification as ModificationTerms | undefined;

export type CustomerChanges = {
  today: Temporal.PlainDate;
  facts: ChangeFacts & { plannedBy: 'staff' | 'promise' };
  cancellation: CancellationOption;
  modification: ModificationOption;
  requests: ChangeRequest[];
  /** The customer's cancellation once done: what comes back and by when (its evidence event). */
  cancelled: { refundCents: number; owedByCustomerCents: number; refundDueOn: string | null } | null;
};

/** What the order's customer may do today, with the requests already made (the page and the API's GET). */
export async function customerChangesOf(db: Kysely<DB>, shop: Shop, orderId: string, now: Temporal.Instant): Promise<CustomerChanges | null> {
  const order = await db.selectFrom('orders').selectAll().select(paidCentsColumn).where('shop_id', '=', shop.slug).where('id', '=', orderId).executeTakeFirst();
  if (!order) return null;
  const today = localDate(now, shop.timeZone);
  const facts = await changeFacts(db, shop, order, Number(order.paid_cents ?? 0), today);
  const [requests, cancelledEvent] = await Promise.all([
    changeRequests(db, shop.slug, orderId),
    db.selectFrom('order_events').select('data').where('shop_id', '=', shop.slug).where('order_id', '=', orderId).where('type', '=', 'cancelled').orderBy('seq', 'desc').limit(1).executeTakeFirst(),
  ]);
  const c = cancelledEvent && dataOf(cancelledEvent.data);
  const cancelled = c ? { refundCents: Number(c.paidCents ?? 0) - Number(c.keptCents ?? 0), owedByCustomerCents: Number(c.owedByCustomerCents ?? 0), refundDueOn: typeof c.refundDueOn === 'string' ? c.refundDueOn : null } : null;
  return { today, facts, cancellation: cancellationOption(termsOf(shop), facts, today), modification: modificationOption(termsOf(shop), facts, today), requests, cancelled };
}
