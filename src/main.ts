/**
 * The `comptoir` command: serve | migrate | token create | profile check | verify.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { issueApiToken } from './accounts/service.ts';
import { ConfigInvalid, loadConfig } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { bootPlatform } from './platform/boot.ts';
import { withDataDirSecret } from './platform/data-dir-secret.ts';
import { systemClock } from './kernel/clock.ts';
import { verifyAll } from './legal/evidence/service.ts';
import { checkProfile, formatFindings } from './shops/profile/check.ts';
import { loadProfileFile } from './shops/profile/load.ts';
import { DEMO_PASSWORD, OPERATOR_EMAIL } from './shops/seed.ts';
import { publicBaseUrl } from './web/urls.ts';

const USAGE = `Usage: comptoir <command>
  serve                         migrate, load profiles/, serve on $PORT (default 3000)
  migrate                       run the database migrations
  token create --operator EMAIL | --shop SLUG --staff EMAIL [--label TEXT] [--days N]
  profile check FILE...         validate profiles and report clauses weaker than the law
  verify [--shop SLUG]          check every order's evidence (hash chain, head and count, order vs placed event); exit 1 on tampering`;

async function serve(): Promise<void> {
  // Without COMPTOIR_SECRET, the embedded database keeps its own (order links in e-mails survive a restart).
  const { config, file: secretFile } = withDataDirSecret(loadConfig());
  if (secretFile) console.warn(`COMPTOIR_SECRET is not set: cookies and order links are signed with the secret kept in ${secretFile} (created once for this data directory).`);
  else if (config.secretGenerated) console.warn('COMPTOIR_SECRET is not set: cookies and order links are signed with a random secret for this run (forms open and links sent before a restart no longer work).');
  if (config.testClock) console.warn('\n*** TEST CLOCK ENABLED (COMPTOIR_TEST_CLOCK): an operator can move the platform time. Never in production. ***\n');
  const platform = await bootPlatform(config, { logger: true });
  await platform.app.listen({ port: config.port, host: config.host });
  const address = platform.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = publicBaseUrl(config, port);
  const where = config.databaseUrl ? 'PostgreSQL server' : `embedded PGlite in ${config.dataDir}`;
  console.log(`\nComptoir is running on ${base} (${where})\n`);
  for (const shop of platform.shops) {
    console.log(`  ${shop.name.padEnd(22)} ${base}/shops/${shop.slug}`);
    if (shop.staffEmail) console.log(`  ${''.padEnd(22)} staff: ${base}/shops/${shop.slug}/staff  ${shop.staffEmail} / ${DEMO_PASSWORD}`);
  }
  console.log(`\n  operator: ${base}/operator  ${OPERATOR_EMAIL} / ${DEMO_PASSWORD}`);
  console.log(`  API docs: ${base}/api/docs`);
  // Without SMTP, development prints e-mails here; production keeps them in the outbox (issue 8 §10).
  if (!config.smtpUrl) console.log(config.production ? '  e-mails: NOT SENT (set SMTP_URL); they wait in the outbox' : '  e-mails: printed here (set SMTP_URL to send them)');
  // Without Stripe, the shops that take only cards show their catalogue but cannot be paid.
  const cards = config.stripe
    ? `Stripe, webhook ${base}/api/v1/stripe/webhook`
    : config.simulatedPayments
      ? 'simulated for the demonstration, nothing is charged (set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET for real payments)'
      : 'off (set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET to take card payments)';
  console.log(`  cards: ${cards}\n`);
  // Counted from the process's start (performance.now()'s origin), module loading included.
  console.log(`Ready in ${Math.round(performance.now())} ms, memory ${Math.round(process.memoryUsage().rss / 1048576)} MB RSS`);
  const timer = setInterval(() => platform.runDueJobs().catch((e) => platform.app.log.error(e)), 5000);
  // E-mails go out within a second of their order, not at the next 5-second run (issue 9).
  const delivery = platform.startEmailDelivery();
  const stop = async () => {
    clearInterval(timer);
    await delivery.stop();
    await platform.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function tokenCreate(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { operator: { type: 'string' }, shop: { type: 'string' }, staff: { type: 'string' }, label: { type: 'string' }, days: { type: 'string' } } });
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    const { db } = database;
    const days = values.days ? Number(values.days) : null;
    const label = values.label ?? 'cli';
    let token: string;
    if (values.operator) {
      const op = await db.selectFrom('operators').select(['id', 'name']).where('email', '=', values.operator.toLowerCase()).executeTakeFirst();
      if (!op) throw new Error(`no operator with e-mail ${values.operator}`);
      token = await issueApiToken({ db, clock: systemClock }, { kind: 'operator', id: op.id, name: op.name }, label, days);
    } else if (values.shop && values.staff) {
      const s = await db.selectFrom('staff').select(['id', 'name']).where('shop_id', '=', values.shop).where('email', '=', values.staff.toLowerCase()).executeTakeFirst();
      if (!s) throw new Error(`no staff member ${values.staff} in shop ${values.shop}`);
      token = await issueApiToken({ db, clock: systemClock }, { kind: 'staff', shopId: values.shop, id: s.id, name: s.name }, label, days);
    } else {
      throw new Error('say --operator EMAIL, or --shop SLUG --staff EMAIL');
    }
    console.log(token);
  } finally {
    await database.close();
  }
}

/**
 * Validates each profile and lists its clauses weaker than the law. Exit code 1 only when a
 * profile cannot be loaded: findings never stop a shop, since the legal value applies instead.
 */
function profileCheck(files: string[]): number {
  if (files.length === 0) throw new Error('name at least one profile file');
  let invalid = 0;
  for (const file of files) {
    try {
      const profile = loadProfileFile(file);
      const findings = checkProfile(profile);
      const count = (s: string) => findings.filter((f) => f.severity === s).length;
      console.log(formatFindings(profile.slug, findings));
      console.log(`${profile.slug}: valid; ${count('error')} errors, ${count('warning')} warnings, ${count('info')} notes\n`);
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      invalid++;
    }
  }
  return invalid > 0 ? 1 : 0;
}

async function verify(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { shop: { type: 'string' } } });
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    const { orders, tampered, purged } = await verifyAll(database.db, values.shop);
    for (const t of tampered) console.log(`TAMPERED ${t.shopId} order ${t.orderId}: event ${t.check.brokenAt ?? '-'}: ${t.check.reason}`);
    for (const t of purged) console.log(`PURGED ${t.shopId} order ${t.orderId}: ${t.check.reason}`);
    console.log(`${orders} orders checked, ${orders - tampered.length - purged.length} intact, ${tampered.length} tampered, ${purged.length} purged`);
    return tampered.length > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'serve':
      await serve();
      return -1;
    case 'migrate': {
      const config = loadConfig();
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      console.log((await migrateToLatest(database.db)).join('\n') || 'up to date');
      await database.close();
      return 0;
    }
    case 'token':
      if (sub !== 'create') break;
      await tokenCreate(rest);
      return 0;
    case 'profile':
      if (sub !== 'check') break;
      return profileCheck(rest);
    case 'verify':
      return verify([sub, ...rest].filter((a): a is string => a !== undefined));
    case 'version':
      console.log(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
      return 0;
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error) => {
    console.error(error instanceof ConfigInvalid || !(error instanceof Error) ? String(error.message ?? error) : error.message);
    process.exit(1);
  },
);
