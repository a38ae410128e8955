/**
 * Facts staff record on a withdrawal (API.md `POST /shops/{shop}/withdrawals/{id}/events`): the
 * goods came back, the consumer proved they were sent, the refund was paid. Each moves the
 * refund's due day or closes it, and is an event in the order's evidence log, appended in one
 * transaction that locks the order first. `at` is an instant, or a day for a fact known by the
 * day (in the shop's zone); never in the future.
 */
import type { Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB } from '../db/schema.ts';
import { ValidationFailed } from '../kernel/errors.ts';
import { factTime, localDate } from '../kernel/calendar.ts';
import { appendEvent } from '../legal/evidence/service.ts';
import type { Shop } from '../shops/service.ts';
import { judgePhoto, MAX_CLAIM_PHOTOS } from './claim-photos.ts';
import { ClaimRefused, type Photo } from './claims.ts';
import { WithdrawalRefused } from './errors.ts';
import * as q from './queries.ts';
import type { WithdrawalEventInput } from './schema.ts';
import { findWithdrawalFor, type AftersaleDeps } from './service.ts';
import { refundDueOf, surchargeOn, withdrawalJson, type WithdrawalJson } from './withdrawal-json.ts';

/**
 * A depreciation comes with the goods back, with its reason (and at most 3 photos, judged by their
 * first bytes as a claim's are): staff's proof of the damage they withhold for.
 */
function judgeDepreciation(input: WithdrawalEventInput, photos: readonly Photo[]) {
  const given = input.depreciationCents !== undefined;
  if (!given && (input.depreciationReason !== undefined || photos.length > 0)) throw new ValidationFailed([{ field: 'depreciationCents', code: 'required' }]);
  if (!given) return [];
  if (input.type !== 'goods_received') throw new ValidationFailed([{ field: 'depreciationCents', code: 'invalid_value' }]);
  if ((input.depreciationCents ?? 0) > 0 && input.depreciationReason === undefined) throw new ValidationFailed([{ field: 'depreciationReason', code: 'required' }]);
  if (photos.length > MAX_CLAIM_PHOTOS) throw new ClaimRefused('too_many_photos', { max: MAX_CLAIM_PHOTOS }, 'photos');
  return photos.map((p, i) => {
    const verdict = judgePhoto(p.data);
    if (!verdict.ok) throw new ClaimRefused(verdict.reason, { file: p.filename || `#${i + 1}` }, 'photos');
    return { type: verdict.type, data: p.data };
  });
}

/**
 * What another capability does in the fact's transaction (src/flows/withdrawal-refund.ts: the
 * credit note and the refund of a `refunded` fact); what it returns joins the evidence event.
 */
export type WithdrawalFactHook = (trx: Transaction<DB>, withdrawal: q.WithdrawalRow, input: WithdrawalEventInput) => Promise<Record<string, unknown>>;

export async function recordWithdrawalEvent(deps: AftersaleDeps, shop: Shop, id: string, input: WithdrawalEventInput, actor: string, photos: readonly Photo[] = [], inTransaction?: WithdrawalFactHook): Promise<WithdrawalJson> {
  if (input.type === 'refunded' && input.amountCents === undefined) throw new ValidationFailed([{ field: 'amountCents', code: 'required' }]);
  const judged = judgeDepreciation(input, photos);
  // Another shop's withdrawal is "not found" whatever the body says.
  const found = await findWithdrawalFor(deps.db, shop, id, 'staff');
  const now = deps.clock.now();
  const today = localDate(now, shop.timeZone);
  const { instant, on } = factTime(input.at, shop.timeZone);
  if (Temporal.Instant.compare(instant, now) > 0 || Temporal.PlainDate.compare(on, today) > 0) throw new WithdrawalRefused('event_in_future', {}, 'at');
  return deps.db.transaction().execute(async (trx) => {
    const order = await q.lockOrder(trx, shop.slug, found.order_id);
    if (!order) throw new WithdrawalRefused('not_withdrawable');
    const w = await trx.selectFrom('withdrawals').selectAll().where('shop_id', '=', shop.slug).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (Temporal.PlainDate.compare(on, Temporal.PlainDate.from(w.notified_on)) < 0) throw new WithdrawalRefused('event_before_withdrawal', {}, 'at');
    let updated: q.WithdrawalRow;
    if (input.type === 'goods_received' && input.depreciationCents !== undefined) {
      // Assessed on the sums withdrawn (gross of any earlier assessment, which this one replaces);
      // the refund due and any late surcharge then count on what is left.
      if (w.refunded_on !== null) throw new WithdrawalRefused('withdrawal_already_refunded');
      const withdrawn = w.due_cents + w.depreciation_cents;
      if (input.depreciationCents > withdrawn) throw new WithdrawalRefused('depreciation_above_refund', { maxCents: withdrawn }, 'depreciationCents');
      updated = await q.updateWithdrawal(trx, shop.slug, id, { goods_received_on: on.toString(), due_cents: withdrawn - input.depreciationCents, depreciation_cents: input.depreciationCents, depreciation_reason: input.depreciationReason ?? null });
      await trx.deleteFrom('withdrawal_depreciation_photos').where('shop_id', '=', shop.slug).where('withdrawal_id', '=', id).execute();
      if (judged.length) await trx.insertInto('withdrawal_depreciation_photos').values(judged.map((p, i) => ({ shop_id: shop.slug, withdrawal_id: id, photo_no: i + 1, content_type: p.type, bytes: p.data }))).execute();
    } else if (input.type === 'goods_received') updated = await q.updateWithdrawal(trx, shop.slug, id, { goods_received_on: on.toString() });
    else if (input.type === 'proof_of_shipment') updated = await q.updateWithdrawal(trx, shop.slug, id, { proof_of_shipment_on: on.toString() });
    else {
      if (w.refunded_on !== null) throw new WithdrawalRefused('withdrawal_already_refunded');
      updated = await q.updateWithdrawal(trx, shop.slug, id, { refunded_on: on.toString(), refunded_cents: input.amountCents ?? 0 });
    }
    const dueOn = refundDueOf(updated, shop);
    const more = inTransaction ? await inTransaction(trx, updated, input) : {};
    const surcharge = input.type === 'refunded' && dueOn ? surchargeOn(updated, shop, dueOn, on) : null;
    await appendEvent(
      trx,
      {
        shopId: shop.slug, orderId: order.id, type: `withdrawal_${input.type}`, at: new Date(instant.epochMilliseconds), actor,
        data: {
          withdrawalId: id, on: on.toString(), refundDueOn: dueOn?.toString() ?? null,
          ...(input.amountCents !== undefined && { amountCents: input.amountCents }),
          ...(surcharge && { daysLate: surcharge.daysLate, lateSurchargeCents: surcharge.surchargeCents, lateSurchargeRate: surcharge.rateLabel }),
          ...(input.depreciationCents !== undefined && { depreciationCents: input.depreciationCents, depreciationReason: input.depreciationReason ?? null, depreciationPhotos: judged.length, dueCents: updated.due_cents }),
          ...(input.note && { note: input.note }),
          ...more,
        },
      },
      new Date(now.epochMilliseconds),
    );
    return withdrawalJson(updated, shop, today);
  });
}
