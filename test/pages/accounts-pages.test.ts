import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { FormClient } from '../support/form-client.ts';
import { registrationForm } from '../support/shoppers.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { startSmtp } from '../support/smtp.ts';

let p: TestPlatform;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
before(async () => {
  smtp = await startSmtp();
  p = await startPlatform({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, PUBLIC_URL: 'http://shop.test' });
});
after(async () => {
  await p.stop();
  await smtp.close();
});

const registration = registrationForm('lea@example.fr');

describe('customer pages', () => {
  test('should register through the form, land signed in on the account page, and sign out', async () => {
    const browser = new FormClient(p.app);
    const res = await browser.submit('/shops/bible-et-jeux/register', '/shops/bible-et-jeux/register', registration);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/shops/bible-et-jeux/account?welcome=1');
    const account = await browser.get('/shops/bible-et-jeux/account?welcome=1');
    assert.equal(account.statusCode, 200);
    assert.match(account.body, /Votre compte est créé/);
    assert.match(account.body, /Léa Dupont/);
    const out = await browser.submit('/shops/bible-et-jeux/account', '/shops/bible-et-jeux/logout', {});
    assert.equal(out.statusCode, 303);
    assert.equal((await browser.get('/shops/bible-et-jeux/account')).statusCode, 303);
  });

  test('should show every error of a bad form next to its field, keep the values, and create nothing', async () => {
    const browser = new FormClient(p.app);
    const res = await browser.submit('/shops/coopso/register?lang=en', '/shops/coopso/register', { ...registration, email: 'nope', 'address.postalCode': '' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /This e-mail address is not valid\./);
    assert.match(res.body, /This field is required\./);
    assert.match(res.body, /aria-invalid="true"/);
    assert.match(res.body, /value="Dupont"/);
    assert.doesNotMatch(res.body, /une phrase de passe/, 'the password is never echoed back');
  });

  test('should refuse a form posted without a valid CSRF token', async () => {
    const browser = new FormClient(p.app);
    const res = await browser.submit('/shops/coopo/register', '/shops/coopo/register', { ...registration, email: 'csrf@example.fr' }, { csrf: 'forged' });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Le formulaire a expiré/);
    const created = await p.database.db.selectFrom('customers').select('id').where('email', '=', 'csrf@example.fr').executeTakeFirst();
    assert.equal(created, undefined);
  });

  test('should reset a forgotten password through a link received by e-mail over SMTP', async () => {
    const browser = new FormClient(p.app);
    await browser.submit('/shops/coopo/register', '/shops/coopo/register', { ...registration, email: 'oubli@example.fr' });
    const asked = await browser.submit('/shops/coopo/password/forgot', '/shops/coopo/password/forgot', { email: 'oubli@example.fr' });
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /Si un compte existe avec cette adresse/);
    const mail = smtp.messages.find((m) => /oubli@example\.fr/.test(m));
    assert.ok(mail, 'the reset e-mail reached the SMTP server');
    const unfolded = mail.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const link = /http:\/\/shop\.test(\/shops\/coopo\/password\/reset\?token=[A-Za-z0-9_%-]+)/.exec(unfolded)?.[1];
    assert.ok(link, 'the e-mail carries the reset link');
    const token = decodeURIComponent(new URL(link, 'http://x').searchParams.get('token') ?? '');
    const reset = await browser.submit(link, '/shops/coopo/password/reset', { token, password: 'un tout nouveau secret' });
    assert.equal(reset.statusCode, 303);
    const login = await new FormClient(p.app).submit('/shops/coopo/login', '/shops/coopo/login', { email: 'oubli@example.fr', password: 'un tout nouveau secret' });
    assert.equal(login.statusCode, 303);
    const reused = await browser.submit(link, '/shops/coopo/password/reset', { token, password: 'encore un autre secret' });
    assert.equal(reused.statusCode, 422);
    assert.match(reused.body, /lien de réinitialisation est invalide ou a expiré/);
  });

  test('should answer the same for an unknown e-mail, sending nothing', async () => {
    const before = smtp.messages.length;
    const res = await new FormClient(p.app).submit('/shops/coopo/password/forgot', '/shops/coopo/password/forgot', { email: 'personne@example.fr' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Si un compte existe avec cette adresse/);
    assert.equal(smtp.messages.length, before);
  });
});

describe('shop, staff and operator pages', () => {
  test('should render the platform home with the five shops and each shop home with its catalogue', async () => {
    const home = await p.app.inject({ method: 'GET', url: '/' });
    assert.equal(home.statusCode, 200);
    for (const shop of p.shops) assert.ok(home.body.includes(`href="/shops/${shop.slug}"`));
    for (const shop of p.shops) {
      const page = await p.app.inject({ method: 'GET', url: `/shops/${shop.slug}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h2>Catalogue<\/h2>/);
      assert.match(page.body, /class="price"/);
    }
  });

  test('should render pages in English or Dutch when asked, and remember the choice', async () => {
    const browser = new FormClient(p.app);
    const en = await browser.get('/shops/coopso?lang=nl');
    assert.match(en.body, /<html lang="nl">/);
    assert.match(en.body, /Catalogus/);
    const next = await browser.get('/shops/coopso');
    assert.match(next.body, /<html lang="nl">/);
  });

  test('should show the legal notice from the profile and say what is missing', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/shops/coopso/legal/notice' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Coopso, ASBL/);
    assert.match(res.body, /Namur/);
    for (const doc of ['cgv', 'cgu', 'privacy', 'cookies']) assert.equal((await p.app.inject({ method: 'GET', url: `/shops/coopso/legal/${doc}` })).statusCode, 200);
    assert.equal((await p.app.inject({ method: 'GET', url: '/shops/coopso/legal/secret' })).statusCode, 404);
  });

  test('should let staff into their own back office only', async () => {
    const staff = await p.database.db.selectFrom('staff').select('email').where('shop_id', '=', 'distritec').executeTakeFirstOrThrow();
    const browser = new FormClient(p.app);
    const login = await browser.submit('/shops/distritec/staff/login', '/shops/distritec/staff/login', { email: staff.email, password: DEMO_PASSWORD });
    assert.equal(login.statusCode, 303);
    const office = await browser.get('/shops/distritec/staff');
    assert.equal(office.statusCode, 200);
    assert.match(office.body, /Clauses plus faibles que la loi/);
    assert.equal((await browser.get('/shops/coopso/staff')).statusCode, 403);
  });

  test('should show a readable 404 page, never a stack trace', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/shops/nowhere' });
    assert.equal(res.statusCode, 404);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.match(res.body, /Cette boutique n’existe pas/);
    assert.doesNotMatch(res.body, /at .*\.ts:\d+/);
  });
});
