/**
 * The order confirmation: on a durable medium (C. consom. L221-13), with every line, the total,
 * the payment method and the accepted terms, whose PDF is attached, and the transfer QR code.
 *
 * The order's transaction only enqueues a reference (`confirmationToSend`: template name, order
 * id, amount asked, link — issue 9); `renderConfirmation` writes the e-mail when the outbox sends
 * it, from the order as committed, so the PDF and PNG are rendered off the order path.
 */
import type { Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { LRUCache } from 'lru-cache';
import { money } from '../kernel/i18n/money.ts';
import type { DB } from '../db/schema.ts';
import { type Lang, type MessageKey, t } from '../kernel/i18n/index.ts';
import { findTermsVersion, type TermsVersion } from '../legal/terms/service.ts';
import type { AttachmentRef, Email, TemplateEmail } from '../notifications/outbox.ts';
import type { RenderedEmail } from '../notifications/templates.ts';
import { TRANSFER_QR_FILENAME, type TransferInstructions, transferInstructions, transferQrPayload, transferTextLines } from '../payments/transfer.ts';
import { getShop, type Shop } from '../shops/service.ts';
import type { AcceptedDocument } from './accepted-document.ts';
import type { PricedLine, Totals } from './pricing.ts';

type Summary = {
  number: string;
  lines: readonly Pick<PricedLine, 'quantity' | 'name' | 'sku' | 'unitPriceCents' | 'totalCents'>[];
  totals: Pick<Totals, 'shippingCents' | 'grossCents' | 'vatCents'>;
  delivery: { mode: string };
  paymentMethod: string;
  terms: readonly AcceptedDocument[];
  url: string;
  transfer?: TransferInstructions | null;
};

/** The transfer instructions as text lines, the QR code being attached (issue 4 §1). */
function transferLines(lang: Lang, transfer: TransferInstructions | null | undefined): string[] {
  if (!transfer) return [];
  return ['', ...transferTextLines(lang, transfer), t(lang, 'transfer.awaiting'), t(lang, 'transfer.mail.qr', { file: TRANSFER_QR_FILENAME })];
}

export function confirmationEmail(shop: Shop, customer: { email: string; firstName: string }, order: Summary): Omit<Email, 'attachments'> {
  const lang: Lang = shop.language;
  const lines = order.lines.map((l) => `  ${l.quantity} × ${l.name} (${l.sku}) — ${money(lang, l.unitPriceCents)} = ${money(lang, l.totalCents)}`);
  const text = [
    t(lang, 'order.mail.intro', { name: customer.firstName, number: order.number }),
    '',
    ...lines,
    `  ${t(lang, 'order.mail.shipping')} (${order.delivery.mode}) : ${money(lang, order.totals.shippingCents)}`,
    `  ${t(lang, 'order.mail.total')} : ${money(lang, order.totals.grossCents)} (${t(lang, 'order.mail.vat')} ${money(lang, order.totals.vatCents)})`,
    `  ${t(lang, 'order.mail.payment')} : ${t(lang, `payment.${order.paymentMethod}` as MessageKey)}`,
    ...transferLines(lang, order.transfer),
    '',
    t(lang, 'order.mail.terms', { terms: order.terms.map((d) => `${d.title} (version ${d.version}, SHA-256 ${d.sha256.slice(0, 16)}…)`).join(', ') }),
    '',
    t(lang, 'order.mail.follow', { url: order.url }),
    '',
    shop.name,
  ].join('\n');
  return { shopId: shop.slug, to: customer.email, subject: t(lang, 'order.mail.subject', { shop: shop.name, number: order.number }), text };
}

export const CONFIRMATION_TEMPLATE = 'order_confirmation';

/** What the order's transaction stores: a few hundred bytes, nothing rendered but the subject. */
export type ConfirmationData = { orderId: string; lang: Lang; amountDueCents: number; url: string };

/** The terms PDF attached: the first CGV the order binds (a reference to its version). */
function cgvOf(terms: readonly AcceptedDocument[]) {
  return terms.find((d) => d.kind === 'cgv');
}

/**
 * The confirmation to enqueue in the order's transaction, with the subject and file names the
 * evidence event records (what will be sent, known without rendering it).
 */
export function confirmationToSend(shop: Shop, to: string, order: { id: string; number: string; url: string; amountDueCents: number; transfer: boolean }, terms: readonly AcceptedDocument[]) {
  const data: ConfirmationData = { orderId: order.id, lang: shop.language, amountDueCents: order.amountDueCents, url: order.url };
  const email: TemplateEmail = { shopId: shop.slug, to, template: CONFIRMATION_TEMPLATE, data };
  const cgv = cgvOf(terms);
  const files = [...(cgv ? [`${shop.slug}-${cgv.kind}-${cgv.version}.pdf`] : []), ...(order.transfer && order.amountDueCents > 0 ? [TRANSFER_QR_FILENAME] : [])];
  return { email, subject: t(shop.language, 'order.mail.subject', { shop: shop.name, number: order.number }), attachments: files };
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
    .select(['o.number', 'o.payment_method', 'o.payment_reference', 'o.accepted_terms', 'o.delivery', 'o.shipping_cents', 'o.gross_cents', 'o.vat_cents', 'c.email', 'c.first_name'])
    .select((eb) =>
      jsonArrayFrom(
        eb.selectFrom('order_lines as l').select(['l.quantity', 'l.name', 'l.sku', 'l.unit_price_cents', 'l.total_cents']).whereRef('l.shop_id', '=', 'o.shop_id').whereRef('l.order_id', '=', 'o.id').orderBy('l.line_no'),
      ).as('lines'),
    )
    .where('o.shop_id', '=', shopId)
    .where('o.id', '=', orderId)
    .executeTakeFirstOrThrow();
}

/** The confirmation as sent: the order, its lines and terms as committed; the files as references. */
export async function renderConfirmation(db: Kysely<DB>, row: { shopId: string | null; to: string; data: Record<string, unknown> }): Promise<RenderedEmail> {
  const data = row.data as ConfirmationData;
  const shop = await getShop(db, row.shopId ?? '');
  const order = await orderForConfirmation(db, shop.slug, data.orderId);
  const bound = await Promise.all(order.accepted_terms.map((a) => termsVersionOf(db, shop.slug, a.kind, a.version)));
  const terms = bound.map((v) => ({ kind: v.kind, version: v.version, sha256: v.sha256, title: v.title }));
  const transfer = data.amountDueCents > 0 ? transferInstructions(shop.profile, { paymentMethod: order.payment_method, paymentReference: order.payment_reference, amountDueCents: data.amountDueCents }) : null;
  const email = confirmationEmail(shop, { email: order.email, firstName: order.first_name }, {
    number: order.number,
    lines: order.lines.map((l) => ({ quantity: l.quantity, name: l.name, sku: l.sku, unitPriceCents: Number(l.unit_price_cents), totalCents: Number(l.total_cents) })),
    totals: { shippingCents: Number(order.shipping_cents), grossCents: Number(order.gross_cents), vatCents: Number(order.vat_cents) },
    delivery: order.delivery as { mode: string },
    paymentMethod: order.payment_method,
    terms,
    url: data.url,
    transfer,
  });
  const cgv = bound.find((v) => v.kind === 'cgv');
  const attachments: AttachmentRef[] = [...(cgv ? [{ type: 'terms_pdf', id: cgv.id }] : []), ...(transfer ? [{ type: 'epc_qr', id: transferQrPayload(transfer) }] : [])];
  return { subject: email.subject, text: email.text, attachments };
}
