/**
 * Why a withdrawal, or a fact recorded on one, was refused (issue 10 "Bad input"). Nothing is
 * recorded when one is thrown: the consumer's statement is refused whole, never half-kept.
 */
import { DomainError, type ErrorKind } from '../kernel/errors.ts';

export type WithdrawalErrorCode =
  /** Sent after the last day of the period (L221-18, L221-19; CDE VI.47): refused as a withdrawal. */
  | 'withdrawal_period_over'
  /** No line of the order can be withdrawn (legal exception, all already withdrawn, not a consumer contract). */
  | 'not_withdrawable'
  /** More units of a line than were ordered and not yet withdrawn. */
  | 'withdrawal_quantity_too_high'
  /** A fact dated in the future, or a statement sent after the shop says it received it. */
  | 'event_in_future'
  | 'event_before_order'
  | 'withdrawal_received_before_sent'
  /** Goods back or a refund dated before the withdrawal was sent. */
  | 'event_before_withdrawal'
  /** The refund was already recorded; a second one would be a second payment. */
  | 'withdrawal_already_refunded'
  /** A withdrawal judged late is not refunded through this route (a goodwill gesture is a refund of the order). */
  | 'withdrawal_not_on_time'
  /** A depreciation larger than the sums to refund: it can bring the refund to zero, never below. */
  | 'depreciation_above_refund';

const KIND: Record<WithdrawalErrorCode, ErrorKind> = {
  withdrawal_period_over: 'refused',
  not_withdrawable: 'refused',
  withdrawal_quantity_too_high: 'refused',
  event_in_future: 'refused',
  event_before_order: 'refused',
  withdrawal_received_before_sent: 'refused',
  event_before_withdrawal: 'refused',
  withdrawal_already_refunded: 'conflict',
  withdrawal_not_on_time: 'refused',
  depreciation_above_refund: 'refused',
};

export class WithdrawalRefused extends DomainError {
  declare readonly code: WithdrawalErrorCode;

  constructor(code: WithdrawalErrorCode, params: Record<string, string | number> = {}, field?: string) {
    super(code, KIND[code], params, field);
    this.name = 'WithdrawalRefused';
  }
}
