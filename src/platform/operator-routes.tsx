/**
 * The operator's pages: sign-in and the list of shops of the instance, each with its counts and
 * a link into its back office.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requireAccess } from '../accounts/actor.ts';
import { Credentials } from '../accounts/schema.ts';
import { closeSession, openSession } from '../accounts/service.ts';
import { signIn, signInFailureStatus } from '../accounts/sign-in.ts';
import { LoginForm } from '../web/accounts/views/forms.tsx';
import { t } from '../kernel/i18n/index.ts';
import { parseOrThrow } from '../kernel/validation.ts';
import { outboxHealth } from '../notifications/outbox.ts';
import { listShops, shopCounts } from '../shops/service.ts';
import { frameFor, SESSION_COOKIE, sendPage } from '../web/context.ts';
import { fieldErrors, flatForm, setSessionCookie } from '../web/form-errors.ts';
import { Form } from '../web/forms.tsx';
import { Page } from '../web/layout.tsx';
import { secureCookies } from '../web/urls.ts';

export const operatorPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock };

  const loginPage = (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors: Record<string, string>, status = 200) => {
    const title = t(request.lang, 'accounts.operatorLogin.title');
    const f = frameFor(request, reply, title);
    return sendPage(reply, <Page frame={f}><LoginForm lang={request.lang} title={title} action="/operator/login" csrf={f.csrfToken ?? ''} values={values} errors={errors} /></Page>, status);
  };

  app.get('/operator/login', async (request, reply) => loginPage(request, reply, {}, {}));

  app.post('/operator/login', { preValidation: app.csrfProtection, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    const values = flatForm(request.body);
    try {
      const actor = await signIn(deps, request, reply, { kind: 'operator' }, parseOrThrow(Credentials, values), { secureCookie: secureCookies(request) });
      setSessionCookie(request, reply, await openSession(deps, actor, request.headers['user-agent'] ?? null));
      return reply.redirect('/operator', 303);
    } catch (error) {
      return loginPage(request, reply, values, fieldErrors(error, request.lang), signInFailureStatus(error));
    }
  });

  app.post('/operator/logout', { preValidation: app.csrfProtection }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await closeSession(deps, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });

  app.get('/operator', async (request, reply) => {
    if (request.actor.kind === 'anonymous') return reply.redirect('/operator/login', 303);
    requireAccess(request.actor, 'platform.operate');
    const shops = await listShops(db);
    const counts = await Promise.all(shops.map((s) => shopCounts(db, s.slug)));
    const emails = await outboxHealth(db);
    const lang = request.lang;
    const f = frameFor(request, reply, t(lang, 'operator.title'));
    return sendPage(
      reply,
      <Page frame={f}>
        <h1>{t(lang, 'operator.title')}</h1>
        <table>
          <caption>{t(lang, 'operator.shops')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'staff.name')}</th>
              <th scope="col">{t(lang, 'home.legalSystem')}</th>
              <th scope="col" class="num">{t(lang, 'staff.products')}</th>
              <th scope="col" class="num">{t(lang, 'staff.customers')}</th>
            </tr>
          </thead>
          <tbody>
            {shops.map((s, i) => (
              <tr>
                <td><a href={`/shops/${s.slug}/staff`}>{s.name}</a></td>
                <td>{s.legalSystem}</td>
                <td class="num">{counts[i]?.products}</td>
                <td class="num">{counts[i]?.customers}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p id="outbox">{t(lang, 'operator.emails', { pending: String(emails.pending), failed: String(emails.failed) })}</p>
        <Form action="/operator/logout" csrfToken={f.csrfToken ?? ''}>
          <button type="submit">{t(lang, 'nav.logout')}</button>
        </Form>
      </Page>,
    );
  });
};
