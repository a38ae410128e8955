/**
 * A campaign as staff give it (API.md `POST /shops/{shop}/campaigns`): instants with their
 * offset, days as YYYY-MM-DD (the shop's zone), quantities as integers. The shape is checked
 * here (400); what the values must mean together is checked by ./rules.ts (422, with the field).
 */
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { text } from '../kernel/validation.ts';

const isDay = (s: string) => {
  try {
    return Temporal.PlainDate.from(s, { overflow: 'reject' }).toString() === s;
  } catch {
    return false;
  }
};
const Day = text().regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date').refine(isDay, 'invalid_date');
const Quantity = z.number().int().min(-1_000_000).max(1_000_000);

export const CampaignInput = z.strictObject({
  title: text().trim().min(1).max(200),
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
  /** All the campaign's products together (issue 12 §1: "per product or per campaign"). */
  minimumQuantity: Quantity.optional(),
  products: z
    .array(z.strictObject({ productId: text().trim().min(1).max(64), cap: Quantity.optional(), minimumQuantity: Quantity.optional() }))
    .max(500),
  promises: z.array(z.strictObject({ orderedFrom: Day.optional(), orderedUntil: Day.optional(), deliveryFrom: Day.optional(), deliveryLatestOn: Day })).max(20),
});
export type CampaignInput = z.infer<typeof CampaignInput>;

/** Cloning for next season: the new title (by default the old one with its year moved on). */
export const CloneInput = z.strictObject({ title: text().trim().min(1).max(200).optional() });
export type CloneInput = z.infer<typeof CloneInput>;
