/**
 * The staff "today" digest's words (issue 11 §7), rendered by the outbox at send time from the
 * row's data (src/flows/today-digest.ts queues it; the composition root registers it in
 * src/platform/email-templates.ts): the day, each order with its deadline and how near it is, and
 * the link to the view.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TodayDigestData } from '../../flows/today-digest.ts';
import { isLang, type MessageKey, t } from '../../kernel/i18n/index.ts';
import type { RenderedEmail } from '../../notifications/templates.ts';
import { plainDate } from './views/labels.ts';
import { whenLabel } from './views/staff-today-page.tsx';

export async function renderTodayDigest(_db: Kysely<DB>, row: { data: Record<string, unknown> }): Promise<RenderedEmail> {
  const data = row.data as unknown as TodayDigestData;
  const lang = isLang(data.lang) ? data.lang : 'fr';
  const date = plainDate(lang, data.day);
  const text = [
    t(lang, 'today.mail.intro', { date }),
    '',
    ...data.lines.map((l) => `- ${l.number} (${l.customerName}) — ${t(lang, `today.kind.${l.kind}` as MessageKey)} : ${plainDate(lang, l.on)} (${whenLabel(lang, l.daysLeft)})`),
    '',
    t(lang, 'today.mail.link', { url: data.url }),
  ].join('\n');
  return { subject: t(lang, 'today.mail.subject', { shop: data.shopName, date, count: data.lines.length }), text, attachments: [] };
}
