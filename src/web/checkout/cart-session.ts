/**
 * The browser's side of carts and checkout: the guest cart cookie (a random token; only its
 * SHA-256 is stored), the page to come back to after signing in, and the delivery and payment
 * chosen at step 1 of checkout. Nothing here is trusted: every value read is validated again.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type CartDeps, type CartOwner, guestHashOf, mergeGuestCart } from '../../checkout/cart-service.ts';
import { DeliveryInput } from '../../checkout/schema.ts';
import { randomToken } from '../../kernel/ids.ts';
import { secureCookies } from '../urls.ts';

export const CART_COOKIE = 'comptoir_cart';
const RETURN_COOKIE = 'comptoir_return';
const CHOICES_COOKIE = 'comptoir_checkout';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const cookieOptions = (request: FastifyRequest, path: string, maxAge: number) => ({ path, httpOnly: true, sameSite: 'lax' as const, secure: secureCookies(request), maxAge });

/** The cart's owner: the signed-in customer of this shop, else the guest cookie, else nobody yet. */
export function cartOwner(request: FastifyRequest, shopSlug: string): CartOwner | null {
  const a = request.actor;
  if (a.kind === 'customer' && a.shopId === shopSlug) return { customerId: a.id };
  const token = request.cookies[CART_COOKIE];
  return token && TOKEN.test(token) ? { guestHash: guestHashOf(token) } : null;
}

/** The owner, giving a guest a cart cookie on their first addition. */
export function cartOwnerOrNew(request: FastifyRequest, reply: FastifyReply, shopSlug: string): CartOwner {
  const owner = cartOwner(request, shopSlug);
  if (owner) return owner;
  const token = randomToken();
  reply.setCookie(CART_COOKIE, token, cookieOptions(request, '/', 30 * 86_400));
  return { guestHash: guestHashOf(token) };
}

/** Checkout sends a guest to sign in or register, and brings them back here afterwards. */
export function rememberReturn(request: FastifyRequest, reply: FastifyReply, shopSlug: string): void {
  reply.setCookie(RETURN_COOKIE, `/shops/${shopSlug}/checkout`, cookieOptions(request, '/', 3600));
}

/**
 * Called by the sign-in and registration handlers once the customer is known: merges the guest
 * cart into theirs and returns the page to go back to (checkout), if any.
 */
export async function afterCustomerSignIn(deps: CartDeps, request: FastifyRequest, reply: FastifyReply, shopSlug: string, customerId: string): Promise<string | null> {
  const token = request.cookies[CART_COOKIE];
  if (token && TOKEN.test(token)) await mergeGuestCart(deps, shopSlug, guestHashOf(token), customerId);
  const back = request.cookies[RETURN_COOKIE];
  if (back === undefined) return null;
  reply.clearCookie(RETURN_COOKIE, { path: '/' });
  return back === `/shops/${shopSlug}/checkout` ? back : null;
}

/** Step 1's answer: how to deliver and how to pay. */
export const CheckoutChoices = z.object({ delivery: DeliveryInput, paymentMethod: z.enum(['bank_transfer', 'card', 'on_account', 'paypal']) });
export type CheckoutChoices = z.infer<typeof CheckoutChoices>;

export function saveChoices(request: FastifyRequest, reply: FastifyReply, shopSlug: string, choices: CheckoutChoices): void {
  const value = Buffer.from(JSON.stringify(choices)).toString('base64url');
  reply.setCookie(CHOICES_COOKIE, value, cookieOptions(request, `/shops/${shopSlug}/checkout`, 86_400));
}

export function readChoices(request: FastifyRequest): CheckoutChoices | null {
  const value = request.cookies[CHOICES_COOKIE];
  if (!value || value.length > 3000) return null;
  try {
    const parsed = CheckoutChoices.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function forgetChoices(reply: FastifyReply, shopSlug: string): void {
  reply.clearCookie(CHOICES_COOKIE, { path: `/shops/${shopSlug}/checkout` });
}
