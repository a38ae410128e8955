/**
 * Issue 8 §9: every hostile string is a 4xx. NUL (PostgreSQL refuses it in text and jsonb) and
 * lone UTF-16 surrogates (not Unicode, stored as U+FFFD or refused) are fuzzed with fast-check
 * into the bodies of every API write and every form route — read from the router, so a new one
 * cannot escape — as values, extra fields and key names; then into query strings and path
 * parameters of every route. Each answer must be a 4xx, never a 500, and nothing may be written
 * (rows of the main tables counted before and after). JSON bodies with `__proto__` or
 * `constructor.prototype` keys are refused too.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { Registration } from '../../src/accounts/schema.ts';
import { ValidationFailed } from '../../src/kernel/errors.ts';
import { parseOrThrow, text } from '../../src/kernel/validation.ts';
import { RefundInput } from '../../src/payments/refunds/schema.ts';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { FormClient } from '../support/form-client.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { apiWriteRoutes, fillParams, formRoutes, type Route, routeInventory } from '../support/routes.ts';
import { camt053 } from '../support/camt053.ts';
import { customerToken, productIdBySku, registrationForm, termsVersion } from '../support/shoppers.ts';

const SHOP = 'bible-et-jeux';
const ADDRESS = { line1: '3 rue des Lilas', postalCode: '66000', city: 'Perpignan', country: 'FR' };
let p: TestPlatform;
let ids: { product: string; order: string; customer: string };
let tokens: { customer: string };
let forms: { customer: FormClient; staff: FormClient; coopsoStaff: FormClient };

before(async () => {
  p = await startPlatform();
  const product = await productIdBySku(p, SHOP, 'JHS-JEU');
  tokens = { customer: await customerToken(p, SHOP, 'fuzz@example.fr') };
  const placed = await p.app.inject({
    method: 'POST', url: `/api/v1/shops/${SHOP}/orders`, headers: bearer(tokens.customer),
    payload: { lines: [{ productId: product, quantity: 1 }], acceptedTerms: { version: await termsVersion(p, SHOP) }, delivery: { mode: 'carrier' }, paymentMethod: 'card' },
  });
  assert.equal(placed.statusCode, 201, placed.body);
  const customer = await p.database.db.selectFrom('customers').select('id').where('email', '=', 'fuzz@example.fr').executeTakeFirstOrThrow();
  ids = { product, order: placed.json().id, customer: customer.id };
  const customerForm = new FormClient(p.app);
  assert.equal((await customerForm.submit(`/shops/${SHOP}/register`, `/shops/${SHOP}/register`, registrationForm('fuzz-form@example.fr'))).statusCode, 303);
  assert.equal((await customerForm.submit(`/shops/${SHOP}/cart`, `/shops/${SHOP}/cart/add`, { productId: product, quantity: '1' })).statusCode, 303);
  const staffForm = new FormClient(p.app);
  assert.equal((await staffForm.submit(`/shops/${SHOP}/staff/login`, `/shops/${SHOP}/staff/login`, { email: `staff@${SHOP}.example`, password: DEMO_PASSWORD })).statusCode, 303);
  // Signed in before the sweeps, which use up the sign-in forms' rate limits.
  const coopsoStaff = new FormClient(p.app);
  assert.equal((await coopsoStaff.submit('/shops/coopso/staff/login', '/shops/coopso/staff/login', { email: 'staff@coopso.example', password: DEMO_PASSWORD })).statusCode, 303);
  forms = { customer: customerForm, staff: staffForm, coopsoStaff };
});
after(async () => p.stop());

/** The tables a request could write to: none may gain or lose a row from a refused request. */
const MAIN_TABLES = ['customers', 'sessions', 'api_tokens', 'password_resets', 'products', 'carts', 'cart_lines', 'orders', 'order_lines', 'order_events', 'outbox', 'idempotency_keys', 'bank_entries', 'refunds', 'customer_credits', 'statement_imports', 'invoices'] as const;

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of MAIN_TABLES) {
    const row = await p.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** A string with a NUL or a lone surrogate somewhere (ASCII around it, so no pair can form). */
const hostileString = fc
  .tuple(fc.string({ maxLength: 12 }), fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d'), fc.string({ maxLength: 12 }))
  .map(([before, bad, after]) => before + bad + after);
/** Only NUL survives a form body's encoding (a browser turns lone surrogates into U+FFFD). */
const hostileFormString = fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 })).map(([before, after]) => `${before}\u0000${after}`);

