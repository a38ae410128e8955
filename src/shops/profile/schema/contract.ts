/**
 * C18 regulated products, C23 disputes, C24 force majeure and contract remedies,
 * C25 liability caps (recorded, never enforced against consumers: A-06), C28 partners,
 * C22 accessibility.
 */
import { z } from 'zod';
import { CustomerKind, Duration, Flag, Period, Slug, Text, uniqueList } from './common.ts';

export const RegulatedFlag = z.enum(['refrigerant', 'precharged_non_hermetic', 'gas_cylinder']);
export type RegulatedFlag = z.infer<typeof RegulatedFlag>;

const RequiredDocument = z.enum(['attestation_capacite', 'installer_contract']);

export const Regulated = z.strictObject({
  rules: z
    .array(
      z.strictObject({
        flag: RegulatedFlag,
        /** One of these documents, verified by staff with its expiry date (AS-57). */
        requiresOneOf: uniqueList(RequiredDocument).optional(),
        /** 003 art.12: the installer contract states the equipment type and refrigerant family. */
        installerContractFields: uniqueList(z.enum(['equipment_type', 'refrigerant_family'])).optional(),
        forbiddenFor: uniqueList(CustomerKind).optional(),
        safetyNotice: Flag.optional(),
        source: Text,
      }),
    )
    .min(1),
  /** 003 art.2: safety data sheets sent with the offer; access recorded before the order. */
  safetyDataSheets: z.strictObject({ withOffer: Flag, accessRecordedBeforeOrder: Flag }).optional(),
});
export type Regulated = z.infer<typeof Regulated>;

/** The events a shop's terms may list as force majeure (001 online §8.1, 003 art.17.2, 004 art.15). */
export const ForceMajeureEvent = z.enum([
  'natural_disaster',
  'public_authority_act',
  'terrorism_or_war',
  'power_or_telecom_outage',
  'supplier_default',
  'accident_or_illness',
  'strike',
  'staff_shortage',
  'equipment_breakdown',
  'work_stoppage',
  'personal_unavailability',
]);

export const ForceMajeure = z.strictObject({
  /** Events the terms add to C. civ. 1218 (assessed by staff: ). */
  agreedEvents: uniqueList(ForceMajeureEvent).optional(),
  /** Suspension lasts at most this long (004 art.15 O17: 30 days). */
  suspendMax: Duration.optional(),
  /** Either party may terminate once it lasts *more than* this (A-74: from day N+1). */
  terminateAfter: Duration,
  termination: z.enum(['by_notice', 'without_formalities', 'by_registered_letter']).optional(),
  refundOfPayments: Flag.optional(),
  costSharing: z.enum(['affected_party', 'split_half']).optional(),
});
export type ForceMajeure = z.infer<typeof ForceMajeure>;

export const ContractRemedies = z.strictObject({
  /** 003 art.19: termination 15 days after receipt or first presentation of an LRAR notice. */
  terminationForFault: Period.optional(),
  /** 004 art.11 O13. */
  imprevision: z.enum(['legal', 'excluded', 'adapted']).optional(),
  /** 004 art.12 O14. */
  specificPerformance: z.enum(['with_legal_exceptions', 'without_exceptions', 'excluded']).optional(),
  /** 004 art.13 O15: unilateral price reduction 30 days after an unanswered LRAR notice. */
  priceReductionAfter: Duration.optional(),
  /** 004 art.14 O16: terminated when the impediment lasts beyond this. */
  nonPerformanceTerminateAfter: Duration.optional(),
  /**
   * 004 art.16-5 O18: the resolutory clause for non-payment at the due date — `after_notice`: of
   * right `within` after a formal notice stating the clause, counted from its sending or its
   * receipt (the template's two variants); `automatic`: the notice results from the mere
   * non-performance (C. civ. 1225, 1344), which the payment window already enforces.
   */
  nonPaymentTermination: z
    .strictObject({ mode: z.enum(['after_notice', 'automatic']), within: Duration.optional(), from: z.enum(['notice_sent', 'notice_received']).optional() })
    .optional(),
});
export type ContractRemedies = z.infer<typeof ContractRemedies>;

export const Liability = z.strictObject({
  cap: z.enum(['total_paid_by_customer', 'order_value', 'order_price_excl_vat_received', 'replacement_or_refund']),
  /** 001 CG §7.3: damage reported in writing within 7 days of its occurrence. */
  damageNoticeWithin: Duration.optional(),
});

export const Disputes = z.strictObject({
  law: z.enum(['FR', 'BE']),
  /** A forum the terms make exclusive (001: Brussels commercial court; A-17). */
  exclusiveForum: Text.optional(),
  /** 003 art.20.3: an amicable attempt by registered letter first. */
  amicableFirst: z.enum(['registered_letter', 'written']).optional(),
  /** A mediation reference the terms give that is not a named mediator (004 art.18; A-60). */
  mediationReference: Text.optional(),
});

export const Partner = z.strictObject({
  slug: Slug,
  name: Text,
  category: Text,
  /** The partner's own terms govern that category (001 online §1.1: Wikipower, energy). */
  termsTitle: Text,
  fulfilment: z.enum(['link_out', 'partner_fulfilled']),
});

export const Accessibility = z.strictObject({
  /** 000 §12: a form for a detailed description of the problem, opening a tracked ticket. */
  feedbackForm: Flag,
});
