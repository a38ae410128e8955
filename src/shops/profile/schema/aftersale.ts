/**
 * C14 conformity guarantee and defect claims, C15 goodwill returns and credit notes.
 * Consumers get the legal guarantee (FR L217-3 ff.; BE C. civ. 1649bis ff.); non-consumers get
 * whatever the terms say (001 CG §5.3, 003 art.10.1–10.3).
 */
import { z } from 'zod';
import { Bp, CustomerKinds, Duration, Flag, Period, uniqueList } from './common.ts';

const GuaranteeExclusion = z.enum([
  'non_payment',
  'abnormal_use',
  'mishandling',
  'modification',
  'combination_with_unsupplied_parts',
  'unauthorised_repair',
  'negligence',
  'unsuitable_storage',
  'lack_of_maintenance',
  'normal_wear',
  'force_majeure',
  'professional_use',
  'accident',
  'destination_country_law',
]);

export const ConsumerGuarantee = z.strictObject({
  duration: Duration,
  /** Defects appearing within this period are presumed to have existed at delivery. */
  presumption: Duration,
  presumptionSecondHand: Duration.optional(),
  remedyChooser: z.enum(['consumer', 'seller']),
  /** A notification deadline the terms set (001 online §6.3: 2 months; 004 art.8: 30 days). */
  notifyWithin: Period.optional(),
  /** Hidden defects, C. civ. 1641/1648: 2 years from discovery (FR). */
  hiddenDefects: Period.optional(),
  returnCostBorneBy: z.enum(['seller', 'seller_if_instructions_followed', 'consumer']).optional(),
  /** 004 art.8: shipping refunded at the invoiced rate, return costs on receipts. */
  shippingCostsRefunded: Flag.optional(),
  /** 001 online §6.6: goods found not defective → collect at own cost, or paid repair on a quote. */
  notDefectiveOptions: uniqueList(z.enum(['collect_at_own_cost', 'paid_repair_on_quote'])).optional(),
  /** 004 art.8: refund within 7 days of the finding, by transfer or cheque. */
  refund: z
    .strictObject({ within: Period, means: uniqueList(z.enum(['bank_transfer', 'cheque', 'same_means']), 1) })
    .optional(),
  exclusions: uniqueList(GuaranteeExclusion).optional(),
});

export const NonConsumerGuarantee = z.strictObject({
  customerKinds: CustomerKinds,
  regime: z.enum(['seller_replacement_only', 'manufacturer_warranty_only']),
  /** 001 CG §5.3: in writing within 7 jours ouvrables of receipt or discovery. */
  notifyWithin: Period.optional(),
  notifyBy: z.enum(['written', 'registered_letter']).optional(),
  claimContent: uniqueList(z.enum(['invoice_number', 'invoice_date', 'reasons'])).optional(),
  returnRequiresApproval: Flag.optional(),
  remedies: uniqueList(z.enum(['replace_product', 'replace_part', 'credit_note', 'refund']), 1),
  carriageBorneBy: z.enum(['customer', 'seller']).optional(),
  newEquipmentOnly: Flag.optional(),
  wearPartsExcluded: Flag.optional(),
  expertInspection: Flag.optional(),
  exclusions: uniqueList(GuaranteeExclusion).optional(),
});

export const Guarantee = z.strictObject({
  consumer: ConsumerGuarantee.optional(),
  nonConsumer: NonConsumerGuarantee.optional(),
});
export type Guarantee = z.infer<typeof Guarantee>;

export const GoodwillReturns = z.strictObject({
  customerKinds: CustomerKinds,
  approval: z.enum(['prior_written']),
  /** 003 art.11 "livré depuis moins de 15 jours": ≤ 14 days, measured at the request. */
  requestWithin: Duration,
  conditions: uniqueList(z.enum(['perfect_condition', 'original_packaging'])),
  costBorneBy: z.enum(['customer', 'seller']),
  requires: uniqueList(z.enum(['delivery_numbers_and_date', 'compensating_order_equal_amount'])),
  outcome: z.enum(['credit_note_only', 'refund']),
  /** Credit = price − max(actual costs, this share of the invoiced value). */
  minAbatementBp: Bp,
  exclusions: uniqueList(z.enum(['special_order', 'non_stocked'])),
});
export type GoodwillReturns = z.infer<typeof GoodwillReturns>;
