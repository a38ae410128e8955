/**
 * Why a refund, a credit refund or an export was refused (issue 4 §5, "Bad input": refunds larger
 * than what was paid). Nothing changes when one is thrown.
 */
import { DomainError, type ErrorKind } from '../../kernel/errors.ts';

export type RefundErrorCode =
  /** More than what was paid and not yet refunded. */
  | 'refund_exceeds_paid'
  /** More than the customer's credit balance. */
  | 'refund_exceeds_credit'
  /** A transfer refund with no account to send it to. */
  | 'refund_iban_required'
  | 'invalid_iban'
  /** A card refund while Stripe is not configured. */
  | 'card_refunds_unavailable'
  /** No pending transfer refund to put in a pain.001 file. */
  | 'nothing_to_export'
  /** The shop's profile names no bank account to pay refunds from. */
  | 'refund_no_shop_account';

const KIND: Record<RefundErrorCode, ErrorKind> = {
  refund_exceeds_paid: 'refused',
  refund_exceeds_credit: 'refused',
  refund_iban_required: 'refused',
  invalid_iban: 'malformed',
  card_refunds_unavailable: 'conflict',
  nothing_to_export: 'conflict',
  refund_no_shop_account: 'refused',
};

export class RefundRefused extends DomainError {
  declare readonly code: RefundErrorCode;

  constructor(code: RefundErrorCode, params: Record<string, string | number> = {}, field?: string) {
    super(code, KIND[code], params, field);
    this.name = 'RefundRefused';
  }
}
