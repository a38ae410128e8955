/**
 * A guest becomes a member from their order (issue 10 §1, "a guest can later register with the
 * same e-mail and find their guest orders"): on the order page opened through its signed link,
 * a password is all that is asked, and the guest's own row becomes the account, so the orders of
 * that checkout are in it. Only through the link, which reached the guest's mailbox: a registration
 * by e-mail alone proves nothing of the address, so it never adopts a guest's orders.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GuestRegistration, registerGuest } from '../../accounts/guests.ts';
import * as accounts from '../../accounts/queries.ts';
import { openSession } from '../../accounts/service.ts';
import type { CartDeps } from '../../checkout/cart-service.ts';
import { notFound } from '../../kernel/errors.ts';
import { type Lang, t } from '../../kernel/i18n/index.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { getShop, type Shop } from '../../shops/service.ts';
import { frameFor, sendPage } from '../context.ts';
import { fieldErrors, flatForm, setSessionCookie } from '../form-errors.ts';
import { ErrorSummary, Field, type FieldErrors, Form } from '../forms.tsx';
import { Page } from '../layout.tsx';

type IdParams = { Params: { shop: string; id: string } };

/** The guest of this order, when the caller came through the order's link; else null. */
async function linkedGuest(db: CartDeps['db'], request: FastifyRequest, shopId: string, orderId: string) {
  const a = request.actor;
  if (a.kind !== 'customer' || a.shopId !== shopId || a.orderLink !== orderId) return null;
  const row = await accounts.findCustomer(db, shopId, a.id);
  return row?.guest ? row : null;
}

function GuestAccountForm({ lang, action, csrf, email, errors }: { lang: Lang; action: string; csrf: string; email: string; errors: FieldErrors }) {
  return (
    <section aria-labelledby="guest-account">
      <h2 id="guest-account">{t(lang, 'checkout.guestAccount.title')}</h2>
      <ErrorSummary lang={lang} errors={errors} />
      <p>{t(lang, 'checkout.guestAccount.intro', { email })}</p>
      <Form action={action} csrfToken={csrf}>
        <Field name="password" label={t(lang, 'accounts.password')} type="password" autocomplete="new-password" errors={errors} required hint={t(lang, 'accounts.passwordHint')} />
        <button type="submit">{t(lang, 'checkout.guestAccount.submit')}</button>
      </Form>
    </section>
  );
}

/** The order page's offer to a guest who came through the link; nothing for anyone else. */
export async function guestAccountSection(db: CartDeps['db'], request: FastifyRequest, shop: Shop, orderId: string, csrf: string) {
  const guest = await linkedGuest(db, request, shop.slug, orderId);
  if (!guest) return null;
  return <GuestAccountForm lang={request.lang} action={`/shops/${shop.slug}/orders/${orderId}/account`} csrf={csrf} email={guest.email} errors={{}} />;
}

export function guestAccountRoutes(app: FastifyInstance, deps: CartDeps): void {
  const { db } = deps;
  app.post<IdParams>('/shops/:shop/orders/:id/account', { preValidation: app.csrfProtection }, async (request, reply: FastifyReply) => {
    const shop = await getShop(db, request.params.shop);
    if (request.actor.kind === 'anonymous') return reply.redirect(`/shops/${shop.slug}/login`, 303);
    const guest = await linkedGuest(db, request, shop.slug, request.params.id);
    if (!guest) throw notFound('order');
    try {
      const { password } = parseOrThrow(GuestRegistration, flatForm(request.body));
      const member = await registerGuest(deps, shop.slug, guest.id, password);
      setSessionCookie(request, reply, await openSession(deps, { kind: 'customer', shopId: shop.slug, id: member.id, name: member.name }, request.headers['user-agent'] ?? null));
      return reply.redirect(`/shops/${shop.slug}/account?welcome=1`, 303);
    } catch (error) {
      const f = frameFor(request, reply, t(request.lang, 'checkout.guestAccount.title'), { slug: shop.slug, name: shop.name });
      const form = <GuestAccountForm lang={request.lang} action={`/shops/${shop.slug}/orders/${request.params.id}/account`} csrf={f.csrfToken ?? ''} email={guest.email} errors={fieldErrors(error, request.lang)} />;
      return sendPage(reply, <Page frame={f}><h1>{t(request.lang, 'checkout.guestAccount.title')}</h1>{form}<p><a href={`/shops/${shop.slug}/orders/${request.params.id}`}>{t(request.lang, 'checkout.guestAccount.back')}</a></p></Page>, 422);
    }
  });
}
