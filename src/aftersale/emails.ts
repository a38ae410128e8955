/**
 * The acknowledgement e-mail as the outbox stores it: a template name and the withdrawal's id
 * (issue 9: a reference, rendered at send time by src/web/aftersale/emails.ts, which the
 * composition root registers), and the name of its PDF attachment.
 */
export const WITHDRAWAL_ACK_TEMPLATE = 'withdrawal_acknowledgement';
export const WITHDRAWAL_PDF_ATTACHMENT = 'withdrawal_pdf';
