/**
 * Customer pages: register, sign in and out, account, forgotten password. Every form carries a
 * CSRF token checked before the handler runs; a failed form is shown again with every error.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { afterCustomerSignIn } from '../checkout/cart-session.ts';
import { customerOrders } from '../../checkout/placed-orders.ts';
import { OrdersList } from '../checkout/views/order-page.tsx';
import { t } from '../../kernel/i18n/index.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { creditBalance } from '../../payments/credit/service.ts';
import { CreditNotice } from '../payments/views/credit/credit-notice.tsx';
import { customerKinds, getShop, type Shop } from '../../shops/service.ts';
import { frameFor, SESSION_COOKIE, sendPage } from '../context.ts';
import { fieldErrors, flatForm, nestForm, setSessionCookie } from '../form-errors.ts';
import { Page } from '../layout.tsx';
import { baseUrl, secureCookies } from '../urls.ts';
import { requireCustomer } from '../../accounts/actor.ts';
import * as q from '../../accounts/queries.ts';
import { Credentials, Registration, ResetConfirm, ResetRequest } from '../../accounts/schema.ts';
import { closeSession, openSession, registerCustomer, requestPasswordReset, resetPassword } from '../../accounts/service.ts';
import { signIn, signInFailureStatus } from '../../accounts/sign-in.ts';
import { ForgotForm, LoginForm, RegisterForm, ResetForm } from './views/forms.tsx';
import { AccountPage } from './views/account.tsx';
import { MemberDeliveriesPage } from './views/deliveries.tsx';
import { memberDeliveries } from '../../flows/member-deliveries.ts';

type ShopParams = { Params: { shop: string } };
/** Whether the shop hands orders over at points or by members (issue 12 §6). */
const hasHandOvers = (shop: Shop) => (shop.profile.delivery?.modes ?? []).some((m) => m.mode === 'pickup' || m.mode === 'volunteer');
const loginLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };

