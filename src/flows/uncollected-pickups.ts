/**
 * Pickup orders not collected by the end of their slot (issue 12 §5, issue 11 §6 "goods not
 * collected"), run by the due-jobs runner. Once the reminder day has come
 * (src/orders/uncollected-pickup-rules.ts: 2 days after the slot's last day) the customer gets
 * one e-mail, in their language (src/shops/customer-language.ts), through the outbox; the
 * evidence event `pickup_reminder_sent` records it, so no later run sends it again. A week later
 * the order joins the staff "today" view as "not collected: decide" (src/flows/staff-today.ts),
 * where staff record their decision: a new slot by hand, a formal notice where the terms provide
 * one (003 art.7.2, src/flows/formal-notice.ts), or the `cancelled` fact of kind `non_collection`.
 *
 * Each order is handled in its own transaction that locks it and checks again its status and its
 * evidence, so a second run, or two instances at once, send nothing more.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { DB } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import type { Clock } from '../kernel/clock.ts';
import { t } from '../kernel/i18n/index.ts';
import { appendEvent } from '../legal/evidence/service.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import { customerOf, longDay } from '../orders/late-delivery.ts';
import { lockOrder } from '../orders/state.ts';
import { pickupReminded, waitingPickups } from '../orders/uncollected-pickup-queries.ts';
import { reminderDue, slotEndDay, uncollectedDays } from '../orders/uncollected-pickup-rules.ts';
import { customerLang } from '../shops/customer-language.ts';
import { listShops, type Shop } from '../shops/service.ts';

export async function runUncollectedPickups(deps: { db: Kysely<DB>; clock: Clock }): Promise<{ reminded: number }> {
  const { db } = deps;
  const now = deps.clock.now();
  let reminded = 0;
  for (const shop of await listShops(db)) {
    const today = localDate(now, shop.timeZone);
    for (const order of await waitingPickups(db, shop.slug)) {
      if (!reminderDue(order, shop.timeZone, today) || (await pickupReminded(db, shop.slug, order.id))) continue;
      if (await db.transaction().execute((trx) => remind(trx, shop, order.id, now, today))) reminded += 1;
    }
  }
  return { reminded };
}

async function remind(trx: Transaction<DB>, shop: Shop, orderId: string, now: Temporal.Instant, today: Temporal.PlainDate): Promise<boolean> {
  const order = await lockOrder(trx, shop.slug, orderId);
  if (!order || !reminderDue(order, shop.timeZone, today) || (await pickupReminded(trx, shop.slug, order.id))) return false;
  const endDay = slotEndDay(order.delivery, shop.timeZone);
  if (!endDay) return false;
  const { decideOn } = uncollectedDays(endDay);
  const at = new Date(now.epochMilliseconds);
  const customer = await customerOf(trx, shop.slug, order.customer_id);
  const lang = customerLang(shop, customer.language);
  const point = (order.delivery as { pickupPoint?: { name?: string } }).pickupPoint?.name ?? '';
  const subject = t(lang, 'delivery.mail.uncollected.subject', { shop: shop.name, number: order.number });
  const text = [t(lang, 'delivery.mail.uncollected.text', { name: customer.first_name, number: order.number, on: longDay(lang, endDay.toString()), point, decideOn: longDay(lang, decideOn.toString()) }), '', shop.name].join('\n');
  const mail = await enqueueEmail(trx, { shopId: shop.slug, to: customer.email, subject, text, order: { id: order.id, lang } }, at);
  await appendEvent(
    trx,
    { shopId: shop.slug, orderId: order.id, type: 'pickup_reminder_sent', at, actor: 'system', data: { slotEndedOn: endDay.toString(), decideOn: decideOn.toString(), emailOutboxId: mail.id, emailTo: customer.email, subject } },
    at,
  );
  return true;
}
