/**
 * Guest checkout (issue 10 §1; SPEC C04 "Registration required: no"): where the shop's profile
 * says `checkout.registrationRequired: false`, a visitor not signed in gives an e-mail, a name and
 * an address and goes on to the same checkout steps as a member (delivery and payment, review,
 * terms, final button), as a consumer. The guest is recorded at once (src/accounts/guests.ts),
 * their cart stays the browser's guest cart, and a signed cookie scoped to the checkout pages
 * names the guest until the order is placed; the order itself goes through the one use case,
 * src/flows/check-out.ts. Afterwards the guest follows the order through its signed link
 * (src/web/order-link.ts), which the confirmation e-mail carries.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../accounts/actor.ts';
import { GuestDetails, recordGuest, takesGuests } from '../../accounts/guests.ts';
import type { CartDeps, CartOwner } from '../../checkout/cart-service.ts';
import * as q from '../../checkout/queries.ts';
import { DomainError } from '../../kernel/errors.ts';
import { t } from '../../kernel/i18n/index.ts';
import { isUuid } from '../../kernel/ids.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { customerKinds, getShop, type Shop } from '../../shops/service.ts';
import { frameFor, sendPage } from '../context.ts';
import { fieldErrors, flatForm, nestForm } from '../form-errors.ts';
import type { FieldErrors } from '../forms.tsx';
import { Page } from '../layout.tsx';
import { secureCookies } from '../urls.ts';
import { shopCustomer } from './cart-routes.tsx';
import { cartOwner } from './cart-session.ts';
import { GuestPage } from './views/guest-page.tsx';
import { guestAccountRoutes } from './guest-account.tsx';

const GUEST_COOKIE = 'comptoir_guest';

type ShopParams = { Params: { shop: string } };

/** The shop as the guest use case sees it. */
export const guestShop = (shop: Shop) => ({ id: shop.slug, name: shop.name, customerKinds: customerKinds(shop), registrationRequired: shop.profile.checkout.registrationRequired });

/** The guest this browser recorded in this shop's checkout, from the signed cookie; null: none. */
function guestIdOf(request: FastifyRequest, shop: Shop): string | null {
  const raw = request.cookies[GUEST_COOKIE];
  if (!raw || raw.length > 300) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  const [slug, id] = unsigned.value.split(':');
  return slug === shop.slug && id && isUuid(id) ? id : null;
}

/** Forgets the guest once their order is placed: the next checkout in this browser asks again. */
export function forgetGuest(reply: FastifyReply, shop: Shop): void {
  reply.clearCookie(GUEST_COOKIE, { path: `/shops/${shop.slug}/checkout` });
}

/**
 * Who checks out: the signed-in customer of the shop, or the guest of this browser's checkout
 * (where the shop takes guests), with the cart to order from and the actor the order is placed as.
 */
export async function checkoutCustomer(db: CartDeps['db'], request: FastifyRequest, shop: Shop) {
  const member = await shopCustomer(db, request, shop);
  if (member) return { ...member, guest: false, cart: { customerId: member.id } as CartOwner, actor: request.actor };
  const guestId = takesGuests(guestShop(shop)) && request.actor.kind === 'anonymous' ? guestIdOf(request, shop) : null;
  const cart = cartOwner(request, shop.slug);
  if (!guestId || !cart) return null;
  const guest = await q.findCustomerForOrder(db, shop.slug, guestId);
  if (!guest) return null;
  const actor: Actor = { kind: 'customer', shopId: shop.slug, id: guest.id, name: `${guest.first_name} ${guest.last_name}` };
  return { ...guest, guest: true, cart, actor };
}

export function guestRoutes(app: FastifyInstance, deps: CartDeps): void {
  const { db } = deps;
  guestAccountRoutes(app, deps);

  function guestPage(request: FastifyRequest, reply: FastifyReply, shop: Shop, values: Record<string, string | undefined>, errors: FieldErrors, status = 200) {
    const f = frameFor(request, reply, t(request.lang, 'checkout.guest.title'), { slug: shop.slug, name: shop.name });
    return sendPage(reply, <Page frame={f}><GuestPage lang={request.lang} shopSlug={shop.slug} csrf={f.csrfToken ?? ''} values={values} errors={errors} /></Page>, status);
  }

  /** Only where the profile takes guests; a member-only shop says so in the visitor's language. */
  function requireGuests(shop: Shop): void {
    if (!takesGuests(guestShop(shop))) throw new DomainError('guest_checkout_not_offered', 'forbidden');
  }

  app.get<ShopParams>('/shops/:shop/checkout/guest', async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireGuests(shop);
    if (request.actor.kind === 'customer' && request.actor.shopId === shop.slug) return reply.redirect(`/shops/${shop.slug}/checkout`, 303);
    const guestId = guestIdOf(request, shop);
    const earlier = guestId ? await q.findCustomerForOrder(db, shop.slug, guestId) : undefined;
    const address = (earlier?.address ?? {}) as Record<string, string | undefined>;
    const values = earlier
      ? { email: earlier.email, firstName: earlier.first_name, lastName: earlier.last_name, 'address.line1': address.line1, 'address.postalCode': address.postalCode, 'address.city': address.city, 'address.country': address.country }
      : { 'address.country': shop.legalSystem };
    return guestPage(request, reply, shop, values, {});
  });

  // Each submission may write a row: bounded per address like the sign-in forms.
  app.post<ShopParams>('/shops/:shop/checkout/guest', { preValidation: app.csrfProtection, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireGuests(shop);
    const values = flatForm(request.body);
    try {
      const input = parseOrThrow(GuestDetails, nestForm(values));
      const guest = await recordGuest(deps, guestShop(shop), input, request.lang, guestIdOf(request, shop));
      reply.setCookie(GUEST_COOKIE, `${shop.slug}:${guest.id}`, { signed: true, path: `/shops/${shop.slug}/checkout`, httpOnly: true, sameSite: 'lax', secure: secureCookies(request), maxAge: 86_400 });
      return reply.redirect(`/shops/${shop.slug}/checkout`, 303);
    } catch (error) {
      return guestPage(request, reply, shop, values, fieldErrors(error, request.lang), 422);
    }
  });
}