export const accountsPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock };
  const ref = (shop: Shop) => ({ id: shop.slug, name: shop.name, customerKinds: customerKinds(shop) });
  const frame = (request: FastifyRequest, reply: Parameters<typeof frameFor>[1], shop: Shop, title: string) =>
    frameFor(request, reply, title, { slug: shop.slug, name: shop.name });

  app.get<ShopParams>('/shops/:shop/register', async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const f = frame(request, reply, shop, t(request.lang, 'accounts.register.title'));
    const form = <RegisterForm lang={request.lang} action={`/shops/${shop.slug}/register`} csrf={f.csrfToken ?? ''} kinds={customerKinds(shop)} values={{ 'address.country': shop.legalSystem }} errors={{}} />;
    return sendPage(reply, <Page frame={f}>{form}</Page>);
  });

  app.post<ShopParams>('/shops/:shop/register', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const values = flatForm(request.body);
    try {
      const input = parseOrThrow(Registration, nestForm(values));
      const { id } = await registerCustomer(deps, ref(shop), input, request.lang);
      const actor = { kind: 'customer' as const, shopId: shop.slug, id, name: `${input.firstName} ${input.lastName}` };
      setSessionCookie(request, reply, await openSession(deps, actor, request.headers['user-agent'] ?? null));
      const back = await afterCustomerSignIn(deps, request, reply, shop.slug, id);
      return reply.redirect(back ?? `/shops/${shop.slug}/account?welcome=1`, 303);
    } catch (error) {
      const errors = fieldErrors(error, request.lang);
      const f = frame(request, reply, shop, t(request.lang, 'accounts.register.title'));
      const form = <RegisterForm lang={request.lang} action={`/shops/${shop.slug}/register`} csrf={f.csrfToken ?? ''} kinds={customerKinds(shop)} values={values} errors={errors} />;
      return sendPage(reply, <Page frame={f}>{form}</Page>, 422);
    }
  });

  const loginPage = (request: FastifyRequest, reply: Parameters<typeof frameFor>[1], shop: Shop, values: Record<string, string>, errors: Record<string, string>, status = 200) => {
    const f = frame(request, reply, shop, t(request.lang, 'accounts.login.title'));
    const base = `/shops/${shop.slug}`;
    const notice = (request.query as { reset?: string }).reset === '1' ? t(request.lang, 'accounts.reset.done') : undefined;
    const form = <LoginForm lang={request.lang} title={t(request.lang, 'accounts.login.title')} action={`${base}/login`} csrf={f.csrfToken ?? ''} values={values} errors={errors} notice={notice} links={{ forgot: `${base}/password/forgot`, register: `${base}/register` }} />;
    return sendPage(reply, <Page frame={f}>{form}</Page>, status);
  };

  app.get<ShopParams>('/shops/:shop/login', async (request, reply) => loginPage(request, reply, await getShop(db, request.params.shop), {}, {}));

  app.post<ShopParams>('/shops/:shop/login', { preValidation: app.csrfProtection, config: loginLimit }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const values = flatForm(request.body);
    try {
      const actor = await signIn(deps, request, reply, { kind: 'customer', shopId: shop.slug }, parseOrThrow(Credentials, values), { secureCookie: secureCookies(request) });
      setSessionCookie(request, reply, await openSession(deps, actor, request.headers['user-agent'] ?? null));
      const back = actor.kind === 'customer' ? await afterCustomerSignIn(deps, request, reply, shop.slug, actor.id) : null;
      return reply.redirect(back ?? `/shops/${shop.slug}/account`, 303);
    } catch (error) {
      return loginPage(request, reply, shop, values, fieldErrors(error, request.lang), signInFailureStatus(error));
    }
  });

  app.post<ShopParams>('/shops/:shop/logout', { preValidation: app.csrfProtection }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await closeSession(deps, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect(`/shops/${encodeURIComponent(request.params.shop)}`, 303);
  });

  app.get<ShopParams & { Querystring: { welcome?: string } }>('/shops/:shop/account', async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    if (request.actor.kind === 'anonymous') return reply.redirect(`/shops/${shop.slug}/login`, 303);
    const id = requireCustomer(request.actor, shop.slug);
    const customer = await q.findCustomer(db, shop.slug, id);
    if (!customer) return reply.redirect(`/shops/${shop.slug}/login`, 303);
    const f = frame(request, reply, shop, t(request.lang, 'accounts.me.title'));
    const orders = <OrdersList lang={request.lang} shop={shop} orders={await customerOrders(db, shop.slug, id)} />;
    const credit = <CreditNotice lang={request.lang} balanceCents={await creditBalance(db, shop.slug, id)} />;
    const handOvers = hasHandOvers(shop) && <p><a href={`/shops/${shop.slug}/account/deliveries`}>{t(request.lang, 'rounds.member.title')}</a></p>;
    return sendPage(reply, <Page frame={f}><AccountPage lang={request.lang} customer={customer} welcome={request.query.welcome === '1'} />{handOvers}{credit}{orders}</Page>);
  });

  // The member's pickups and deliveries by members (issue 12 §6): their own orders only.
  app.get<ShopParams>('/shops/:shop/account/deliveries', async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    if (request.actor.kind === 'anonymous') return reply.redirect(`/shops/${shop.slug}/login`, 303);
    const id = requireCustomer(request.actor, shop.slug);
    const f = frame(request, reply, shop, t(request.lang, 'rounds.member.title'));
    const list = await memberDeliveries(db, shop, id, app.deps.clock.now());
    return sendPage(reply, <Page frame={f}><MemberDeliveriesPage lang={request.lang} shop={shop} handOvers={list} /></Page>);
  });

  const forgotPage = (request: FastifyRequest, reply: Parameters<typeof frameFor>[1], shop: Shop, values: Record<string, string>, errors: Record<string, string>, sent: boolean, status = 200) => {
    const f = frame(request, reply, shop, t(request.lang, 'accounts.forgot.title'));
    return sendPage(reply, <Page frame={f}><ForgotForm lang={request.lang} action={`/shops/${shop.slug}/password/forgot`} csrf={f.csrfToken ?? ''} values={values} errors={errors} sent={sent} /></Page>, status);
  };

  app.get<ShopParams>('/shops/:shop/password/forgot', async (request, reply) => forgotPage(request, reply, await getShop(db, request.params.shop), {}, {}, false));

  app.post<ShopParams>('/shops/:shop/password/forgot', { preValidation: app.csrfProtection, config: loginLimit }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const values = flatForm(request.body);
    try {
      const { email } = parseOrThrow(ResetRequest, values);
      await requestPasswordReset(deps, ref(shop), email, baseUrl(request));
      await app.deps.runDueJobs();
      return forgotPage(request, reply, shop, {}, {}, true);
    } catch (error) {
      return forgotPage(request, reply, shop, values, fieldErrors(error, request.lang), false, 422);
    }
  });

  app.get<ShopParams & { Querystring: { token?: string } }>('/shops/:shop/password/reset', async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const f = frame(request, reply, shop, t(request.lang, 'accounts.reset.title'));
    const token = String(request.query.token ?? '').slice(0, 200);
    return sendPage(reply, <Page frame={f}><ResetForm lang={request.lang} action={`/shops/${shop.slug}/password/reset`} csrf={f.csrfToken ?? ''} token={token} errors={{}} /></Page>);
  });

  app.post<ShopParams>('/shops/:shop/password/reset', { preValidation: app.csrfProtection, config: loginLimit }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const values = flatForm(request.body);
    try {
      const { token, password } = parseOrThrow(ResetConfirm, values);
      await resetPassword(deps, shop.slug, token, password);
      return reply.redirect(`/shops/${shop.slug}/login?reset=1`, 303);
    } catch (error) {
      const f = frame(request, reply, shop, t(request.lang, 'accounts.reset.title'));
      const errors = fieldErrors(error, request.lang);
      return sendPage(reply, <Page frame={f}><ResetForm lang={request.lang} action={`/shops/${shop.slug}/password/reset`} csrf={f.csrfToken ?? ''} token={values.token ?? ''} errors={errors} /></Page>, 422);
    }
  });
};
