/**
 * Late delivery on the orders side (issue 11 §4): what the rules need to know of an order (its
 * promise, shipment, delivery, the customer's notice, the periods of force majeure) read from its
 * row and its evidence log, and the formal notice the customer sends from the order page or the
 * API (`POST /shops/{shop}/orders/{id}/late-delivery-notice`): an event of the order's log, and an
 * acknowledgement by e-mail. The termination spans orders, the catalogue's stock and payments:
 * src/flows/late-delivery.ts.
 */
import type { Kysely, Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import type { Clock } from '../kernel/clock.ts';
import { notFound } from '../kernel/errors.ts';
import { type Lang, t } from '../kernel/i18n/index.ts';
import { LOCALES } from '../kernel/i18n/money.ts';
import { dateTimeFormat } from '../kernel/intl.ts';
import { isUuid } from '../kernel/ids.ts';
import { text } from '../kernel/validation.ts';
import type { StoredEvent } from '../legal/evidence/chain.ts';
import { appendEvent, orderEvents } from '../legal/evidence/service.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import type { Shop } from '../shops/service.ts';
import { concludedOn } from './delivery-promise.ts';
import { checkNotice, type ForceMajeurePeriod, type LateDeliveryPolicy, type OrderFacts, policyOf, TERMINATION_GROUNDS } from './late-delivery-rules.ts';
import { lockOrder, type OrderRow } from './state.ts';

export const NOTICE_EVENT = 'late_delivery_notice';
/** The reasons of a `cancelled` event that are terminations under these rules. */
export const TERMINATION_REASONS = ['late_delivery', 'force_majeure'] as const;

const isDay = (value: string) => {
  try {
    Temporal.PlainDate.from(value, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
};
export const DayInput = text().regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date').refine(isDay, 'invalid_date');

/** The customer's formal notice: the day by which the seller must deliver (default: a week). */
export const LateDeliveryNoticeInput = z.strictObject({ deliverBy: DayInput.optional(), note: text().trim().max(2000).optional() });
export type LateDeliveryNoticeInput = z.infer<typeof LateDeliveryNoticeInput>;

/** The termination: on which ground (default: the first that applies), and the customer's words. */
export const TerminationInput = z.strictObject({ ground: z.enum(TERMINATION_GROUNDS as [string, ...string[]]).optional(), note: text().trim().max(2000).optional() });
export type TerminationInput = z.infer<typeof TerminationInput>;

type Db = Kysely<DB> | Transaction<DB>;
const day = (instant: string | Date, timeZone: string) => localDate(typeof instant === 'string' ? Temporal.Instant.from(instant) : Temporal.Instant.fromEpochMilliseconds(instant.getTime()), timeZone);

/** Periods of force majeure on the shop or on this order, oldest first. */
export async function forceMajeurePeriodsOf(db: Db, shopId: string, orderId: string): Promise<ForceMajeurePeriod[]> {
  const rows = await db
    .selectFrom('force_majeure_periods')
    .select(['starts_on', 'ends_on'])
    .where('shop_id', '=', shopId)
    .where((w) => w.or([w('order_id', 'is', null), w('order_id', '=', orderId)]))
    .orderBy('starts_on')
    .execute();
  return rows.map((r) => ({ startsOn: Temporal.PlainDate.from(r.starts_on), endsOn: r.ends_on ? Temporal.PlainDate.from(r.ends_on) : null }));
}

/** A date agreed for the order: a campaign's promise, where the order's delivery carries one. */
function promisedOn(delivery: unknown): Temporal.PlainDate | null {
  const d = (delivery ?? {}) as Record<string, unknown>;
  const value = d.deliveryLatestOn ?? d.latestOn;
  return typeof value === 'string' && isDay(value) ? Temporal.PlainDate.from(value) : null;
}

/** The facts the rules judge, from the order's row and its events. */
export function factsOf(shop: Shop, order: Pick<OrderRow, 'status' | 'placed_at' | 'delivery'>, events: readonly Pick<StoredEvent, 'type' | 'at' | 'data'>[], periods: readonly ForceMajeurePeriod[]): OrderFacts {
  const first = (types: string[]) => events.find((e) => types.includes(e.type));
  const shipped = first(['shipped']);
  const delivered = first(['delivered', 'picked_up']);
  const notice = first([NOTICE_EVENT]);
  const deliverBy = (notice?.data as Record<string, unknown> | undefined)?.deliverBy;
  return {
    status: order.status,
    // The day the order was accepted (delivery-promise.ts, as the order's `deadlines.deliveryLatestOn`), else the day it was placed.
    concludedOn: concludedOn(events, shop.timeZone) ?? day(order.placed_at, shop.timeZone),
    promisedOn: promisedOn(order.delivery),
    shippedOn: shipped ? day(shipped.at, shop.timeZone) : null,
    deliveredOn: delivered ? day(delivered.at, shop.timeZone) : null,
    notice: notice && typeof deliverBy === 'string' ? { sentOn: day(notice.at, shop.timeZone), deliverBy: Temporal.PlainDate.from(deliverBy) } : null,
    forceMajeure: periods,
  };
}

export type Judged = { policy: LateDeliveryPolicy; facts: OrderFacts; events: StoredEvent[] };

/** The policy and facts of an order (in the caller's transaction when it holds the order's lock). */
export async function judge(db: Db, shop: Shop, order: Pick<OrderRow, 'shop_id' | 'id' | 'status' | 'placed_at' | 'delivery' | 'customer_kind'>): Promise<Judged> {
  const [events, periods] = await Promise.all([orderEvents(db, order.shop_id, order.id), forceMajeurePeriodsOf(db, order.shop_id, order.id)]);
  return { policy: policyOf(shop.profile, order.customer_kind), facts: factsOf(shop, order, events, periods), events };
}

/** The customer of an order, for e-mails in their language. */
export async function customerOf(db: Db, shopId: string, customerId: string) {
  return db.selectFrom('customers').select(['email', 'language', 'first_name', 'last_name']).where('shop_id', '=', shopId).where('id', '=', customerId).executeTakeFirstOrThrow();
}

/** The order locked, if it is this customer's (another's is "not found"). */
export async function lockOwnOrder(trx: Transaction<DB>, shopId: string, orderId: string, customerId: string | null): Promise<OrderRow> {
  if (!isUuid(orderId)) throw notFound('order');
  const order = await lockOrder(trx, shopId, orderId);
  if (!order || (customerId !== null && order.customer_id !== customerId)) throw notFound('order');
  return order;
}

/** A day `YYYY-MM-DD` written out in the reader's language ("24 avril 2026"). */
export const longDay = (lang: Lang, iso: string) => dateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

/**
 * The formal notice to deliver within an additional period (L216-6 I 2°; 004 art.5 "enjoindre
 * … dans un délai supplémentaire raisonnable"), sent by the customer now: an evidence event of
 * the order (the day sent, the day given, the promise it follows) and its acknowledgement by e-mail.
 */
export async function sendLateDeliveryNotice(deps: { db: Kysely<DB>; clock: Clock }, shop: Shop, orderId: string, customerId: string, input: LateDeliveryNoticeInput, actor: string) {
  const nowInstant = deps.clock.now();
  const now = new Date(nowInstant.epochMilliseconds);
  const today = localDate(nowInstant, shop.timeZone);
  return deps.db.transaction().execute(async (trx) => {
    const order = await lockOwnOrder(trx, shop.slug, orderId, customerId);
    const { policy, facts } = await judge(trx, shop, order);
    const { deliverBy, latestOn } = checkNotice(policy, facts, today, input.deliverBy ? Temporal.PlainDate.from(input.deliverBy) : undefined);
    const customer = await customerOf(trx, shop.slug, order.customer_id);
    const lang = customer.language;
    const mail = await enqueueEmail(
      trx,
      {
        shopId: shop.slug,
        to: customer.email,
        order: { id: order.id, lang },
        subject: t(lang, 'lateDelivery.mail.notice.subject', { number: order.number }),
        text: t(lang, 'lateDelivery.mail.notice.body', { name: customer.first_name, number: order.number, shop: shop.name, latestOn: longDay(lang, latestOn.toString()), deliverBy: longDay(lang, deliverBy.toString()) }),
      },
      now,
    );
    await appendEvent(
      trx,
      {
        shopId: shop.slug,
        orderId: order.id,
        type: NOTICE_EVENT,
        at: now,
        actor,
        data: { sentOn: today.toString(), deliverBy: deliverBy.toString(), latestOn: latestOn.toString(), acknowledgementEmail: mail.id, ...(input.note && { note: input.note }) },
      },
      now,
    );
    return { orderId: order.id, sentOn: today.toString(), deliverBy: deliverBy.toString(), latestOn: latestOn.toString() };
  });
}
