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
import { DomainError, notFound, ValidationFailed } from '../kernel/errors.ts';
import { t } from '../kernel/i18n/index.ts';
import { isUuid } from '../kernel/ids.ts';
import { appendEvent } from '../legal/evidence/service.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import type { Shop } from '../shops/service.ts';
import { WithdrawalRefused } from './errors.ts';
import * as q from './queries.ts';
import type { WithdrawnLines } from './schema.ts';
import { chooseLines, orderEligibility } from './service.ts';
import { isOnTime } from './withdrawal-rules.ts';

export const LATE_GOODWILL_EVENT = 'late_withdrawal_goodwill_request';
/** Staff's answer to the request, an evidence event too: accepted or declined (with its reason), and the e-mail that told the customer. */
export const LATE_GOODWILL_ANSWER_EVENT = 'late_withdrawal_goodwill_answered';
export type GoodwillAnswer = { decision: 'accepted' | 'declined'; on: string; note: string | null };
export type LateGoodwillRequest = { requestedOn: string; periodEndsOn: string; lines: { sku: string; name: string; quantity: number }[]; answer?: GoodwillAnswer };

const dataOf = <T>(r: { data: unknown }) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as T;

/** The goodwill requests of an order, oldest first, as its evidence chain keeps them, each with staff's answer once given. */
export async function lateGoodwillRequests(db: Kysely<DB>, shop: Shop, orderId: string): Promise<LateGoodwillRequest[]> {
  if (!isUuid(orderId)) return [];
  const rows = await db.selectFrom('order_events').select(['type', 'data']).where('shop_id', '=', shop.slug).where('order_id', '=', orderId).where('type', 'in', [LATE_GOODWILL_EVENT, LATE_GOODWILL_ANSWER_EVENT]).orderBy('seq').execute();
  const answer = rows.find((r) => r.type === LATE_GOODWILL_ANSWER_EVENT);
  return rows.filter((r) => r.type === LATE_GOODWILL_EVENT).map((r, i) => ({ ...dataOf<LateGoodwillRequest>(r), ...(answer && i === 0 && { answer: dataOf<GoodwillAnswer>(answer) }) }));
}

export type GoodwillAnswerInput = { decision: 'accepted' | 'declined'; note?: string | undefined };

/**
 * Staff accept or decline the customer's late goodwill request (a decline says why), once; the
 * customer is told by e-mail (through the outbox, in this transaction) and reads the answer on the
 * withdrawal page. An acceptance binds the shop to the goodwill return it announces, not to the
 * law's withdrawal: no withdrawal row, no statutory refund deadline; the refund is staff's (payments).
 */
export async function answerLateGoodwill(deps: { db: Kysely<DB>; clock: Clock }, shop: Shop, orderId: string, input: GoodwillAnswerInput, actor: string): Promise<GoodwillAnswer> {
  if (!isUuid(orderId)) throw notFound('order');
  const note = input.note?.trim() || null;
  if (input.decision === 'declined' && !note) throw new ValidationFailed([{ field: 'note', code: 'required' }]);
  const now = deps.clock.now();
  const at = new Date(now.epochMilliseconds);
  return deps.db.transaction().execute(async (trx) => {
    const order = await q.lockOrder(trx, shop.slug, orderId);
    if (!order) throw notFound('order');
    const events = await trx.selectFrom('order_events').select(['type', 'data']).where('shop_id', '=', shop.slug).where('order_id', '=', order.id).where('type', 'in', [LATE_GOODWILL_EVENT, LATE_GOODWILL_ANSWER_EVENT]).orderBy('seq').execute();
    const request = events.find((e) => e.type === LATE_GOODWILL_EVENT);
    if (!request) throw notFound('goodwill_request');
    if (events.some((e) => e.type === LATE_GOODWILL_ANSWER_EVENT)) throw new DomainError('goodwill_already_answered', 'conflict');
    const asked = dataOf<LateGoodwillRequest>(request);
    const answer: GoodwillAnswer = { decision: input.decision, on: localDate(now, shop.timeZone).toString(), note };
    const customer = await q.customerOf(trx, shop.slug, order.customer_id);
    const mail = customer ? await enqueueEmail(trx, { shopId: shop.slug, to: customer.email, ...goodwillAnswerEmail(shop, order.number, customer.first_name, asked, answer), order: { id: order.id, lang: shop.language } }, at) : null;
    await appendEvent(trx, { shopId: shop.slug, orderId: order.id, type: LATE_GOODWILL_ANSWER_EVENT, at, actor, data: { ...answer, ...(mail && { emailOutboxId: mail.id, emailTo: customer?.email }) } }, at);
    return answer;
  });
}

/** The e-mail telling the customer the shop's answer, in the shop's language. */
function goodwillAnswerEmail(shop: Shop, number: string, name: string, asked: LateGoodwillRequest, answer: GoodwillAnswer): { subject: string; text: string } {
  const lang = shop.language;
  const lines = asked.lines.map((l) => `- ${l.quantity} × ${l.name}`).join('\n');
  const body =
    answer.decision === 'accepted'
      ? t(lang, 'withdrawal.goodwill.mail.accepted', { name, number, date: asked.requestedOn })
      : t(lang, 'withdrawal.goodwill.mail.declined', { name, number, date: asked.requestedOn, reason: answer.note ?? '' });
  return { subject: t(lang, 'withdrawal.goodwill.mail.subject', { shop: shop.name, number }), text: [body, '', lines, '', shop.name].join('\n') };
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
