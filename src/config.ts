/**
 * The one place that reads process.env (STYLE.md §13). Parsed with a schema at boot; a bad
 * variable stops start-up with the full list of problems, and the result is frozen.
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * TRUST_PROXY: the proxies that may tell us the client's address (X-Forwarded-For) and scheme,
 * as comma-separated addresses and CIDRs (`127.0.0.1`, `10.0.0.0/8`) or proxy-addr's names
 * (`loopback`, `linklocal`, `uniquelocal`). Absent: trust no one, so request.ip is the socket's
 * address and nobody picks their own to escape the rate limits. No hop count: it cannot tell
 * the proxy from a client connecting directly, and Fastify 5.12.1 stopped honouring it.
 */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isProxyAddress = (entry: string): boolean => {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
};
const TrustProxy = z
  .string()
  .transform((v) => v.split(',').map((e) => e.trim()))
  .refine((entries) => entries.every(isProxyAddress), 'must list the proxies’ addresses or CIDRs, separated by commas (127.0.0.1,10.0.0.0/8); a hop count cannot be trusted');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Loopback unless told otherwise: a development server is not offered to the whole network. */
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  TRUST_PROXY: TrustProxy.optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  COMPTOIR_DATA_DIR: z.string().default('./data'),
  COMPTOIR_PROFILES_DIR: z.string().default('./profiles'),
  COMPTOIR_ADMIN_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  COMPTOIR_TEST_CLOCK: z
    .string()
    .refine((v) => v === '1' || !Number.isNaN(Date.parse(v)), 'must be 1 or an ISO 8601 instant')
    .optional(),
  COMPTOIR_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().default('Comptoir <no-reply@comptoir.localhost>'),
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_/, 'must be a Stripe secret key (sk_test_…, sk_live_…)').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_/, 'must be a Stripe webhook signing secret (whsec_…)').optional(),
  /** Where the Stripe SDK sends its requests (tests: a local server), e.g. http://127.0.0.1:12111. */
  STRIPE_API_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().optional(),
});

/** In production, links in e-mails and the cookies' signature never fall back on a default. */
function productionProblems(env: NodeJS.ProcessEnv): string[] {
  if (env.NODE_ENV !== 'production') return [];
  return [
    ...(env.PUBLIC_URL ? [] : ['PUBLIC_URL: required when NODE_ENV=production: the public origin links in e-mails point to (https://shop.example.org)']),
    ...(env.COMPTOIR_SECRET ? [] : ['COMPTOIR_SECRET: required when NODE_ENV=production: 32+ random characters that sign cookies (openssl rand -base64 32)']),
  ];
}

export type Config = Readonly<{
  port: number;
  host: string;
  /** PUBLIC_URL without its trailing slash; unset in development (links use the listening address, see web/urls.ts). */
  publicUrl: string | undefined;
  /** Fastify's trustProxy: false, or the proxies' addresses and CIDRs (TRUST_PROXY). */
  trustProxy: false | string[];
  production: boolean;
  databaseUrl: string | undefined;
  dataDir: string;
  profilesDir: string;
  adminToken: string | undefined;
  testClock: string | undefined;
  /** Signs cookies: COMPTOIR_SECRET, or in development a random one for this process. */
  secret: string;
  secretGenerated: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  /** Card payments are offered only when both Stripe secrets are set (issue 4 §3). */
  stripe: { secretKey: string; webhookSecret: string; apiUrl: string | undefined } | undefined;
  /**
   * The development payment provider ("Paiement simulé (démonstration)", issue 8 §12): card
   * payments confirmed or refused on a page of ours, so every demo shop takes an order on a fresh
   * install. Only without Stripe, and never when NODE_ENV=production.
   */
  simulatedPayments: boolean;
}>;

export class ConfigInvalid extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  const problems = [...(parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []), ...productionProblems(env)];
  if (!parsed.success || problems.length > 0) throw new ConfigInvalid(problems);
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    trustProxy: e.TRUST_PROXY ?? false,
    production: e.NODE_ENV === 'production',
    databaseUrl: e.DATABASE_URL,
    dataDir: e.COMPTOIR_DATA_DIR,
    profilesDir: e.COMPTOIR_PROFILES_DIR,
    adminToken: e.COMPTOIR_ADMIN_TOKEN,
    testClock: e.COMPTOIR_TEST_CLOCK,
    // Never a constant: a secret written in the code signs every installation's cookies alike.
    secret: e.COMPTOIR_SECRET ?? randomBytes(32).toString('base64url'),
    secretGenerated: !e.COMPTOIR_SECRET,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    stripe: e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET ? { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, apiUrl: e.STRIPE_API_URL } : undefined,
    simulatedPayments: e.NODE_ENV !== 'production' && !(e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET),
  });
}