/** Where the hostile string goes: the value of one of the template's strings, a new field, or a key. */
const placement: fc.Arbitrary<Placement> = fc.oneof(fc.record({ at: fc.constant('value' as const), index: fc.nat() }), fc.constant({ at: 'field' as const }), fc.constant({ at: 'key' as const }));

type Placement = { at: 'value'; index: number } | { at: 'field' } | { at: 'key' };

/** A copy of `body` with `bad` put where `place` says (values at any depth). */
function inject(body: Record<string, unknown>, place: Placement, bad: string): Record<string, unknown> {
  const copy = structuredClone(body);
  if (place.at === 'field') return { ...copy, extra: bad };
  if (place.at === 'key') return { ...copy, [bad]: 'x' };
  const slots: [Record<string, unknown>, string][] = [];
  const walk = (node: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') slots.push([node, key]);
      else if (value && typeof value === 'object') walk(value as Record<string, unknown>);
    }
  };
  walk(copy);
  const slot = slots[place.index % Math.max(slots.length, 1)];
  if (!slot) return { ...copy, extra: bad };
  slot[0][slot[1]] = bad;
  return copy;
}

/** A body each API write would accept (or nearly), and who sends it; other routes get a generic one. */
function apiRequestFor(route: Route): { headers: Record<string, string>; body: Record<string, unknown> } {
  const staff = bearer(ADMIN_TOKEN);
  const by: Record<string, { headers: Record<string, string>; body: Record<string, unknown> }> = {
    '/api/v1/clock': { headers: staff, body: { now: '2030-01-01T00:00:00Z' } },
    '/api/v1/shops/:shop/products': { headers: staff, body: { sku: 'FUZZ-1', name: 'Jeu', description: 'Un jeu', unitPriceCents: 1000, vatRateBp: 2000, stock: 1 } },
    '/api/v1/shops/:shop/products/:id': { headers: staff, body: { name: { fr: 'Jeu', en: 'Game' }, description: 'Un jeu' } },
    '/api/v1/shops/:shop/customers': { headers: {}, body: { kind: 'consumer', email: 'new@example.fr', password: 'correct horse battery', firstName: 'Camille', lastName: 'Martin', address: ADDRESS } },
    '/api/v1/shops/:shop/customers/:id/credit/refund': { headers: staff, body: { amountCents: 100, iban: 'FR76 3000 6000 0112 3456 7890 189', creditorName: 'Camille Martin', reason: 'avoir' } },
    '/api/v1/shops/:shop/session': { headers: {}, body: { email: 'fuzz@example.fr', password: 'correct horse battery' } },
    '/api/v1/shops/:shop/orders': { headers: bearer(tokens.customer), body: { lines: [{ productId: ids.product, quantity: 1 }], acceptedTerms: { version: '1' }, delivery: { mode: 'carrier', address: ADDRESS }, paymentMethod: 'card' } },
    '/api/v1/shops/:shop/orders/:id/events': { headers: staff, body: { type: 'payment_received', at: '2026-01-01T10:00:00Z', note: 'espèces', amountCents: 100 } },
    '/api/v1/shops/:shop/orders/:id/refunds': { headers: staff, body: { amountCents: 100, reason: 'geste', iban: 'FR76 3000 6000 0112 3456 7890 189', creditorName: 'Camille Martin' } },
    '/api/v1/shops/:shop/bank-entries/:id/match': { headers: staff, body: { orderId: 'x' } },
  };
  return by[route.url] ?? { headers: staff, body: { name: 'x', note: 'x', reason: 'x' } };
}

