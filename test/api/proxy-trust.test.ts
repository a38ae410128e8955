/**
 * Issue 8 §3: proxy headers are trusted only when configured. Without TRUST_PROXY, a client
 * rotating X-Forwarded-For is still one address (the socket's) for the sign-in rate limits and
 * throttle; with TRUST_PROXY naming the proxy, the address it forwards is the client's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FormClient } from '../support/form-client.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let n = 0;
let addresses = 0;
/** A fresh source address for each attempt, as an attacker would forge them (198.18.0.0/15, RFC 2544). */
const forgedAddress = () => `198.18.${++addresses >> 8}.${addresses & 255}`;

/** A wrong password on the sign-in API, each time for another e-mail (no per-account throttle). */
const signInApi = (p: TestPlatform, forwardedFor: string) =>
  p.app.inject({
    method: 'POST',
    url: '/api/v1/shops/coopso/session',
    headers: { 'x-forwarded-for': forwardedFor },
    payload: { email: `guess-${++n}@example.be`, password: 'not the password' },
  });

/** A wrong password through the sign-in page, with its CSRF token. */
async function signInPage(p: TestPlatform, forwardedFor: string) {
  const browser = new FormClient(p.app);
  const page = await browser.get('/shops/coopso/login');
  const csrf = /name="_csrf" value="([^"]*)"/.exec(page.body)?.[1] ?? '';
  return p.app.inject({
    method: 'POST',
    url: '/shops/coopso/login',
    headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': forwardedFor },
    payload: new URLSearchParams({ _csrf: csrf, email: `page-${++n}@example.be`, password: 'not the password' }).toString(),
  });
}

const remaining = (res: { headers: Record<string, unknown> }) => Number(res.headers['x-ratelimit-remaining']);
const limitOf = (res: { headers: Record<string, unknown> }) => Number(res.headers['x-ratelimit-limit']);

describe('without TRUST_PROXY', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startPlatform({}, { stripe: false });
  });
  after(async () => p?.stop());

  test('should count sign-ins with different X-Forwarded-For from one socket against the same address', async () => {
    for (const attempt of [signInApi, signInPage]) {
      const first = await attempt(p, forgedAddress());
      const second = await attempt(p, forgedAddress());
      assert.ok(limitOf(first) > 0, 'the sign-in route is rate limited');
      assert.equal(remaining(second), remaining(first) - 1, `${attempt.name}: both attempts came from 127.0.0.1`);
    }
  });

  test('should stop a client rotating X-Forwarded-For at the sign-in limits', async () => {
    const first = await signInApi(p, forgedAddress());
    const budget = remaining(first) + 1;
    let refused: { statusCode: number; headers: Record<string, unknown> } | null = null;
    let tried = 1;
    while (!refused && tried <= budget) {
      const res = await signInApi(p, forgedAddress());
      tried++;
      if (res.statusCode === 429) refused = res;
    }
    assert.ok(refused, `still signing in after ${tried} attempts from one socket with as many forged addresses`);
    assert.ok(refused.headers['retry-after'], 'told when to come back');
  });
});

describe('with TRUST_PROXY naming the proxy', () => {
  let p: TestPlatform;
  before(async () => {
    // app.inject's socket address is 127.0.0.1: here, the proxy.
    p = await startPlatform({ TRUST_PROXY: '127.0.0.1' }, { stripe: false });
  });
  after(async () => p?.stop());

  test("should take the client's address from X-Forwarded-For sent by the trusted proxy", async () => {
    for (const attempt of [signInApi, signInPage]) {
      const client = forgedAddress();
      const first = await attempt(p, client);
      const other = await attempt(p, forgedAddress());
      assert.equal(remaining(other), remaining(first), `${attempt.name}: two clients, two counts`);
      const again = await attempt(p, client);
      assert.equal(remaining(again), remaining(first) - 1, `${attempt.name}: the same client, one count`);
    }
  });

  test('should count each forwarded client on its own, so one client cannot block another', async () => {
    const first = await signInApi(p, forgedAddress());
    for (let i = 0; i < remaining(first) + 1; i++) {
      const res = await signInApi(p, forgedAddress());
      assert.notEqual(res.statusCode, 429, `attempt ${i + 2}, from a new client, was refused`);
    }
  });
});
