/**
 * The signed order link in every e-mail to a customer about one order (issue 10 §1): the
 * confirmation, the transitions, payment reminders, withdrawal and claim acknowledgements,
 * refunds, late-delivery notices… all open the order with `?access=<token>`, so a guest, who
 * cannot sign in, follows their order from any of them (and a member on any browser, as the
 * confirmation already did). src/web/order-link.ts checks the token and opens the pages.
 *
 * Signed at send time (src/notifications/outbox.ts), never stored: an outbox row holds at most
 * `{ orderLink: { id, lang } }`, the order path's transaction computes nothing for it, and the
 * token never sits in the database. The origin comes from the configuration (PUBLIC_URL, or the
 * local server: src/web/urls.ts), never from a request.
 */
import { createHmac } from 'node:crypto';
import { isLang, type Lang, t } from '../kernel/i18n/index.ts';

/** The query parameter carrying the token. */
export const ACCESS_PARAM = 'access';

/** The token of one order's link: base64url of HMAC-SHA256(secret, purpose, shop, order). */
export function orderLinkToken(secret: string, shopId: string, orderId: string): string {
  return createHmac('sha256', secret).update(`comptoir order link v1\u0000${shopId}\u0000${orderId}`).digest('base64url');
}

/** The absolute signed link of one order. `baseUrl`: the configured origin (src/web/urls.ts). */
export function signedOrderUrl(baseUrl: string, secret: string, shopId: string, orderId: string): string {
  return `${baseUrl}/shops/${shopId}/orders/${orderId}?${ACCESS_PARAM}=${orderLinkToken(secret, shopId, orderId)}`;
}

/** What signs the links of the e-mails the outbox sends: the configured origin and COMPTOIR_SECRET. */
export type OrderLinkSigning = { baseUrl: string; secret: string };

/** What a queued e-mail asks for: a line with its order's signed link, in the e-mail's language. */
export type OrderLinkRequest = { id: string; lang: Lang };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Signs the links to the shop's customer order pages written in `text`: `…/shops/{shop}/orders/{id}`
 * standing alone (not a sub-page, not already carrying a query). The origin written is kept; a
 * bare path gets the configured one. Staff pages (`/staff/orders/…`) are never signed.
 */
export function signOrderLinks(text: string, shopId: string, signing: OrderLinkSigning): string {
  const link = new RegExp(`(https?://[^\\s/]+)?/shops/${escapeRegExp(shopId)}/orders/(${UUID})(?![\\w/?#-])`, 'g');
  return text.replace(link, (whole, origin: string | undefined, orderId: string, at: number) => {
    // A path inside another path or word (e.g. `…/x/shops/…`) is not a link of ours.
    if (!origin && at > 0 && !/[\s(<"'[]/.test(text[at - 1] ?? '')) return whole;
    return signedOrderUrl(origin ?? signing.baseUrl, signing.secret, shopId, orderId);
  });
}

/** Reads the `orderLink` an outbox payload carries; null when none (or not well formed). */
export function orderLinkOf(payload: Record<string, unknown>): OrderLinkRequest | null {
  const link = payload.orderLink as { id?: unknown; lang?: unknown } | undefined;
  if (!link || typeof link.id !== 'string' || !new RegExp(`^${UUID}$`).test(link.id) || !isLang(link.lang)) return null;
  return { id: link.id, lang: link.lang };
}

/**
 * The text as sent: its order links signed, and, when the e-mail names its order and does not
 * link to it yet, a last line "Suivre votre commande : <signed link>" in the e-mail's language.
 */
export function withOrderLinks(text: string, shopId: string | null, request: OrderLinkRequest | null, signing: OrderLinkSigning): string {
  if (!shopId) return text;
  const signed = signOrderLinks(text, shopId, signing);
  if (!request) return signed;
  const url = signedOrderUrl(signing.baseUrl, signing.secret, shopId, request.id);
  const already = signed.includes(`/shops/${shopId}/orders/${request.id}?${ACCESS_PARAM}=`);
  return already ? signed : `${signed.replace(/\s+$/, '')}\n\n${t(request.lang, 'tracking.mail.follow', { url })}\n`;
}
