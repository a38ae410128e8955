/**
 * A whole platform for one test file: the real app on a real database. On PGlite by default (in
 * memory); when DATABASE_URL is set, on a fresh database created on that server and dropped at
 * the end, so runs never see each other's data and never assume the server is empty.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { type Database, openPglite, openPostgres } from '../../src/db/connect.ts';
import type { Mailer } from '../../src/notifications/outbox.ts';
import { bootPlatform, type Platform } from '../../src/platform/boot.ts';
import { PGLITE_TEMPLATE_ENV, POSTGRES_TEMPLATE_ENV, waitForNoConnections } from './template.ts';
import { STRIPE_TEST_SECRET_KEY, STRIPE_TEST_WEBHOOK_SECRET, type StripeStub, startStripeStub } from './stripe-stub.ts';

export const ADMIN_TOKEN = 'test-operator-token-0123456789abcdef';

/** The run's migrated template (test/support/template.ts), or none when a file is run on its own. */
async function pgliteTemplate(): Promise<Blob | undefined> {
  const path = process.env[PGLITE_TEMPLATE_ENV];
  return path ? new Blob([await readFile(path)]) : undefined;
}

async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const loadDataDir = await pgliteTemplate();
    const database = await openPglite(undefined, loadDataDir ? { loadDataDir } : {});
    return { database, drop: async () => {} };
  }
  const name = `comptoir_test_${randomBytes(6).toString('hex')}`;
  const template = process.env[POSTGRES_TEMPLATE_ENV];
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openPostgres(target.toString(), 30);
  return {
    database,
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      // `force` must find no live connection of ours to kill (a killed client raises an uncaught error).
      await waitForNoConnections(c, name);
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** `stripe`: the local server answering for Stripe's API (null when started without Stripe). */
export type TestPlatform = Platform & { stripe: StripeStub | null; stop(): Promise<void> };

/**
 * `stripe: false` starts without Stripe configured: no card payment offered (issue 4 §3).
 * `logStream` receives the server's log lines (set LOG_LEVEL in `env`; silent by default).
 */
export async function startPlatform(env: Record<string, string> = {}, options: { mailer?: Mailer; stripe?: boolean; logStream?: { write(line: string): void } } = {}): Promise<TestPlatform> {
  const { database, drop } = await freshDatabase();
  const stripe = options.stripe === false ? null : await startStripeStub();
  const stripeEnv = stripe ? { STRIPE_SECRET_KEY: STRIPE_TEST_SECRET_KEY, STRIPE_WEBHOOK_SECRET: STRIPE_TEST_WEBHOOK_SECRET, STRIPE_API_URL: stripe.url } : {};
  const config = loadConfig({ COMPTOIR_PROFILES_DIR: 'profiles', COMPTOIR_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: 'silent', ...stripeEnv, ...env });
  // With SMTP_URL the platform's own SMTP mailer is used; otherwise e-mails go nowhere.
  const mailer: Mailer | undefined = options.mailer ?? (config.smtpUrl ? undefined : { send: async () => {} });
  const logging = options.logStream ? { logger: true, logStream: options.logStream } : {};
  const platform = await bootPlatform(config, { database, ...(mailer ? { mailer } : {}), ...logging }).catch(async (error: unknown) => {
    await stripe?.stop();
    throw error;
  });
  return {
    ...platform,
    stripe,
    async stop() {
      await platform.close();
      await database.close();
      await drop();
      await stripe?.stop();
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Moves the test clock of API.md (`PUT /api/v1/clock`): every rule, job and page of `p` reads `now` from then on. */
export async function moveTestClock(p: TestPlatform, now: string): Promise<void> {
  const res = await p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN), payload: { now } });
  if (res.statusCode !== 200) throw new Error(`PUT /api/v1/clock ${now} answered ${res.statusCode}: ${res.body}`);
}
