/**
 * Facts staff record on a withdrawal (API.md `POST /shops/{shop}/withdrawals/{id}/events`): the
 * goods came back, the consumer proved they were sent, the refund was paid. Each moves the
 * refund's due day or closes it, and is an event in the order's evidence log, appended in one
 * transaction that locks the order first. `at` is an instant, or a day for a fact known by the
 * day (in the shop's zone); never in the future.
 */
import { Temporal } from 'temporal-polyfill';
import { ValidationFailed } from '../kernel/errors.ts';
import { localDate } from '../kernel/calendar.ts';
import { appendEvent } from '../legal/evidence/service.ts';
import type { Shop } from '../shops/service.ts';
import { WithdrawalRefused } from './errors.ts';
import * as q from './queries.ts';
import type { WithdrawalEventInput } from './schema.ts';
import { findWithdrawalFor, type AftersaleDeps } from './service.ts';
import { refundDueOf, surchargeOn, withdrawalJson, type WithdrawalJson } from './withdrawal-json.ts';

/** The instant and the shop-local day of `at`: a bare day stands for the start of that day. */
function whenOf(at: string, shop: Shop): { instant: Temporal.Instant; on: Temporal.PlainDate } {
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) {
    const on = Temporal.PlainDate.from(at);
    return { instant: on.toZonedDateTime(shop.timeZone).toInstant(), on };
  }
  const instant = Temporal.Instant.from(at);
  return { instant, on: localDate(instant, shop.timeZone) };
}

export async function recordWithdrawalEvent(deps: AftersaleDeps, shop: Shop, id: string, input: WithdrawalEventInput, actor: string): Promise<WithdrawalJson> {
  if (input.type === 'refunded' && input.amountCents === undefined) throw new ValidationFailed([{ field: 'amountCents', code: 'required' }]);
  // Another shop's withdrawal is "not found" whatever the body says.
  const found = await findWithdrawalFor(deps.db, shop, id, 'staff');
  const now = deps.clock.now();
  const today = localDate(now, shop.timeZone);
  const { instant, on } = whenOf(input.at, shop);
  if (Temporal.Instant.compare(instant, now) > 0 || Temporal.PlainDate.compare(on, today) > 0) throw new WithdrawalRefused('event_in_future', {}, 'at');
  return deps.db.transaction().execute(async (trx) => {
    const order = await q.lockOrder(trx, shop.slug, found.order_id);
    if (!order) throw new WithdrawalRefused('not_withdrawable');
    const w = await trx.selectFrom('withdrawals').selectAll().where('shop_id', '=', shop.slug).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (Temporal.PlainDate.compare(on, Temporal.PlainDate.from(w.notified_on)) < 0) throw new WithdrawalRefused('event_before_withdrawal', {}, 'at');
    let updated: q.WithdrawalRow;
    if (input.type === 'goods_received') updated = await q.updateWithdrawal(trx, shop.slug, id, { goods_received_on: on.toString() });
    else if (input.type === 'proof_of_shipment') updated = await q.updateWithdrawal(trx, shop.slug, id, { proof_of_shipment_on: on.toString() });
    else {
      if (w.refunded_on !== null) throw new WithdrawalRefused('withdrawal_already_refunded');
      updated = await q.updateWithdrawal(trx, shop.slug, id, { refunded_on: on.toString(), refunded_cents: input.amountCents ?? 0 });
    }
    const dueOn = refundDueOf(updated, shop);
    const surcharge = input.type === 'refunded' && dueOn ? surchargeOn(updated, shop, dueOn, on) : null;
    await appendEvent(
      trx,
      {
        shopId: shop.slug, orderId: order.id, type: `withdrawal_${input.type}`, at: new Date(instant.epochMilliseconds), actor,
        data: {
          withdrawalId: id, on: on.toString(), refundDueOn: dueOn?.toString() ?? null,
          ...(input.amountCents !== undefined && { amountCents: input.amountCents }),
          ...(surcharge && { daysLate: surcharge.daysLate, lateSurchargeCents: surcharge.surchargeCents, lateSurchargeRate: surcharge.rateLabel }),
          ...(input.note && { note: input.note }),
        },
      },
      new Date(now.epochMilliseconds),
    );
    return withdrawalJson(updated, shop, today);
  });
}
