/**
 * Words for the profile's codes, shared by the cart, checkout and order pages.
 */
import type { CustomerKind } from '../../../accounts/schema.ts';
import { type Lang, type MessageKey, t } from '../../../kernel/i18n/index.ts';
import { dateTimeFormat, displayNames } from '../../../kernel/intl.ts';
import type { Profile } from '../../../shops/profile/schema.ts';

const LOCALE: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB', nl: 'nl-BE' };

export const capitalised = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

export function paymentLabel(lang: Lang, method: string): string {
  const key = `payment.${method}`;
  return capitalised(t(lang, key as MessageKey));
}

type Mode = NonNullable<Profile['delivery']>['modes'][number];

/** The profile's own label for a mode when it has one (written in the shop's language), else ours. */
export function deliveryLabel(lang: Lang, mode: Pick<Mode, 'mode' | 'label'> | { mode: string; label?: string }): string {
  return mode.label ?? t(lang, `delivery.mode.${mode.mode}` as MessageKey);
}

export function kindLabel(lang: Lang, kind: CustomerKind | string): string {
  return t(lang, `accounts.kind.${kind}` as MessageKey);
}

export function countryName(lang: Lang, code: string): string {
  if (code === 'EU') return t(lang, 'cart.rules.eu');
  try {
    return displayNames([LOCALE[lang]], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The payment methods the shop offers to this kind of customer (all, for a guest). */
export function paymentMethodsFor(profile: Profile, kind: CustomerKind | null) {
  return (profile.payments?.methods ?? []).filter((m) => !kind || !m.customerKinds || m.customerKinds.includes(kind));
}

export function deliveryModesFor(profile: Profile, kind: CustomerKind) {
  return (profile.delivery?.modes ?? []).filter((m) => !m.customerKinds || m.customerKinds.includes(kind));
}

export function formatDateTime(lang: Lang, at: Date, timeZone: string): string {
  return dateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeStyle: 'short', timeZone }).format(at);
}

