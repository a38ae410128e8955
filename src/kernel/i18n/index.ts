/**
 * The one i18n catalogue. French first (DESIGN.md §10); English and Dutch selectable. Every
 * string shown to a person comes from here, so a missing translation is a compile error: each
 * entry must carry all three languages.
 *
 * Adding a messages file: create `./<topic>.ts` exporting `<topic>Messages = { … } satisfies
 * Record<string, Entry>`, importing `Entry` from './entry.ts' (never from this file, which would
 * make a cycle), then import it here and spread it into `catalogue` below.
 */
import { accountsMessages } from './accounts.ts';
import { aftersaleMessages } from './aftersale.ts';
import { bankMessages } from './bank.ts';
import { cardMessages } from './card.ts';
import { campaignMessages } from './campaigns.ts';
import { cartMessages } from './cart.ts';
import { checkoutMessages } from './checkout.ts';
import { claimMessages } from './claims.ts';
import { commonMessages } from './common.ts';
import { complaintsMessages } from './complaints.ts';
import { deliveryMessages } from './delivery.ts';
import { customerChangesMessages } from './customer-changes.ts';
import { isLang, type Lang } from './entry.ts';
import { errorMessages } from './errors.ts';
import { invoicingMessages } from './invoicing.ts';
import { paymentMessages } from './payments.ts';
import { reconcileMessages } from './reconcile.ts';
import { roundsMessages } from './rounds.ts';
import { refundMessages } from './refunds.ts';
import { legalMessages } from './legal.ts';
import { lifecycleMessages } from './lifecycle.ts';
import { lateDeliveryMessages } from './late-delivery.ts';
import { modelFormMessages } from './model-form.ts';
import { orderEventMessages } from './order-events.ts';
import { shopMessages } from './shops.ts';
import { specialOrderMessages } from './special-orders.ts';
import { serviceMessages } from './services.ts';
import { staffOrderMessages } from './staff-orders.ts';
import { transferMessages } from './transfer.ts';
import { trackingMessages } from './tracking.ts';

export { type Entry, isLang, type Lang, LANGS } from './entry.ts';

const catalogue = { ...commonMessages, ...errorMessages, ...accountsMessages, ...shopMessages, ...checkoutMessages, ...cartMessages, ...legalMessages, ...paymentMessages, ...reconcileMessages, ...transferMessages, ...orderEventMessages, ...cardMessages, ...bankMessages, ...refundMessages, ...staffOrderMessages, ...invoicingMessages, ...aftersaleMessages, ...modelFormMessages, ...claimMessages, ...complaintsMessages, ...deliveryMessages, ...campaignMessages, ...customerChangesMessages, ...trackingMessages, ...roundsMessages, ...lateDeliveryMessages, ...lifecycleMessages, ...serviceMessages, ...specialOrderMessages } as const;
export type MessageKey = keyof typeof catalogue;

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(catalogue, key);
}

/** Translates `key`, replacing `{name}` placeholders with `params`. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogue[key][lang];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Picks the language from an explicit choice, then the Accept-Language header, then the shop's. */
export function negotiateLang(explicit: unknown, acceptLanguage: string | undefined, fallback: Lang): Lang {
  if (isLang(explicit)) return explicit;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().slice(0, 2).toLowerCase();
    if (isLang(tag)) return tag;
  }
  return fallback;
}
