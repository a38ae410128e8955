/**
 * The language a shop writes to a customer in: the customer's own (FR/EN/NL), unless the shop's
 * terms lock its language (000 §18, A-04: `legalLanguageLocked`), or the customer's is unknown.
 * One rule for every e-mail a flow sends a customer.
 */
import { isLang, type Lang } from '../kernel/i18n/index.ts';
import type { Shop } from './service.ts';

export function customerLang(shop: Pick<Shop, 'language' | 'profile'>, language: string | null | undefined): Lang {
  return shop.profile.legalLanguageLocked || !isLang(language) ? shop.language : language;
}
