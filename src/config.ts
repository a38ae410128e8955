/**
 * The one place that reads process.env (STYLE.md §13). Parsed with a schema at boot; a bad
 * variable stops start-up with the full list of problems, and the result is frozen.
 */
import { z } from 'zod';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
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

export type Config = Readonly<{
  port: number;
  host: string;
  publicUrl: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  profilesDir: string;
  adminToken: string | undefined;
  testClock: string | undefined;
  secret: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  /** Card payments are offered only when both Stripe secrets are set (issue 4 §3). */
  stripe: { secretKey: string; webhookSecret: string; apiUrl: string | undefined } | undefined;
}>;

export class ConfigInvalid extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigInvalid(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.COMPTOIR_DATA_DIR,
    profilesDir: e.COMPTOIR_PROFILES_DIR,
    adminToken: e.COMPTOIR_ADMIN_TOKEN,
    testClock: e.COMPTOIR_TEST_CLOCK,
    secret: e.COMPTOIR_SECRET,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    stripe: e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET ? { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, apiUrl: e.STRIPE_API_URL } : undefined,
  });
}
