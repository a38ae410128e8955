/**
 * Issue 10 §1, development: without COMPTOIR_SECRET the embedded database keeps a secret of its
 * own in its data directory (created once, mode 0600, never logged), so the signed order link of
 * an e-mail sent before a restart still opens the order after it. Started twice on one data
 * directory, as `npm start` does (src/main.ts): the first start's link opens the order on the
 * second. With a PostgreSQL server, or COMPTOIR_SECRET set, no file is written.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import type { Mailer } from '../../src/notifications/outbox.ts';
import { bootPlatform, type Platform } from '../../src/platform/boot.ts';
import { KEY_FILE, withDataDirSecret } from '../../src/platform/data-dir-secret.ts';
import { FormClient } from '../support/form-client.ts';
import { ADMIN_TOKEN, bearer, type TestPlatform } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

const SLUG = 'bible-et-jeux';
const dir = mkdtempSync(join(tmpdir(), 'comptoir-secret-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The environment of `npm start` on that data directory: no COMPTOIR_SECRET, no DATABASE_URL. */
const ENV = { COMPTOIR_DATA_DIR: join(dir, 'data'), COMPTOIR_PROFILES_DIR: 'profiles', COMPTOIR_ADMIN_TOKEN: ADMIN_TOKEN, PUBLIC_URL: 'http://shop.test', LOG_LEVEL: 'info' };

type Started = { platform: Platform; sent: { to: string; text: string }[]; log: string[]; file: string | null; secret: string };

/** One start, as src/main.ts does it: the configuration, then the data directory's secret, then the platform. */
async function start(): Promise<Started> {
  const { config, file } = withDataDirSecret(loadConfig(ENV));
  const sent: Started['sent'] = [];
  const log: string[] = [];
  const mailer: Mailer = { send: async (m) => void sent.push({ to: m.to, text: m.text }) };
  const platform = await bootPlatform(config, { mailer, logger: true, logStream: { write: (line) => log.push(line) } });
  return { platform, sent, log, file, secret: config.secret };
}

describe('the embedded database’s own secret', () => {
  let link = '';
  let orderId = '';
  let secret = '';

  test('should create the secret once in the data directory, mode 0600, and sign the first start’s e-mails with it', async () => {
    const first = await start();
    try {
      assert.equal(first.file, join(ENV.COMPTOIR_DATA_DIR, KEY_FILE));
      assert.equal(statSync(first.file).mode & 0o777, 0o600, 'readable by the server’s user only');
      secret = first.secret;
      assert.equal(readFileSync(first.file, 'utf8').trim(), secret);
      assert.ok(secret.length >= 32);
      const { app } = first.platform;
      const p = first.platform as TestPlatform;
      const token = await customerToken(p, SLUG, 'redemarrage@example.fr');
      const productId = await productIdBySku(p, SLUG, 'JHS-JEU');
      const version = await termsVersion(p, SLUG);
      const placed = await app.inject({
        method: 'POST', url: `/api/v1/shops/${SLUG}/orders`, headers: bearer(token),
        payload: { lines: [{ productId, quantity: 1 }], acceptedTerms: { version }, delivery: { mode: 'carrier', address: { line1: '1 rue Foch', postalCode: '66000', city: 'Perpignan', country: 'FR' } }, paymentMethod: 'card' },
      });
      assert.equal(placed.statusCode, 201, placed.body);
      orderId = placed.json().id;
      await first.platform.runDueJobs();
      const mail = first.sent.find((m) => m.to === 'redemarrage@example.fr' && m.text.includes(orderId));
      assert.ok(mail, 'the confirmation was sent');
      link = new RegExp(`http://shop\\.test(/shops/${SLUG}/orders/${orderId}\\?access=[A-Za-z0-9_-]{43})`).exec(mail.text)?.[1] ?? '';
      assert.ok(link, mail.text);
      assert.equal((await new FormClient(app).get(link)).statusCode, 303, 'the link opens on the first start');
      assert.equal(first.log.some((l) => l.includes(secret)), false, 'the secret is never logged');
    } finally {
      await first.platform.close();
    }
  });

  test('should read the same secret on the second start, so the first start’s link still opens the order signed out', async () => {
    const second = await start();
    try {
      assert.equal(second.secret, secret);
      const b = new FormClient(second.platform.app);
      const opened = await b.get(link);
      assert.equal(opened.statusCode, 303, 'the link of an e-mail sent before the restart');
      assert.equal(opened.headers.location, `/shops/${SLUG}/orders/${orderId}`);
      const page = await b.get(`/shops/${SLUG}/orders/${orderId}`);
      assert.equal(page.statusCode, 200, page.body.slice(0, 300));
      assert.equal(second.log.some((l) => l.includes(secret)), false, 'the secret is never logged');
    } finally {
      await second.platform.close();
    }
  });

  test('should write no file with a PostgreSQL server or with COMPTOIR_SECRET, nor in production', () => {
    const other = join(dir, 'other');
    const server = withDataDirSecret(loadConfig({ ...ENV, COMPTOIR_DATA_DIR: other, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x' }));
    assert.equal(server.file, null);
    const set = withDataDirSecret(loadConfig({ ...ENV, COMPTOIR_DATA_DIR: other, COMPTOIR_SECRET: 'a-secret-set-by-the-operator-0123456789' }));
    assert.equal(set.file, null);
    assert.equal(set.config.secret, 'a-secret-set-by-the-operator-0123456789');
    assert.throws(() => loadConfig({ ...ENV, COMPTOIR_DATA_DIR: other, NODE_ENV: 'production' }), /COMPTOIR_SECRET: required/);
    assert.equal(existsSync(join(other, KEY_FILE)), false);
  });
});
