/**
 * C02 — who may buy, and C27 — where the shop sells and how prices are shown.
 * The customer kind is snapshotted on every order and filters every rule (SPEC C02).
 */
import { z } from 'zod';
import { CustomerKinds, Flag, uniqueList } from './common.ts';

const Evidence = z.enum(['none', 'self_declaration', 'company_id']);

export const Customers = z.strictObject({
  kinds: CustomerKinds,
  /** Refuse orders made for professional purposes, even partly (001 online §1.2; 004 art.2 O3). */
  blockProfessionalPurpose: Flag,
  /** What the shop collects to establish each kind (SPEC C02 "evidence collected"). */
  evidence: z
    .strictObject({
      consumer: Evidence.optional(),
      non_professional: Evidence.optional(),
      professional: Evidence.optional(),
    })
    .optional(),
});
export type Customers = z.infer<typeof Customers>;

/** "EU" stands for the 27 member states; any other entry is an ISO 3166 alpha-2 code. */
export const Territory = z
  .string({ error: 'must be "EU" or a two-letter country code such as FR, BE or CH' })
  .regex(/^(EU|[A-Z]{2})$/, { error: 'must be "EU" or a two-letter country code such as FR, BE or CH' });

export const EU_MEMBERS: readonly string[] = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU',
  'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
];

export const Territories = z.strictObject({
  served: uniqueList(Territory, 1),
  /** 004 art.1 O1: invoices for shipments outside the EU are computed excl. VAT (export). */
  pricesExclVatOutsideEu: Flag,
  /** 004 art.1 O1: same for the French overseas departments and territories (DOM-TOM). */
  pricesExclVatOverseas: Flag.optional(),
  /** 004 art.1 O1: outside metropolitan France the customer is the importer and pays duties. */
  customerImportsOutsideHomeCountry: Flag.optional(),
  /** Consumers always see prices incl. VAT (arrêté 3 Dec 1987); professionals may see HT. */
  priceDisplay: z.enum(['incl_vat', 'excl_and_incl_vat', 'by_customer_kind']),
  /** 000 §13: products may be barred from some destinations. */
  perProductRestrictions: Flag.optional(),
});
export type Territories = z.infer<typeof Territories>;
