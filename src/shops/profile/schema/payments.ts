/**
 * C08 payments, C16 invoicing, C17 receivables (payment terms, late interest, recovery).
 */
import { z } from 'zod';
import { isValidIban, normalizeIban } from '../../../kernel/iban.ts';
import { Bp, Cents, CustomerKinds, Duration, expecting, Flag, Period, Text, uniqueList, wholeNumber } from './common.ts';

/**
 * The account customers pay into (EPC069-12: beneficiary name ≤ 70, IBAN, BIC). The IBAN is
 * checked with ISO 7064 MOD 97-10 and kept in its electronic form.
 */
const BankAccount = z.strictObject({
  iban: z
    .string()
    .transform(normalizeIban)
    .refine(isValidIban, { error: expecting('an IBAN whose check digits are valid (ISO 13616, mod 97)') }),
  /** ISO 9362: institution (4 letters), country (2), location (2), optional branch (3). */
  bic: z.string().regex(/^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/, { error: expecting('a BIC of 8 or 11 capitals or digits') }),
  beneficiary: Text.max(70, { error: expecting('a name of at most 70 characters') }),
});

const CardBrand = z.enum(['visa', 'mastercard', 'amex', 'cb']);

const PaymentMethod = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('bank_transfer'),
    /** BE "communication structurée" (OGM/VCS, mod 97) or ISO 11649 RF reference (LEGAL §A10). */
    structuredReference: z.enum(['ogm', 'rf']),
    account: BankAccount,
    customerKinds: CustomerKinds.optional(),
  }),
  z.strictObject({
    method: z.literal('card'),
    provider: z.literal('stripe'),
    brands: z.array(CardBrand).min(1),
    customerKinds: CustomerKinds.optional(),
  }),
  z.strictObject({
    method: z.literal('paypal'),
    provider: z.literal('stripe'),
    customerKinds: CustomerKinds.optional(),
  }),
  z.strictObject({
    /** Payment on terms for approved accounts (003 art.6.1: automatic LCR, after a solvency check). */
    method: z.literal('on_account'),
    instrument: z.enum(['lcr', 'bank_transfer']),
    customerKinds: CustomerKinds,
  }),
]);

export const Payments = z.strictObject({
  methods: z.array(PaymentMethod).min(1, { error: 'must list at least one payment method' }),
  /** When the money is taken: at order (004 O9a), at shipment (O9b), on delivery (003 art.6.1)… */
  capture: z.enum(['at_order', 'at_shipment', 'on_delivery', 'after_delivery']),
  /** For `after_delivery`: due this long after delivery (004 O9c: 7 days). */
  dueAfterDelivery: Duration.optional(),
  /**
   * Fixed at 0 by the platform (A-70: PSD2 art. 62(4), C. mon. fin. L112-12); kept as a field
   * so a seed asking otherwise is visible, and the checker reports it.
   */
  surchargeCents: Cents,
  /** unpaid bank-transfer orders are reminded, then cancelled and their stock released. */
  paymentWindow: z.strictObject({ remindAfter: Duration, cancelAfter: Duration }).optional(),
  /** Sums paid in advance: a share of the total, and whether it is an acompte or arrhes. */
  deposit: z
    .strictObject({
      minBp: Bp,
      /** Unstated: arrhes for consumers (C. consom. L214-1), acompte between professionals. */
      kind: z.enum(['acompte', 'arrhes']).optional(),
      appliesTo: z.enum(['all_orders', 'offers', 'quotes']),
    })
    .optional(),
});
export type Payments = z.infer<typeof Payments>;

export const Pricing = z.strictObject({
  /** 003 art.5: the delivery-day tariff applies only in the cases of A-32; the offer price is firm. */
  tariffAt: z.enum(['order', 'delivery']),
  revisionIfCustomerPostponesOver: Duration.optional(),
  staggeredDeliveryRevision: Flag.optional(),
  extras: uniqueList(
    z.enum(['transport', 'packaging', 'consignment', 'crane', 'import_licence', 'weee_contribution', 'admin_fee']),
  ).optional(),
  /** 003 art.4: goods sold by weight or length may differ by up to ±3 %; delivered quantity is invoiced. */
  quantityToleranceBp: Bp.optional(),
});
export type Pricing = z.infer<typeof Pricing>;

export const Invoicing = z.strictObject({
  /** 001 CG §2.2: e-mailed only if the customer opted in; a paper copy on request. */
  electronicRequiresOptIn: Flag.optional(),
  paperCopyOnRequest: Flag.optional(),
  /** 004 art.3 O8: invoice issued when payment is received, or on delivery. */
  issuedAt: z.enum(['order', 'payment_received', 'delivery']).optional(),
  /** 003 art.5: 7.50 € HT on every invoice to a professional (A-42: VAT applies; not in the franco base). */
  adminFee: z
    .strictObject({
      amountExclVatCents: Cents,
      customerKinds: CustomerKinds,
      countsTowardsFreeShipping: Flag,
    })
    .optional(),
  perPartialDelivery: Flag.optional(),
  periodicInvoices: Flag.optional(),
});
export type Invoicing = z.infer<typeof Invoicing>;

const PaymentTerm = z.strictObject({
  label: Text,
  /** net: invoice date + term; end_of_month: "N jours fin de mois", method A or B. */
  basis: z.enum(['net', 'end_of_month']),
  term: Duration,
  endOfMonthMethod: z.enum(['A', 'B']).optional(),
  instrument: z.enum(['lcr', 'bank_transfer']).optional(),
  scope: z.enum(['all_invoices', 'periodic_invoices']),
  /** 003 art.6.1: periodic invoices are paid within 45 days of issue at most. */
  cap: Duration.optional(),
});

export const Receivables = z.strictObject({
  defaultTerm: z.enum(['at_order', 'on_delivery', 'after_delivery']),
  earlyPaymentDiscount: Flag.optional(),
  paymentTerms: z.array(PaymentTerm).optional(),
  /** 003 art.6.1: written dispute within 10 calendar days of receiving the invoice. */
  disputeWindow: Period.extend({ customerKinds: CustomerKinds }).optional(),
  /** 003 art.6.4: multiplier × legal rate + points, from the day after the due date, no notice. */
  lateInterest: z
    .strictObject({
      legalRateMultiplier: wholeNumber(1, 10),
      plusBp: Bp,
      legalRate: z.enum(['other_cases', 'consumer_creditor']),
      split: z.enum(['semester', 'fixed_at_due_date']),
      customerKinds: CustomerKinds,
    })
    .optional(),
  /** FR D441-5: 40 € per late invoice, professionals only, more on proof of costs. */
  recoveryIndemnity: z
    .strictObject({ amountCents: Cents, customerKinds: CustomerKinds, plusActualCostsAbove: Flag })
    .optional(),
  /** 001 CG §5.4: recovery costs may be charged (non-consumers; A-22). */
  recoveryCostsChargeable: Flag.optional(),
  onOverdue: uniqueList(
    z.enum(['suspend_deliveries', 'whole_balance_due', 'cancel_ongoing_orders', 'require_advance_payment']),
  ).optional(),
  creditLine: z.strictObject({ solvencyCheck: Flag, guaranteesAtAnyTime: Flag }).optional(),
  retentionOfTitle: z.enum(['until_full_payment', 'none']).optional(),
  /** 004 art.6 O12: ownership passes on acceptance or after full payment. */
  ownershipPasses: z.enum(['on_acceptance', 'after_full_payment']).optional(),
});
export type Receivables = z.infer<typeof Receivables>;
