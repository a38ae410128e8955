/**
 * The signed order link (issue 10 §1): `/shops/{shop}/orders/{id}?access=<token>`, written in the
 * order's confirmation e-mail, opens that one order's customer pages without signing in — for a
 * guest, who has no account, and for a member on any browser. The token is an HMAC-SHA256 of the
 * shop and the order's id under COMPTOIR_SECRET: nothing is stored, it cannot be guessed, and it
 * names one order, so with another order's id it is refused (404, as an order one may not see).
 * Changing COMPTOIR_SECRET revokes every link (in development without it, the embedded database
 * keeps a secret of its own in its data directory, so links survive a restart: src/platform/data-dir-secret.ts).
 * Every other e-mail about one order carries the same link, signed at send time
 * (src/notifications/order-links.ts).
 *
 * Opening the link puts the token in a cookie for the shop's pages (HttpOnly, SameSite=Lax) and
 * redirects to the address without it, so the token leaves the address bar, the history and any
 * Referer at once; the log never holds it either (src/web/logging.ts keeps no query value but a
 * few plain ones, and redacts cookies). While the cookie is there, a visitor not signed in acts
 * as the order's customer on that order's pages only — `/shops/{shop}/orders/{id}/…` and the
 * withdrawals, invoices, credit notes and warranty claims of that order — never elsewhere, and
 * never as staff. Links are built from the configuration (src/web/urls.ts), never from headers.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { orderLinkHolder, orderOfDocument, type OrderDocumentKind } from '../flows/order-link.ts';
import { notFound } from '../kernel/errors.ts';
import { ACCESS_PARAM, orderLinkToken, signedOrderUrl } from '../notifications/order-links.ts';
import { secureCookies } from './urls.ts';

// The token and the link are made in the notifications base, which signs every order e-mail's link at send time.
export { ACCESS_PARAM, orderLinkToken, signedOrderUrl };
const LINK_COOKIE = 'comptoir_order_link';
/** A day: the e-mail's link opens the pages again after that. */
const LINK_COOKIE_SECONDS = 86_400;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SHOP = '[a-z0-9][a-z0-9-]{0,62}';
const ORDER_PATH = new RegExp(`^/shops/(${SHOP})/orders/(${UUID})(?:/|$)`);
const DOCUMENT_PATH = new RegExp(`^/shops/(${SHOP})/(withdrawals|invoices|warranty-claims)/(${UUID})(?:\\.pdf)?(?:/|$)`);
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function isOrderLinkToken(secret: string, shopId: string, orderId: string, token: string): boolean {
  if (!TOKEN.test(token)) return false;
  return timingSafeEqual(Buffer.from(orderLinkToken(secret, shopId, orderId)), Buffer.from(token));
}

/** Lets this browser open the order's pages, as the link does (after a guest's checkout). */
export function grantOrderLink(request: FastifyRequest, reply: FastifyReply, shopId: string, orderId: string): void {
  const token = orderLinkToken(request.server.deps.config.secret, shopId, orderId);
  reply.setCookie(LINK_COOKIE, `${orderId}.${token}`, { path: `/shops/${shopId}/`, httpOnly: true, sameSite: 'lax', secure: secureCookies(request), maxAge: LINK_COOKIE_SECONDS });
}

/** The address without the token, the other parameters kept. */
function withoutToken(url: string): string {
  const at = url.indexOf('?');
  const query = new URLSearchParams(url.slice(at + 1));
  query.delete(ACCESS_PARAM);
  const rest = query.toString();
  return `${url.slice(0, at)}${rest ? `?${rest}` : ''}`;
}

/** The order of the cookie's grant when this request's path is one of that order's pages; else null. */
async function grantedOrder(request: FastifyRequest, path: string): Promise<{ shopId: string; orderId: string } | null> {
  const grant = request.cookies[LINK_COOKIE];
  if (!grant || grant.length > 100) return null;
  const [orderId = '', token = ''] = grant.split('.');
  const onOrder = ORDER_PATH.exec(path);
  const onDocument = onOrder ? null : DOCUMENT_PATH.exec(path);
  const shopId = onOrder?.[1] ?? onDocument?.[1];
  if (!shopId || !isOrderLinkToken(request.server.deps.config.secret, shopId, orderId, token)) return null;
  if (onOrder) return onOrder[2] === orderId ? { shopId, orderId } : null;
  const documentOrder = await orderOfDocument(request.server.deps.database.db, shopId, onDocument?.[2] as OrderDocumentKind, onDocument?.[3] ?? '');
  return documentOrder === orderId ? { shopId, orderId } : null;
}

/** Installed right after the caller is resolved (src/web/hooks.ts), before any route runs. */
export function installOrderLinks(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/shops/')) return;
    const path = request.url.split('?', 1)[0] ?? '';
    const token = (request.query as Record<string, unknown> | undefined)?.[ACCESS_PARAM];
    if (token !== undefined) {
      const order = ORDER_PATH.exec(path);
      if (!order?.[1] || !order[2] || typeof token !== 'string' || !isOrderLinkToken(app.deps.config.secret, order[1], order[2], token)) throw notFound('order');
      grantOrderLink(request, reply, order[1], order[2]);
      return reply.redirect(withoutToken(request.url), 303);
    }
    // A signed-in caller keeps who they are: a member sees their order, staff their pages.
    if (request.actor.kind !== 'anonymous') return;
    const granted = await grantedOrder(request, path);
    if (!granted) return;
    const holder = await orderLinkHolder(app.deps.database.db, granted.shopId, granted.orderId);
    if (holder) request.actor = { kind: 'customer', shopId: granted.shopId, id: holder.id, name: holder.name, orderLink: granted.orderId };
  });
}
