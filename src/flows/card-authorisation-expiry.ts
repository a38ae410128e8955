/**
 * SPEC.md A-63 (issue 11 §6): a card authorisation taken at order, to be captured at shipment
 * (004 art.4 O9b), that will have expired by the planned shipment. On the day to act
 * (payments/card/authorisation-expiry.ts) the customer is e-mailed a link to their order page,
 * which offers card checkout again while the order awaits payment; an evidence event records the
 * request, once per authorisation. Staff recording `shipped` after the expiry get 422
 * `card_authorisation_expired` (capture.ts) until the customer has paid again. Run by the
 * due-jobs runner. A flow: payments knows the authorisation, orders the planned shipment day
 * (staff's `shipment_planned`, else the day the delivery promise allows).
 */
import type { Kysely } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import type { Clock } from '../kernel/clock.ts';
import { t } from '../kernel/i18n/index.ts';
import { appendEvent, lockOrderForEvents } from '../legal/evidence/service.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import { changeFacts } from '../orders/customer-changes.ts';
import { authorisationOutlook } from '../payments/card/authorisation-expiry.ts';
import { pendingAuthorisations } from '../payments/card/service.ts';
import { customerLang } from '../shops/customer-language.ts';
import { getShop, type Shop } from '../shops/service.ts';

export const REAUTHORISATION_REQUESTED = 'card_reauthorisation_requested';

/** Returns how many customers were asked to pay again. */
export async function runCardAuthorisationExpiry(deps: { db: Kysely<DB>; clock: Clock; publicUrl: string }): Promise<number> {
  const { db } = deps;
  const shops = new Map<string, Shop>();
  let asked = 0;
  for (const a of await pendingAuthorisations(db)) {
    const shop = shops.get(a.shopId) ?? (await getShop(db, a.shopId));
    shops.set(a.shopId, shop);
    const now = deps.clock.now();
    const today = localDate(now, shop.timeZone);
    const order = await db.selectFrom('orders').selectAll().where('shop_id', '=', a.shopId).where('id', '=', a.orderId).executeTakeFirst();
    if (order?.status !== 'awaiting_payment') continue;
    const { plannedShipOn } = await changeFacts(db, shop, order, 0, today);
    if (!plannedShipOn) continue;
    const outlook = authorisationOutlook(Temporal.Instant.fromEpochMilliseconds(a.authorisedAt.getTime()), plannedShipOn, shop.timeZone);
    if (!outlook.actFrom || Temporal.PlainDate.compare(today, outlook.actFrom) < 0) continue;
    const at = new Date(now.epochMilliseconds);
    const done = await db.transaction().execute(async (trx) => {
      if (!(await lockOrderForEvents(trx, shop.slug, order.id))) return false;
      const earlier = await trx.selectFrom('order_events').select('data').where('shop_id', '=', shop.slug).where('order_id', '=', order.id).where('type', '=', REAUTHORISATION_REQUESTED).execute();
      const dataOf = (d: unknown) => (typeof d === 'string' ? JSON.parse(d) : d) as Record<string, unknown>;
      if (earlier.some((e) => dataOf(e.data).paymentIntentId === a.paymentIntentId)) return false;
      const customer = await trx.selectFrom('customers').select(['email', 'language']).where('shop_id', '=', shop.slug).where('id', '=', order.customer_id).executeTakeFirst();
      if (!customer) return false;
      const lang = customerLang(shop, customer.language);
      const params = { shop: shop.name, number: order.number, shipOn: plannedShipOn.toString(), expiresOn: outlook.expiresOn.toString(), url: new URL(`/shops/${shop.slug}/orders/${order.id}`, deps.publicUrl).toString() };
      const subject = t(lang, 'card.reauthorise.subject', params);
      const mail = await enqueueEmail(trx, { shopId: shop.slug, to: customer.email, subject, text: t(lang, 'card.reauthorise.body', params), order: { id: order.id, lang } }, at);
      const data = { paymentIntentId: a.paymentIntentId, authorisedAt: a.authorisedAt.toISOString(), expiresAt: outlook.expiresAt.toString(), plannedShipOn: plannedShipOn.toString(), emailOutboxId: mail.id, emailTo: customer.email, lang };
      await appendEvent(trx, { shopId: shop.slug, orderId: order.id, type: REAUTHORISATION_REQUESTED, at, actor: 'system', data }, at);
      return true;
    });
    if (done) asked += 1;
  }
  return asked;
}
