/**
 * C19 personal data (GDPR) and C20 cookies. Retention periods drive purge jobs; the DSAR
 * settings drive the request workflow; the cookie settings drive the consent banner.
 */
import { z } from 'zod';
import { Address, Duration, Email, Flag, Text, Url, uniqueList } from './common.ts';

const LegalBasis = z.enum(['contract', 'consent', 'legitimate_interest', 'legal_obligation']);

const Retention = z.strictObject({
  period: Duration,
  /** The clock (A-27: the person's last inbound act; opening an e-mail does not count). */
  from: z.enum(['last_contact', 'last_order_or_contact', 'collection', 'end_of_school_year']),
  /** 002 §4: newsletter data also goes as soon as consent is withdrawn. */
  endsOnConsentWithdrawal: Flag.optional(),
});

const DataSet = z.strictObject({
  name: Text,
  fields: uniqueList(Text, 1),
  purpose: Text,
  basis: LegalBasis,
  /** Absent = the terms set none (001 §10.4.1 "a certain time"); the checker reports it. */
  retention: Retention.optional(),
  /** 001 §10.1.1: the pupil's first name and school are children's data. */
  concernsChildren: Flag.optional(),
});

const DataRight = z.enum([
  'access',
  'rectification',
  'restriction',
  'erasure',
  'portability',
  'objection',
  'automated_decisions',
  'complaint',
]);

const Processor = z.strictObject({
  name: Text,
  purpose: Text,
  /** where the data goes, and on what basis if outside the EU. */
  location: z.enum(['EU', 'outside_EU', 'unknown']).optional(),
});

export const Privacy = z.strictObject({
  dpo: z.strictObject({ email: Email.optional(), address: Address.optional() }).optional(),
  dataSets: z.array(DataSet).optional(),
  /** FR C. com. L123-22: invoices and accounting records are kept 10 years. */
  legalArchive: Duration.optional(),
  rights: uniqueList(DataRight, 1),
  dsar: z.strictObject({
    channels: uniqueList(z.enum(['email', 'post', 'online_form', 'phone']), 1),
    replyWithin: Duration,
    /** GDPR art. 12(3): extension for complexity, announced within the first period. */
    extension: Duration.optional(),
    requiredContent: uniqueList(z.enum(['name', 'right_exercised', 'reply_address'])).optional(),
    /** GDPR art. 12(6): proof of identity only on reasonable doubt. */
    idProof: z.enum(['if_doubt', 'always']),
    idProofDestroyedAfterUse: Flag.optional(),
  }),
  marketing: z.enum(['none', 'consent', 'opt_out']).optional(),
  processors: z.array(Processor).optional(),
  recipients: uniqueList(
    z.enum(['internal_departments', 'partners', 'subcontractors', 'group_companies', 'authorities', 'order_partners']),
  ).optional(),
  noSaleOfData: Flag.optional(),
  transfersOutsideEu: z.enum(['none', 'with_safeguards']).optional(),
  supervisoryAuthority: z
    .strictObject({ name: Text, url: Url.optional(), address: Address.optional() })
    .optional(),
});
export type Privacy = z.infer<typeof Privacy>;

export const Cookies = z.strictObject({
  /** How long a choice to accept is remembered before asking again (002 §4: 12 months). */
  consentTtl: Duration,
  /** How long a refusal is remembered (A-28: separate from consent; CNIL ~6 months at least). */
  refusalTtl: Duration,
  /** Maximum lifetime of a cookie placed under consent (002 §4: 13 months). */
  cookieMaxTtl: Duration,
  /** How consent is collected; "browser_settings" is the seed's claim (001 §10.4.3, A-18). */
  consentMechanism: z.enum(['banner', 'browser_settings']),
  /** Non-exempt analytics (e.g. Google Analytics) needs prior consent. */
  analytics: z
    .strictObject({ tool: Text, requiresConsent: Flag })
    .optional(),
  /** CNIL-exempt first-party audience measurement, with a right to object (002 §1.1, A-25). */
  exemptAudienceMeasurement: z.strictObject({ enabled: Flag, optOut: Flag }).optional(),
  /** Who runs the consent window (002 §3: Brevo). */
  manager: Text.optional(),
});
export type Cookies = z.infer<typeof Cookies>;
