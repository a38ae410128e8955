/**
 * C04 checkout, C05 offers and quotes, C07 order formation and refusal, C11 modification and
 * cancellation by the customer.
 */
import { z } from 'zod';
import { Bp, Cents, CustomerKinds, Duration, Flag, Period, Text, uniqueList, wholeNumber } from './common.ts';
import { DocumentKind } from './terms.ts';

export const Checkout = z.strictObject({
  /** SPEC C04. false: a visitor may order as a guest, a consumer without an account (issue 10 §1, src/accounts/guests.ts). */
  registrationRequired: Flag,
  /** C. civ. 1127-2: the customer checks the order and total and corrects errors before confirming. */
  reviewStep: Flag,
  termsToAccept: uniqueList(DocumentKind, 1),
  /** Shown beside an unticked, mandatory checkbox; stored with every acceptance. */
  termsCheckboxText: Text,
  /** FR L221-14 / BE CDE VI.45 §2: "commande avec obligation de paiement" or as unambiguous. */
  finalButtonLabel: Text,
  /** Products subtotal below which checkout is refused (004 art.2 O4). */
  minOrderCents: Cents.optional(),
  /** products incl. VAT after discounts, shipping not counted. */
  minOrderBasis: z.enum(['incl_vat_excl_shipping', 'excl_vat_excl_shipping']).optional(),
  /** Per product line, bundles not expanded; blocks at the cart with a staff override. */
  maxPerProduct: wholeNumber(1).optional(),
});
export type Checkout = z.infer<typeof Checkout>;

export const Orders = z.strictObject({
  /** When the contract exists (001 online §2.2 and A-09; 003 art.2.6; 004 art.2 O5). */
  contractFormedAt: z.enum([
    'order_validated',
    'confirmation_email',
    'payment_received',
    'acceptance_email_and_full_payment',
    'signature_and_deposit_encashed',
  ]),
  confirmationEmail: Flag,
  /** Seller refusal: the reasons the terms allow and, if any, the window to notify it. */
  refusal: z
    .strictObject({
      reasons: uniqueList(
        z.enum(['any_reason', 'payment_dispute', 'bad_faith', 'earlier_default', 'unavailable']),
        1,
      ),
      notifyWithin: Period.optional(),
      customerKinds: CustomerKinds.optional(),
    })
    .optional(),
  /** Seller cancellation after the contract, always with a refund of the sums paid. */
  sellerCancellation: uniqueList(
    z.enum(['products_unavailable', 'serious_legitimate_reason', 'unpaid_invoice', 'late_payment']),
  ).optional(),
  /** Performance may be suspended until the payment is received (001 online §2.3). */
  suspendUntilPaid: Flag.optional(),
  /** Order progress visible on the site (004 art.2). */
  tracking: Flag.optional(),
});
export type Orders = z.infer<typeof Orders>;

export const Offers = z.strictObject({
  /** The customer kinds this channel serves (001's CG serve any client, the web shop consumers). */
  customerKinds: CustomerKinds,
  document: z.enum(['offer', 'commercial_offer', 'quote']),
  /** Validity when the document states none (001 CG §3.1: 1 week; 003 art.2.5: 8 days; 004 O7: 6 months). */
  defaultValidity: Duration,
  acceptance: uniqueList(
    z.enum([
      'seller_accepts_order',
      'signed_for_agreement',
      'signed_initialled_dated',
      'tacit',
      'quote_accepted',
    ]),
    1,
  ),
  contractValidAt: z.enum(['acceptance', 'deposit_encashed', 'deposit_paid']),
  /** Documents sent with the offer (003 art.2.2: offer, CGV and safety data sheets). */
  package: uniqueList(z.enum(['offer', 'cgv', 'safety_data_sheets'])).optional(),
  /** Offers hold only within available stock (001 CG §3.1, 004 art.1). */
  withinStock: Flag.optional(),
  /** 001 CG §2.1: receiving the goods is final acceptance of the order and the CG. */
  receiptIsFinalAcceptance: Flag.optional(),
  /** FR L221-10: no payment from an off-premises consumer before this period (003 art.2.4). */
  offPremisesConsumerPaymentBan: Duration.optional(),
});
export type Offers = z.infer<typeof Offers>;

const CancellationRule = z.strictObject({
  customerKinds: CustomerKinds,
  /** When the rule bites (004 O6: cancelled less than 1 day before supply; 003 art.21.1…). */
  when: z.enum([
    'after_acceptance',
    'persisting_despite_refusal',
    'after_withdrawal_period_or_shop_sale',
    'shortly_before_supply',
  ]),
  before: Duration.optional(),
  sellerMayRefuse: Flag.optional(),
  penalty: z.enum([
    'none',
    'deposit_kept',
    'percent_of_total',
    'deposits_paid_or_due_min_percent',
    'damages_plus_price_deposits_kept',
  ]),
  penaltyBp: Bp.optional(),
  exemptions: uniqueList(z.enum(['withdrawal', 'force_majeure'])).optional(),
});

export const Modification = z.strictObject({
  policy: z.enum(['prior_written_agreement', 'written_request_expressly_accepted', 'within_possibilities']),
  /** 004 art.2: notified at least 1 day before the planned shipping date (A-74: by D−1 23:59:59). */
  minNoticeBeforeShipping: Duration.optional(),
  channels: uniqueList(z.enum(['letter', 'email'])).optional(),
  /** 004 art.2: refund within 7 days of telling the customer the change is impossible. */
  refusalRefund: z.strictObject({ within: Duration, creditNoteIfPreferred: Flag }).optional(),
  cancellation: z.array(CancellationRule).optional(),
  note: Text.optional(),
});
export type Modification = z.infer<typeof Modification>;
