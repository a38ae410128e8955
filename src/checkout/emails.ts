/**
 * The order confirmation: on a durable medium (C. consom. L221-13), with every line, the total,
 * the payment method and the accepted terms, whose PDF is attached by the caller.
 */
import { money } from '../catalogue/views/product-card.tsx';
import { type Lang, type MessageKey, t } from '../kernel/i18n/index.ts';
import type { Email } from '../notifications/outbox.ts';
import { TRANSFER_QR_FILENAME, type TransferInstructions, transferTextLines } from '../payments/transfer.ts';
import type { Shop } from '../shops/service.ts';
import type { AcceptedDocument } from './place-order.ts';
import type { PricedLine, Totals } from './pricing.ts';

type Summary = { number: string; lines: readonly PricedLine[]; totals: Totals; delivery: { mode: string }; paymentMethod: string; terms: readonly AcceptedDocument[]; url: string; transfer?: TransferInstructions | null };

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
