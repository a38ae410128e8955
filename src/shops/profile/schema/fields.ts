/**
 * The profile's fields, each section checked on its own. A module apart from ../schema.ts so that
 * refine.ts can take their type while ../schema.ts joins the two (ProfileSchema) without a cycle.
 */
import { z } from 'zod';
import { GoodwillReturns, Guarantee } from './aftersale.ts';
import { Checkout, Modification, Offers, Orders } from './checkout.ts';
import { Customers, Territories } from './commerce.ts';
import { expecting, Flag, LanguageCode, Slug, Text } from './common.ts';
import {
  Accessibility,
  ContractRemedies,
  Disputes,
  ForceMajeure,
  Liability,
  Partner,
  Regulated,
} from './contract.ts';
import { Campaign, Delivery, LateDelivery } from './delivery.ts';
import { Demo } from './demo.ts';
import { Identity } from './identity.ts';
import { Invoicing, Payments, Pricing, Receivables } from './payments.ts';
import { Cookies, Privacy } from './privacy.ts';
import { Terms } from './terms.ts';
import { Withdrawal } from './withdrawal.ts';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    // Intl also accepts offsets and legacy aliases ("+01:00", "CET"); deadlines need a region.
    return /^[A-Z][A-Za-z_]+\/[A-Za-z_/-]+$/.test(zone);
  } catch {
    return false;
  }
}

const TimeZone = z
  .string({ error: expecting('an IANA time zone such as Europe/Paris or Europe/Brussels') })
  .refine(isTimeZone, { error: expecting('an IANA time zone such as Europe/Paris or Europe/Brussels') });

export const LegalSystem = z.enum(['FR', 'BE']);
export type LegalSystem = z.infer<typeof LegalSystem>;

/** The fields, before the cross-field checks of `refine.ts`. */
export const ProfileFields = z.strictObject({
  slug: Slug,
  name: Text,
  legalSystem: LegalSystem,
  /** French departments 57, 67, 68 add Good Friday and 26 Dec (C. trav. L3134-13). */
  holidayZone: z.enum(['alsace-moselle']).optional(),
  timeZone: TimeZone,
  /** The shop's default language; pages may also be offered in the others. */
  language: LanguageCode,
  /** Legal documents and correspondence only in `language` (000 §18; A-04). */
  legalLanguageLocked: Flag,
  currency: z.literal('EUR'),

  identity: Identity,
  customers: Customers,
  territories: Territories,
  terms: Terms,
  checkout: Checkout,

  orders: Orders.optional(),
  offers: Offers.optional(),
  payments: Payments.optional(),
  pricing: Pricing.optional(),
  invoicing: Invoicing.optional(),
  receivables: Receivables.optional(),
  delivery: Delivery.optional(),
  campaigns: z.array(Campaign).optional(),
  lateDelivery: LateDelivery.optional(),
  modification: Modification.optional(),
  withdrawal: Withdrawal.optional(),
  guarantee: Guarantee.optional(),
  goodwillReturns: GoodwillReturns.optional(),
  regulated: Regulated.optional(),
  privacy: Privacy.optional(),
  cookies: Cookies.optional(),
  forceMajeure: ForceMajeure.optional(),
  contractRemedies: ContractRemedies.optional(),
  liability: Liability.optional(),
  disputes: Disputes.optional(),
  partners: z.array(Partner).optional(),
  accessibility: Accessibility.optional(),

  demo: Demo,
});
export type ProfileFields = z.infer<typeof ProfileFields>;
