import { DomainError } from '../../kernel/errors.ts';

/**
 * C. consom. L221-10: money from an off-premises consumer received before day 8. Thrown by
 * `recordPayment` whatever brought the money (staff, statement, card), so callers that import
 * payments in bulk catch it and leave the entry for staff instead.
 */
export class PaymentBlockedOffPremises extends DomainError {
  constructor(readonly notBefore: string) {
    super('payment_blocked_off_premises', 'refused', { date: notBefore });
  }
}
