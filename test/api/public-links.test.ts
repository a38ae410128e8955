/**
 * Issue 8 §2: links in e-mails never come from request headers. A request saying
 * `X-Forwarded-Host: evil.example` or `Host: evil.example` still gets every link on PUBLIC_URL,
 * or in development on the listening address: password reset, order confirmation, Stripe's
 * return URLs and the `url` fields of the API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Mailer } from '../../src/notifications/outbox.ts';
import { FormClient } from '../support/form-client.ts';
import { bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, termsVersion } from '../support/shoppers.ts';

type Sent = Parameters<Mailer['send']>[0];
const capture = (into: Sent[]): Mailer => ({ send: async (message) => void into.push(message) });

/** The two ways a stranger names the host: a proxy header (trusted by default before) and Host itself. */
const FORGED: Record<string, Record<string, string>> = {
  'X-Forwarded-Host': { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
  Host: { host: 'evil.example' },
};

const urlsIn = (text: string) => text.match(/https?:\/\/[^\s"'<>)]+/g) ?? [];

/** Every absolute link of the e-mail is on `base`, none on the forged host. */
function assertLinksOn(mail: Sent, base: string) {
  const urls = [...urlsIn(mail.text), ...urlsIn(mail.html ?? '')];
  assert.doesNotMatch(`${mail.text}\n${mail.html ?? ''}`, /evil\.example/);
  const ours = urls.filter((u) => u.includes('/shops/'));
  assert.ok(ours.length > 0, `the e-mail links to the shop: ${mail.text}`);
  for (const u of ours) assert.ok(u.startsWith(`${base}/shops/`), `${u} is on ${base}`);
}

/** Asks for a reset link through the page form, the POST carrying the forged headers. */
async function askReset(p: TestPlatform, email: string, forged: Record<string, string>) {
  const browser = new FormClient(p.app);
  const page = await browser.get('/shops/coopo/password/forgot');
  const csrf = /name="_csrf" value="([^"]*)"/.exec(page.body)?.[1] ?? '';
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await p.app.inject({
    method: 'POST',
    url: '/shops/coopo/password/forgot',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...forged },
    payload: new URLSearchParams({ _csrf: csrf, email }).toString(),
  });
  assert.equal(res.statusCode, 200, res.body);
}

function resetMailTo(mails: Sent[], email: string): Sent {
  const mail = mails.filter((m) => m.to === email).at(-1);
  assert.ok(mail, `a reset e-mail was sent to ${email}`);
  assert.match(mail.text, /password\/reset\?token=/);
  return mail;
}

describe('links built in development, on the listening address', () => {
  const mails: Sent[] = [];
  let p: TestPlatform;
  let base: string;
  before(async () => {
    p = await startPlatform({}, { mailer: capture(mails) });
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://localhost:${(p.app.server.address() as { port: number }).port}`;
  });
  after(async () => p?.stop());

  for (const [name, forged] of Object.entries(FORGED)) {
    test(`should send a password-reset link on the listening address whatever ${name} says`, async () => {
      const email = `reset-${name.toLowerCase()}@example.fr`;
      await customerToken(p, 'coopo', email);
      await askReset(p, email, forged);
      const mail = resetMailTo(mails, email);
      assertLinksOn(mail, base);
      assert.match(mail.text, new RegExp(`${base}/shops/coopo/password/reset\\?token=`));
    });

    test(`should put the order link and Stripe's return URLs on the listening address whatever ${name} says`, async () => {
      const email = `order-${name.toLowerCase()}@example.fr`;
      const token = await customerToken(p, 'bible-et-jeux', email);
      const products = (await p.app.inject({ method: 'GET', url: '/api/v1/shops/bible-et-jeux/products?sort=price_desc' })).json().items as { id: string; stock: number; regulated: boolean }[];
      const product = products.find((x) => x.stock > 0 && !x.regulated);
      assert.ok(product);
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/v1/shops/bible-et-jeux/orders',
        headers: { ...bearer(token), ...forged },
        payload: { lines: [{ productId: product.id, quantity: 1 }], acceptedTerms: { version: await termsVersion(p, 'bible-et-jeux') }, delivery: { mode: 'carrier' }, paymentMethod: 'card' },
      });
      assert.equal(res.statusCode, 201, res.body);
      const order = res.json() as { id: string };
      const sessionRequest = p.stripe?.requests.find((r) => r.path === '/v1/checkout/sessions' && r.form.client_reference_id === order.id);
      assert.ok(sessionRequest, 'the Checkout Session was created');
      assert.equal(sessionRequest.form.success_url, `${base}/shops/bible-et-jeux/orders/${order.id}?card=returned`);
      assert.equal(sessionRequest.form.cancel_url, `${base}/shops/bible-et-jeux/orders/${order.id}?card=cancelled`);

      await p.runDueJobs();
      const confirmation = mails.filter((m) => m.to === email).at(-1);
      assert.ok(confirmation, 'the confirmation e-mail was sent');
      assertLinksOn(confirmation, base);
      assert.ok(confirmation.text.includes(`${base}/shops/bible-et-jeux/orders/${order.id}`), confirmation.text);
    });

    test(`should give the API's shop and terms URLs on the listening address whatever ${name} says`, async () => {
      const shops = await p.app.inject({ method: 'GET', url: '/api/v1/shops', headers: forged });
      const urls = (shops.json() as { url: string }[]).map((s) => s.url);
      assert.ok(urls.length >= 5);
      for (const u of urls) assert.match(u, new RegExp(`^${base}/shops/`));
      const terms = await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopso/terms', headers: forged });
      assert.equal(terms.statusCode, 200);
      assert.doesNotMatch(terms.body, /evil\.example/);
      assert.ok(terms.body.includes(`${base}/shops/coopso/`));
    });
  }
});

describe('links built behind a proxy, on PUBLIC_URL', () => {
  const mails: Sent[] = [];
  let p: TestPlatform;
  const base = 'https://shop.example.org';
  before(async () => {
    p = await startPlatform({ PUBLIC_URL: `${base}/` }, { mailer: capture(mails), stripe: false });
  });
  after(async () => p?.stop());

  for (const [name, forged] of Object.entries(FORGED)) {
    test(`should send a password-reset link on PUBLIC_URL whatever ${name} says`, async () => {
      const email = `public-${name.toLowerCase()}@example.fr`;
      await customerToken(p, 'coopo', email);
      await askReset(p, email, forged);
      const mail = resetMailTo(mails, email);
      assertLinksOn(mail, base);
      assert.match(mail.text, /https:\/\/shop\.example\.org\/shops\/coopo\/password\/reset\?token=/);
    });
  }

  test('should mark every cookie Secure when PUBLIC_URL is https, though the proxy talks plain http', async () => {
    const email = 'secure-cookies@example.fr';
    await customerToken(p, 'coopo', email);
    const browser = new FormClient(p.app);
    const form = await browser.get('/shops/coopo/login');
    const signedIn = await browser.submit('/shops/coopo/login', '/shops/coopo/login', { email, password: 'correct horse battery' });
    assert.equal(signedIn.statusCode, 303);
    const cookies = [form.headers['set-cookie'], signedIn.headers['set-cookie']].flat().filter((c): c is string => typeof c === 'string');
    assert.ok(cookies.length >= 3, `CSRF, session and device cookies: ${cookies.length}`);
    for (const cookie of cookies) assert.match(cookie, /;\s*Secure/i, cookie.split('=')[0]);
  });
});
