/** Refund requests as the API and the staff form send them (STYLE.md §7). */
import { z } from 'zod';
import { parseEuros } from '../../kernel/money.ts';
import { text } from '../../kernel/validation.ts';

const MAX_CENTS = 99_999_999_999;

export const RefundInput = z
  .object({
    amountCents: z.number().int().positive().max(MAX_CENTS),
    reason: text().trim().min(1).max(500),
    /** The customer expressly agreed to another means than the one they paid with. */
    otherMeansAgreed: z.boolean().default(false),
    iban: text().trim().min(1).max(50).optional(),
    creditorName: text().trim().min(1).max(140).optional(),
  })
  .strict();
export type RefundInput = z.infer<typeof RefundInput>;

export const CreditRefundInput = z
  .object({
    amountCents: z.number().int().positive().max(MAX_CENTS),
    iban: text().trim().min(1).max(50),
    creditorName: text().trim().min(1).max(140),
    reason: text().trim().min(1).max(500).optional(),
  })
  .strict();
export type CreditRefundInput = z.infer<typeof CreditRefundInput>;

export const RefundStatusFilter = z.object({ status: z.enum(['pending', 'exported', 'confirmed', 'succeeded', 'failed']).optional() });

/** `12,50` or `12.50` euros → 1250 cents; anything else → NaN, refused by the schema. */
export const eurosToCents = (text: string | undefined): number => parseEuros(text) ?? Number.NaN;
