/**
 * The composition root (STYLE.md §14): builds the Fastify app from the capabilities' routes and
 * the adapters it is given. No capability reads the environment or opens a connection itself.
 */
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { accountsApi } from './web/accounts/api.ts';
import { aftersaleApi } from './web/aftersale/api.ts';
import { complaintsApi } from './web/aftersale/complaints-api.ts';
import { claimsApi } from './web/aftersale/claims-api.ts';
import { claimsPages } from './web/aftersale/claims-routes.tsx';
import { aftersalePages } from './web/aftersale/routes.tsx';
import { complaintsPages } from './web/aftersale/complaints-routes.tsx';
import { modelFormPages } from './web/aftersale/model-form-routes.ts';
import { aftersaleStaffPages } from './web/aftersale/staff-routes.tsx';
import { accountsPages } from './web/accounts/routes.tsx';
import { invoicesApi } from './web/invoicing/api.ts';
import { campaignsApi } from './web/campaigns/api.ts';
import { campaignStaffPages } from './web/campaigns/routes.tsx';
import { invoicePages } from './web/invoicing/routes.ts';
import { ordersApi } from './web/orders/api.ts';
import { deliveryApi } from './web/delivery/api.ts';
import { deliveryStaffPages } from './web/delivery/staff-routes.tsx';
import { orderEventsApi } from './web/orders/events-api.ts';
import { lateDeliveryApi } from './web/orders/late-delivery-api.ts';
import { specialOrderApi } from './web/orders/special-order-api.ts';
import { lateDeliveryPages } from './web/orders/late-delivery.tsx';
import { forceMajeurePages } from './web/orders/force-majeure-routes.tsx';
import { formalNoticePages } from './web/orders/formal-notice-routes.tsx';
import { customerChangesApi } from './web/orders/customer-changes-api.ts';
import { ordersStaffPages } from './web/orders/staff-routes.tsx';
import { staffTodayPages } from './web/orders/today-routes.tsx';
import { customerChangesPages } from './web/orders/customer-changes.tsx';
import { specialOrderStaffPages } from './web/orders/special-order.tsx';
import { paymentsApi } from './web/payments/api.ts';
import { refundsApi } from './web/payments/refunds-api.ts';
import { refundsPages } from './web/payments/refunds-routes.tsx';
import { bankEntriesApi } from './web/payments/bank-api.ts';
import { bankStaffPages } from './web/payments/staff-routes.tsx';
import { catalogueApi } from './web/catalogue/api.ts';
import { catalogueStaffPages } from './web/catalogue/staff-routes.tsx';
import { checkoutPages } from './web/checkout/routes.tsx';
import type { Config } from './config.ts';
import type { Database } from './db/connect.ts';
import { termsApi } from './web/terms/api.ts';
import { termsPages } from './web/terms/routes.tsx';
import type { Mailer } from './notifications/outbox.ts';
import { stripeWebhookApi } from './web/payments/card-api.ts';
import { cardPages } from './web/payments/card-routes.tsx';
import type { StripeGateway } from './payments/card/stripe-client.ts';
import { apiDocs } from './platform/openapi.ts';
import type { PlatformClock } from './platform/clock.ts';
import { platformApi } from './platform/api.ts';
import { shopsApi } from './web/shops/api.ts';
import { shopsPages } from './web/shops/routes.tsx';
import { staffPages } from './web/shops/staff-routes.tsx';
import { operatorPages } from './platform/operator-routes.tsx';
import { roundsStaffPages } from './web/rounds/staff-routes.tsx';
import { runSheetPages } from './web/rounds/run-sheet-routes.tsx';
import { installContext, installSecurityHeaders } from './web/hooks.ts';
import { installOrderLinks } from './web/order-link.ts';
import { installIdempotency } from './web/idempotency.ts';
import { installErrorHandlers } from './web/errors.tsx';
import { type LogStream, loggerOptions } from './web/logging.ts';
import { parseFormBody } from './web/form-body.ts';
import { installInputGuard } from './web/input-guard.ts';