/** The form fields each form route reads (a generic set for the others). */
function formFieldsFor(route: Route): Record<string, string> {
  const by: Record<string, Record<string, string>> = {
    '/shops/:shop/register': registrationForm('new-form@example.fr'),
    '/shops/:shop/login': { email: 'fuzz-form@example.fr', password: 'une phrase de passe' },
    '/shops/:shop/staff/products': { sku: 'FUZZ-2', 'name.fr': 'Jeu', 'description.fr': 'Un jeu', price: '10,00', vatRate: '20', stock: '1' },
    '/shops/:shop/staff/products/:id': { sku: 'JHS-JEU', 'name.fr': 'Jeu', 'description.fr': 'Un jeu', price: '10,00', vatRate: '20', stock: '1' },
    '/shops/:shop/staff/orders/:id/events': { type: 'payment_received', at: '2026-01-01T10:00', amount: '1,00', note: 'espèces' },
    '/shops/:shop/staff/orders/:id/refunds': { amountCents: '1,00', reason: 'geste', iban: 'FR76 3000 6000 0112 3456 7890 189', creditorName: 'Camille Martin' },
    '/shops/:shop/cart/add': { productId: ids.product, quantity: '1' },
    '/shops/:shop/password/forgot': { email: 'fuzz-form@example.fr' },
  };
  return by[route.url] ?? { name: 'x', email: 'x@example.fr', note: 'x' };
}

const urlOf = (route: Route) =>
  fillParams(route.url, (name, url) => {
    if (name === 'shop') return SHOP;
    if (url.includes('/products/')) return ids.product;
    if (url.includes('/orders/')) return ids.order;
    if (url.includes('/customers/')) return ids.customer;
    return '00000000-0000-4000-8000-000000000000';
  });

/** Routes that judge a raw body by its bytes (a signature, an XML file), not as fields. */
const RAW_BODY = new Set(['/api/v1/stripe/webhook', '/api/v1/shops/:shop/bank-statements']);

/** 4xx, never 5xx; where fields are read, 400 `invalid_value` (or 429 from a rate limit). */
function assertRefused(route: Route, res: { statusCode: number; body: string }, what: string) {
  const label = `${route.method} ${route.url} ${what}: ${res.statusCode} ${res.body.slice(0, 160)}`;
  assert.ok(res.statusCode >= 400 && res.statusCode < 500, label);
  if (RAW_BODY.has(route.url) || res.statusCode === 429) return;
  assert.equal(res.statusCode, 400, label);
  assert.match(res.body, /invalid_value|Cette valeur n’est pas valide/, label);
}

describe('the shared text schema', () => {
  test('should refuse NUL and lone surrogates with invalid_value naming the field, and keep real text', () => {
    const registration = { kind: 'consumer', email: 'a@example.fr', password: 'correct horse battery', firstName: 'Camille', lastName: 'Martin', address: ADDRESS };
    for (const bad of ['Ca\u0000mille', 'Ca\ud800mille', 'Camille\udc00', '\udfff']) {
      assert.throws(() => parseOrThrow(Registration, { ...registration, address: { ...ADDRESS, city: bad } }), (error: unknown) => {
        assert.ok(error instanceof ValidationFailed);
        assert.deepEqual(error.issues.map((i) => [i.field, i.code]), [['address.city', 'invalid_value']]);
        return true;
      });
      assert.throws(() => parseOrThrow(RefundInput, { amountCents: 1, reason: bad }), (e: unknown) => e instanceof ValidationFailed && e.field === 'reason' && e.code === 'invalid_value');
    }
    for (const good of ['Léa 🎲 Dupont', 'Zoë', '日本語', '']) assert.equal(text().parse(good), good);
  });
});

/** Source files under `dir`, recursively. */
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));

