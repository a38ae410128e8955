/**
 * The staff back office shell: sign-in and the dashboard of one shop (catalogue, customers, the
 * profile in force and what the profile checker says about it). Operators may enter any shop.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requireAccess } from '../../accounts/actor.ts';
import * as accounts from '../../accounts/queries.ts';
import { Credentials } from '../../accounts/schema.ts';
import { openSession } from '../../accounts/service.ts';
import { signIn, signInFailureStatus } from '../../accounts/sign-in.ts';
import { LoginForm } from '../accounts/views/forms.tsx';
import { listCatalogue } from '../../catalogue/service.ts';
import { t } from '../../kernel/i18n/index.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { frameFor, sendPage } from '../context.ts';
import { fieldErrors, flatForm, setSessionCookie } from '../form-errors.ts';
import { Page } from '../layout.tsx';
import { secureCookies } from '../urls.ts';
import { checkProfile } from '../../shops/profile/check.ts';
import { getShop, type Shop, shopCounts } from '../../shops/service.ts';
import { StaffDashboard } from './views/staff-dashboard.tsx';

type ShopParams = { Params: { shop: string } };

export const staffPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock };

  const loginPage = (request: FastifyRequest, reply: FastifyReply, shop: Shop, values: Record<string, string>, errors: Record<string, string>, status = 200) => {
    const title = t(request.lang, 'accounts.staffLogin.title');
    const f = frameFor(request, reply, title, { slug: shop.slug, name: shop.name });
    return sendPage(reply, <Page frame={f}><LoginForm lang={request.lang} title={title} action={`/shops/${shop.slug}/staff/login`} csrf={f.csrfToken ?? ''} values={values} errors={errors} /></Page>, status);
  };

  app.get<ShopParams>('/shops/:shop/staff/login', async (request, reply) => loginPage(request, reply, await getShop(db, request.params.shop), {}, {}));

  app.post<ShopParams>('/shops/:shop/staff/login', { preValidation: app.csrfProtection, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const values = flatForm(request.body);
    try {
      const actor = await signIn(deps, request, reply, { kind: 'staff', shopId: shop.slug }, parseOrThrow(Credentials, values), { secureCookie: secureCookies(request) });
      setSessionCookie(request, reply, await openSession(deps, actor, request.headers['user-agent'] ?? null));
      return reply.redirect(`/shops/${shop.slug}/staff`, 303);
    } catch (error) {
      return loginPage(request, reply, shop, values, fieldErrors(error, request.lang), signInFailureStatus(error));
    }
  });

  app.get<ShopParams>('/shops/:shop/staff', async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    if (request.actor.kind === 'anonymous') return reply.redirect(`/shops/${shop.slug}/staff/login`, 303);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const [counts, catalogue, customers] = await Promise.all([
      shopCounts(db, shop.slug),
      listCatalogue(db, shop.slug, { limit: 200, sort: 'sku', includeInactive: true }),
      accounts.listCustomers(db, shop.slug, 50),
    ]);
    const f = frameFor(request, reply, t(request.lang, 'staff.title', { shop: shop.name }), { slug: shop.slug, name: shop.name });
    return sendPage(
      reply,
      <Page frame={f}>
        <StaffDashboard lang={request.lang} shop={shop} counts={counts} products={catalogue.items} customers={customers} findings={checkProfile(shop.profile)} saved={(request.query as { saved?: string }).saved === '1'} />
      </Page>,
    );
  });
};
