/**
 * The day a service's performance started (issue 10 §2; C. consom. L221-25), recorded by staff
 * when it is not the day of conclusion: the pro rata a consumer owes on withdrawal counts the days
 * supplied from it (src/aftersale/service-rules.ts). Written on the order, which the orders
 * capability owns, with an evidence event `service_started` in the same transaction. Never in
 * the future, never before the order; only on an order holding a service.
 */
import type { Kysely } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import type { Clock } from '../kernel/clock.ts';
import { DomainError, notFound } from '../kernel/errors.ts';
import { isUuid } from '../kernel/ids.ts';
import { appendEvent } from '../legal/evidence/service.ts';
import type { Shop } from '../shops/service.ts';
import { DayInput } from './late-delivery.ts';

export const ServiceStartInput = z.strictObject({ startedOn: DayInput });
export type ServiceStartInput = z.infer<typeof ServiceStartInput>;

export type ServiceStart = { orderId: string; serviceStartRequestedAt: string | null; serviceStartedOn: string };

export async function recordServiceStart(deps: { db: Kysely<DB>; clock: Clock }, shop: Shop, orderId: string, input: ServiceStartInput, actor: string): Promise<ServiceStart> {
  if (!isUuid(orderId)) throw notFound('order');
  const nowInstant = deps.clock.now();
  const now = new Date(nowInstant.epochMilliseconds);
  const startedOn = Temporal.PlainDate.from(input.startedOn);
  if (Temporal.PlainDate.compare(startedOn, localDate(nowInstant, shop.timeZone)) > 0) throw new DomainError('event_in_future', 'refused', {}, 'startedOn');
  return deps.db.transaction().execute(async (trx) => {
    const order = await trx.selectFrom('orders').select(['id', 'placed_at', 'service_start_requested_at']).where('shop_id', '=', shop.slug).where('id', '=', orderId).forUpdate().executeTakeFirst();
    if (!order) throw notFound('order');
    const services = await trx.selectFrom('order_lines').select('line_no').where('shop_id', '=', shop.slug).where('order_id', '=', orderId).where('service_days', 'is not', null).execute();
    if (services.length === 0) throw new DomainError('not_a_service_order', 'refused', {}, 'startedOn');
    const placedOn = localDate(Temporal.Instant.fromEpochMilliseconds(order.placed_at.getTime()), shop.timeZone);
    if (Temporal.PlainDate.compare(startedOn, placedOn) < 0) throw new DomainError('service_start_before_order', 'refused', {}, 'startedOn');
    await trx.updateTable('orders').set({ service_started_on: startedOn.toString() }).where('shop_id', '=', shop.slug).where('id', '=', orderId).execute();
    await appendEvent(trx, { shopId: shop.slug, orderId, type: 'service_started', at: new Date(startedOn.toZonedDateTime(shop.timeZone).epochMilliseconds), actor, data: { startedOn: startedOn.toString(), expressRequestAt: order.service_start_requested_at?.toISOString() ?? null } }, now);
    return { orderId, serviceStartRequestedAt: order.service_start_requested_at?.toISOString() ?? null, serviceStartedOn: startedOn.toString() };
  });
}