describe('the shared text schema everywhere', () => {
  test('should be the only string schema of request input: no bare z.string() outside the configuration and the shop profiles', () => {
    // Both are read from files the operator writes, not from requests.
    const src = fileURLToPath(new URL('../../src', import.meta.url));
    const exempt = [join(src, 'config.ts'), join(src, 'shops', 'profile'), join(src, 'kernel', 'validation.ts')];
    const offenders = sources(src)
      .filter((file) => !exempt.some((e) => file.startsWith(e)) && !file.endsWith('.test.ts'))
      .filter((file) => /\bz\s*\.\s*string\s*\(/.test(readFileSync(file, 'utf8')));
    assert.deepEqual(offenders, [], 'use text() from src/kernel/validation.ts, which refuses NUL and lone surrogates');
  });
});

describe('hostile strings over HTTP', () => {
  test('should answer 4xx and write nothing when any API write gets NUL or a lone surrogate in its JSON body', async (t) => {
    const routes = apiWriteRoutes(p.app);
    assert.ok(routes.length >= 12, `the router lists the API writes (${routes.length})`);
    const before = await rowCounts();
    let sent = 0;
    for (const route of routes) {
      const { headers, body } = apiRequestFor(route);
      await fc.assert(
        fc.asyncProperty(hostileString, placement, async (bad, place) => {
          const payload = JSON.stringify(inject(body, place, bad));
          // With an Idempotency-Key: a request refused at the edge must not claim it either. (Raw-body
          // routes judge their bytes in the handler, after the claim, which then keeps their 4xx answer.)
          const key = RAW_BODY.has(route.url) ? {} : { 'idempotency-key': `fuzz-${sent}` };
          const res = await p.app.inject({ method: route.method as 'POST', url: urlOf(route), headers: { ...headers, ...key, 'content-type': 'application/json' }, payload });
          sent += 1;
          assertRefused(route, res, `with ${JSON.stringify(payload)}`);
        }),
        { numRuns: 20 },
      );
    }
    assert.deepEqual(await rowCounts(), before, 'no row written or removed');
    t.diagnostic(`${routes.length} API write routes, ${sent} requests`);
  });

  test('should answer 4xx and write nothing when any form gets NUL in a field, as a form or as JSON', async (t) => {
    const routes = formRoutes(p.app).filter((r) => !r.url.endsWith('/logout'));
    const csrf: Record<string, string> = {};
    for (const [who, client] of Object.entries({ customer: forms.customer, staff: forms.staff })) {
      csrf[who] = /name="_csrf" value="([^"]*)"/.exec((await client.get(`/shops/${SHOP}/register`)).body)?.[1] ?? '';
    }
    const before = await rowCounts();
    let sent = 0;
    for (const route of routes) {
      const who = route.url.includes('/staff/') ? 'staff' : 'customer';
      const client = forms[who];
      const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const fields = formFieldsFor(route);
      await fc.assert(
        fc.asyncProperty(hostileFormString, hostileString, placement, async (badForm, badJson, place) => {
          const asForm = new URLSearchParams({ _csrf: csrf[who] ?? '', ...(inject(fields, place, badForm) as Record<string, string>) }).toString();
          const form = await p.app.inject({ method: 'POST', url: urlOf(route), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: asForm });
          assertRefused(route, form, `with form ${asForm}`);
          const asJson = JSON.stringify({ _csrf: csrf[who], ...inject(fields, place, badJson) });
          const json = await p.app.inject({ method: 'POST', url: urlOf(route), headers: { cookie, 'content-type': 'application/json' }, payload: asJson });
          assertRefused(route, json, `with JSON ${asJson}`);
          sent += 2;
        }),
        { numRuns: 10 },
      );
    }
    assert.deepEqual(await rowCounts(), before, 'no row written or removed');
    t.diagnostic(`${routes.length} form routes, ${sent} requests`);
  });

  test('should answer 400 invalid_value for NUL in the query string or a path parameter of any route, and 4xx for broken UTF-8 there', async () => {
    const routes = routeInventory(p.app).filter((r) => r.method !== 'HEAD' && !r.url.includes('*'));
    const before = await rowCounts();
    // As a URL carries them: %00 is NUL; %ED%A0%80 would be a lone surrogate, and is not UTF-8.
    for (const route of routes) {
      const { headers } = apiRequestFor(route);
      for (const [bad, isNul] of [['a%00b', true], ['%00', true], ['%ED%A0%80', false]] as const) {
        const query = await p.app.inject({ method: route.method as 'GET', url: `${urlOf(route)}?q=${bad}`, headers });
        const queryLabel = `${route.method} ${route.url}?q=${bad}: ${query.statusCode} ${query.body.slice(0, 160)}`;
        assert.ok(query.statusCode < 500, queryLabel);
        if (isNul && query.statusCode !== 429) assert.equal(query.statusCode, 400, queryLabel);
        if (isNul && query.statusCode !== 429) assert.match(query.body, /invalid_value|Cette valeur n’est pas valide/, queryLabel);
        if (!route.url.includes(':')) continue;
        const url = route.url.replace(/:(\w+)/g, bad);
        const param = await p.app.inject({ method: route.method as 'GET', url, headers });
        const paramLabel = `${route.method} ${url}: ${param.statusCode} ${param.body.slice(0, 160)}`;
        assert.ok(param.statusCode >= 400 && param.statusCode < 500, paramLabel);
      }
    }
    assert.deepEqual(await rowCounts(), before, 'no row written or removed');
  });

  test('should name the field in the reader’s language', async () => {
    const res = await p.app.inject({
      method: 'POST', url: `/api/v1/shops/${SHOP}/customers`, headers: { 'accept-language': 'nl' },
      payload: { kind: 'consumer', email: 'nl@example.fr', password: 'correct horse battery', firstName: 'Camille', lastName: 'Mar\u0000tin', address: ADDRESS },
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { error: { code: 'invalid_value', message: 'Deze waarde is ongeldig.', field: 'lastName' } });
  });
});

