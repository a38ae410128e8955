import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
before(async () => {
  p = await startPlatform();
});
after(async () => p.stop());

const consumer = (email: string) => ({
  kind: 'consumer',
  email,
  password: 'correct horse battery',
  firstName: 'Camille',
  lastName: 'Martin',
  address: { line1: '3 rue des Lilas', postalCode: '66000', city: 'Perpignan', country: 'FR' },
});
const register = (shop: string, body: unknown, headers: Record<string, string> = {}) =>
  p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/customers`, payload: body as object, headers });
const signIn = (shop: string, email: string, password: string) =>
  p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/session`, payload: { email, password } });
const customerCount = async (shop: string) =>
  Number((await p.database.db.selectFrom('customers').select((eb) => eb.fn.countAll().as('n')).where('shop_id', '=', shop).executeTakeFirstOrThrow()).n);

describe('registration', () => {
  test('should register a consumer, then sign in and read the account with the token', async () => {
    const res = await register('bible-et-jeux', consumer('camille@example.fr'));
    assert.equal(res.statusCode, 201);
    const { id } = res.json();
    const session = await signIn('bible-et-jeux', 'Camille@Example.fr', 'correct horse battery');
    assert.equal(session.statusCode, 200);
    const me = await p.app.inject({ method: 'GET', url: '/api/v1/shops/bible-et-jeux/me', headers: bearer(session.json().token) });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().id, id);
    assert.equal(me.json().kind, 'consumer');
  });

  test('should refuse a duplicate e-mail in the same shop (any case) but accept it in another shop', async () => {
    assert.equal((await register('coopconnexion', consumer('dup@example.fr'))).statusCode, 201);
    const again = await register('coopconnexion', consumer('DUP@example.fr'), { 'accept-language': 'fr' });
    assert.equal(again.statusCode, 409);
    assert.deepEqual(again.json().error, { code: 'email_taken', message: 'Un compte existe déjà avec cette adresse e-mail dans cette boutique.', field: 'email' });
    assert.equal((await register('coopo', consumer('dup@example.fr'))).statusCode, 201);
  });

  test('should register a professional at DISTRITEC with a valid SIRET and VAT number', async () => {
    const res = await register('distritec', { ...consumer('achats@froid-sud.fr'), kind: 'professional', companyName: 'Froid Sud SARL', siret: '732 829 320 00074', vatNumber: 'FR40303265045' });
    assert.equal(res.statusCode, 201);
  });

  test('should refuse an invalid SIRET, an invalid VAT number and a professional without one, creating nothing', async () => {
    const before = await customerCount('distritec');
    const pro = { ...consumer('x@froid.fr'), kind: 'professional', companyName: 'Froid' };
    const cases = [
      [{ ...pro, siret: '73282932000075' }, 'invalid_siret', 'siret'],
      [{ ...pro, vatNumber: 'FR41303265045' }, 'invalid_vat_number', 'vatNumber'],
      [pro, 'company_identifier_required', 'siret'],
    ] as const;
    for (const [body, code, field] of cases) {
      const res = await register('distritec', body, { 'accept-language': 'en' });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, code);
      assert.equal(res.json().error.field, field);
    }
    assert.equal(await customerCount('distritec'), before);
  });

  test('should refuse customer kinds the shop does not sell to (Bible et Jeux: no professionals)', async () => {
    const res = await register('bible-et-jeux', { ...consumer('pro@example.fr'), kind: 'professional', companyName: 'X', siret: '73282932000074' });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().error.code, 'customer_kind_not_allowed');
  });

  test('should answer wrong types and missing fields with 400 naming every field, in Dutch when asked', async () => {
    const res = await register('coopso', { kind: 'consumer', email: 'not-an-email', password: 'short', firstName: 3, address: { line1: '', postalCode: '5000', city: 'Namur', country: 'ZZ' } }, { 'accept-language': 'nl-BE' });
    assert.equal(res.statusCode, 400);
    const fields = (res.json().error.issues as { field: string; code: string; message: string }[]).map((i) => `${i.field}:${i.code}`);
    assert.ok(fields.includes('email:invalid_email'));
    assert.ok(fields.includes('password:weak_password'));
    assert.ok(fields.includes('firstName:invalid_value'));
    assert.ok(fields.includes('lastName:required'));
    assert.ok(fields.includes('address.country:invalid_country'));
    assert.equal(res.json().error.message, 'Dit e-mailadres is ongeldig.');
  });

  test('should store hostile strings as plain text, never as SQL or markup', async () => {
    const hostile = { ...consumer('hostile@example.fr'), firstName: "Robert'); DROP TABLE customers;--", lastName: '<script>alert(1)</script>' };
    assert.equal((await register('coopo', hostile)).statusCode, 201);
    const row = await p.database.db.selectFrom('customers').select(['first_name', 'last_name']).where('email', '=', 'hostile@example.fr').executeTakeFirstOrThrow();
    assert.equal(row.first_name, "Robert'); DROP TABLE customers;--");
    const staff = await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopo/customers', headers: bearer(ADMIN_TOKEN) });
    assert.ok(staff.json().items.some((c: { lastName: string }) => c.lastName === '<script>alert(1)</script>'));
  });

  test('should create one customer when the same Idempotency-Key is retried, and refuse the key with another body', async () => {
    const headers = { 'idempotency-key': 'reg-42' };
    const first = await register('coopconnexion', consumer('idem@example.fr'), headers);
    const second = await register('coopconnexion', consumer('idem@example.fr'), headers);
    assert.equal(first.statusCode, 201);
    assert.equal(second.statusCode, 201);
    assert.equal(second.json().id, first.json().id);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    const other = await register('coopconnexion', consumer('idem2@example.fr'), headers);
    assert.equal(other.statusCode, 422);
    assert.equal(other.json().error.code, 'idempotency_key_reused');
  });
});

