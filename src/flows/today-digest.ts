/**
 * The "today" digest (issue 11 §7): once a day, from 07:00 on the shop's clock, an e-mail to the
 * shop's staff listing every order whose deadline is near or passed (src/flows/staff-today.ts).
 * Queued in the outbox as the `today_digest` template with the day and its lines (rendered at
 * send time: src/web/orders/emails.ts); never twice the same day — the check and the queueing run
 * in one transaction that locks the shop's row, and the outbox keeps sent e-mails 30 days, so
 * a second run, another process or a restart the same day sends nothing more. Run by the
 * due-jobs runner; a process looks at each shop at most once per shop day.
 */
import { type Kysely, sql } from 'kysely';
import { staffEmails } from '../aftersale/queries.ts';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Lang } from '../kernel/i18n/index.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import { listShops } from '../shops/service.ts';
import { staffToday, type TodayLine } from './staff-today.ts';

export const TODAY_DIGEST_TEMPLATE = 'today_digest';
/** The hour of the shop's day from which the digest goes out. */
export const DIGEST_HOUR = 7;

export type TodayDigestData = { day: string; lang: Lang; shopName: string; url: string; lines: Pick<TodayLine, 'kind' | 'on' | 'daysLeft' | 'number' | 'customerName'>[] };

/** The job, with its memory of the days each shop was looked at (one per runner). */
export function todayDigestJob(deps: { db: Kysely<DB>; clock: Clock; publicUrl: string }) {
  const looked = new Map<string, string>();
  return async (): Promise<{ sent: number }> => {
    const { db } = deps;
    const now = deps.clock.now();
    let sent = 0;
    for (const shop of await listShops(db)) {
      const local = now.toZonedDateTimeISO(shop.timeZone);
      const day = local.toPlainDate().toString();
      if (local.hour < DIGEST_HOUR || looked.get(shop.slug) === day) continue;
      looked.set(shop.slug, day);
      const { lines } = await staffToday(deps, shop);
      if (lines.length === 0) continue;
      const data: TodayDigestData = {
        day,
        lang: shop.language,
        shopName: shop.name,
        url: `${deps.publicUrl}/shops/${shop.slug}/staff/today`,
        lines: lines.map((l) => ({ kind: l.kind, on: l.on, daysLeft: l.daysLeft, number: l.number, customerName: l.customerName })),
      };
      const queued = await db.transaction().execute(async (trx) => {
        await trx.selectFrom('shops').select('id').where('id', '=', shop.slug).forUpdate().executeTakeFirst();
        const already = await trx.selectFrom('outbox').select('id').where('shop_id', '=', shop.slug).where('template', '=', TODAY_DIGEST_TEMPLATE).where(sql<string>`payload->>'day'`, '=', day).executeTakeFirst();
        if (already) return false;
        const at = new Date(now.epochMilliseconds);
        for (const { email } of await staffEmails(trx, shop.slug)) await enqueueEmail(trx, { shopId: shop.slug, to: email, template: TODAY_DIGEST_TEMPLATE, data }, at);
        return true;
      });
      if (queued) sent += 1;
    }
    return { sent };
  };
}
