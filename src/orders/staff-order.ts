/**
 * What the staff order page records: the facts the order's status admits, and the "record a
 * fact" form turned into an `OrderEventInput`. What the page shows spans orders and payments'
 * refunds: src/flows/staff-order-details.ts.
 */
import { Temporal } from 'temporal-polyfill';
import { ValidationFailed } from '../kernel/errors.ts';
import { parseEuros } from '../kernel/money.ts';
import { parseOrThrow } from '../kernel/validation.ts';
import { OrderEventInput } from './events.ts';
import { ORDER_EVENT_TYPES, type OrderEventType, transition } from './state-machine.ts';

/** The facts staff may record on an order in `status` (state-machine.ts decides). */
export const allowedEvents = (status: string): OrderEventType[] => ORDER_EVENT_TYPES.filter((type) => transition(status, type).allowed);

/**
 * A `datetime-local` value read on the shop's wall clock, as an ISO instant with the shop's
 * offset. What is not a date-time is passed on as is, for the schema to refuse.
 */
function shopInstant(value: string | undefined, timeZone: string): string | undefined {
  if (!value?.trim()) return undefined;
  try {
    return Temporal.PlainDateTime.from(value.trim()).toZonedDateTime(timeZone).toString({ timeZoneName: 'never' });
  } catch {
    return value;
  }
}

/** The facts that end an order for good, asked with a reason and a confirmation. */
export const ENDING: readonly string[] = ['refused', 'cancelled'];

/** The form's fields → the API's input: an amount in euros ("12,50" or "12.50") only for a payment, `by` only for a cancellation. */
export function eventInputFromForm(values: Record<string, string>, timeZone: string): OrderEventInput {
  const amount = values.amount?.trim();
  const note = values.note?.trim();
  // Nothing is pre-selected: a fact is chosen. A refusal or a cancellation ends the order for good
  // and is written to the customer: it needs its reason and a ticked confirmation (issue 11 §8).
  if (!values.type) throw new ValidationFailed([{ field: 'type', code: 'fact_required' }]);
  if (ENDING.includes(values.type)) {
    const issues = [...(note ? [] : [{ field: 'note', code: 'reason_required' }]), ...(values.confirm === 'yes' ? [] : [{ field: 'confirm', code: 'confirmation_required' }])];
    if (issues.length > 0) throw new ValidationFailed(issues);
  }
  return parseOrThrow(OrderEventInput, {
    type: values.type,
    at: shopInstant(values.at, timeZone),
    ...(values.type === 'payment_received' && amount && { amountCents: parseEuros(amount) ?? Number.NaN }),
    ...(values.type === 'cancelled' && values.by && { by: values.by }),
    // The ground the shop's terms name for a refusal or its own cancellation (issue 11 §2).
    ...(ENDING.includes(values.type) && values.ground && { reason: values.ground }),
    ...(note && { note }),
    // An operator refusing after the window (refusal-rules.ts): the override's reason.
    ...(values.type === 'refused' && values.overrideReason?.trim() && { overrideReason: values.overrideReason.trim() }),
  });
}
