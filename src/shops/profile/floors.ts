/**
 * Legal floors: the values no shop term can go below, per legal system, with their source.
 * This is the only place the checker takes legal values from (LEGAL.md; SPEC §2 "Legal floor").
 *
 * `confidence` copies LEGAL.md's tags: V = read in the primary text, S = secondary source,
 * R = recalled, to verify before release. Rates and holidays are not here: they are dated data
 * tables of the kernel. A floor missing for a system means no check for that system.
 */
import type { LegalSystem } from './schema.ts';

export type Confidence = 'V' | 'S' | 'R';

export interface Floor<T> {
  readonly value: T;
  readonly source: string;
  readonly confidence: Confidence;
}

type PerSystem<T> = Readonly<Partial<Record<LegalSystem, Floor<T>>>>;

const both = <T>(value: T, fr: [string, Confidence], be: [string, Confidence]): PerSystem<T> => ({
  FR: { value, source: fr[0], confidence: fr[1] },
  BE: { value, source: be[0], confidence: be[1] },
});
const frOnly = <T>(value: T, source: string, confidence: Confidence): PerSystem<T> => ({
  FR: { value, source, confidence },
});

/** L241-4 schedule for contracts since 1 Jan 2022 (Ordonnance 2021-1247): +10 % ≤ 14 d late, +20 % ≤ 30 d, +50 % beyond. */
export const L241_4_CURRENT: readonly { lateUpTo?: string; bp: number }[] = [
  { lateUpTo: 'P14D', bp: 1000 },
  { lateUpTo: 'P30D', bp: 2000 },
  { bp: 5000 },
];

