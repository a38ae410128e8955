/**
 * Inputs of the withdrawal function (API.md `POST …/orders/{id}/withdrawal`,
 * `POST …/withdrawals/{id}/events`), validated at the edge; the service sees parsed values only.
 */
import { z } from 'zod';
import { text } from '../kernel/validation.ts';

const PlainDate = text().regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date');
/** An instant with its offset, or a day `YYYY-MM-DD` for a fact known by the day (in the shop's zone). */
const InstantOrDate = z.union([z.iso.datetime({ offset: true }), PlainDate]);

/** Lines and quantities withdrawn; none given = every line that can be withdrawn, in full. */
export const WithdrawnLines = z.array(z.strictObject({ productId: z.uuid(), quantity: z.number().int().min(0).max(100_000) })).min(1).max(500);
export type WithdrawnLines = z.infer<typeof WithdrawnLines>;

/** The order's customer withdraws now, through the online function. */
export const CustomerWithdrawalInput = z.strictObject({
  lines: WithdrawnLines.optional(),
  /** The confirmation form's token: a second submission of one form finds the first withdrawal. */
  token: z.uuid().optional(),
});
export type CustomerWithdrawalInput = z.infer<typeof CustomerWithdrawalInput>;

/** Staff record a withdrawal received by letter or e-mail: what counts is the day it was SENT. */
export const StaffWithdrawalInput = z.strictObject({
  notifiedOn: PlainDate,
  /** The day the shop received it (the refund's 14 days run from it); default: today. */
  receivedOn: PlainDate.optional(),
  channel: z.enum(['letter', 'email']).default('letter'),
  lines: WithdrawnLines.optional(),
});
export type StaffWithdrawalInput = z.infer<typeof StaffWithdrawalInput>;

export const WITHDRAWAL_EVENT_TYPES = ['goods_received', 'proof_of_shipment', 'refunded'] as const;
export type WithdrawalEventType = (typeof WITHDRAWAL_EVENT_TYPES)[number];

export const WithdrawalEventInput = z.strictObject({
  type: z.enum(WITHDRAWAL_EVENT_TYPES),
  at: InstantOrDate,
  /** `refunded`: the sum paid back, in cents. */
  amountCents: z.number().int().min(0).max(99_999_999_999).optional(),
  note: text().trim().max(2000).optional(),
  /** `goods_received`: what staff assess the goods lost by handling beyond trying them (L221-23 al. 4), in cents, with its reason. */
  depreciationCents: z.number().int().min(0).max(99_999_999_999).optional(),
  depreciationReason: text().trim().min(1).max(2000).optional(),
});
export type WithdrawalEventInput = z.infer<typeof WithdrawalEventInput>;
