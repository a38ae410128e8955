/**
 * The terms an order binds: the documents the shop's profile asks the customer to accept, in
 * force today in the shop's zone, and the CGV as a PDF for the confirmation e-mail. Versions are
 * immutable, so each PDF is rendered once per process.
 */
import type { Kysely } from 'kysely';
import type { DB, EmailAttachment } from '../db/schema.ts';
import type { Clock } from '../kernel/clock.ts';
import { localDate } from '../kernel/calendar.ts';
import { termsPdf, termsToAccept } from '../legal/terms/service.ts';
import type { Shop } from '../shops/service.ts';
import type { AcceptedDocument } from './accepted-document.ts';

const pdfCache = new Map<string, string>();

export async function termsForOrder(db: Kysely<DB>, clock: Clock, shop: Shop): Promise<{ terms: AcceptedDocument[]; attachments: EmailAttachment[] }> {
  const versions = await termsToAccept(db, shop, localDate(clock.now(), shop.timeZone));
  const attachments: EmailAttachment[] = [];
  for (const v of versions.filter((d) => d.kind === 'cgv').slice(0, 1)) {
    const key = `${shop.slug}:${v.id}`;
    let content = pdfCache.get(key);
    if (!content) {
      content = (await termsPdf(v, shop)).toString('base64');
      pdfCache.set(key, content);
    }
    attachments.push({ filename: `${shop.slug}-${v.kind}-${v.version}.pdf`, contentType: 'application/pdf', contentBase64: content });
  }
  return { terms: versions.map((v) => ({ kind: v.kind, version: v.version, sha256: v.sha256, title: v.title })), attachments };
}
