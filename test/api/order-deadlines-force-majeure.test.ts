/**
 * Issue 11 §10, C24 (C. civ. 1218): the order's `deadlines.deliveryLatestOn` carries the days of
 * force majeure, as the late-delivery page and API count them. At DISTRITEC an order placed and
 * paid on Mon 2026-03-02 is due by Wed 2026-04-01 (L216-1: 30 days). A strike declared on it from
 * 03-05 to 03-08 (4 days) moves the day to Sun 04-05; a second period opened on 03-09 and still
 * running on 03-10 adds its days so far (03-09, 03-10): Tue 04-07, one more each day it lasts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform, moveTestClock } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

const SHOP = 'distritec';
let p: TestPlatform;
before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-03-02T10:00:00+01:00' }, { stripe: false });
});
after(() => p.stop());

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read field by field and checked by the assertions
type Json = Record<string, any>;
const staff = bearer(ADMIN_TOKEN);
const moveClock = (now: string) => moveTestClock(p, now);
const post = (url: string, headers: Record<string, string>, payload: Json) => p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/${url}`, headers, payload });
const latest = async (id: string, headers: Record<string, string>) => {
  const order = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/orders/${id}`, headers })).json();
  const late = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/orders/${id}/late-delivery`, headers })).json();
  return { order: order.deadlines.deliveryLatestOn, late: late.deliveryLatestOn, suspendedDays: late.suspendedDays };
};

describe('deadlines.deliveryLatestOn with force majeure (C24)', () => {
  test('placed and paid 03-02: due 04-01; a strike 03-05→03-08 makes it 04-05; an open period from 03-09 makes it 04-07 on 03-10 and 04-08 on 03-11 — the order and the late-delivery API agree', async () => {
    const token = await customerToken(p, SHOP, 'fm@deadlines.example');
    const placed = await post('orders', bearer(token), { lines: [{ productId: await productIdBySku(p, SHOP, 'POMPE-VIDE-2E'), quantity: 1 }], acceptedTerms: { version: await termsVersion(p, SHOP) }, delivery: { mode: 'carrier' }, paymentMethod: 'bank_transfer' });
    assert.equal(placed.statusCode, 201, placed.body);
    const o = placed.json();
    assert.equal((await post(`orders/${o.id}/events`, staff, { type: 'payment_received', at: '2026-03-02', amountCents: o.totals.grossCents })).statusCode, 201);
    assert.deepEqual(await latest(o.id, bearer(token)), { order: '2026-04-01', late: '2026-04-01', suspendedDays: 0 });

    await moveClock('2026-03-10T10:00:00+01:00');
    const strike = await post('force-majeure', staff, { orderId: o.id, cause: 'strike', startsOn: '2026-03-05', endsOn: '2026-03-08' });
    assert.equal(strike.statusCode, 201, strike.body);
    assert.deepEqual(await latest(o.id, bearer(token)), { order: '2026-04-05', late: '2026-04-05', suspendedDays: 4 });

    const open = await post('force-majeure', staff, { orderId: o.id, cause: 'strike', startsOn: '2026-03-09' });
    assert.equal(open.statusCode, 201, open.body);
    assert.deepEqual(await latest(o.id, staff), { order: '2026-04-07', late: '2026-04-07', suspendedDays: 6 });
    await moveClock('2026-03-11T10:00:00+01:00');
    assert.deepEqual(await latest(o.id, bearer(token)), { order: '2026-04-08', late: '2026-04-08', suspendedDays: 7 });
  });
});