export type AppDeps = {
  config: Config;
  database: Database;
  clock: PlatformClock;
  mailer: Mailer;
  /** Runs every job due at the platform's current time (outbox, later: legal deadlines). */
  runDueJobs: () => Promise<void>;
  /** Stripe, when configured: card payments and card refunds (issue 4 §3, §5). */
  stripe: StripeGateway | null;
};

/**
 * Placing a card order redirects the form's POST to Stripe's hosted page, and browsers apply
 * CSP `form-action` to that redirect: Stripe Checkout's origin (or the test server's) is allowed.
 */
const stripeCheckoutOrigin = (config: Config): string[] =>
  config.stripe ? [config.stripe.apiUrl ? new URL(config.stripe.apiUrl).origin : 'https://checkout.stripe.com'] : [];

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export async function buildApp(deps: AppDeps, options: { logger?: boolean; logStream?: LogStream } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // No parameters, personal data or credentials in the log (src/web/logging.ts).
    logger: options.logger ? loggerOptions(deps.config.logLevel, options.logStream) : false,
    bodyLimit: 1_048_576,
    // X-Forwarded-* only from the proxies TRUST_PROXY names: anyone else could pick their own
    // request.ip and escape the sign-in rate limits (issue 8 §3).
    trustProxy: deps.config.trustProxy,
    // Validation is done with zod in the handlers (one error format); route schemas are for docs.
    ajv: { customOptions: { strict: false } },
    // A JSON body with a `__proto__` or `constructor.prototype` key is refused (400 invalid_json),
    // not stripped: Fastify's defaults today, stated so that no upgrade can loosen them (issue 8 §9).
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  app.decorate('deps', deps);
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  await app.register(fastifyCookie, { secret: deps.config.secret });
  // Every form is parsed by qs, which drops `__proto__`/`constructor` fields (issue 8 §4).
  await app.register(fastifyFormbody, { bodyLimit: 65_536, parser: parseFormBody });
  await app.register(fastifyCsrf, { cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: deps.config.publicUrl?.startsWith('https:') === true } });
  // Helmet's headers, computed once (src/web/hooks.ts: @fastify/helmet rebuilds them per request).
  await installSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: { 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'], 'form-action': ["'self'", ...stripeCheckoutOrigin(deps.config)] },
    },
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyStatic, { root: fileURLToPath(new URL('./web/assets/', import.meta.url)), prefix: '/assets/' });

  installContext(app);
  installOrderLinks(app);
  installInputGuard(app);
  installErrorHandlers(app);
  await apiDocs(app);

  await app.register(
    async (api) => {
      installIdempotency(api);
      await api.register(platformApi);
      await api.register(shopsApi);
      await api.register(catalogueApi);
      await api.register(accountsApi);
      await api.register(termsApi);
      await api.register(ordersApi);
      await api.register(deliveryApi);
      await api.register(orderEventsApi);
      await api.register(lateDeliveryApi);
      await api.register(specialOrderApi);
      await api.register(customerChangesApi);
      await api.register(paymentsApi);
      await api.register(refundsApi);
      await api.register(stripeWebhookApi);
      await api.register(bankEntriesApi);
      await api.register(invoicesApi);
      await api.register(aftersaleApi);
      await api.register(complaintsApi);
      await api.register(claimsApi);
      await api.register(campaignsApi);
    },
    { prefix: '/api/v1' },
  );
  await app.register(shopsPages);
  await app.register(termsPages);
  await app.register(accountsPages);
  await app.register(checkoutPages);
  await app.register(invoicePages);
  await app.register(cardPages);
  await app.register(staffPages);
  await app.register(ordersStaffPages);
  await app.register(lateDeliveryPages);
  await app.register(forceMajeurePages);
  await app.register(formalNoticePages);
  await app.register(staffTodayPages);
  await app.register(refundsPages);
  await app.register(aftersalePages);
  await app.register(complaintsPages);
  await app.register(claimsPages);
  await app.register(customerChangesPages);
  await app.register(specialOrderStaffPages);
  await app.register(modelFormPages);
  await app.register(aftersaleStaffPages);
  await app.register(catalogueStaffPages);
  await app.register(campaignStaffPages);
  await app.register(bankStaffPages);
  await app.register(roundsStaffPages);
  await app.register(runSheetPages);
  await app.register(deliveryStaffPages);
  await app.register(operatorPages);
  return app;
}
