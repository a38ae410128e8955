/**
 * Starts the platform from a configuration: database, migrations, profiles, demo data, clock,
 * mailer, and the app. Used by `comptoir serve` and by the tests, so both run the same path.
 */
import type { FastifyInstance } from 'fastify';
import type { LogStream } from '../web/logging.ts';
import { buildApp } from '../app.ts';
import { stripeGateway } from '../payments/card/stripe-client.ts';
import type { Config } from '../config.ts';
import { type Database, openDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { publishTermsFromProfiles } from '../legal/terms/service.ts';
import { logMailer, smtpMailer } from '../notifications/mailers.ts';
import type { Mailer } from '../notifications/outbox.ts';
import { loadProfilesDir } from '../shops/profile/load.ts';
import { listeningPort, publicBaseUrl } from '../web/urls.ts';
import { seedShops } from '../flows/seed-demo.ts';
import { type SeededShop, seedOperator } from '../shops/seed.ts';
import { createPlatformClock, type PlatformClock } from './clock.ts';
import { dueJobsRunner, startEmailDelivery } from './jobs.ts';

export type Platform = {
  app: FastifyInstance;
  database: Database;
  clock: PlatformClock;
  shops: SeededShop[];
  runDueJobs: () => Promise<void>;
  /** Starts the outbox delivery loop (the server does; tests send with runDueJobs). */
  startEmailDelivery(): { stop(): Promise<void> };
  close(): Promise<void>;
};

export async function bootPlatform(config: Config, options: { logger?: boolean; logStream?: LogStream; database?: Database; mailer?: Mailer } = {}): Promise<Platform> {
  // Profiles first: an invalid profile stops start-up before anything is touched.
  const profiles = loadProfilesDir(config.profilesDir);
  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  try {
    await migrateToLatest(database.db);
    const clock = await createPlatformClock(database.db, config.testClock);
    const shops = await seedShops(database.db, profiles, new Date(clock.now().epochMilliseconds));
    // Each shop's documents as immutable versions; a changed text under a published label stops start-up.
    await publishTermsFromProfiles(database.db, profiles, new Date(clock.now().epochMilliseconds));
    await seedOperator(database.db);
    const mailer = options.mailer ?? (config.smtpUrl ? smtpMailer(config.smtpUrl) : logMailer((text) => console.log(text), { production: config.production }));
    const stripe = await stripeGateway(config.stripe);
    // The order links of e-mails (issue 10 §1): PUBLIC_URL, else the address the server listens on, read when sent.
    const orderLinks = {
      get baseUrl() {
        return config.publicUrl || publicBaseUrl(config, listeningPort(app));
      },
      secret: config.secret,
    };
    const runDueJobs = dueJobsRunner(database.db, mailer, config.mailFrom, clock, { publicUrl: publicBaseUrl(config), stripe, orderLinks });
    const app = await buildApp({ config, database, clock, mailer, runDueJobs, stripe }, { logger: options.logger ?? false, ...(options.logStream ? { logStream: options.logStream } : {}) });
    return {
      app,
      database,
      clock,
      shops,
      runDueJobs,
      startEmailDelivery: () => startEmailDelivery(database.db, mailer, config.mailFrom, clock, (e) => app.log.error(e), 1000, orderLinks),
      async close() {
        await app.close();
        await mailer.close?.();
        if (!options.database) await database.close();
      },
    };
  } catch (error) {
    if (!options.database) await database.close();
    throw error;
  }
}