describe('hostile characters in an uploaded bank statement', () => {
  // XML 1.0 §2.2 forbids these characters: the file is malformed.
  test('should refuse a camt.053 file with a NUL or another control character in its text, by the API and the upload form, importing nothing', async () => {
    // Coopso takes transfers into BE59 0000 0123 4526: a statement of that account gets as far as the database.
    const staff = forms.coopsoStaff;
    const csrf = /name="_csrf" value="([^"]*)"/.exec((await staff.get('/shops/coopso/staff/bank')).body)?.[1] ?? '';
    const cookie = [...staff.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const before = await rowCounts();
    for (const bad of ['don\u0000x', 'don\u0001x', 'Ano\u0000nyme']) {
      const xml = camt053('02', [{ id: 'S-FUZZ', iban: 'BE59000001234526', entries: [{ amount: '12.00', booked: '2026-03-02', acctSvcrRef: 'R-FUZZ', debtor: { name: bad }, ustrd: bad }] }]);
      const api = await p.app.inject({ method: 'POST', url: '/api/v1/shops/coopso/bank-statements', headers: { ...bearer(ADMIN_TOKEN), 'content-type': 'application/xml' }, payload: xml });
      assert.equal(api.statusCode, 400, api.body);
      assert.equal(api.json().error.code, 'statement_malformed');
      const boundary = 'FUZZBOUNDARY';
      const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="statement"; filename="releve.xml"\r\nContent-Type: application/xml\r\n\r\n${xml}\r\n--${boundary}--\r\n`;
      const form = await p.app.inject({ method: 'POST', url: '/shops/coopso/staff/bank/imports', headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: multipart });
      assert.equal(form.statusCode, 400, form.body.slice(0, 300));
      assert.match(form.body, /illisible ou mal formé/);
    }
    assert.deepEqual(await rowCounts(), before, 'no row written or removed');
  });
});

describe('JSON bodies with prototype keys', () => {
  test('should refuse __proto__ and constructor.prototype keys with 400 invalid_json on every API write, polluting nothing', async () => {
    const before = await rowCounts();
    for (const route of apiWriteRoutes(p.app)) {
      const { headers, body } = apiRequestFor(route);
      for (const hostile of ['{"__proto__":{"x":"polluted"}}', '{"constructor":{"prototype":{"x":"polluted"}}}', '{"a":{"__proto__":{"x":"polluted"}}}']) {
        const payload = `${JSON.stringify(body).slice(0, -1)},"hostile":${hostile}}`;
        const res = await p.app.inject({ method: route.method as 'POST', url: urlOf(route), headers: { ...headers, 'content-type': 'application/json' }, payload });
        assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${route.url}: ${res.statusCode}`);
        if (!RAW_BODY.has(route.url)) assert.equal(res.json().error.code, 'invalid_json', `${route.url} ${hostile}`);
        assert.equal(({} as Record<string, unknown>).x, undefined);
      }
    }
    assert.deepEqual(await rowCounts(), before);
  });
});
