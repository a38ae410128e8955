/**
 * The seller ends a contract after a formal notice left without effect (issue 11 §6; 003 art.19
 * non-payment, art.7.2 goods not collected): once the notice's period has passed and nothing
 * cured the breach, `POST /shops/{shop}/orders/{id}/formal-notice-termination` cancels the order as
 * any cancellation (src/flows/cancel-order.ts: stock back, a credit note for an invoiced order),
 * with its kind `non_payment` or `non_collection`; the deposit is kept where the terms say so
 * (art.7.2 "conserver l'acompte"), the rest of what was paid is owed back; the customer is told by e-mail.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import type { Clock } from '../kernel/clock.ts';
import { DomainError } from '../kernel/errors.ts';
import { t } from '../kernel/i18n/index.ts';
import { money } from '../kernel/i18n/money.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import { checkNoticeTermination, noticeTerms } from '../orders/formal-notice-rules.ts';
import { formalNoticesOfOrder, letterOf } from '../orders/formal-notices.ts';
import { customerOf, lockOwnOrder, longDay } from '../orders/late-delivery.ts';
import { isSpecialOrder } from '../orders/special-orders.ts';
import { transition } from '../orders/state-machine.ts';
import type { Shop } from '../shops/service.ts';
import { cancelOrder } from './cancel-order.ts';
import { customerLang } from '../shops/customer-language.ts';

export async function terminateOnFormalNotice(deps: { db: Kysely<DB>; clock: Clock }, shop: Shop, orderId: string, input: { noticeId: string; note?: string | undefined }, actor: string) {
  const nowInstant = deps.clock.now();
  const now = new Date(nowInstant.epochMilliseconds);
  const today = localDate(nowInstant, shop.timeZone);
  return deps.db.transaction().execute(async (trx) => {
    const order = await lockOwnOrder(trx, shop.slug, orderId, null);
    const notice = (await formalNoticesOfOrder(trx, shop, order.id)).find((n) => n.id === input.noticeId);
    const terms = notice ? noticeTerms(shop.profile, notice.kind) : null;
    if (!notice || !terms) throw new DomainError('not_found', 'not_found', { what: 'formal_notice' });
    checkNoticeTermination(terms, letterOf(notice), notice.cured, today);
    // 003 art.7.2: goods ordered specially stay due in full — closed by the special-order settlement instead.
    if (notice.kind === 'non_collection' && (await isSpecialOrder(trx, shop, order.id))) throw new DomainError('special_order_full_price_due', 'refused', {}, 'noticeId');
    if (!transition(order.status, 'cancelled', notice.kind).allowed) throw new DomainError('transition_not_allowed', 'refused', { status: order.status, event: 'cancelled' }, 'noticeId');
    const kept = terms.depositKept ? (order.deposit_cents ?? 0) : 0;
    const cancelled = await cancelOrder(trx, order, {
      reason: notice.kind,
      actor,
      at: now,
      now,
      ...(input.note && { note: input.note }),
      decided: { keptCents: kept, owedByCustomerCents: 0 },
      evidence: { noticeId: notice.id, clause: terms.clause, sentOn: notice.sentOn, presentedOn: notice.presentedOn, receivedOn: notice.receivedOn, periodEndsOn: notice.periodEndsOn },
    });
    const customer = await customerOf(trx, shop.slug, order.customer_id);
    const lang = customerLang(shop, customer.language);
    await enqueueEmail(
      trx,
      {
        shopId: shop.slug,
        to: customer.email,
        order: { id: order.id, lang },
        subject: t(lang, 'formalNotice.mail.terminated.subject', { number: order.number }),
        text: t(lang, `formalNotice.mail.terminated.${notice.kind}`, { name: customer.first_name, number: order.number, shop: shop.name, on: longDay(lang, today.toString()), sentOn: longDay(lang, notice.sentOn), kept: money(lang, cancelled.keptCents), refund: money(lang, cancelled.creditCents) }),
      },
      now,
    );
    return { orderId: order.id, status: 'cancelled', reason: notice.kind, terminatedOn: today.toString(), keptCents: cancelled.keptCents, refundCents: cancelled.creditCents, notice };
  });
}
