/**
 * The model withdrawal form (issue 10 §8; FR R221-1 annex, BE CDE Book VI annex 2): which orders
 * get one and the file's name. Pure, so the order's transaction can name the file in the
 * confirmation's evidence without rendering it; the PDF is drawn at send time
 * (src/web/aftersale/model-form-pdf.ts, registered by src/platform/email-templates.ts).
 */
import type { Shop } from '../shops/service.ts';

/** The outbox's attachment type: `{ type: MODEL_FORM_ATTACHMENT, id: <order id> }`. */
export const MODEL_FORM_ATTACHMENT = 'model_withdrawal_form';

/** A consumer's order with a shop whose terms give the withdrawal right (L221-18, VI.47): the only ones the form is for. */
export const modelFormApplies = (shop: Pick<Shop, 'profile'>, customerKind: string) => customerKind === 'consumer' && shop.profile.withdrawal !== undefined;

export const modelFormFileName = (shop: Pick<Shop, 'slug'>, orderNumber: string) => `${shop.slug}-formulaire-retractation-${orderNumber}.pdf`;
