/**
 * The customer's e-mail at each transition they care about (issue 11 §7, SPEC C21): accepted,
 * refused, shipped, delivered or picked up, cancelled — with the reason staff gave for a refusal
 * or a cancellation. Queued in the outbox in the fact's own transaction (STYLE.md §16), so a fact
 * recorded is a customer told, and nothing is sent for a fact rolled back. Written in the
 * customer's language, or in the shop's when its terms say every notification is in that language
 * only (`legalLanguageLocked`: 000 §18, A-04).
 */
import type { Transaction } from 'kysely';
import { findCustomer } from '../accounts/queries.ts';
import type { DB } from '../db/schema.ts';
import { type Lang, type MessageKey, t } from '../kernel/i18n/index.ts';
import { dateTimeFormat } from '../kernel/intl.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import { customerLang } from '../shops/customer-language.ts';
import type { Shop } from '../shops/service.ts';

export const CUSTOMER_FACING = ['accepted', 'refused', 'shipped', 'delivered', 'picked_up', 'cancelled'] as const;
export type CustomerFacing = (typeof CUSTOMER_FACING)[number];
export const isCustomerFacing = (type: string): type is CustomerFacing => (CUSTOMER_FACING as readonly string[]).includes(type);

const LOCALE: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB', nl: 'nl-BE' };

export { customerLang };

export type TransitionNotice = {
  type: CustomerFacing;
  /** When it happened (shown as a day in the shop's zone). */
  at: Date;
  now: Date;
  /** The reason staff gave (a refusal, a cancellation). */
  reason?: string | undefined;
  /** The origin of the link to the order page; without it the e-mail gives the path. */
  baseUrl?: string | undefined;
};

/** The e-mail's subject and text (exported for the tests and for other flows' notices). */
export function transitionEmail(shop: Shop, lang: Lang, order: { id: string; number: string }, firstName: string, n: Pick<TransitionNotice, 'type' | 'at' | 'reason' | 'baseUrl'>) {
  const date = dateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: shop.timeZone }).format(n.at);
  const params = { shop: shop.name, number: order.number, name: firstName, date };
  const url = `${n.baseUrl ?? ''}/shops/${shop.slug}/orders/${order.id}`;
  const text = [
    t(lang, 'tracking.mail.hello', params),
    '',
    t(lang, `tracking.mail.${n.type}.text` as MessageKey, params),
    ...(n.reason ? ['', t(lang, 'tracking.mail.reason', { reason: n.reason })] : []),
    ...(n.type === 'refused' || n.type === 'cancelled' ? ['', t(lang, 'tracking.mail.voided')] : []),
    '',
    t(lang, 'tracking.mail.follow', { url }),
    '',
    shop.name,
  ].join('\n');
  return { subject: t(lang, `tracking.mail.${n.type}.subject` as MessageKey, params), text };
}

/**
 * Queues the e-mail telling the order's customer of the transition, in the caller's transaction.
 * Resolves to what the evidence may record of it (outbox id, recipient, subject), or null when
 * the customer is gone.
 */
export async function notifyCustomerOfTransition(trx: Transaction<DB>, shop: Shop, order: { id: string; number: string; customer_id: string }, n: TransitionNotice) {
  const customer = await findCustomer(trx, shop.slug, order.customer_id);
  if (!customer) return null;
  const lang = customerLang(shop, customer.language);
  const mail = transitionEmail(shop, lang, order, customer.first_name, n);
  const queued = await enqueueEmail(trx, { shopId: shop.slug, to: customer.email, ...mail, order: { id: order.id, lang } }, n.now);
  return { emailOutboxId: queued.id, emailTo: customer.email, subject: mail.subject, lang };
}
