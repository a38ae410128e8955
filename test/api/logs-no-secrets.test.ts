/**
 * Logs carry no secrets or personal data (issue 8 §10; LEGAL.md T-30). The server runs with its
 * log captured at the most verbose level; failing queries carry a known e-mail, IBAN and password
 * hash as parameters (unique violation, check violation, bad cast: the three ways PostgreSQL and
 * PGlite put values in an error), and requests carry a bearer token, a session cookie and a reset
 * token in the query string. The whole log is then searched for each value: none is there, while
 * the SQLSTATE, constraint and statement that locate the fault are.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { logMailer } from '../../src/notifications/mailers.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken } from '../support/shoppers.ts';

const EMAIL = 'ines.vandamme-4417@example.be';
const IBAN = 'BE71096123456769';
const RESET_TOKEN = 'reset-token-Zk3qPw9xT2vLm8Rn4sYb';
const SESSION = 'session-cookie-Hq7vN2mXc5RtW9kLp3Za';

let p: TestPlatform;
let log = '';
let hash = '';
let token = '';

before(async () => {
  p = await startPlatform({ LOG_LEVEL: 'trace' }, {
    stripe: false,
    logStream: {
      write: (line) => {
        log += line;
      },
    },
  });
  await sql`create table log_probe (email text unique, iban text check (length(iban) < 10), hash text)`.execute(p.database.db);
  // A route whose queries fail with the values as parameters, as a bug in a real one would.
  p.app.post('/api/v1/log-probe/:case', async (request) => {
    const { db } = p.database;
    const which = (request.params as { case: string }).case;
    if (which === 'unique') {
      await sql`insert into log_probe (email, iban, hash) values (${EMAIL}, ${'x'}, ${hash})`.execute(db);
      await sql`insert into log_probe (email, iban, hash) values (${EMAIL}, ${'y'}, ${hash})`.execute(db);
    }
    if (which === 'check') await sql`insert into log_probe (email, iban, hash) values (${`other-${EMAIL}`}, ${IBAN}, ${hash})`.execute(db);
    if (which === 'cast') await sql`select ${IBAN}::int, ${EMAIL}::int`.execute(db);
    return {};
  });
  token = await customerToken(p, 'coopso', EMAIL);
  const row = await p.database.db.selectFrom('customers').select('password_hash').where('email', '=', EMAIL).executeTakeFirstOrThrow();
  hash = row.password_hash;
});
after(async () => p.stop());

describe('the server log', () => {
  test('should hold no e-mail, IBAN, password hash, token or cookie after failing queries and credentialed requests', async () => {
    for (const which of ['unique', 'check', 'cast']) {
      const res = await p.app.inject({ method: 'POST', url: `/api/v1/log-probe/${which}`, payload: {} });
      assert.equal(res.statusCode, 500, which);
      for (const secret of [EMAIL, IBAN, hash]) assert.ok(!res.body.includes(secret), 'nor in the answer');
    }
    await p.app.inject({ method: 'GET', url: `/shops/coopso/password/reset?token=${RESET_TOKEN}&lang=en` });
    await p.app.inject({ method: 'GET', url: `/api/v1/shops/coopso/products?q=${encodeURIComponent(EMAIL)}` });
    await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopso/orders', headers: { authorization: `Bearer ${token}` } });
    await p.app.inject({ method: 'GET', url: '/shops/coopso', headers: { cookie: `comptoir_session=${SESSION}` } });
    await p.app.inject({ method: 'POST', url: '/api/v1/shops/coopso/session', payload: { email: EMAIL, password: 'wrong password here' } });

    assert.ok(log.length > 0, 'the log was captured');
    const hits = Object.entries({ email: EMAIL, iban: IBAN, hash, hashSalt: hash.split('$')[4] ?? hash, token, resetToken: RESET_TOKEN, session: SESSION })
      .filter(([, value]) => log.includes(value))
      .map(([name]) => name);
    assert.deepEqual(hits, [], 'values found in the log');
  });

  test('should still locate each fault: SQLSTATE, constraint and statement, method and path', () => {
    const errors = log.split('\n').filter(Boolean).map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'unhandled error');
    assert.deepEqual(errors.map((e) => e.err.code), ['23505', '23514', '22P02']);
    assert.equal(errors[0].err.constraint, 'log_probe_email_key');
    assert.equal(errors[0].err.statement, 'insert into log_probe');
    assert.match(errors[0].err.message, /duplicate key value violates unique constraint "log_probe_email_key"/);
    assert.equal(errors[1].err.constraint, 'log_probe_iban_check');
    assert.match(errors[2].err.message, /invalid input syntax for type integer: "\[redacted\]"/);
    assert.ok(log.includes('"url":"/shops/coopso/password/reset?token=[redacted]&lang=en"'), 'the path and the names of the query parameters are kept');
  });
});

describe('e-mails without SMTP_URL', () => {
  const message = { from: 'shop@example.fr', to: EMAIL, subject: 'Votre commande', text: `Livraison à ${EMAIL}, IBAN ${IBAN}` };

  test('should be printed whole in development, so a newcomer can follow a password-reset link', async () => {
    const printed: string[] = [];
    await logMailer((text) => printed.push(text), { production: false }).send(message);
    assert.match(printed.join(''), /\[e-mail to ines\.vandamme-4417@example\.be\] Votre commande/);
  });

  test('should never reach the log in production: the send fails, so the outbox keeps the message', async () => {
    const printed: string[] = [];
    await assert.rejects(logMailer((text) => printed.push(text), { production: true }).send(message), /e-mail not sent: SMTP_URL is not set/);
    assert.deepEqual(printed, []);
  });
});
