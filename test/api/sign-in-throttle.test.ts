/**
 * Issue 8 §6: sign-in is throttled per address and per account without locking the owner out
 * (ASVS 2.2.1; LEGAL.md T-26), unknown e-mails cost the same argon2 work (bounded per address),
 * and passwords are stored as argon2id m=19456,t=2,p=1 (T-27). Addresses are set with inject's
 * `remoteAddress`; time moves with the test clock.
 */
import assert from 'node:assert/strict';
import { after, before, describe, mock, test } from 'node:test';
import argon2 from 'argon2';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { FormClient } from '../support/form-client.ts';
import { bearer, startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-04-01T10:00:00+02:00' });
});
after(async () => p.stop());

const PASSWORD = 'correct horse battery';
/** The parameters of an argon2 PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`, in any order). */
function phc(hash: string) {
  const [, variant, , params] = hash.split('$');
  return { variant, ...Object.fromEntries((params ?? '').split(',').map((kv) => kv.split('='))) };
}
const TODAY = { variant: 'argon2id', m: '19456', t: '2', p: '1' };

async function register(shop: string, email: string, password = PASSWORD) {
  const address = shop === 'coopso' ? { line1: 'rue de Fer 1', postalCode: '5000', city: 'Namur', country: 'BE' } : { line1: '3 rue des Lilas', postalCode: '66000', city: 'Perpignan', country: 'FR' };
  const res = await p.app.inject({
    method: 'POST',
    url: `/api/v1/shops/${shop}/customers`,
    payload: { kind: 'consumer', email, password, firstName: 'Camille', lastName: 'Martin', address },
    remoteAddress: '192.0.2.250',
  });
  assert.equal(res.statusCode, 201, res.body);
}
const signIn = (shop: string, email: string, password: string, remoteAddress: string) =>
  p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/session`, payload: { email, password }, remoteAddress });
const advance = (seconds: number) => p.clock.moveTo(p.clock.now().add({ seconds }));
/** A browser without JavaScript at one address. */
const browserAt = (remoteAddress: string) =>
  new FormClient({ inject: (options: InjectOptions) => p.app.inject({ ...options, remoteAddress }) } as unknown as FastifyInstance);
const signInPage = (browser: FormClient, shop: string, email: string, password: string) =>
  browser.submit(`/shops/${shop}/login`, `/shops/${shop}/login`, { email, password });

describe('sign-in throttle over the API (POST /session)', () => {
  test('should answer an attacker address 429 with Retry-After while the owner signs in at once from elsewhere', async () => {
    await register('coopso', 'owner@example.be');
    const statuses: number[] = [];
    let last = await signIn('coopso', 'owner@example.be', 'guess 0', '203.0.113.1');
    for (let i = 0; i < 20; i++) {
      last = await signIn('coopso', 'owner@example.be', `guess ${i}`, '203.0.113.1');
      statuses.push(last.statusCode);
    }
    assert.deepEqual(statuses.slice(0, 4), [401, 401, 401, 401]);
    assert.ok(statuses.slice(4).every((s) => s === 429), `then only 429: ${statuses}`);
    assert.equal(last.json().error.code, 'too_many_attempts');
    assert.equal(last.headers['retry-after'], '1');

    const owner = await signIn('coopso', 'owner@example.be', PASSWORD, '198.51.100.7');
    assert.equal(owner.statusCode, 200, 'the owner is not locked out');
    const me = await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopso/me', headers: bearer(owner.json().token) });
    assert.equal(me.json().email, 'owner@example.be');

    // The delay grows: after waiting it out, one more failure costs 2 s.
    await advance(1);
    assert.equal((await signIn('coopso', 'owner@example.be', 'guess 21', '203.0.113.1')).statusCode, 401);
    const again = await signIn('coopso', 'owner@example.be', 'guess 22', '203.0.113.1');
    assert.equal(again.statusCode, 429);
    assert.equal(again.headers['retry-after'], '2');

    // Once the 15-minute window has passed, the address starts afresh.
    await advance(15 * 60);
    for (let i = 0; i < 5; i++) assert.equal((await signIn('coopso', 'owner@example.be', `later ${i}`, '203.0.113.1')).statusCode, 401);
    assert.equal((await signIn('coopso', 'owner@example.be', PASSWORD, '203.0.113.1')).statusCode, 429);
  });

  test('should slow down unknown callers on an account attacked from many addresses, never its known address or browser', async () => {
    await register('coopconnexion', 'cible@example.fr');
    assert.equal((await signIn('coopconnexion', 'cible@example.fr', PASSWORD, '198.51.100.20')).statusCode, 200, 'the owner signs in from home before');
    const browser = browserAt('198.51.100.21');
    assert.equal((await signInPage(browser, 'coopconnexion', 'cible@example.fr', PASSWORD)).statusCode, 303, 'and from a browser');
    assert.ok(browser.cookies.has('comptoir_device'));

    // Ten addresses, one guess each: no address is slowed down, the account is (T-26: ≤ 10 failures).
    for (let i = 0; i < 10; i++) assert.equal((await signIn('coopconnexion', 'cible@example.fr', `guess ${i}`, `203.0.113.${30 + i}`)).statusCode, 401);
    const stranger = await signIn('coopconnexion', 'cible@example.fr', PASSWORD, '203.0.113.40');
    assert.equal(stranger.statusCode, 429, 'a new address waits, even with the right password');
    assert.equal(stranger.headers['retry-after'], '1');
    await advance(1);
    assert.equal((await signIn('coopconnexion', 'cible@example.fr', 'guess 10', '203.0.113.41')).statusCode, 401);
    assert.equal((await signIn('coopconnexion', 'cible@example.fr', PASSWORD, '203.0.113.40')).headers['retry-after'], '2', 'growing');

    assert.equal((await signIn('coopconnexion', 'cible@example.fr', PASSWORD, '198.51.100.20')).statusCode, 200, 'known address');
    const travelling = browserAt('192.0.2.40');
    travelling.cookies.set('comptoir_device', browser.cookies.get('comptoir_device') ?? '');
    assert.equal((await signInPage(travelling, 'coopconnexion', 'cible@example.fr', PASSWORD)).statusCode, 303, 'known browser, new address');
  });
});

describe('sign-in throttle on the sign-in page', () => {
  test('should show the attacker 429 with Retry-After and let the owner in from another address', async () => {
    await register('coopo', 'page@example.fr');
    const attacker = browserAt('203.0.113.50');
    for (let i = 0; i < 5; i++) assert.equal((await signInPage(attacker, 'coopo', 'page@example.fr', `guess ${i}`)).statusCode, 422);
    const refused = await signInPage(attacker, 'coopo', 'page@example.fr', PASSWORD);
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.headers['retry-after'], '1');
    assert.match(refused.body, /Trop de tentatives\. Réessayez dans 1 s\./);

    const owner = browserAt('198.51.100.50');
    const res = await signInPage(owner, 'coopo', 'page@example.fr', PASSWORD);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/shops/coopo/account');
  });
});

describe('unknown e-mails', () => {
  test('should verify an unknown e-mail against a dummy argon2id hash like a known one, and stop after 5 from one address', async () => {
    await register('distritec', 'connu@example.fr');
    const verify = mock.method(argon2, 'verify');
    try {
      assert.equal((await signIn('distritec', 'connu@example.fr', 'wrong password', '192.0.2.60')).statusCode, 401);
      assert.equal(verify.mock.callCount(), 1, 'a known e-mail: one verification');
      assert.equal((await signIn('distritec', 'inconnu@example.fr', 'wrong password', '192.0.2.61')).statusCode, 401);
      assert.equal(verify.mock.callCount(), 2, 'an unknown e-mail: one verification too');
      assert.deepEqual(phc(String(verify.mock.calls[1]?.arguments[0])), TODAY, 'against a hash of the same cost');

      for (let i = 0; i < 4; i++) assert.equal((await signIn('distritec', `nobody${i}@example.fr`, 'x', '192.0.2.61')).statusCode, 401);
      assert.equal(verify.mock.callCount(), 6);
      const sprayed = await signIn('distritec', 'nobody-else@example.fr', 'x', '192.0.2.61');
      assert.equal(sprayed.statusCode, 429, 'the address is slowed down whatever e-mails it tries');
      assert.equal(verify.mock.callCount(), 6, 'and costs no argon2 work while it waits');
    } finally {
      verify.mock.restore();
    }
  });
});

describe('password storage (LEGAL.md T-27)', () => {
  test('should store argon2id m=19456 t=2 p=1 and accept passwords of 64 characters and more', async () => {
    const long = 'a long passphrase of more than sixty-four characters, spaces included, é';
    assert.ok(long.length > 64);
    await register('bible-et-jeux', 'long@example.fr', long);
    const row = await p.database.db.selectFrom('customers').select('password_hash').where('email', '=', 'long@example.fr').executeTakeFirstOrThrow();
    assert.deepEqual(phc(row.password_hash), TODAY);
    assert.equal((await signIn('bible-et-jeux', 'long@example.fr', long, '192.0.2.70')).statusCode, 200);
  });

  test('should rehash a password stored with older parameters at the next sign-in', async () => {
    await register('bible-et-jeux', 'ancien@example.fr');
    const old = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 4 });
    await p.database.db.updateTable('customers').set({ password_hash: old }).where('email', '=', 'ancien@example.fr').execute();
    assert.equal((await signIn('bible-et-jeux', 'ancien@example.fr', PASSWORD, '192.0.2.71')).statusCode, 200);
    const row = await p.database.db.selectFrom('customers').select('password_hash').where('email', '=', 'ancien@example.fr').executeTakeFirstOrThrow();
    assert.deepEqual(phc(row.password_hash), TODAY);
    assert.equal((await signIn('bible-et-jeux', 'ancien@example.fr', PASSWORD, '192.0.2.71')).statusCode, 200);
  });
});

describe('retention of sign-in records', () => {
  test('should forget failures after a day and known callers after 400 days, keeping what still counts', async () => {
    const email = 'retention@example.fr';
    await register('coopo', email);
    assert.equal((await signIn('coopo', email, 'wrong password', '198.51.100.77')).statusCode, 401);
    assert.equal((await signIn('coopo', email, PASSWORD, '198.51.100.78')).statusCode, 200);
    const failures = () => p.database.db.selectFrom('login_failures').select('ip').where('email', '=', email).execute();
    const known = () => p.database.db.selectFrom('known_sign_ins').innerJoin('customers', 'customers.id', 'known_sign_ins.account_id').select('caller_hash').where('customers.email', '=', email).execute();
    await p.runDueJobs();
    assert.equal((await failures()).length, 1, 'a failure of the last day still counts');
    advance(86_400 + 60);
    await p.runDueJobs();
    assert.equal((await failures()).length, 0, 'the address and e-mail of a failure are gone after a day');
    assert.ok((await known()).length > 0, 'the known address is remembered for the life of the device cookie');
    advance(400 * 86_400);
    await p.runDueJobs();
    assert.equal((await known()).length, 0);
  });
});
