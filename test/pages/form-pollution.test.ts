/**
 * Issue 8 §4: no form field can reach Object.prototype. Every route a form can post to — read
 * from the router, so a new form cannot escape — receives prototype paths (`__proto__.x`,
 * `__proto__[x]`, `constructor.prototype.x`, `constructor[prototype][x]`), nesting 1,000 deep
 * and thousands of fields, as a signed-in customer with a cart and as shop staff, each with a
 * valid CSRF token and cookie (so the CSRF check does not answer first), as a form body and as
 * JSON. Object.prototype must be unchanged after each, and every answer a 4xx or normal one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { nestForm } from '../../src/web/form-errors.ts';
import { FormClient } from '../support/form-client.ts';
import { bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { fillParams, formRoutes, type Route } from '../support/routes.ts';
import { customerToken, productIdBySku, registrationForm } from '../support/shoppers.ts';

const SHOP = 'bible-et-jeux';
let p: TestPlatform;
let customer: FormClient;
let staff: FormClient;
let productId: string;
let orderId: string;

async function signedInClient(app: FastifyInstance, loginPage: string, fields: Record<string, string>): Promise<FormClient> {
  const client = new FormClient(app);
  const res = await client.submit(loginPage, loginPage, fields);
  assert.equal(res.statusCode, 303, res.body);
  return client;
}

before(async () => {
  p = await startPlatform();
  productId = await productIdBySku(p, SHOP, 'JHS-JEU');
  customer = await signedInClient(p.app, `/shops/${SHOP}/register`, registrationForm('pollueur@example.fr'));
  assert.equal((await customer.submit(`/shops/${SHOP}/cart`, `/shops/${SHOP}/cart/add`, { productId, quantity: '1' })).statusCode, 303);
  staff = await signedInClient(p.app, `/shops/${SHOP}/staff/login`, { email: `staff@${SHOP}.example`, password: DEMO_PASSWORD });
  const token = await customerToken(p, SHOP, 'commande@example.fr');
  const placed = await p.app.inject({
    method: 'POST', url: `/api/v1/shops/${SHOP}/orders`, headers: bearer(token),
    payload: { lines: [{ productId, quantity: 1 }], acceptedTerms: { version: (await p.database.db.selectFrom('terms_versions').select('version').where('shop_id', '=', SHOP).executeTakeFirstOrThrow()).version }, delivery: { mode: 'carrier' }, paymentMethod: 'card' },
  });
  orderId = placed.json().id;
});
after(async () => p.stop());

/** The CSRF token of the client's `_csrf` cookie, read from a page with a form. */
async function csrfOf(client: FormClient): Promise<string> {
  const page = await client.get(`/shops/${SHOP}/register`);
  const token = /name="_csrf" value="([^"]*)"/.exec(page.body)?.[1];
  assert.ok(token, 'a page with a form carries a CSRF token');
  return token;
}

const PROTOTYPE_PATHS = ['__proto__.x', '__proto__[x]', 'constructor.prototype.x', 'constructor[prototype][x]', 'address.__proto__.x', 'address[__proto__][x]', 'a.constructor.prototype.x'];

/** The bodies sent to every form: [what it is, content type, body]. */
function hostileBodies(csrf: string): [string, string, string][] {
  const form = (pairs: string) => `_csrf=${encodeURIComponent(csrf)}&${pairs}`;
  const json = (fields: Record<string, string>) => JSON.stringify({ _csrf: csrf, ...fields });
  const bodies: [string, string, string][] = PROTOTYPE_PATHS.map((path) => [`form ${path}`, 'application/x-www-form-urlencoded', form(`${encodeURIComponent(path)}=polluted`)]);
  bodies.push(['form, the same paths unescaped', 'application/x-www-form-urlencoded', form(PROTOTYPE_PATHS.map((path) => `${path}=polluted`).join('&'))]);
  bodies.push(['form nested 1,000 deep with brackets', 'application/x-www-form-urlencoded', form(`a${'[a]'.repeat(1000)}=1`)]);
  bodies.push(['form nested 1,000 deep with dots', 'application/x-www-form-urlencoded', form(`a${'.a'.repeat(1000)}=1`)]);
  bodies.push(['form with 5,000 fields', 'application/x-www-form-urlencoded', form(Array.from({ length: 5000 }, (_, i) => `f${i}=1`).join('&'))]);
  bodies.push(['form with a registration and prototype paths', 'application/x-www-form-urlencoded', form(`${new URLSearchParams(registrationForm('proto@example.fr')).toString()}&__proto__.x=polluted&address.__proto__.x=polluted`)]);
  // JSON.parse keeps dotted names as plain keys: they reach flatForm and nestForm as they are.
  bodies.push(['JSON with dotted prototype paths', 'application/json', json(Object.fromEntries(PROTOTYPE_PATHS.map((path) => [path, 'polluted'])))]);
  bodies.push(['JSON with a __proto__ key', 'application/json', `{"_csrf":${JSON.stringify(csrf)},"__proto__":{"x":"polluted"}}`]);
  bodies.push(['JSON with a constructor.prototype key', 'application/json', `{"_csrf":${JSON.stringify(csrf)},"constructor":{"prototype":{"x":"polluted"}}}`]);
  return bodies;
}

