/**
 * Who is calling. Resolved once per request from a Bearer token or the session cookie, then
 * checked with `requireAccess` (STYLE.md §15): one function that fails the same way every time,
 * so no route hand-rolls its own tenancy check.
 */
import { DomainError, forbidden, unauthenticated } from '../kernel/errors.ts';

export type Actor =
  /** `orderLink`: not signed in, acting through the signed link of that one order (src/web/order-link.ts). */
  | { kind: 'customer'; shopId: string; id: string; name: string; orderLink?: string }
  | { kind: 'staff'; shopId: string; id: string; name: string }
  | { kind: 'operator'; id: string; name: string }
  | { kind: 'anonymous' };

export type Permission = 'shop.manage' | 'customer.self' | 'platform.operate';

/**
 * shop.manage: staff of that shop, or an operator. customer.self: a customer of that shop.
 * platform.operate: an operator. A staff member of shop A asking for shop B gets 403 — the shop
 * exists, the caller simply has no right to it; an anonymous caller gets 401.
 */
export function requireAccess(actor: Actor, permission: Permission, shopId?: string): void {
  if (actor.kind === 'anonymous') throw unauthenticated();
  if (permission === 'platform.operate') {
    if (actor.kind !== 'operator') throw forbidden();
    return;
  }
  if (actor.kind === 'operator' && permission === 'shop.manage') return;
  if (permission === 'shop.manage' && actor.kind === 'staff' && actor.shopId === shopId) return;
  if (permission === 'customer.self' && actor.kind === 'customer' && actor.shopId === shopId) return;
  throw forbidden();
}

/** The customer id of an actor that must be a customer of the shop. */
export function requireCustomer(actor: Actor, shopId: string): string {
  requireAccess(actor, 'customer.self', shopId);
  if (actor.kind !== 'customer') throw new DomainError('forbidden', 'forbidden');
  return actor.id;
}
