/**
 * The withdrawal's acknowledgement e-mail, rendered by the outbox at send time (issue 9: a row
 * holds a reference, not the text or the PDF; src/aftersale/emails.ts names it): the composition
 * root registers the template and the PDF attachment (src/platform/email-templates.ts). Both are built from the stored
 * withdrawal, which never changes once confirmed, so what is sent is what was acknowledged.
 */
import type { Kysely } from 'kysely';
import type { DB, EmailAttachment } from '../../db/schema.ts';
import { isLang, type Lang, t } from '../../kernel/i18n/index.ts';
import type { RenderedEmail } from '../../notifications/templates.ts';
import { getShop } from '../../shops/service.ts';
import { acknowledgement, acknowledgementText } from './acknowledgement.ts';
import { renderWithdrawalPdf } from './pdf.ts';
import { WITHDRAWAL_PDF_ATTACHMENT } from '../../aftersale/emails.ts';
import { findOrder, findWithdrawal } from '../../aftersale/queries.ts';


/** The withdrawal, its shop and the terms its order accepted; `id` is `<withdrawal id>` or `<id>:<lang>`. */
async function load(db: Kysely<DB>, shopId: string | null, id: string) {
  const [withdrawalId = '', langCode] = id.split(':');
  const shop = await getShop(db, shopId ?? '');
  const w = await findWithdrawal(db, shop.slug, withdrawalId);
  if (!w) throw new Error(`withdrawal ${withdrawalId} not found`);
  const order = await findOrder(db, shop.slug, w.order_id);
  const lang: Lang = isLang(langCode) ? langCode : shop.language;
  return { shop, w, lang, terms: order?.accepted_terms ?? [] };
}

export async function renderWithdrawalAck(db: Kysely<DB>, row: { shopId: string | null; data: Record<string, unknown> }): Promise<RenderedEmail> {
  const id = String(row.data.withdrawalId ?? '');
  const langCode = isLang(row.data.lang) ? row.data.lang : undefined;
  const { shop, w, lang, terms } = await load(db, row.shopId, langCode ? `${id}:${langCode}` : id);
  const ack = acknowledgement(lang, shop, w, terms);
  return {
    subject: t(lang, 'withdrawal.mail.subject', { shop: shop.name, number: ack.statement.order.number }),
    text: acknowledgementText(lang, shop, ack),
    attachments: [{ type: WITHDRAWAL_PDF_ATTACHMENT, id: `${w.id}:${lang}` }],
  };
}

export async function withdrawalPdfAttachment(db: Kysely<DB>, shopId: string | null, id: string): Promise<EmailAttachment> {
  const { shop, w, lang, terms } = await load(db, shopId, id);
  const pdf = await renderWithdrawalPdf(lang, shop, w, terms);
  const number = (w.statement as unknown as { order: { number: string } }).order.number;
  return { filename: `${shop.slug}-retractation-${number}.pdf`, contentType: 'application/pdf', contentBase64: pdf.toString('base64') };
}
