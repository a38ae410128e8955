/** Customer changes as the API and the forms send them (issue 11 §3; STYLE.md §7). */
import { z } from 'zod';
import { text } from '../kernel/validation.ts';

export const CancellationBody = z
  .object({
    reason: text().trim().max(1000).optional(),
    /** The cost the customer was shown and accepts; required when cancelling now costs something. */
    acceptedCostCents: z.number().int().min(0).max(99_999_999_999).optional(),
  })
  .strict();
export type CancellationBody = z.infer<typeof CancellationBody>;

export const ModificationBody = z.object({ message: text().trim().min(1).max(2000) }).strict();
export type ModificationBody = z.infer<typeof ModificationBody>;

export const DecisionBody = z.object({ decision: z.enum(['accepted', 'declined']), note: text().trim().max(1000).optional() }).strict();
export type DecisionBody = z.infer<typeof DecisionBody>;

/** Staff set the day they plan to ship (`YYYY-MM-DD`, the shop's day). */
export const PlannedShipmentBody = z
  .object({ on: text().regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'invalid_date') })
  .strict();
export type PlannedShipmentBody = z.infer<typeof PlannedShipmentBody>;
