/**
 * The terms an order binds: the documents the shop's profile asks the customer to accept, in
 * force today in the shop's zone. The CGV PDF of the confirmation e-mail is rendered when the
 * e-mail is sent (src/checkout/emails.ts), never on the order path.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../kernel/clock.ts';
import { localDate } from '../kernel/calendar.ts';
import { termsToAccept } from '../legal/terms/service.ts';
import type { Shop } from '../shops/service.ts';
import type { AcceptedDocument } from './accepted-document.ts';

export async function termsForOrder(db: Kysely<DB>, clock: Clock, shop: Shop): Promise<{ terms: AcceptedDocument[] }> {
  const versions = await termsToAccept(db, shop, localDate(clock.now(), shop.timeZone));
  return { terms: versions.map((v) => ({ kind: v.kind, version: v.version, sha256: v.sha256, title: v.title })) };
}
