/**
 * Change notices (000 §20, A-03; issue 3 §5): when a new version of a document takes effect,
 * each registered customer of the shop is told once, by e-mail through the outbox, with the
 * document, the version, the date and the link; `terms_notices` records when (the per-user
 * "informedAt" that binds 000's orders).
 *
 * Decision: every shop notifies, whatever its `terms.changeNotice`. For 000 (`written_per_user`)
 * the notice is what makes the new version apply to the user; for the others (`publish_online`,
 * `consult_periodically`, `none`) the profile states the shop's minimum, and telling registered
 * customers is never less than that. Only a version replacing an earlier one is news; the first
 * version of a document is not announced. A change stays news for NOTICE_WINDOW_DAYS (rules.ts).
 * Runs from the due-jobs runner (platform/jobs.ts), so the test clock triggers it.
 */
import type { Kysely } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { DB } from '../../db/schema.ts';
import { localDate } from '../../kernel/calendar.ts';
import { isLang, type Lang, type MessageKey, t } from '../../kernel/i18n/index.ts';
import { type Email, enqueueEmail } from '../../notifications/outbox.ts';
import { listShops, type Shop } from '../../shops/service.ts';
import { longDate } from './format.ts';
import * as q from './queries.ts';
import { noticesDue } from './rules.ts';

const BATCH = 200;

type Announced = { id: string; kind: string; version: string; title: string; effectiveFrom: string; effectiveUntil: string | null };

/** Enqueues the notices due at `now` in every shop; returns how many e-mails were enqueued. */
export async function notifyTermsChanges(db: Kysely<DB>, now: Temporal.Instant, publicUrl: string): Promise<number> {
  const versions = await q.listAllVersionMeta(db);
  const byShop = new Map<string, Announced[]>();
  for (const r of versions) {
    const list = byShop.get(r.shop_id) ?? [];
    list.push({ id: r.id, kind: r.kind, version: r.version, title: r.title, effectiveFrom: r.effective_from, effectiveUntil: r.effective_until });
    byShop.set(r.shop_id, list);
  }
  let sent = 0;
  for (const shop of await listShops(db)) {
    const own = byShop.get(shop.slug) ?? [];
    if (own.length < 2) continue; // a single version per kind is never news
    for (const version of noticesDue(own, localDate(now, shop.timeZone))) {
      sent += await notifyVersion(db, shop, version, new Date(now.epochMilliseconds), publicUrl);
    }
  }
  return sent;
}

/** Claims customers not yet told, in batches; each batch's notices and e-mails commit together. */
async function notifyVersion(db: Kysely<DB>, shop: Shop, version: Announced, at: Date, publicUrl: string): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await db.transaction().execute(async (trx) => {
      const claimed = await q.claimCustomersToNotify(trx, shop.slug, version.id, at, BATCH);
      const customers = await q.customersByIds(trx, shop.slug, claimed.map((c) => c.customer_id));
      for (const c of customers) {
        const lang = shop.profile.legalLanguageLocked || !isLang(c.language) ? shop.language : c.language;
        await enqueueEmail(trx, noticeEmail(lang, shop, version, { email: c.email, firstName: c.first_name }, publicUrl), at);
      }
      return claimed.length;
    });
    total += count;
    if (count < BATCH) return total;
  }
}

export function noticeEmail(lang: Lang, shop: Shop, version: Announced, to: { email: string; firstName: string }, publicUrl: string): Email {
  const url = `${publicUrl.replace(/\/$/, '')}/shops/${shop.slug}/terms/${version.kind}/${encodeURIComponent(version.version)}`;
  const kindName = t(lang, `terms.kind.${version.kind}` as MessageKey);
  const title = version.title || kindName;
  return {
    shopId: shop.slug,
    to: to.email,
    subject: t(lang, 'terms.mail.subject', { shop: shop.name, title }),
    text: t(lang, 'terms.mail.body', { firstName: to.firstName, title, shop: shop.name, date: longDate(lang, version.effectiveFrom), version: version.version, url }),
  };
}
