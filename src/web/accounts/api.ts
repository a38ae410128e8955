/**
 * API: registration, session tokens, the caller's own account, and the staff's customer list
 * (API.md `POST customers`, `POST session`).
 */
import type { FastifyPluginAsync } from 'fastify';
import { parseOrThrow } from '../../kernel/validation.ts';
import { customerKinds, getShop } from '../../shops/service.ts';
import { requireAccess, requireCustomer } from '../../accounts/actor.ts';
import * as q from '../../accounts/queries.ts';
import { Credentials, Registration } from '../../accounts/schema.ts';
import { issueApiToken, registerCustomer } from '../../accounts/service.ts';
import { signIn } from '../../accounts/sign-in.ts';

type ShopParams = { Params: { shop: string } };
const TOKEN_DAYS = 30;

export const accountsApi: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock };

  app.post<ShopParams>('/shops/:shop/customers', { schema: { tags: ['accounts'], summary: 'Register a customer' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const input = parseOrThrow(Registration, request.body);
    const { id } = await registerCustomer(deps, { id: shop.slug, name: shop.name, customerKinds: customerKinds(shop) }, input, request.lang);
    return reply.code(201).send({ id });
  });

  app.post<ShopParams>(
    '/shops/:shop/session',
    { schema: { tags: ['accounts'], summary: 'Sign in: returns a customer token' }, config: { rateLimit: { max: 30, timeWindow: '1 minute' }, secretAnswer: true } },
    async (request, reply) => {
      const shop = await getShop(db, request.params.shop);
      const credentials = parseOrThrow(Credentials, request.body);
      const actor = await signIn(deps, request, reply, { kind: 'customer', shopId: shop.slug }, credentials, 'api');
      return { token: await issueApiToken(deps, actor, 'api session', TOKEN_DAYS), expiresInDays: TOKEN_DAYS };
    },
  );

  app.get<ShopParams>('/shops/:shop/me', { schema: { tags: ['accounts'], summary: 'The signed-in customer' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    const id = requireCustomer(request.actor, shop.slug);
    const c = await q.findCustomer(db, shop.slug, id);
    if (!c) throw new Error('customer of a live token vanished');
    return {
      id: c.id, kind: c.kind, email: c.email, firstName: c.first_name, lastName: c.last_name, companyName: c.company_name,
      siret: c.siret, vatNumber: c.vat_number, address: c.address, language: c.language, createdAt: c.created_at.toISOString(),
    };
  });

  app.get<ShopParams>('/shops/:shop/customers', { schema: { tags: ['accounts'], summary: 'The customers of a shop (staff)', description: '`{items: [{id, kind, email, firstName, lastName, companyName, guest}], total}`, newest first. `guest: true`: a customer who ordered without an account (issue 10 §1; shops whose profile has `checkout.registrationRequired: false`) — they never sign in and follow their order through the signed link of its e-mails.' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const rows = await q.listCustomers(db, shop.slug, 200);
    return {
      items: rows.map((c) => ({ id: c.id, kind: c.kind, email: c.email, firstName: c.first_name, lastName: c.last_name, companyName: c.company_name, guest: c.guest })),
      total: rows.length,
    };
  });
};
