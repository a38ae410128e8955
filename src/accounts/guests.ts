/**
 * Guests (issue 10 §1): a visitor of a shop whose profile does not require registration
 * (`checkout.registrationRequired: false`, SPEC C04) orders with an e-mail, a name and an
 * address, as a consumer. They are recorded as a customer row without a password (0023), one row
 * per guest checkout, so the orders placed from it are theirs alone; the evidence, invoice and
 * e-mails of those orders work as for a member's. They follow an order through its signed link.
 */
import { z } from 'zod';
import { isUniqueViolation } from '../db/errors.ts';
import { DomainError } from '../kernel/errors.ts';
import type { Lang } from '../kernel/i18n/index.ts';
import { text } from '../kernel/validation.ts';
import type { AccountsDeps, ShopRef } from './service.ts';
import { hashPassword } from './passwords.ts';
import { Address, Email, Password } from './schema.ts';
import * as q from './queries.ts';

/** What a guest gives at checkout: what registration asks, but the password and the customer kind. */
export const GuestDetails = z
  .object({
    email: Email,
    firstName: text().trim().min(1).max(100),
    lastName: text().trim().min(1).max(100),
    address: Address,
  })
  .strict();
export type GuestDetails = z.infer<typeof GuestDetails>;

/** The password of a guest row: no argon2 hash, so no password ever matches it (0023's check). */
export const GUEST_PASSWORD = '!';

/** Whether a shop lets visitors order without an account (SPEC C04 "Registration required"). */
export function takesGuests(shop: ShopRef & { registrationRequired: boolean }): boolean {
  return !shop.registrationRequired && shop.customerKinds.includes('consumer');
}

/**
 * Records a guest, or rewrites the one this browser recorded earlier in the same checkout
 * (`sameCheckout`: the id from its signed checkout cookie). Refused where the shop requires an
 * account: `guest_checkout_not_offered`.
 */
export async function recordGuest(deps: AccountsDeps, shop: ShopRef & { registrationRequired: boolean }, input: GuestDetails, lang: Lang, sameCheckout: string | null): Promise<{ id: string }> {
  if (!takesGuests(shop)) throw new DomainError('guest_checkout_not_offered', 'refused');
  const values = { email: input.email, first_name: input.firstName, last_name: input.lastName, address: JSON.stringify(input.address), language: lang };
  if (sameCheckout) {
    const updated = await q.updateGuest(deps.db, shop.id, sameCheckout, values);
    if (updated) return updated;
  }
  return q.insertCustomer(deps.db, { shop_id: shop.id, kind: 'consumer', password_hash: GUEST_PASSWORD, guest: true, company_name: null, siret: null, vat_number: null, ...values });
}

/** The password a guest chooses to become a member. */
export const GuestRegistration = z.object({ password: Password }).strict();

/**
 * A guest becomes a member with the same row, so every order of their checkout is in their account
 * (issue 10 §1). Offered only through the order's signed link, which was sent to their e-mail: the
 * address is theirs. `email_taken` when a member already has it (they sign in instead);
 * `not_a_guest` when the row is already a member's.
 */
export async function registerGuest(deps: AccountsDeps, shopId: string, customerId: string, password: string): Promise<{ id: string; name: string }> {
  const passwordHash = await hashPassword(password);
  try {
    const row = await q.upgradeGuest(deps.db, shopId, customerId, passwordHash);
    if (!row) throw new DomainError('not_a_guest', 'conflict');
    return { id: row.id, name: `${row.first_name} ${row.last_name}` };
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('email_taken', 'conflict', {}, 'password');
    throw error;
  }
}

/** A guest's details are needed for their orders; a checkout left before ordering keeps them this long (its cookie's life, and a margin). */
export const IDLE_GUEST_KEPT_MS = 2 * 86_400_000;

/**
 * Forgets the guests recorded by a checkout never finished (RGPD art. 5.1.e, storage limitation):
 * a guest row with no order, older than IDLE_GUEST_KEPT_MS. A guest with an order is kept with it.
 */
export async function purgeIdleGuests(db: AccountsDeps['db'], now: Date): Promise<number> {
  const gone = await db
    .deleteFrom('customers')
    .where('guest', '=', true)
    .where('created_at', '<', new Date(now.getTime() - IDLE_GUEST_KEPT_MS))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('orders').select('orders.id').whereRef('orders.shop_id', '=', 'customers.shop_id').whereRef('orders.customer_id', '=', 'customers.id'))))
    .executeTakeFirst();
  return Number(gone.numDeletedRows);
}