export const FLOORS = {
  // C13 withdrawal
  withdrawalPeriod: both('P14D', ['C. consom. L221-18', 'V'], ['CDE VI.47 §1', 'V']),
  withdrawalStartGoods: both('received', ['C. consom. L221-18', 'V'], ['CDE VI.47 §2', 'V']),
  withdrawalWeekendExtension: both(
    'calendar_days_extended',
    ['C. consom. L221-19; Reg. 1182/71 art. 3(4)', 'V'],
    ['Reg. 1182/71 art. 3(4); C. civ. art. 1.7', 'S'],
  ),
  withdrawalSentInTime: both('sent', ['C. consom. annex to R221-3', 'V'], ['Directive 2011/83 art. 11(2)', 'R']),
  withdrawalAnyStatement: both('any_unambiguous_statement', ['C. consom. L221-21', 'V'], ['CDE VI.49', 'V']),
  withdrawalModelForm: both(true, ['C. consom. L221-5 7°, R221-1', 'V'], ['CDE VI.49 and annex 2 of Book VI', 'V']),
  withdrawalReturn: both('P14D', ['C. consom. L221-23', 'V'], ['CDE VI.51', 'V']),
  withdrawalRefund: both('P14D', ['C. consom. L221-24', 'S'], ['CDE VI.50', 'S']),
  withdrawalRefundScope: both(
    'all_payments_incl_standard_delivery',
    ['C. consom. L221-24', 'S'],
    ['CDE VI.50', 'S'],
  ),
  withdrawalEarlyPerformance: both(
    'express_request',
    ['C. consom. L221-25', 'R'],
    ['Directive 2011/83 art. 7(3), 8(8)', 'R'],
  ),
  withdrawalDeduction: both('loss_in_value', ['C. consom. L221-23', 'R'], ['CDE VI.51 §2', 'R']),

  // C12 late delivery, C10 delivery
  lateDeliveryRefund: {
    FR: { value: 'P14D', source: 'C. consom. L216-7', confidence: 'V' },
    BE: { value: 'P14D', source: 'CDE VI.50 by analogy; SPEC A-11, counsel', confidence: 'R' },
  } satisfies PerSystem<string>,
  lateRefundSurcharges: frOnly(L241_4_CURRENT, 'C. consom. L241-4 (version in force since 1 Jan 2022)', 'V'),
  consumerDeliveryMax: both('P30D', ['C. consom. L216-1', 'V'], ['Directive 2011/83 art. 18(1)', 'R']),
  firmConsumerDate: frOnly(true, 'C. consom. R212-1, R212-2 7°', 'S'),
  consumerRiskPoint: both('physical_possession', ['C. consom. L216-4', 'S'], ['Directive 2011/83 art. 20', 'R']),
  transportDamageLateReport: both(
    'conformity_workflow',
    ['C. consom. L217-3', 'V'],
    ['C. civ. 1649quater', 'S'],
  ),

  // C14 guarantee
  guaranteeDuration: both('P2Y', ['C. consom. L217-3', 'V'], ['C. civ. 1649quater §1', 'S']),
  guaranteePresumption: both('P24M', ['C. consom. L217-7', 'S'], ['C. civ. 1649quater §4', 'S']),
  guaranteePresumptionSecondHand: frOnly('P12M', 'C. consom. L217-7', 'S'),
  guaranteeRemedyChooser: both('consumer', ['C. consom. L217-9', 'R'], ['C. civ. 1649quinquies', 'R']),
  /** FR has no notification deadline: a clause cannot shorten the 2 years. BE allows ≥ 2 months. */
  guaranteeNotice: {
    FR: { value: 'P2Y', source: 'C. consom. L217-3', confidence: 'S' },
    BE: { value: 'P2M', source: 'C. civ. 1649quater §2', confidence: 'R' },
  } satisfies PerSystem<string>,

  // C04 checkout, C05 offers, C08 payments
  orderButton: both(
    'commande avec obligation de paiement',
    ['C. consom. L221-14', 'S'],
    ['CDE VI.45 §2', 'R'],
  ),
  reviewStep: frOnly(true, 'C. civ. 1127-2', 'S'),
  paymentSurcharge: both(0, ['C. mon. fin. L112-12; PSD2 art. 62(4)', 'S'], ['PSD2 art. 62(4)', 'S']),
  offPremisesPaymentBan: frOnly('P7D', 'C. consom. L221-10', 'S'),

  // C17 receivables (B2B)
  paymentTermNet: frOnly('P60D', 'C. com. L441-10', 'V'),
  paymentTermEndOfMonth: frOnly('P45D', 'C. com. L441-10', 'V'),
  paymentTermPeriodic: frOnly('P45D', 'C. com. L441-10', 'V'),
  lateInterestMinMultiplier: frOnly(3, 'C. com. L441-10', 'V'),
  recoveryIndemnityCents: frOnly(4000, 'C. com. L441-10, D441-5', 'S'),
  recoveryIndemnityProfessionalOnly: frOnly(true, 'C. com. L441-10; DGCCRF guidance', 'S'),
  consumerDisputeBar: frOnly(false, 'C. consom. R212-2 10°', 'S'),

  // C19 privacy, C20 cookies
  dsarReply: both('P1M', ['GDPR art. 12(3)', 'V'], ['GDPR art. 12(3)', 'V']),
  dsarExtension: both('P2M', ['GDPR art. 12(3)', 'V'], ['GDPR art. 12(3)', 'V']),
  dsarIdProof: both('if_doubt', ['GDPR art. 12(6)', 'S'], ['GDPR art. 12(6)', 'S']),
  retentionDefined: both(true, ['GDPR art. 5(1)(e), 13(2)(a)', 'V'], ['GDPR art. 5(1)(e), 13(2)(a)', 'V']),
  cookieConsentMax: both('P13M', ['CNIL cookie guidelines (2020)', 'S'], ['APD/GBA cookie guidance', 'R']),
  cookieRefusalMin: both('P6M', ['CNIL cookie recommendation (2020)', 'S'], ['APD/GBA cookie guidance', 'R']),
  cookieMaxLifetime: both('P13M', ['CNIL cookie guidelines (2020)', 'S'], ['APD/GBA cookie guidance', 'R']),
  analyticsConsent: both(
    true,
    ['Loi 78-17 art. 82; ePrivacy Directive art. 5(3)', 'S'],
    ['Loi du 13 juin 2005 art. 129; ePrivacy Directive art. 5(3)', 'R'],
  ),

  // C01 legal notice, C23 disputes
  legalNotice: both(true, ['LCEN art. 6 III; C. consom. R111-1', 'S'], ['CDE XII.6, VI.45', 'S']),
  preContractInformation: both(true, ['C. consom. L111-1, L221-5', 'S'], ['CDE VI.45', 'S']),
  consumerMediator: frOnly(true, 'C. consom. L612-1, L616-1', 'S'),
  consumerForum: both(
    'consumer_domicile',
    ['C. consom. R212-2 10°; Reg. 1215/2012 art. 17–18', 'S'],
    ['Reg. 1215/2012 art. 17–18', 'S'],
  ),
  consumerForceMajeure: frOnly('civil_code_1218', 'C. civ. 1218; C. consom. L212-1', 'S'),
  consumerCancellationPenalty: both(
    'only_without_withdrawal_right',
    ['C. consom. L221-18', 'S'],
    ['CDE VI.47', 'S'],
  ),
} as const;

export type FloorKey = keyof typeof FLOORS;
export type FloorValue<K extends FloorKey> = (typeof FLOORS)[K] extends PerSystem<infer T> ? T : never;

/** The floor for a system, or undefined when that system has no such rule. */
export function floorOf<K extends FloorKey>(key: K, system: LegalSystem): Floor<FloorValue<K>> | undefined {
  return (FLOORS[key] as PerSystem<FloorValue<K>>)[system];
}
