/**
 * Outbox delivery (issue 9): claimed in batches with FOR UPDATE SKIP LOCKED and a lease, sent
 * outside any transaction, retried with backoff, failed after 10 attempts, each e-mail sent once
 * by two workers at once, sent again (at least once) after a worker dies between send and mark,
 * sent rows purged after 30 days; rows written before migration 0010 still sent with their files.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Migrator, sql } from 'kysely';
import { openPglite } from '../../src/db/connect.ts';
import { migrateToLatest, migrations } from '../../src/db/migrate.ts';
import type { DB } from '../../src/db/schema.ts';
import { deliverPendingEmails, enqueueEmail, type Mailer, type OutboxRow, purgeSentEmails, renderOutboxEmail } from '../../src/notifications/outbox.ts';
import { emailTemplates } from '../../src/platform/email-templates.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
before(async () => {
  p = await startPlatform();
});
after(async () => p.stop());

const FROM = 'shop@example.org';
type Sent = Parameters<Mailer['send']>[0];
const at = (iso: string) => new Date(iso);
const mail = (to: string) => ({ shopId: 'bible-et-jeux', to, subject: `Pour ${to}`, text: 'Bonjour.' });
const rowOf = (to: string) => p.database.db.selectFrom('outbox').selectAll().where('to_address', '=', to).executeTakeFirstOrThrow();
const deliver = (mailer: Mailer, now: Date) => deliverPendingEmails(p.database.db, mailer, FROM, () => now, emailTemplates);

test('should send outside any transaction: while the mail server answers, the row is leased and the database serves other queries', async () => {
  await enqueueEmail(p.database.db, mail('lent@example.org'), at('2026-03-01T10:00:00Z'));
  let release = () => {};
  let called = () => {};
  const inSend = new Promise<void>((resolve) => {
    called = resolve;
  });
  const slow: Mailer = {
    send: () =>
      new Promise<void>((resolve) => {
        release = resolve;
        called();
      }),
  };
  const run = deliver(slow, at('2026-03-01T10:00:01Z'));
  await inSend;
  // On PGlite's single connection, a transaction held across the SMTP exchange would make this wait.
  const row = await Promise.race([rowOf('lent@example.org'), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the database waits for the mail server')), 3000))]);
  assert.equal(row.status, 'pending');
  assert.equal(row.attempts, 1, 'the claim is committed before the send');
  assert.deepEqual(row.locked_until, at('2026-03-01T10:01:01Z'), 'leased for a minute');
  const busy = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`.execute(p.database.db);
  assert.equal(busy.rows[0]?.n ?? 0, 0, 'no transaction left open');
  release();
  assert.equal(await run, 1);
  const sent = await rowOf('lent@example.org');
  assert.equal(sent.status, 'sent');
  assert.equal(sent.locked_until, null);
});

test('should retry a refused e-mail with exponential backoff, then mark it failed after 10 attempts', async () => {
  await enqueueEmail(p.database.db, mail('refus@example.org'), at('2026-03-02T10:00:00Z'));
  let calls = 0;
  const refusing: Mailer = {
    send: async () => {
      calls++;
      throw new Error('550 mailbox unavailable');
    },
  };
  let now = at('2026-03-02T10:00:00Z');
  assert.equal(await deliver(refusing, now), 0);
  let row = await rowOf('refus@example.org');
  assert.deepEqual([row.status, row.attempts, row.next_attempt_at, row.locked_until], ['pending', 1, at('2026-03-02T10:00:30Z'), null]);
  assert.match(row.last_error ?? '', /550/);
  await deliver(refusing, at('2026-03-02T10:00:29Z'));
  assert.equal(calls, 1, 'not before its retry time');
  const gaps: number[] = [];
  while (row.status === 'pending') {
    const next = row.next_attempt_at as Date;
    gaps.push((next.getTime() - now.getTime()) / 1000);
    now = next;
    await deliver(refusing, now);
    row = await rowOf('refus@example.org');
  }
  assert.deepEqual(gaps, [30, 60, 120, 240, 480, 960, 1920, 3840, 7680]);
  assert.equal(row.status, 'failed');
  assert.equal(row.attempts, 10);
  assert.equal(calls, 10);
  await deliver(refusing, at('2026-04-01T00:00:00Z'));
  assert.equal(calls, 10, 'a failed e-mail is left to the operator');
});

test('should give back, untried, the rows a sender claimed after its mail server refused one', async () => {
  const now = at('2026-03-02T12:00:00Z');
  for (const to of ['g1@example.org', 'g2@example.org', 'g3@example.org']) await enqueueEmail(p.database.db, mail(to), now);
  const refusing: Mailer = { send: async () => Promise.reject(new Error('421 try later')) };
  await deliverPendingEmails(p.database.db, refusing, FROM, () => now, emailTemplates, { concurrency: 1, batchSize: 5 });
  const rows = await p.database.db.selectFrom('outbox').select(['to_address', 'attempts', 'locked_until']).where('to_address', 'like', 'g_@example.org').orderBy('to_address').execute();
  assert.deepEqual(rows.map((r) => r.attempts).sort(), [0, 0, 1], 'one tried, two given back untried');
  assert.ok(rows.every((r) => r.locked_until === null), 'no lease left');
  assert.equal(await deliver({ send: async () => {} }, at('2026-03-02T12:00:30Z')), 3);
});

test('should show the operator how many e-mails wait and how many failed', async () => {
  const page = await p.app.inject({ method: 'GET', url: '/operator', headers: { ...bearer(ADMIN_TOKEN), 'accept-language': 'fr' } });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /E-mails : \d+ en attente, 1 en échec après 10 tentatives/);
});

test('should send again, once, an e-mail whose worker died between the send and the mark, when its lease ends', async () => {
  await enqueueEmail(p.database.db, mail('crash@example.org'), at('2026-03-03T10:00:00Z'));
  const sent: Sent[] = [];
  // The worker sends, then dies before marking the row: its send never returns.
  const dying: Mailer = {
    send: (m) => {
      sent.push(m);
      return new Promise<void>(() => {});
    },
  };
  void deliver(dying, at('2026-03-03T10:00:00Z'));
  while (sent.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  const healthy: Mailer = { send: async (m) => void sent.push(m) };
  assert.equal(await deliver(healthy, at('2026-03-03T10:00:59Z')), 0, 'leased: another worker leaves it');
  assert.equal(await deliver(healthy, at('2026-03-03T10:01:00Z')), 1, 'the lease ended: sent again');
  assert.equal(await deliver(healthy, at('2026-03-03T10:05:00Z')), 0);
  assert.deepEqual(sent.map((m) => m.to), ['crash@example.org', 'crash@example.org'], 'at least once, here twice: the honest guarantee');
  assert.equal((await rowOf('crash@example.org')).status, 'sent');
});

test('should send each e-mail exactly once when two delivery loops run at the same time', async () => {
  const now = at('2026-03-04T10:00:00Z');
  const addresses = Array.from({ length: 120 }, (_, i) => `duo${i}@example.org`);
  for (const to of addresses) await enqueueEmail(p.database.db, mail(to), now);
  const sent: string[] = [];
  const mailer: Mailer = {
    send: async (m) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      sent.push(m.to);
    },
  };
  const [a, b] = await Promise.all([
    deliverPendingEmails(p.database.db, mailer, FROM, () => now, emailTemplates, { batchSize: 10 }),
    deliverPendingEmails(p.database.db, mailer, FROM, () => now, emailTemplates, { batchSize: 10 }),
  ]);
  assert.equal(a + b, 120);
  assert.deepEqual([...sent].sort(), [...addresses].sort(), 'each address once');
  const pending = await p.database.db.selectFrom('outbox').select('id').where('to_address', 'like', 'duo%').where('status', '<>', 'sent').execute();
  assert.equal(pending.length, 0);
});

test('should purge sent e-mails after 30 days and keep the recent, pending and failed ones', async () => {
  const { db } = p.database;
  await enqueueEmail(db, mail('vieux@example.org'), at('2026-01-01T10:00:00Z'));
  await enqueueEmail(db, mail('recent@example.org'), at('2026-01-20T10:00:00Z'));
  await db.updateTable('outbox').set({ status: 'sent', sent_at: at('2026-01-01T10:00:05Z') }).where('to_address', '=', 'vieux@example.org').execute();
  await db.updateTable('outbox').set({ status: 'sent', sent_at: at('2026-01-20T10:00:05Z') }).where('to_address', '=', 'recent@example.org').execute();
  await enqueueEmail(db, mail('attente@example.org'), at('2025-12-01T10:00:00Z'));
  const deleted = await purgeSentEmails(db, at('2026-02-01T00:00:00Z'));
  assert.ok(deleted >= 1);
  const left = (await db.selectFrom('outbox').select('to_address').where('to_address', 'in', ['vieux@example.org', 'recent@example.org', 'attente@example.org', 'refus@example.org']).execute()).map((r) => r.to_address).sort();
  assert.deepEqual(left, ['attente@example.org', 'recent@example.org', 'refus@example.org']);
  await deliver({ send: async () => {} }, at('2026-02-01T00:00:00Z'));
});

test('should still send, with their files, the pending e-mails stored before migration 0010', async () => {
  const { db, close } = await openPglite(undefined);
  try {
    const names = Object.keys(migrations).sort();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableName: 'comptoir_migrations', migrationLockTableName: 'comptoir_migrations_lock' });
    assert.equal((await migrator.migrateTo(names[names.indexOf('0010_outbox_references') - 1] as string)).error, undefined);
    await sql`insert into shops (id, name, legal_system, time_zone, language, profile, profile_sha256, updated_at) values ('shop-a', 'A', 'FR', 'Europe/Paris', 'fr', '{}', 'x', now())`.execute(db);
    const pdf = Buffer.from('%PDF-1.3\n% stored before 0010\n').toString('base64');
    const png = Buffer.from('\x89PNG fake').toString('base64');
    const files = [
      { filename: 'shop-a-cgv-1.pdf', contentType: 'application/pdf', contentBase64: pdf },
      { filename: 'epc-qr.png', contentType: 'image/png', contentBase64: png },
    ];
    for (const status of ['pending', 'sent']) {
      await sql`insert into outbox (shop_id, to_address, subject, text_body, status, created_at, attachments) values ('shop-a', ${`${status}@example.org`}, 'Commande', 'Merci.', ${status}, now(), ${JSON.stringify(files)}::jsonb)`.execute(db);
    }
    await migrateToLatest(db as never);
    const typed = db as unknown as import('kysely').Kysely<DB>;
    const pending = await typed.selectFrom('outbox').selectAll().where('to_address', '=', 'pending@example.org').executeTakeFirstOrThrow();
    const email = await renderOutboxEmail(typed, emailTemplates, pending as OutboxRow);
    assert.deepEqual(email.files, files, 'the same files, in the same order');
    assert.deepEqual([email.subject, email.text], ['Commande', 'Merci.']);
    const sent = await typed.selectFrom('outbox').select('payload').where('to_address', '=', 'sent@example.org').executeTakeFirstOrThrow();
    assert.deepEqual(sent.payload, {}, 'a sent row drops its copies');
  } finally {
    await close();
  }
});
