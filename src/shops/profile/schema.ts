/**
 * The shop profile: every number, deadline, option and choice in a shop's terms of sale, as data
 * (DESIGN principle 1). One file per shop in `profiles/`, validated at load by this schema.
 *
 * Sections follow the capabilities of SPEC §2 (C01–C28) and live in `schema/`, one file per
 * group. Sections owned by later capabilities are optional: when absent, the platform default
 * or the legal default applies. Conventions (cents, basis points, ISO-8601 durations, strict
 * objects) are stated in `schema/common.ts`.
 */
import { z } from 'zod';
import { GoodwillReturns, Guarantee } from './schema/aftersale.ts';
import { Checkout, Modification, Offers, Orders } from './schema/checkout.ts';
import { Customers, Territories } from './schema/commerce.ts';
import { expecting, Flag, LanguageCode, Slug, Text } from './schema/common.ts';
import {
  Accessibility,
  ContractRemedies,
  Disputes,
  ForceMajeure,
  Liability,
  Partner,
  Regulated,
} from './schema/contract.ts';
import { Campaign, Delivery, LateDelivery } from './schema/delivery.ts';
import { Demo } from './schema/demo.ts';
import { Identity } from './schema/identity.ts';
import { Invoicing, Payments, Pricing, Receivables } from './schema/payments.ts';
import { Cookies, Privacy } from './schema/privacy.ts';
import { refineProfile } from './schema/refine.ts';
import { Terms } from './schema/terms.ts';
import { Withdrawal } from './schema/withdrawal.ts';

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

/** The fields, before the cross-field checks of `schema/refine.ts`. */
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

export const ProfileSchema = ProfileFields.superRefine(refineProfile);

export type Profile = z.infer<typeof ProfileSchema>;
