/**
 * The e-mail templates and attachment renderers the outbox uses at send time (issue 9). Here, in
 * the composition root, because they span capabilities the notifications base may not import.
 * Attachments are cached in process by what determines them: the terms version id (an immutable
 * version, the same bytes as GET /shops/{shop}/terms/{kind}/{version}.pdf) and the QR payload.
 */
import { WARRANTY_CLAIM_ACK_TEMPLATE } from '../aftersale/claims.ts';
import { findDocument } from '../campaigns/service.ts';
import { CAMPAIGN_DOCUMENT_ATTACHMENT } from '../flows/close-campaign.ts';
import { WITHDRAWAL_ACK_TEMPLATE, WITHDRAWAL_PDF_ATTACHMENT } from '../aftersale/emails.ts';
import { CONFIRMATION_TEMPLATE } from '../checkout/emails.ts';
import { getTermsVersion, termsPdf } from '../legal/terms/service.ts';
import { cachedAttachments, type EmailTemplates } from '../notifications/templates.ts';
import { epcQrPng } from '../payments/epc-qr.ts';
import { TRANSFER_QR_FILENAME } from '../payments/transfer.ts';
import { getShop } from '../shops/service.ts';
import { renderClaimAck } from '../web/aftersale/claims-emails.ts';
import { renderWithdrawalAck, withdrawalPdfAttachment } from '../web/aftersale/emails.ts';
import { renderConfirmation } from '../web/checkout/emails.ts';
import { TODAY_DIGEST_TEMPLATE } from '../flows/today-digest.ts';
import { renderTodayDigest } from '../web/orders/emails.ts';
import { MODEL_FORM_ATTACHMENT, modelFormAttachment } from '../web/aftersale/model-form-pdf.ts';

export const emailTemplates: EmailTemplates = {
  templates: { [CONFIRMATION_TEMPLATE]: renderConfirmation, [WITHDRAWAL_ACK_TEMPLATE]: renderWithdrawalAck, [WARRANTY_CLAIM_ACK_TEMPLATE]: renderClaimAck, [TODAY_DIGEST_TEMPLATE]: renderTodayDigest },
  attachments: {
    terms_pdf: cachedAttachments(async (db, shopId, id) => {
      const shop = await getShop(db, shopId ?? '');
      const version = await getTermsVersion(db, shop.slug, id);
      const pdf = await termsPdf(version, shop);
      return { filename: `${shop.slug}-${version.kind}-${version.version}.pdf`, contentType: 'application/pdf', contentBase64: pdf.toString('base64') };
    }, 16),
    epc_qr: cachedAttachments(async (_db, _shopId, payload) => {
      const png = await epcQrPng(payload, { width: 300 });
      return { filename: TRANSFER_QR_FILENAME, contentType: 'image/png', contentBase64: png.toString('base64') };
    }, 256),
    // A withdrawal's statement never changes once confirmed: its PDF (per language) is rendered once while used.
    [WITHDRAWAL_PDF_ATTACHMENT]: cachedAttachments(withdrawalPdfAttachment, 16),
    // The model withdrawal form names one consumer and their address: rendered for each e-mail, never cached.
    [MODEL_FORM_ATTACHMENT]: modelFormAttachment,
    // A campaign's supplier order (issue 12 §5), stored as sent when the campaign closed.
    [CAMPAIGN_DOCUMENT_ATTACHMENT]: async (db, shopId, id) => {
      const d = await findDocument(db, shopId ?? '', id);
      return { filename: d.filename, contentType: d.format === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8', contentBase64: Buffer.from(d.content).toString('base64') };
    },
  },
};
