/**
 * Issue 8 §7: a password reset closes every door (browser sessions and API tokens), sessions end
 * when idle as well as at their absolute limit (LEGAL.md T-25), and personal answers are never
 * cached (`Cache-Control: no-store`, ASVS 14.3.2, T-29). Time moves with the test clock.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Mailer } from '../../src/notifications/outbox.ts';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { FormClient } from '../support/form-client.ts';
import { bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

let p: TestPlatform;
const mails: Parameters<Mailer['send']>[0][] = [];
before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-04-01T10:00:00+02:00', PUBLIC_URL: 'http://shop.test' }, { mailer: { send: async (m) => void mails.push(m) } });
});
after(async () => p.stop());

const PASSWORD = 'correct horse battery';
const advanceMinutes = (minutes: number) => p.clock.moveTo(p.clock.now().add({ minutes }));
const me = (shop: string, token: string) => p.app.inject({ method: 'GET', url: `/api/v1/shops/${shop}/me`, headers: bearer(token) });
const staffEmail = (shop: string) => p.shops.find((s) => s.slug === shop)?.staffEmail ?? '';

async function signedInStaff(shop: string): Promise<FormClient> {
  const browser = new FormClient(p.app);
  const res = await browser.submit(`/shops/${shop}/staff/login`, `/shops/${shop}/staff/login`, { email: staffEmail(shop), password: DEMO_PASSWORD });
  assert.equal(res.statusCode, 303);
  return browser;
}

async function signedInCustomer(shop: string, email: string): Promise<FormClient> {
  const browser = new FormClient(p.app);
  const res = await browser.submit(`/shops/${shop}/login`, `/shops/${shop}/login`, { email, password: PASSWORD });
  assert.equal(res.statusCode, 303);
  return browser;
}

describe('a password reset closes every door', () => {
  test('should revoke the API tokens from POST /session and sign out every browser session', async () => {
    const token = await customerToken(p, 'coopo', 'porte@example.fr');
    const browser = await signedInCustomer('coopo', 'porte@example.fr');
    assert.equal((await me('coopo', token)).statusCode, 200);
    assert.equal((await browser.get('/shops/coopo/account')).statusCode, 200);

    const elsewhere = new FormClient(p.app);
    await elsewhere.submit('/shops/coopo/password/forgot', '/shops/coopo/password/forgot', { email: 'porte@example.fr' });
    const mail = mails.find((m) => m.to === 'porte@example.fr');
    const link = /http:\/\/shop\.test(\/shops\/coopo\/password\/reset\?token=[^\s]+)/.exec(mail?.text ?? '')?.[1] ?? '';
    const reset = await elsewhere.submit(link, '/shops/coopo/password/reset', {
      token: decodeURIComponent(new URL(link, 'http://x').searchParams.get('token') ?? ''),
      password: 'a brand new passphrase',
    });
    assert.equal(reset.statusCode, 303);

    const old = await me('coopo', token);
    assert.equal(old.statusCode, 401);
    assert.equal(old.json().error.code, 'unauthenticated');
    const account = await browser.get('/shops/coopo/account');
    assert.equal(account.statusCode, 303, 'the old session cookie no longer signs in');
    assert.equal(account.headers.location, '/shops/coopo/login');
    const row = await p.database.db.selectFrom('api_tokens').select('revoked_at').where('shop_id', '=', 'coopo').where('label', '=', 'api session').executeTakeFirstOrThrow();
    assert.ok(row.revoked_at, 'the token row says when it was revoked');
  });
});

describe('sessions end when idle', () => {
  test('should sign staff out after 31 idle minutes, while activity keeps the session alive', async () => {
    const active = await signedInStaff('coopso');
    const idle = await signedInStaff('coopso');
    for (let i = 0; i < 3; i++) {
      await advanceMinutes(20);
      assert.equal((await active.get('/shops/coopso/staff')).statusCode, 200, `active after ${20 * (i + 1)} minutes`);
    }
    const gone = await idle.get('/shops/coopso/staff');
    assert.equal(gone.statusCode, 303);
    assert.equal(gone.headers.location, '/shops/coopso/staff/login');
    await advanceMinutes(31);
    assert.equal((await active.get('/shops/coopso/staff')).statusCode, 303, '31 minutes without a request');
  });

  test('should keep a shopper signed in for 7 idle days, and never beyond 14 days however active', async () => {
    await customerToken(p, 'bible-et-jeux', 'fidele@example.fr');
    const browser = await signedInCustomer('bible-et-jeux', 'fidele@example.fr');
    await advanceMinutes(31);
    assert.equal((await browser.get('/shops/bible-et-jeux/account')).statusCode, 200);
    await advanceMinutes(6 * 24 * 60);
    assert.equal((await browser.get('/shops/bible-et-jeux/account')).statusCode, 200);
    await advanceMinutes(6 * 24 * 60);
    assert.equal((await browser.get('/shops/bible-et-jeux/account')).statusCode, 200);
    await advanceMinutes(2 * 24 * 60);
    assert.equal((await browser.get('/shops/bible-et-jeux/account')).statusCode, 303, 'absolute limit: 14 days');
  });
});

describe('Cache-Control', () => {
  test('should send no-store on account, order and back-office pages and on personal API answers, not on the public catalogue', async () => {
    const token = await customerToken(p, 'bible-et-jeux', 'cache@example.fr');
    const version = await termsVersion(p, 'bible-et-jeux');
    const jeu = await productIdBySku(p, 'bible-et-jeux', 'JHS-JEU');
    const placed = await p.app.inject({
      method: 'POST',
      url: '/api/v1/shops/bible-et-jeux/orders',
      headers: bearer(token),
      payload: { acceptedTerms: { version }, delivery: { mode: 'carrier' }, paymentMethod: 'card', lines: [{ productId: jeu, quantity: 1 }] },
    });
    assert.equal(placed.statusCode, 201, placed.body);
    const orderId = placed.json().id;
    const customer = await signedInCustomer('bible-et-jeux', 'cache@example.fr');
    const staff = await signedInStaff('bible-et-jeux');

    const answers = {
      'account page': await customer.get('/shops/bible-et-jeux/account'),
      'order page': await customer.get(`/shops/bible-et-jeux/orders/${orderId}`),
      'staff dashboard': await staff.get('/shops/bible-et-jeux/staff'),
      'staff orders': await staff.get('/shops/bible-et-jeux/staff/orders'),
      'staff order page': await staff.get(`/shops/bible-et-jeux/staff/orders/${orderId}`),
      'GET order API': await p.app.inject({ method: 'GET', url: `/api/v1/shops/bible-et-jeux/orders/${orderId}`, headers: bearer(token) }),
      'GET me API': await me('bible-et-jeux', token),
      'POST session API': await p.app.inject({ method: 'POST', url: '/api/v1/shops/bible-et-jeux/session', payload: { email: 'cache@example.fr', password: PASSWORD } }),
    };
    for (const [what, res] of Object.entries(answers)) {
      assert.equal(res.statusCode < 300 || res.statusCode === 303, true, `${what}: ${res.statusCode}`);
      assert.equal(res.headers['cache-control'], 'no-store', what);
    }
    const catalogue = await p.app.inject({ method: 'GET', url: '/api/v1/shops/bible-et-jeux/products' });
    assert.equal(catalogue.statusCode, 200);
    assert.notEqual(catalogue.headers['cache-control'], 'no-store', 'a public read may be cached');
  });
});
