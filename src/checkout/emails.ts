/**
 * The order confirmation: on a durable medium (C. consom. L221-13), with every line, the total,
 * the payment method and the accepted terms, whose PDF is attached, and the transfer QR code.
 *
 * The order's transaction only enqueues a reference (`confirmationToSend`: template name, order
 * id, amount asked, link — issue 9); when the outbox sends it, `confirmationFacts` reads the order
 * as committed and src/web/checkout/emails.ts writes the e-mail (presentation, floor 4), so the
 * PDF and PNG are rendered off the order path.
 */
import type { Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { LRUCache } from 'lru-cache';
import type { DB } from '../db/schema.ts';
import { type Lang, t } from '../kernel/i18n/index.ts';
import { findTermsVersion, type TermsVersion } from '../legal/terms/service.ts';
import type { TemplateEmail } from '../notifications/outbox.ts';
import { getShop, type Shop } from '../shops/service.ts';
import type { AcceptedDocument } from './accepted-document.ts';

export const CONFIRMATION_TEMPLATE = 'order_confirmation';

/** What the order's transaction stores: a few hundred bytes, nothing rendered but the subject. */
export type ConfirmationData = { orderId: string; lang: Lang; amountDueCents: number; url: string };

/** The terms PDF attached: the first CGV the order binds (a reference to its version). */
function cgvOf(terms: readonly AcceptedDocument[]) {
  return terms.find((d) => d.kind === 'cgv');
}

/**
 * The confirmation to enqueue in the order's transaction, with the subject and file names the
 * evidence event records (what will be sent, known without rendering it). `transferQrFile`: the
 * EPC QR code's file name when the order is paid by transfer (payments names it), else null.
 */
/** `modelFormFile`: the pre-filled model withdrawal form's file name when the order has the withdrawal right (issue 10 §8). */
/** `lang`: the language the shop writes to this customer in (src/shops/customer-language.ts). */
export function confirmationToSend(shop: Shop, to: string, lang: Lang, order: { id: string; number: string; url: string; amountDueCents: number; transferQrFile: string | null; modelFormFile?: string | null }, terms: readonly AcceptedDocument[]) {
  const data: ConfirmationData = { orderId: order.id, lang, amountDueCents: order.amountDueCents, url: order.url };
  const email: TemplateEmail = { shopId: shop.slug, to, template: CONFIRMATION_TEMPLATE, data };
  const cgv = cgvOf(terms);
  const files = [...(cgv ? [`${shop.slug}-${cgv.kind}-${cgv.version}.pdf`] : []), ...(order.transferQrFile && order.amountDueCents > 0 ? [order.transferQrFile] : []), ...(order.modelFormFile ? [order.modelFormFile] : [])];
  return { email, subject: t(lang, 'order.mail.subject', { shop: shop.name, number: order.number }), attachments: files };
}

/** Terms versions are immutable: their titles and ids are read once per process (bounded). */
const versions = new LRUCache<string, Promise<TermsVersion>>({ max: 64 });
function termsVersionOf(db: Kysely<DB>, shopId: string, kind: string, version: string): Promise<TermsVersion> {
  const key = `${shopId}\u0000${kind}\u0000${version}`;
  let hit = versions.get(key);
  if (!hit) {
    hit = findTermsVersion(db, shopId, kind, version);
    hit.catch(() => versions.delete(key));
    versions.set(key, hit);
  }
  return hit;
}

/** The order, its customer and its lines in one round trip: the sender shares the pool with checkout. */
function orderForConfirmation(db: Kysely<DB>, shopId: string, orderId: string) {
  return db
    .selectFrom('orders as o')
    .innerJoin('customers as c', (j) => j.onRef('c.shop_id', '=', 'o.shop_id').onRef('c.id', '=', 'o.customer_id'))
    .select(['o.number', 'o.customer_kind', 'o.payment_method', 'o.payment_reference', 'o.accepted_terms', 'o.delivery', 'o.shipping_cents', 'o.gross_cents', 'o.vat_cents', 'o.service_start_requested_at', 'c.email', 'c.first_name'])
    .select((eb) =>
      jsonArrayFrom(
        eb.selectFrom('order_lines as l').select(['l.quantity', 'l.name', 'l.sku', 'l.unit_price_cents', 'l.total_cents']).whereRef('l.shop_id', '=', 'o.shop_id').whereRef('l.order_id', '=', 'o.id').orderBy('l.line_no'),
      ).as('lines'),
    )
    .where('o.shop_id', '=', shopId)
    .where('o.id', '=', orderId)
    .executeTakeFirstOrThrow();
}


/** What the confirmation is written from: the shop, the order as committed and the terms versions it binds. */
export async function confirmationFacts(db: Kysely<DB>, shopId: string | null, orderId: string) {
  const shop = await getShop(db, shopId ?? '');
  const order = await orderForConfirmation(db, shop.slug, orderId);
  const terms = await Promise.all(order.accepted_terms.map((a) => termsVersionOf(db, shop.slug, a.kind, a.version)));
  return { shop, order, terms };
}
