/**
 * C06 — the shop's legal documents, their versions and how a version binds an order.
 * Published versions are immutable (legal/); the profile only names the documents and the
 * rules around them. A document without `effectiveFrom` cannot be published.
 */
import { z } from 'zod';
import { Duration, Flag, IsoDate, LanguageCode, Text, uniqueList } from './common.ts';

export const DocumentKind = z.enum([
  'cgv', // terms of sale
  'cgu', // website terms of use
  'particular_conditions', // e.g. 001's distance-selling conditions, which prevail over the CG
  'privacy',
  'cookies',
  'legal_notice',
]);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const TermsDocument = z
  .strictObject({
    kind: DocumentKind,
    title: Text,
    versionLabel: Text.optional(),
    effectiveFrom: IsoDate.optional(),
    /** Inclusive, until 23:59:59 in the shop's zone (004 art.1 O2; A-68). */
    effectiveUntil: IsoDate.optional(),
    language: LanguageCode,
  })
  .refine((d) => !d.effectiveFrom || !d.effectiveUntil || d.effectiveFrom <= d.effectiveUntil, {
    error: 'effectiveUntil must not be before effectiveFrom',
    path: ['effectiveUntil'],
  });

/** What may override the general terms, strongest first (000 §1, 001 CG §2.2, 003 art.1.3). */
const PrecedenceItem = z.enum([
  ...DocumentKind.options,
  'supplementary_contract',
  'signed_amendment',
  'written_derogation',
]);

export const Terms = z.strictObject({
  documents: z.array(TermsDocument).min(1, { error: 'must list at least one document' }),
  precedence: uniqueList(PrecedenceItem).optional(),
  /**
   * Which version binds an order: the one in force when it is placed (001 §11.1, 003 art.1.4,
   * 004 art.1), or the one the user was last informed of (000 §20; A-03).
   */
  bindingVersion: z.enum(['in_force_at_order', 'last_informed_to_user']),
  changeNotice: z.enum(['written_per_user', 'publish_online', 'consult_periodically', 'none']),
  /** 004 art.1 O2: changes never apply to earlier transactions. */
  changesNotRetroactive: Flag.optional(),
  earlierVersions: z.enum(['on_request', 'printed_copy_kept', 'not_stated']).optional(),
  pdfDownload: Flag.optional(),
  /** The text that prevails over translations (004 art.17). */
  prevailingLanguage: LanguageCode.optional(),
  /** What counts as proof between the parties (000 §3, 001 CG §9.3, 003 signature, 004 art.1). */
  evidence: z
    .enum(['electronic_is_writing', 'printouts_are_proof', 'signature', 'it_records_are_proof'])
    .optional(),
  /** Staff are warned this long before a document's `effectiveUntil` (A-68: 30 days). */
  expiryWarning: Duration.optional(),
});
export type Terms = z.infer<typeof Terms>;
