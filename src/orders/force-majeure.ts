/**
 * Force majeure (issue 11 §5; C. civ. 1218; SPEC C24, AS-59, AS-61): staff declare a period on
 * the whole shop or on one order (`POST /shops/{shop}/force-majeure`), and end it once the cause
 * has passed (`POST …/force-majeure/{id}/end`). While it runs the seller's delivery deadlines are
 * suspended (late-delivery-rules.ts adds its days); past the terms' limit (001: 30 days, 003: 60,
 * 004: 30) either party may terminate. Each order concerned — still to be delivered — gets an
 * evidence event, and its customer an e-mail (through the outbox) saying so, with the day from
 * which the contract may be ended.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import type { Clock } from '../kernel/clock.ts';
import { DomainError, notFound } from '../kernel/errors.ts';
import { t } from '../kernel/i18n/index.ts';
import { isUuid } from '../kernel/ids.ts';
import { text } from '../kernel/validation.ts';
import { appendEvent } from '../legal/evidence/service.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import type { Shop } from '../shops/service.ts';
import { customerOf, DayInput, longDay } from './late-delivery.ts';
import { forceMajeureTerminationFrom, OPEN_FOR_LATE_DELIVERY, policyOf } from './late-delivery-rules.ts';
import { ForceMajeureEvent } from '../shops/profile/schema/contract.ts';

/** Causes: the events the terms list (001 online §8.1, 003 art.17.2, 004 art.15), or another that C. civ. 1218 covers. */
export const FORCE_MAJEURE_CAUSES = [...ForceMajeureEvent.options, 'other'] as const;

export const ForceMajeureInput = z.strictObject({
  startsOn: DayInput,
  endsOn: DayInput.optional(),
  cause: z.enum(FORCE_MAJEURE_CAUSES),
  note: text().trim().max(2000).optional(),
  /** One order only; the whole shop when absent. */
  orderId: text().trim().max(64).optional(),
});
export type ForceMajeureInput = z.infer<typeof ForceMajeureInput>;

export const ForceMajeureEndInput = z.strictObject({ endsOn: DayInput });

/** Orders whose customers a period concerns: still to be delivered (the order's own, or all of the shop's). */
const WAITING: readonly string[] = ['awaiting_payment', 'awaiting_acceptance', ...OPEN_FOR_LATE_DELIVERY];

type Row = { id: string; order_id: string | null; cause: string; starts_on: string; ends_on: string | null; note: string | null; declared_at: Date };

export function forceMajeureJson(shop: Shop, r: Row) {
  const from = forceMajeureTerminationFrom(policyOf(shop.profile, 'consumer'), [{ startsOn: Temporal.PlainDate.from(r.starts_on), endsOn: r.ends_on ? Temporal.PlainDate.from(r.ends_on) : null }]);
  return {
    id: r.id,
    scope: r.order_id ? ('order' as const) : ('shop' as const),
    orderId: r.order_id,
    cause: r.cause,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    note: r.note,
    /** The day from which either party may terminate, if the period lasts that long (null: the terms set no limit). */
    terminationFrom: from?.toString() ?? null,
    declaredAt: r.declared_at.toISOString(),
  };
}
export type ForceMajeureJson = ReturnType<typeof forceMajeureJson>;

/** The shop's periods, newest first. */
export async function listForceMajeure(db: Kysely<DB>, shop: Shop): Promise<ForceMajeureJson[]> {
  const rows = await db.selectFrom('force_majeure_periods').selectAll().where('shop_id', '=', shop.slug).orderBy('starts_on', 'desc').limit(200).execute();
  return rows.map((r) => forceMajeureJson(shop, r));
}

/** The periods that concern an order (the shop's and its own), oldest first, as the order's page shows them. */
export async function forceMajeureOfOrder(db: Kysely<DB>, shopId: string, orderId: string) {
  const rows = await db
    .selectFrom('force_majeure_periods')
    .select(['id', 'order_id', 'cause', 'starts_on', 'ends_on'])
    .where('shop_id', '=', shopId)
    .where((w) => w.or([w('order_id', 'is', null), w('order_id', '=', orderId)]))
    .orderBy('starts_on')
    .execute();
  return rows.map((r) => ({ id: r.id, scope: r.order_id ? ('order' as const) : ('shop' as const), cause: r.cause, startsOn: r.starts_on, endsOn: r.ends_on }));
}

