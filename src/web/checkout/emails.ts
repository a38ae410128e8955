/**
 * The order confirmation's words (C. consom. L221-13: every line, the total, the payment method,
 * the accepted terms, and while a transfer is awaited its instructions with the QR code attached).
 * Presentation, so on floor 4: the outbox calls `renderConfirmation` at send time through the
 * composition root (src/platform/email-templates.ts); src/checkout/emails.ts enqueues the reference
 * in the order's transaction and reads the order as committed.
 */
import type { Kysely } from 'kysely';
import { confirmationFacts, type ConfirmationData } from '../../checkout/emails.ts';
import type { AcceptedDocument } from '../../checkout/accepted-document.ts';
import type { PricedLine, Totals } from '../../checkout/pricing.ts';
import type { DB } from '../../db/schema.ts';
import { slotText } from './views/delivery-facts.tsx';
import { formatDateTime } from './views/labels.ts';
import { isLang, type Lang, type MessageKey, t } from '../../kernel/i18n/index.ts';
import { money } from '../../kernel/i18n/money.ts';
import type { AttachmentRef, Email } from '../../notifications/outbox.ts';
import type { RenderedEmail } from '../../notifications/templates.ts';
import { TRANSFER_QR_FILENAME, type TransferInstructions, transferInstructions, transferQrPayload, transferTextLines } from '../../payments/transfer.ts';
import type { Shop } from '../../shops/service.ts';
import { MODEL_FORM_ATTACHMENT, modelFormApplies, modelFormFileName } from '../aftersale/model-form-pdf.ts';

type Summary = {
  number: string;
  lines: readonly Pick<PricedLine, 'quantity' | 'name' | 'sku' | 'unitPriceCents' | 'totalCents'>[];
  totals: Pick<Totals, 'shippingCents' | 'grossCents' | 'vatCents'>;
  /** The pickup point and slot held, when the order is collected (issue 12 §3). */
  delivery: { mode: string; pickupPoint?: { name: string }; slot?: { startsAt: string; endsAt: string } };
  paymentMethod: string;
  terms: readonly AcceptedDocument[];
  url: string;
  transfer?: TransferInstructions | null;
  /** The pre-filled model withdrawal form's file name, attached when the order has the withdrawal right (issue 10 §8). */
  modelForm?: string | null;
  /** The consumer's express request that a service start during the withdrawal period (issue 10 §2), confirmed on this durable medium. */
  serviceStartRequestedAt?: Date | null;
};

/** The transfer instructions as text lines, the QR code being attached (issue 4 §1). */
function transferLines(lang: Lang, transfer: TransferInstructions | null | undefined): string[] {
  if (!transfer) return [];
  return ['', ...transferTextLines(lang, transfer), t(lang, 'transfer.awaiting'), t(lang, 'transfer.mail.qr', { file: TRANSFER_QR_FILENAME })];
}

/** In the language chosen when the order was placed (the customer's, or the shop's where its terms lock it). */
export function confirmationEmail(shop: Shop, lang: Lang, customer: { email: string; firstName: string }, order: Summary): Omit<Email, 'attachments'> {
  const lines = order.lines.map((l) => `  ${l.quantity} × ${l.name} (${l.sku}) — ${money(lang, l.unitPriceCents)} = ${money(lang, l.totalCents)}`);
  const text = [
    t(lang, 'order.mail.intro', { name: customer.firstName, number: order.number }),
    '',
    ...lines,
    `  ${t(lang, 'order.mail.shipping')} (${order.delivery.mode}) : ${money(lang, order.totals.shippingCents)}`,
    ...(order.delivery.pickupPoint && order.delivery.slot ? [`  ${t(lang, 'delivery.mail.pickup', { point: order.delivery.pickupPoint.name, slot: slotText(lang, order.delivery.slot, shop.timeZone) })}`] : []),
    `  ${t(lang, 'order.mail.total')} : ${money(lang, order.totals.grossCents)} (${t(lang, 'order.mail.vat')} ${money(lang, order.totals.vatCents)})`,
    `  ${t(lang, 'order.mail.payment')} : ${t(lang, `payment.${order.paymentMethod}` as MessageKey)}`,
    ...transferLines(lang, order.transfer),
    '',
    t(lang, 'order.mail.terms', { terms: order.terms.map((d) => `${d.title} (version ${d.version}, SHA-256 ${d.sha256.slice(0, 16)}…)`).join(', ') }),
    ...(order.modelForm ? [t(lang, 'modelForm.mail', { file: order.modelForm })] : []),
    ...(order.serviceStartRequestedAt ? ['', t(lang, 'service.mail.requested', { at: formatDateTime(lang, order.serviceStartRequestedAt, shop.timeZone) })] : []),
    '',
    t(lang, 'order.mail.follow', { url: order.url }),
    '',
    shop.name,
  ].join('\n');
  return { shopId: shop.slug, to: customer.email, subject: t(lang, 'order.mail.subject', { shop: shop.name, number: order.number }), text };
}

/** The confirmation as sent: the order, its lines and terms as committed; the files as references. */
export async function renderConfirmation(db: Kysely<DB>, row: { shopId: string | null; to: string; data: Record<string, unknown> }): Promise<RenderedEmail> {
  const data = row.data as ConfirmationData;
  const { shop, order, terms: bound } = await confirmationFacts(db, row.shopId, data.orderId);
  const terms = bound.map((v) => ({ kind: v.kind, version: v.version, sha256: v.sha256, title: v.title }));
  // The model withdrawal form on a durable medium with the confirmation, so at the latest at delivery (L221-5, VI.45).
  const modelForm = modelFormApplies(shop, order.customer_kind) ? modelFormFileName(shop, order.number) : null;
  const transfer = data.amountDueCents > 0 ? transferInstructions(shop.profile, { paymentMethod: order.payment_method, paymentReference: order.payment_reference, amountDueCents: data.amountDueCents }) : null;
  const email = confirmationEmail(shop, isLang(data.lang) ? data.lang : shop.language, { email: order.email, firstName: order.first_name }, {
    number: order.number,
    lines: order.lines.map((l) => ({ quantity: l.quantity, name: l.name, sku: l.sku, unitPriceCents: Number(l.unit_price_cents), totalCents: Number(l.total_cents) })),
    totals: { shippingCents: Number(order.shipping_cents), grossCents: Number(order.gross_cents), vatCents: Number(order.vat_cents) },
    delivery: order.delivery as Summary['delivery'],
    paymentMethod: order.payment_method,
    terms,
    url: data.url,
    transfer,
    modelForm,
    serviceStartRequestedAt: order.service_start_requested_at === null ? null : new Date(order.service_start_requested_at),
  });
  const cgv = bound.find((v) => v.kind === 'cgv');
  const attachments: AttachmentRef[] = [...(cgv ? [{ type: 'terms_pdf', id: cgv.id }] : []), ...(transfer ? [{ type: 'epc_qr', id: transferQrPayload(transfer) }] : []), ...(modelForm ? [{ type: MODEL_FORM_ATTACHMENT, id: data.orderId }] : [])];
  return { subject: email.subject, text: email.text, attachments };
}
