/**
 * C13 — the consumer's right of withdrawal for distance and off-premises contracts
 * (FR C. consom. L221-18 ff.; BE CDE VI.47 ff.). The profile keeps the seed's own values even
 * where they are weaker than the law; the rules apply whichever favours the consumer and the
 * checker reports each gap (SPEC §4 general principle).
 */
import { z } from 'zod';
import { Duration, Flag, Text, uniqueList } from './common.ts';

/**
 * `day_after_delivery` (001 online §4.1 "à dater du lendemain du jour de la livraison") counts
 * like `received`: day 1 is the day after the event. `contract_concluded` is the rule for services.
 */
export const WithdrawalStart = z.enum(['contract_concluded', 'received', 'day_after_delivery']);

export const WithdrawalChannel = z.enum([
  'letter',
  'email',
  'fax',
  'online_form',
  'any_unambiguous_statement',
]);

/** Product properties that exclude withdrawal (FR L221-28, BE CDE VI.53), flagged per product. */
export const WithdrawalException = z.enum([
  'personalised',
  'perishable',
  'cannot_be_returned',
  'sealed_hygiene',
  'sealed_media',
  'dated_leisure_service',
]);
export type WithdrawalException = z.infer<typeof WithdrawalException>;

/** Return conditions some seeds impose; only loss in value may lawfully be charged. */
const ReturnCondition = z.enum([
  'original_packaging',
  'perfect_condition',
  'complete',
  'unused',
  'with_invoice',
]);

export const Withdrawal = z.strictObject({
  period: Duration,
  start: WithdrawalStart,
  /** calendar_days_extended when the clause moves an end on Sat/Sun/holiday (003 art.21.1). */
  counting: z.enum(['calendar_days', 'calendar_days_extended']),
  /** On time if *sent* before the end (000 §7.1; Annex R221-3). */
  deadlineTest: z.enum(['sent', 'received']).optional(),
  channels: uniqueList(WithdrawalChannel, 1),
  /** What the notice must state (001 online §4.3: order reference, name and first name). */
  requiredNoticeContent: uniqueList(z.enum(['order_reference', 'customer_name'])).optional(),
  /** Whether the shop supplies the model withdrawal form (FR R221-1 annex; BE Book VI annex 2). */
  modelForm: Flag,
  acknowledgment: z.enum(['without_delay_durable_medium', 'none_stated']),
  /** Exclusions the terms name; `legal_list` = "the legal exceptions" without naming them (000 §7.2). */
  exclusions: uniqueList(z.enum([...WithdrawalException.options, 'legal_list', 'shop_or_fair_sale'])).optional(),
  /** How long the consumer has to send the goods back after the notice. */
  returnWithin: Duration.optional(),
  returnCostBorneBy: z.enum(['consumer', 'seller', 'consumer_unless_nonconforming']).optional(),
  returnConditions: uniqueList(ReturnCondition).optional(),
  /** What the seller may keep for damage: loss in value only, or the seed's stricter rule. */
  deduction: z
    .enum(['loss_in_value', 'pro_rata_minor_damage_refuse_if_damaged', 'refuse_if_damaged'])
    .optional(),
  /** "Pour échange ou remboursement" (003 art.21.1, 004 art.7): exchange only if the consumer chooses. */
  exchangeOffered: Flag.optional(),
  refund: z.strictObject({
    deadline: Duration,
    from: z.enum(['notice_received', 'goods_received']),
    /** An internal service target shorter than the deadline (004 art.7: 7 days; A-61). */
    target: Duration.optional(),
    scope: z.enum(['all_payments_incl_standard_delivery', 'products_and_delivery', 'products_only']),
    sameMeans: Flag.optional(),
    noFees: Flag.optional(),
    /** Refund may wait for the goods or proof of shipment (FR L221-24, BE VI.50). */
    withholdUntilGoodsOrProof: Flag.optional(),
  }),
  /** Services started on request during the period are paid pro rata (000 §7.2, 003 art.21.3). */
  servicesProRata: Flag.optional(),
  /** 003 art.21.3: "performance starts before the period ends" presumed on the website (A-39 vi). */
  earlyPerformance: z.enum(['express_request', 'presumed_on_website']).optional(),
  note: Text.optional(),
});
export type Withdrawal = z.infer<typeof Withdrawal>;