function urlOf(route: Route): string {
  return fillParams(route.url, (name, url) => {
    if (name === 'shop') return SHOP;
    if (url.includes('/products/')) return productId;
    if (url.includes('/orders/')) return orderId;
    return '00000000-0000-4000-8000-000000000000';
  });
}

/** Object.prototype as it is: its own property names and values. */
const prototypeNow = () => Object.entries(Object.getOwnPropertyDescriptors(Object.prototype)).map(([name, d]) => [name, d.value ?? d.get]);
const pristine = prototypeNow();

/** Takes away what a failure added, so it cannot leak into the next requests or tests. */
function restorePrototype() {
  for (const name of Object.getOwnPropertyNames(Object.prototype)) if (!pristine.some(([n]) => n === name)) delete (Object.prototype as Record<string, unknown>)[name];
}

describe('form bodies and Object.prototype', () => {
  test('should nest dotted fields and drop every path through a prototype', () => {
    try {
      const nested = nestForm({ 'address.city': 'Perpignan', kind: 'consumer', '__proto__.x': 'p', 'constructor.prototype.x': 'p', 'address.__proto__.x': 'p', 'toString.x': 'p' });
      assert.equal(({} as Record<string, unknown>).x, undefined);
      assert.deepEqual(nested, { address: { city: 'Perpignan' }, kind: 'consumer' });
    } finally {
      restorePrototype();
    }
  });

  test('should leave Object.prototype unchanged and answer 4xx or normally on every form route', async (t) => {
    const routes = formRoutes(p.app);
    assert.ok(routes.length >= 20, `the router lists the forms (${routes.length})`);
    // Signing out last: the other forms are sent by signed-in people.
    const ordered = [...routes.filter((r) => !r.url.endsWith('/logout')), ...routes.filter((r) => r.url.endsWith('/logout'))];
    const answers = new Map<number, number>();
    for (const route of ordered) {
      for (const client of [customer, staff]) {
        const csrf = await csrfOf(client);
        for (const [what, contentType, payload] of hostileBodies(csrf)) {
          const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
          const res = await p.app.inject({ method: route.method as 'POST', url: urlOf(route), headers: { cookie, 'content-type': contentType }, payload });
          const label = `${route.method} ${route.url}, ${what}`;
          try {
            assert.ok(res.statusCode < 500, `${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
            assert.equal(({} as Record<string, unknown>).x, undefined, `${label} polluted Object.prototype`);
            assert.deepEqual(prototypeNow(), pristine, `${label} changed Object.prototype`);
          } finally {
            restorePrototype();
          }
          answers.set(res.statusCode, (answers.get(res.statusCode) ?? 0) + 1);
        }
      }
    }
    t.diagnostic(`${ordered.length} form routes; answers by status: ${JSON.stringify(Object.fromEntries(answers))}`);
    // The sweep reached the handlers, not only the CSRF check: some answers are forms shown again.
    assert.ok([...answers.keys()].some((status) => status !== 403), `answers: ${JSON.stringify([...answers])}`);
  });

  test('should leave Object.prototype unchanged when a multipart upload names its fields after a prototype', async () => {
    const csrf = await csrfOf(staff);
    const cookie = [...staff.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const boundary = 'POLLUTIONBOUNDARY';
    const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    for (const name of PROTOTYPE_PATHS) {
      const payload = `${part('_csrf', csrf)}${part(name, 'polluted')}--${boundary}--\r\n`;
      try {
        const res = await p.app.inject({ method: 'POST', url: `/shops/${SHOP}/staff/bank/imports`, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
        assert.ok(res.statusCode < 500, `${name}: ${res.statusCode}`);
        assert.equal(({} as Record<string, unknown>).x, undefined, `${name} polluted Object.prototype`);
        assert.deepEqual(prototypeNow(), pristine);
      } finally {
        restorePrototype();
      }
    }
  });

  test('should refuse a form nested deeper than 5 levels or with more than 1,000 fields with 400 invalid_request', async () => {
    const client = staff;
    const csrf = await csrfOf(client);
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    for (const fields of [`a${'[a]'.repeat(6)}=1`, Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join('&')]) {
      const res = await p.app.inject({ method: 'POST', url: `/shops/${SHOP}/staff/products`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' }, payload: `_csrf=${csrf}&${fields}` });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /The request is invalid\./);
    }
  });
});
