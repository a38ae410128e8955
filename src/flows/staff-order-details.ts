/**
 * What the staff order page shows: the order with its deadlines, deposit and history (names for
 * the actors), the facts its status admits (orders), and its refund side — payments received,
 * refunds, what may still be refunded (payments' refunds).
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../accounts/actor.ts';
import { claimsOfOrder } from '../aftersale/claims.ts';
import type { DB } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import type { Clock } from '../kernel/clock.ts';
import { findOrderFor } from '../orders/service.ts';
import { allowedEvents } from '../orders/staff-order.ts';
import { customerName } from '../orders/staff-orders.ts';
import { staffOrder } from '../payments/refunds/staff-order.ts';
import type { Shop } from '../shops/service.ts';
import { customerLang } from './notify-order-transition.ts';
import { orderJson } from './order-json.ts';
import { warrantyClaimsJson } from './warranty-claim-json.ts';

export async function staffOrderDetails(deps: { db: Kysely<DB>; clock: Clock }, actor: Actor, shop: Shop, orderId: string) {
  const { db } = deps;
  const row = await findOrderFor(db, actor, shop.slug, orderId);
  const [json, refunds, customer, staff] = await Promise.all([
    orderJson(db, shop, row, localDate(deps.clock.now(), shop.timeZone)),
    staffOrder(db, shop, row.id),
    db.selectFrom('customers').select(['first_name', 'last_name', 'company_name', 'email', 'address', 'language', 'guest']).where('shop_id', '=', shop.slug).where('id', '=', row.customer_id).executeTakeFirst(),
    db.selectFrom('staff').select(['id', 'name']).where('shop_id', '=', shop.slug).execute(),
  ]);
  const claims = await warrantyClaimsJson(db, shop, await claimsOfOrder(db, shop.slug, row.id));
  const customerLabel = customer ? customerName(customer) : row.customer_id;
  // Evidence events name their actor `kind:id`; people read the name.
  const names = new Map<string, string>([...staff.map((s) => [`staff:${s.id}`, s.name] as const), [`customer:${row.customer_id}`, customerLabel]]);
  return {
    order: {
      ...json,
      customerName: customerLabel,
      /** Ordered without an account (issue 10 §1). */
      customerGuest: customer?.guest === true,
      events: json.events.map((e) => ({ ...e, by: names.get(e.by) ?? e.by })),
      allowedEvents: allowedEvents(row.status),
    },
    /** Who to prepare for and how to reach them (issue 11 §8); the language the shop writes to them in. */
    customer: customer ? { email: customer.email, address: customer.address, lang: customerLang(shop, customer.language) } : null,
    refund: refunds,
    /** Legal-warranty claims (C14) and the profile's refund window for them (004: P7D from the finding). */
    claims,
    claimRefundWindow: shop.profile.guarantee?.consumer?.refund?.within.within ?? null,
    /** Whether the reader is a platform operator: the only one who may refuse after `refusalUntil`, with a reason (issue 11 §10). */
    operator: actor.kind === 'operator',
    /** Now on the shop's wall clock, to the minute: the `datetime-local` field's default. */
    nowLocal: deps.clock.now().toZonedDateTimeISO(shop.timeZone).toPlainDateTime().toString({ smallestUnit: 'minute' }),
  };
}
export type StaffOrderDetails = Awaited<ReturnType<typeof staffOrderDetails>>;