/** Each order concerned gets an event of its evidence log and its customer an e-mail, in the caller's transaction. */
async function tellCustomers(trx: Transaction<DB>, shop: Shop, period: ForceMajeureJson, type: 'force_majeure_declared' | 'force_majeure_ended', actor: string, now: Date): Promise<number> {
  let q = trx.selectFrom('orders').select(['id', 'number', 'customer_id']).where('shop_id', '=', shop.slug).where('status', 'in', WAITING);
  if (period.orderId) q = q.where('id', '=', period.orderId);
  const orders = await q.orderBy('placed_at').forUpdate().execute();
  for (const order of orders) {
    const customer = await customerOf(trx, shop.slug, order.customer_id);
    const lang = customer.language;
    const params = {
      name: customer.first_name,
      number: order.number,
      shop: shop.name,
      cause: t(lang, `forceMajeure.cause.${period.cause}` as never),
      startsOn: longDay(lang, period.startsOn),
      endsOn: period.endsOn ? longDay(lang, period.endsOn) : '—',
      terminationFrom: period.terminationFrom ? longDay(lang, period.terminationFrom) : '—',
    };
    const declared = type === 'force_majeure_declared';
    const mail = await enqueueEmail(
      trx,
      {
        shopId: shop.slug,
        to: customer.email,
        order: { id: order.id, lang },
        subject: t(lang, declared ? 'forceMajeure.mail.declared.subject' : 'forceMajeure.mail.ended.subject', params),
        text: t(lang, declared ? (period.terminationFrom ? 'forceMajeure.mail.declared.body' : 'forceMajeure.mail.declared.body_no_limit') : 'forceMajeure.mail.ended.body', params),
      },
      now,
    );
    await appendEvent(trx, { shopId: shop.slug, orderId: order.id, type, at: now, actor, data: { periodId: period.id, scope: period.scope, cause: period.cause, startsOn: period.startsOn, endsOn: period.endsOn, terminationFrom: period.terminationFrom, email: mail.id } }, now);
  }
  return orders.length;
}

/** Declares a period; it may have begun in the past, never in the future. */
export async function declareForceMajeure(deps: { db: Kysely<DB>; clock: Clock }, shop: Shop, input: ForceMajeureInput, actor: string) {
  const nowInstant = deps.clock.now();
  const now = new Date(nowInstant.epochMilliseconds);
  const today = localDate(nowInstant, shop.timeZone);
  if (Temporal.PlainDate.compare(Temporal.PlainDate.from(input.startsOn), today) > 0) throw new DomainError('event_in_future', 'refused', {}, 'startsOn');
  if (input.endsOn && input.endsOn < input.startsOn) throw new DomainError('force_majeure_dates_out_of_order', 'refused', {}, 'endsOn');
  return deps.db.transaction().execute(async (trx) => {
    if (input.orderId) {
      const order = isUuid(input.orderId) ? await trx.selectFrom('orders').select('id').where('shop_id', '=', shop.slug).where('id', '=', input.orderId).executeTakeFirst() : undefined;
      if (!order) throw notFound('order');
    }
    const row = await trx
      .insertInto('force_majeure_periods')
      .values({ shop_id: shop.slug, id: randomUUID(), order_id: input.orderId ?? null, cause: input.cause, starts_on: input.startsOn, ends_on: input.endsOn ?? null, note: input.note ?? null, declared_by: actor, declared_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    const period = forceMajeureJson(shop, row);
    return { ...period, ordersNotified: await tellCustomers(trx, shop, period, 'force_majeure_declared', actor, now) };
  });
}

/** Ends an open period on `endsOn` (the seller can perform again); customers concerned are told. */
export async function endForceMajeure(deps: { db: Kysely<DB>; clock: Clock }, shop: Shop, id: string, endsOn: string, actor: string) {
  const nowInstant = deps.clock.now();
  const now = new Date(nowInstant.epochMilliseconds);
  if (Temporal.PlainDate.compare(Temporal.PlainDate.from(endsOn), localDate(nowInstant, shop.timeZone)) > 0) throw new DomainError('event_in_future', 'refused', {}, 'endsOn');
  if (!isUuid(id)) throw notFound('force_majeure');
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('force_majeure_periods').selectAll().where('shop_id', '=', shop.slug).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('force_majeure');
    if (row.ends_on !== null) throw new DomainError('force_majeure_already_ended', 'refused', { endsOn: row.ends_on }, 'endsOn');
    if (endsOn < row.starts_on) throw new DomainError('force_majeure_dates_out_of_order', 'refused', {}, 'endsOn');
    const updated = await trx.updateTable('force_majeure_periods').set({ ends_on: endsOn }).where('shop_id', '=', shop.slug).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    const period = forceMajeureJson(shop, updated);
    return { ...period, ordersNotified: await tellCustomers(trx, shop, period, 'force_majeure_ended', actor, now) };
  });
}
