/**
 * What the staff order page shows and records: the order with its deadlines, deposit and history,
 * the facts its status admits, and the "record a fact" form turned into an `OrderEventInput`.
 */
import type { Kysely } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { Actor } from '../accounts/actor.ts';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../kernel/clock.ts';
import { parseEuros } from '../kernel/money.ts';
import { parseOrThrow } from '../kernel/validation.ts';
import { staffOrder } from '../payments/refunds/staff-order.ts';
import type { Shop } from '../shops/service.ts';
import { OrderEventInput } from './events.ts';
import { findOrderFor, orderJson } from './service.ts';
import { ORDER_EVENT_TYPES, type OrderEventType, transition } from './state-machine.ts';
import { customerName } from './staff-orders.ts';

/** The facts staff may record on an order in `status` (state-machine.ts decides). */
export const allowedEvents = (status: string): OrderEventType[] => ORDER_EVENT_TYPES.filter((type) => transition(status, type).allowed);

export async function staffOrderDetails(deps: { db: Kysely<DB>; clock: Clock }, actor: Actor, shop: Shop, orderId: string) {
  const { db } = deps;
  const row = await findOrderFor(db, actor, shop.slug, orderId);
  const [json, refunds, customer, staff] = await Promise.all([
    orderJson(db, shop, row),
    staffOrder(db, shop, row.id),
    db.selectFrom('customers').select(['first_name', 'last_name', 'company_name']).where('shop_id', '=', shop.slug).where('id', '=', row.customer_id).executeTakeFirst(),
    db.selectFrom('staff').select(['id', 'name']).where('shop_id', '=', shop.slug).execute(),
  ]);
  const customerLabel = customer ? customerName(customer) : row.customer_id;
  // Evidence events name their actor `kind:id`; people read the name.
  const names = new Map<string, string>([...staff.map((s) => [`staff:${s.id}`, s.name] as const), [`customer:${row.customer_id}`, customerLabel]]);
  return {
    order: {
      ...json,
      customerName: customerLabel,
      events: json.events.map((e) => ({ ...e, by: names.get(e.by) ?? e.by })),
      allowedEvents: allowedEvents(row.status),
    },
    refund: refunds,
    /** Now on the shop's wall clock, to the minute: the `datetime-local` field's default. */
    nowLocal: deps.clock.now().toZonedDateTimeISO(shop.timeZone).toPlainDateTime().toString({ smallestUnit: 'minute' }),
  };
}
export type StaffOrderDetails = Awaited<ReturnType<typeof staffOrderDetails>>;

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

/** The form's fields → the API's input: an amount in euros ("12,50" or "12.50") only for a payment, `by` only for a cancellation. */
export function eventInputFromForm(values: Record<string, string>, timeZone: string): OrderEventInput {
  const amount = values.amount?.trim();
  const note = values.note?.trim();
  return parseOrThrow(OrderEventInput, {
    type: values.type,
    at: shopInstant(values.at, timeZone),
    ...(values.type === 'payment_received' && amount && { amountCents: parseEuros(amount) ?? Number.NaN }),
    ...(values.type === 'cancelled' && values.by && { by: values.by }),
    ...(note && { note }),
  });
}
