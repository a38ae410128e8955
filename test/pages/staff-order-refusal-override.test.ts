/**
 * Issue 11 §10 on the staff order page, as a browser without JavaScript: at Coopso (001 CG §3.2:
 * 4 working days) an order placed on Mon 2026-06-01 may be refused until Fri 06-05. While the
 * window runs staff are offered the refusal with no override field. On Mon 06-08 the shop's staff
 * are no longer offered it and read why (only an operator may still refuse, with a reason); a
 * refusal posted anyway is refused with `refusal_window_over`. An operator sees the field
 * "Motif de dérogation" (FR/EN/NL): refusing without it is refused on that field, with it the order
 * is refused and the evidence keeps the override and its reason.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { FormClient } from '../support/form-client.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

const SHOP = 'coopso';
let p: TestPlatform;
let staff: FormClient;
let orderId = '';
const url = () => `/shops/${SHOP}/staff/orders/${orderId}`;
const refusal = { type: 'refused', at: '2026-06-08T09:00', note: 'Stock épuisé chez le fournisseur', confirm: 'yes' };

before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-06-01T10:00:00+02:00' });
  const token = await customerToken(p, SHOP, 'derogation@coopso.example');
  const res = await p.app.inject({
    method: 'POST', url: `/api/v1/shops/${SHOP}/orders`, headers: bearer(token),
    payload: { lines: [{ productId: await productIdBySku(p, SHOP, 'CALC-SCI'), quantity: 1 }], acceptedTerms: { version: await termsVersion(p, SHOP) }, delivery: { mode: 'pickup', pickupPointId: '0' }, paymentMethod: 'bank_transfer' },
  });
  assert.equal(res.statusCode, 201, res.body);
  orderId = res.json().id;
  assert.equal(res.json().deadlines.refusalUntil, '2026-06-05');
});

/** The shop's staff, signed in on the day the clock shows (a session idles out over days). */
async function signInStaff() {
  staff = new FormClient(p.app);
  assert.equal((await staff.submit(`/shops/${SHOP}/staff/login`, `/shops/${SHOP}/staff/login`, { email: 'staff@coopso.example', password: DEMO_PASSWORD })).statusCode, 303);
}
after(async () => p?.stop());

/** The operator signs in with the platform's token; the page's form gives the CSRF token and cookie. */
async function asOperator(fields: Record<string, string> | null, lang = 'fr') {
  const page = await p.app.inject({ method: 'GET', url: url(), headers: { ...bearer(ADMIN_TOKEN), 'accept-language': lang } });
  if (!fields) return page;
  const csrf = /name="_csrf" value="([^"]*)"/.exec(page.body)?.[1] ?? '';
  const cookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  return p.app.inject({ method: 'POST', url: `${url()}/events`, headers: { ...bearer(ADMIN_TOKEN), cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString() });
}
const status = async () => (await p.database.db.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow()).status;

describe('the staff order page’s refusal after the window (issue 11 §10)', () => {
  test('on Thu 06-04, inside the window, staff are offered the refusal and no override field', async () => {
    await p.clock.moveTo(Temporal.Instant.from('2026-06-04T09:00:00+02:00'));
    await signInStaff();
    const page = await staff.get(url());
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<option value="refused">Refus<\/option>/);
    assert.doesNotMatch(page.body, /Motif de dérogation|Refus impossible/);
    const operator = await asOperator(null);
    assert.equal(operator.statusCode, 200);
    assert.match(operator.body, /<option value="refused">Refus<\/option>/);
    assert.doesNotMatch(operator.body, /Motif de dérogation/, 'nor is the field shown to an operator while the window runs');
  });

  test('on Mon 06-08 the shop’s staff are no longer offered the refusal and read why; posting one anyway is refused with refusal_window_over', async () => {
    await p.clock.moveTo(Temporal.Instant.from('2026-06-08T09:30:00+02:00'));
    await signInStaff();
    const page = await staff.get(url());
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Refus impossible : le délai pour refuser cette commande a expiré le 5 juin 2026 et elle est réputée acceptée\. Seul un opérateur de la plateforme peut encore la refuser, avec un motif de dérogation\./);
    assert.doesNotMatch(page.body, /<option value="refused"/);
    assert.doesNotMatch(page.body, /Motif de dérogation<\/label>/);
    assert.match(page.body, /<option value="cancelled">/, 'a cancellation is still offered');
    const res = await staff.submit(url(), `${url()}/events`, { ...refusal, overrideReason: 'je passe outre' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Le délai pour refuser cette commande a expiré le 2026-06-05|a expiré le 5 juin 2026/);
    assert.equal(await status(), 'awaiting_payment');
  });

  test('an operator sees "Motif de dérogation" (and in English and Dutch); without it the refusal is refused on that field', async () => {
    const page = await asOperator(null);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<option value="refused">Refus<\/option>/);
    assert.match(page.body, /<label for="f-overrideReason">\s*Motif de dérogation/);
    assert.match(page.body, /Le délai de refus a expiré le 5 juin 2026\. En tant qu’opérateur, vous pouvez encore refuser cette commande/);
    assert.match((await asOperator(null, 'en')).body, /Reason for the override/);
    assert.match((await asOperator(null, 'nl')).body, /Reden van de afwijking/);
    const res = await asOperator(refusal);
    assert.equal(res.statusCode, 422, res.body.slice(0, 300));
    assert.match(res.body, /<p class="error" id="f-overrideReason-error">Refuser après le délai demande la raison de ce dépassement\.<\/p>/);
    assert.equal(await status(), 'awaiting_payment');
  });

  test('with the reason the operator refuses the order; the evidence keeps the override and its reason', async () => {
    const res = await asOperator({ ...refusal, overrideReason: 'Courrier du fournisseur reçu le 05/06, saisi en retard' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    assert.equal(await status(), 'refused');
    const event = await p.database.db.selectFrom('order_events').select(['type', 'data', 'actor']).where('order_id', '=', orderId).where('type', '=', 'refused').executeTakeFirstOrThrow();
    const data = (typeof event.data === 'string' ? JSON.parse(event.data) : event.data) as Record<string, unknown>;
    assert.equal(data.refusalWindowOverridden, true);
    assert.equal(data.overrideReason, 'Courrier du fournisseur reçu le 05/06, saisi en retard');
    assert.match(event.actor, /^operator:/);
  });
});
