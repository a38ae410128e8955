/**
 * Staff alerts before a withdrawal's refund falls due (issue 10 §3; refund-rules.ts `alertsFor`):
 * 10 days and 3 days before the due day, an e-mail to the shop's staff with the amount, the day
 * and the law that surcharges a late refund. Run by the due-jobs runner. Each withdrawal is
 * handled in its own short transaction that locks it (SKIP LOCKED) and keeps the last alert sent,
 * so a second run, or two instances at once, send nothing more; a clock moved past both days at
 * once sends only the more urgent alert.
 */
import type { Kysely, Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB, WithdrawalStatementJson } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import type { Clock } from '../kernel/clock.ts';
import { t } from '../kernel/i18n/index.ts';
import { money } from '../kernel/i18n/money.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import { listShops, type Shop } from '../shops/service.ts';
import { longDate } from './format.ts';
import * as q from './queries.ts';
import { alertsFor } from './refund-rules.ts';
import { refundDueOf } from './withdrawal-json.ts';

/** The most urgent alert due on `today` for a refund due on `dueOn`, if any. */
export function alertDue(dueOn: Temporal.PlainDate, today: Temporal.PlainDate): 10 | 3 | null {
  const reached = alertsFor(dueOn).filter((a) => Temporal.PlainDate.compare(a.on, today) <= 0);
  return reached.length === 0 ? null : reached.reduce((a, b) => (a.daysBefore < b.daysBefore ? a : b)).daysBefore;
}

/** `publicUrl`: the origin the alert's link to the staff order page starts with. */
export async function runWithdrawalRefundAlerts(deps: { db: Kysely<DB>; clock: Clock; publicUrl: string }): Promise<{ alerted: number }> {
  const now = deps.clock.now();
  let alerted = 0;
  for (const shop of await listShops(deps.db)) {
    const today = localDate(now, shop.timeZone);
    for (const w of await q.openRefunds(deps.db, shop.slug)) {
      const dueOn = refundDueOf(w, shop);
      const level = dueOn && alertDue(dueOn, today);
      if (!dueOn || !level || (w.alerted_days_before !== null && w.alerted_days_before <= level)) continue;
      if (await deps.db.transaction().execute((trx) => alert(trx, shop, w.id, { dueOn, level, today, now: new Date(now.epochMilliseconds), publicUrl: deps.publicUrl }))) alerted += 1;
    }
  }
  return { alerted };
}

type Alert = { dueOn: Temporal.PlainDate; level: 10 | 3; today: Temporal.PlainDate; now: Date; publicUrl: string };

async function alert(trx: Transaction<DB>, shop: Shop, id: string, { dueOn, level, today, now, publicUrl }: Alert): Promise<boolean> {
  const w = await trx.selectFrom('withdrawals').selectAll().where('shop_id', '=', shop.slug).where('id', '=', id).where('refunded_on', 'is', null).forUpdate().skipLocked().executeTakeFirst();
  if (!w || (w.alerted_days_before !== null && w.alerted_days_before <= level)) return false;
  const lang = shop.language;
  const number = (w.statement as unknown as WithdrawalStatementJson).order.number;
  const params = { shop: shop.name, number, date: longDate(lang, dueOn.toString()), amount: money(lang, w.due_cents), days: Math.max(0, today.until(dueOn).days), law: t(lang, `withdrawal.staff.surchargeLaw.${shop.legalSystem}`) };
  const subject = t(lang, 'withdrawal.alert.subject', params);
  const text = [t(lang, 'withdrawal.alert.text', params), '', `${publicUrl}/shops/${shop.slug}/staff/orders/${w.order_id}`].join('\n');
  for (const { email } of await q.staffEmails(trx, shop.slug)) await enqueueEmail(trx, { shopId: shop.slug, to: email, subject, text }, now);
  await q.updateWithdrawal(trx, shop.slug, id, { alerted_days_before: level });
  return true;
}