describe('sign-in', () => {
  test('should refuse a wrong password with 401 and make the address wait after 5 failures', async () => {
    await register('coopso', { ...consumer('lock@example.be'), address: { line1: 'rue Dewez 1', postalCode: '5000', city: 'Namur', country: 'BE' } });
    for (let i = 0; i < 5; i++) assert.equal((await signIn('coopso', 'lock@example.be', 'wrong password!')).statusCode, 401);
    const locked = await signIn('coopso', 'lock@example.be', 'correct horse battery');
    assert.equal(locked.statusCode, 429);
    assert.equal(locked.json().error.code, 'too_many_attempts');
  });

  test('should not sign in a customer of one shop on another shop', async () => {
    await register('coopo', consumer('only-coopo@example.fr'));
    assert.equal((await signIn('coopconnexion', 'only-coopo@example.fr', 'correct horse battery')).statusCode, 401);
  });
});

describe('tenancy', () => {
  test('should never let a customer token of one shop read another shop, nor staff data', async () => {
    await register('coopconnexion', consumer('tenant@example.fr'));
    const token = (await signIn('coopconnexion', 'tenant@example.fr', 'correct horse battery')).json().token;
    assert.equal((await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopo/me', headers: bearer(token) })).statusCode, 403);
    assert.equal((await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopconnexion/customers', headers: bearer(token) })).statusCode, 403);
  });

  test('should let a staff token of one shop manage it and never another shop', async () => {
    const { issueApiToken } = await import('../../src/accounts/service.ts');
    const staff = await p.database.db.selectFrom('staff').select(['id', 'name']).where('shop_id', '=', 'coopso').executeTakeFirstOrThrow();
    const token = await issueApiToken({ db: p.database.db, clock: p.clock }, { kind: 'staff', shopId: 'coopso', id: staff.id, name: staff.name }, 'test', 1);
    assert.equal((await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopso/customers', headers: bearer(token) })).statusCode, 200);
    for (const shop of ['coopconnexion', 'coopo', 'distritec', 'bible-et-jeux']) {
      assert.equal((await p.app.inject({ method: 'GET', url: `/api/v1/shops/${shop}/customers`, headers: bearer(token) })).statusCode, 403);
      const create = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/products`, headers: bearer(token), payload: { sku: 'EVIL', name: 'x', unitPriceCents: 1, vatRateBp: 0, stock: 1 } });
      assert.equal(create.statusCode, 403);
    }
  });

  test('should refuse an unknown or malformed bearer token with 401', async () => {
    for (const authorization of ['Bearer cpt_doesnotexist0000000000', 'Bearer', 'Basic abc']) {
      const res = await p.app.inject({ method: 'GET', url: '/api/v1/shops', headers: { authorization } });
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'unauthenticated');
    }
  });
});
