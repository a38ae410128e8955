/**
 * Recording money received for an order, whatever brought it (a statement credit, a manual match,
 * a Stripe webhook, the simulated provider, a staff entry, customer credit): payments records the
 * money (src/payments/record-payment.ts: the payment row, credit for an overpayment, the evidence
 * event and the customer's e-mail); orders changes the order's state through its own service
 * (payment status; accepted once the deposit or the price is in); invoicing issues the invoice
 * when the profile invoices at payment (004 art.3 O8). All in the caller's transaction.
 *
 * A refund changes the order's payment status the same way (`refunded`). Payments' entry points
 * (statement import, bank queue, card webhook, capture, simulated page, credit at placement,
 * refunds and their export) record payments deep inside their own transactions: they receive
 * `orderSide` from their caller (route, flow or job) and pass it on, so payments never imports
 * orders or invoicing (STYLE.md §5).
 */
import { invoiceOnFullPayment } from '../invoicing/issue.ts';
import { applyPayment, lockOrder, setPaymentStatus } from '../orders/state.ts';
import { type OrderSide, type PaymentContext, type PaymentInput, type RecordedPayment, recordPayment as recordMoney } from '../payments/record-payment.ts';

export const orderSide: OrderSide = {
  lock: lockOrder,
  paid: applyPayment,
  fullyPaid: invoiceOnFullPayment,
  refunded: setPaymentStatus,
};

/** Records the payment (null when already recorded: same statement entry or provider payment). */
export function recordPayment(ctx: Omit<PaymentContext, 'orders'>, orderId: string, input: PaymentInput): Promise<RecordedPayment | null> {
  return recordMoney({ ...ctx, orders: orderSide }, orderId, input);
}
