/**
 * The order request of API.md `POST /shops/{shop}/orders`. Unknown keys inside lines (a price
 * sent by the client, say) are dropped: the server prices every line itself.
 */
import { z } from 'zod';
import { Address } from '../accounts/schema.ts';
import { phoneNumber, text } from '../kernel/validation.ts';

export const OrderLineInput = z.object({
  productId: text().trim().min(1).max(64),
  quantity: z.number().int('invalid_quantity').min(1, 'invalid_quantity').max(10_000, 'invalid_quantity'),
});

export const DeliveryInput = z.object({
  mode: z.enum(['carrier', 'volunteer', 'pickup', 'ex_works', 'seller_delivery', 'manufacturer_direct', 'customer_carrier']),
  pickupPointId: text().max(100).optional(),
  slotId: text().max(100).optional(),
  address: Address.optional(),
  /** How the deliverer or the distribution point reaches the customer (issue 11 §8, 12 §4); optional. */
  phone: phoneNumber().optional(),
  /** Door code, floor, where to leave the parcel: shown to staff and on a volunteer's run sheet. */
  doorNotes: text().trim().max(300).optional(),
});

export const OrderInput = z.object({
  lines: z.array(OrderLineInput).min(1, 'empty_order').max(100),
  acceptedTerms: z.object({ version: text().trim().min(1).max(100) }).optional(),
  delivery: DeliveryInput,
  paymentMethod: z.enum(['bank_transfer', 'card', 'on_account', 'paypal']),
  /**
   * The consumer's express request that a service in the order start during the withdrawal period
   * (L221-25, SPEC R000-16): recorded on the order with its time; they then owe the pro rata of
   * what was supplied if they withdraw. Never assumed: absent or false, nothing starts early.
   */
  serviceStartRequested: z.boolean().optional(),
  /** The total the customer saw on the review page; a different total means the cart changed. */
  expectedGrossCents: z.number().int().min(0).optional(),
});
export type OrderInput = z.infer<typeof OrderInput>;
export type DeliveryInput = z.infer<typeof DeliveryInput>;
