/** Inputs of the rounds pages (issue 12 §4), validated at the edge (STYLE.md §7). */
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { phoneNumber, text } from '../kernel/validation.ts';

const isDay = (value: string) => {
  try {
    Temporal.PlainDate.from(value, { overflow: 'reject' });
    return /^\d{4}-\d{2}-\d{2}$/.test(value);
  } catch {
    return false;
  }
};
const Uuid = text().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'invalid_value');
export const Phone = phoneNumber();
const optional = (schema: z.ZodType<string>) => z.union([z.literal('').transform(() => undefined), schema]).optional();

export const NewRoundInput = z.strictObject({
  name: text().trim().min(1, 'required').max(120),
  zone: text().trim().min(1, 'required').max(100),
  roundOn: text().refine(isDay, 'invalid_date'),
  orderIds: z.array(Uuid).min(1, 'round_needs_orders').max(200),
});
export type NewRoundInput = z.infer<typeof NewRoundInput>;

export const VolunteerInput = z.strictObject({
  name: text().trim().min(1, 'required').max(120),
  phone: Phone,
  email: optional(text().trim().toLowerCase().max(254).pipe(z.email('invalid_email'))),
});
export type VolunteerInput = z.infer<typeof VolunteerInput>;

export const StopDetailsInput = z.strictObject({
  phone: optional(Phone),
  doorNotes: optional(text().trim().max(500)),
});
export type StopDetailsInput = z.infer<typeof StopDetailsInput>;

export const MarkStopInput = z.strictObject({
  outcome: z.enum(['delivered', 'absent']),
  note: optional(text().trim().max(500)),
});
export type MarkStopInput = z.infer<typeof MarkStopInput>;
