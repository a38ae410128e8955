/**
 * A withdrawal sent after the period is refused as a withdrawal (withdrawal_period_over), but the
 * customer may ask the shop to take the goods back anyway, as a goodwill gesture (issue 10 "Bad
 * input"). The request binds the shop to nothing, so it is not a withdrawal row (no refund, no due
 * day): it is an evidence event on the order, `late_withdrawal_goodwill_request`, with the day it
 * was made and the lines asked, which staff read in the order's withdrawal section.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import type { Clock } from '../kernel/clock.ts';
import { notFound } from '../kernel/errors.ts';
import { isUuid } from '../kernel/ids.ts';
import { appendEvent } from '../legal/evidence/service.ts';
import type { Shop } from '../shops/service.ts';
import { WithdrawalRefused } from './errors.ts';
import * as q from './queries.ts';
import type { WithdrawnLines } from './schema.ts';
import { chooseLines, orderEligibility } from './service.ts';
import { isOnTime } from './withdrawal-rules.ts';

export const LATE_GOODWILL_EVENT = 'late_withdrawal_goodwill_request';
export type LateGoodwillRequest = { requestedOn: string; periodEndsOn: string; lines: { sku: string; name: string; quantity: number }[] };

/** The goodwill requests of an order, oldest first, as its evidence chain keeps them. */
export async function lateGoodwillRequests(db: Kysely<DB>, shop: Shop, orderId: string): Promise<LateGoodwillRequest[]> {
  if (!isUuid(orderId)) return [];
  const rows = await db.selectFrom('order_events').select('data').where('shop_id', '=', shop.slug).where('order_id', '=', orderId).where('type', '=', LATE_GOODWILL_EVENT).orderBy('seq').execute();
  return rows.map((r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as LateGoodwillRequest);
}

/**
 * The order's customer asks for a goodwill return of the chosen lines, today. Only once the period
 * is over (before, the withdrawal itself is the right); asking twice keeps the first request.
 */
export async function requestLateGoodwill(deps: { db: Kysely<DB>; clock: Clock }, shop: Shop, orderId: string, customerId: string, lines: WithdrawnLines | undefined, actor: string): Promise<LateGoodwillRequest> {
  if (!isUuid(orderId)) throw notFound('order');
  const now = deps.clock.now();
  const today = localDate(now, shop.timeZone);
  return deps.db.transaction().execute(async (trx) => {
    const order = await q.lockOrder(trx, shop.slug, orderId);
    if (!order || order.customer_id !== customerId) throw notFound('order');
    const options = await orderEligibility(trx, shop, order);
    if (!options.applies || !options.anyWithdrawable) throw new WithdrawalRefused('not_withdrawable');
    if (isOnTime(today, options.period)) throw new WithdrawalRefused('not_withdrawable');
    const earlier = await trx.selectFrom('order_events').select('data').where('shop_id', '=', shop.slug).where('order_id', '=', order.id).where('type', '=', LATE_GOODWILL_EVENT).orderBy('seq').executeTakeFirst();
    if (earlier) return (typeof earlier.data === 'string' ? JSON.parse(earlier.data) : earlier.data) as LateGoodwillRequest;
    const chosen = chooseLines(options, lines);
    const request: LateGoodwillRequest = {
      requestedOn: today.toString(), periodEndsOn: options.period.endsOn?.toString() ?? '',
      lines: chosen.map(({ line, quantity }) => ({ sku: line.sku, name: line.name, quantity })),
    };
    const at = new Date(now.epochMilliseconds);
    await appendEvent(trx, { shopId: shop.slug, orderId: order.id, type: LATE_GOODWILL_EVENT, at, actor, data: request }, at);
    return request;
  });
}
