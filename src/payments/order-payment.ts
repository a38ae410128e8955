/**
 * What an order shows of its payment (API.md `payment`) and what the customer still has to pay:
 * payments' reading of an order's row, composed with the rest of the order by
 * src/flows/order-json.ts, and read by the card pages, the payment window and the invoice page.
 */
import type { Selectable } from 'kysely';
import type { OrdersTable } from '../db/schema.ts';
import type { Shop } from '../shops/service.ts';
import { type TransferInstructions, transferInstructions } from './transfer.ts';

type Order = Pick<Selectable<OrdersTable>, 'status' | 'payment_method' | 'payment_status' | 'payment_reference' | 'payment_not_before' | 'gross_cents' | 'deposit_cents' | 'deposit_kind'> & {
  paid_cents: number;
};

/**
 * What the customer still has to pay now: the deposit not yet paid while the order waits for it,
 * otherwise the balance of the price (a partial transfer leaves the rest due, LEGAL.md AS-15).
 */
export function amountDueCents(order: Pick<Order, 'gross_cents' | 'deposit_cents' | 'paid_cents' | 'status'>): number {
  const target = order.status === 'awaiting_payment' && order.deposit_cents !== null ? order.deposit_cents : order.gross_cents;
  return Math.max(0, target - order.paid_cents);
}

const instructionsOf = (shop: Shop, order: Order) =>
  transferInstructions(shop.profile, { paymentMethod: order.payment_method, paymentReference: order.payment_reference, amountDueCents: amountDueCents(order) });

/**
 * The transfer the customer still has to make: only while the order awaits it, its execution
 * suspended until the money arrives (seed 001 online §2.3). Null otherwise, so a paid order never
 * shows a QR code inviting a second payment. `today`: the shop-local date, `YYYY-MM-DD`.
 */
export function pendingTransfer(shop: Shop, order: Order, today: string): TransferInstructions | null {
  if (order.status !== 'awaiting_payment') return null;
  // Off-premises consumer contract: no payment may be asked before day 8 (L221-10, AS-19).
  if (order.payment_not_before !== null && today < order.payment_not_before) return null;
  return instructionsOf(shop, order);
}

/**
 * API.md `payment`: for a transfer, the reference (printed form) and the account to pay into,
 * from the shop's profile; null fields for other methods. `checkoutUrl`: undefined for a method
 * without a card checkout, so its JSON has no such field.
 */
export function paymentJson(shop: Shop, order: Order, checkoutUrl: string | null | undefined) {
  const transfer = instructionsOf(shop, order);
  return {
    method: order.payment_method,
    status: order.payment_status,
    reference: transfer?.referenceText ?? null,
    iban: transfer?.iban ?? null,
    bic: transfer?.bic ?? null,
    beneficiary: transfer?.beneficiary ?? null,
    amountDueCents: amountDueCents(order),
    paidCents: order.paid_cents,
    ...(order.deposit_cents !== null && { depositCents: order.deposit_cents, depositKind: order.deposit_kind }),
    ...(checkoutUrl !== undefined && { checkoutUrl }),
  };
}
