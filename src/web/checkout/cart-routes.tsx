/**
 * Cart pages: show the cart, add from a product, change a quantity, remove a line. Each change
 * is a CSRF-checked form answered by a redirect (post/redirect/get); a refused change shows the
 * cart again with the reason and changes nothing.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CustomerKind } from '../../accounts/schema.ts';
import { type MessageKey, t } from '../../kernel/i18n/index.ts';
import { getShop, type Shop } from '../../shops/service.ts';
import { frameFor, sendPage } from '../context.ts';
import { fieldErrors, flatForm } from '../form-errors.ts';
import type { FieldErrors } from '../forms.tsx';
import { Page } from '../layout.tsx';
import { addToCart, type CartDeps, changeQuantity, removeFromCart, viewCart } from '../../checkout/cart-service.ts';
import { cartOwner, cartOwnerOrNew } from './cart-session.ts';
import * as q from '../../checkout/queries.ts';
import { CartPage } from './views/cart-page.tsx';

type ShopParams = { Params: { shop: string } };
const DONE = ['added', 'updated', 'removed'] as const;

/** The signed-in customer of this shop, or null for a guest (or staff browsing the shop). */
export async function shopCustomer(db: CartDeps['db'], request: FastifyRequest, shop: Shop) {
  const a = request.actor;
  if (a.kind !== 'customer' || a.shopId !== shop.slug) return null;
  return (await q.findCustomerForOrder(db, shop.slug, a.id)) ?? null;
}

export function cartRoutes(app: FastifyInstance, deps: CartDeps): void {
  const { db } = deps;

  async function cartPage(request: FastifyRequest, reply: FastifyReply, shop: Shop, errors: FieldErrors = {}, status = 200) {
    const customer = await shopCustomer(db, request, shop);
    const kind = (customer?.kind ?? null) as CustomerKind | null;
    const cart = await viewCart(deps, shop, cartOwner(request, shop.slug), kind);
    const done = (request.query as { done?: string }).done;
    const notice = status === 200 && DONE.includes(done as (typeof DONE)[number]) ? t(request.lang, `cart.done.${done}` as MessageKey) : undefined;
    const f = frameFor(request, reply, t(request.lang, 'cart.title'), { slug: shop.slug, name: shop.name });
    const page = <CartPage lang={request.lang} shop={shop} cart={cart} csrf={f.csrfToken ?? ''} showHt={kind === 'professional'} kind={kind} notice={notice} errors={errors} />;
    return sendPage(reply, <Page frame={f}>{page}</Page>, status);
  }

  /** A refused change: the cart again, the message beside the line when the line exists. */
  async function refused(request: FastifyRequest, reply: FastifyReply, shop: Shop, error: unknown, productId: string, inLine: boolean) {
    const errors = fieldErrors(error, request.lang);
    const keyed: FieldErrors = {};
    for (const [field, message] of Object.entries(errors)) keyed[inLine && field === 'quantity' ? `qty-${productId}` : '_form'] ??= message;
    return cartPage(request, reply, shop, keyed, 422);
  }

  app.get<ShopParams>('/shops/:shop/cart', async (request, reply) => cartPage(request, reply, await getShop(db, request.params.shop)));

  app.post<ShopParams>('/shops/:shop/cart/add', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const { productId = '', quantity = '' } = flatForm(request.body);
    try {
      await addToCart(deps, shop, cartOwnerOrNew(request, reply, shop.slug), productId, quantity);
      return reply.redirect(`/shops/${shop.slug}/cart?done=added`, 303);
    } catch (error) {
      return refused(request, reply, shop, error, productId, false);
    }
  });

  app.post<ShopParams>('/shops/:shop/cart/update', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const { productId = '', quantity = '' } = flatForm(request.body);
    try {
      await changeQuantity(deps, shop, cartOwnerOrNew(request, reply, shop.slug), productId, quantity);
      return reply.redirect(`/shops/${shop.slug}/cart?done=updated`, 303);
    } catch (error) {
      return refused(request, reply, shop, error, productId, true);
    }
  });

  app.post<ShopParams>('/shops/:shop/cart/remove', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const owner = cartOwner(request, shop.slug);
    if (owner) await removeFromCart(deps, shop, owner, flatForm(request.body).productId ?? '');
    return reply.redirect(`/shops/${shop.slug}/cart?done=removed`, 303);
  });
}
