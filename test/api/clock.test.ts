import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { enqueueEmail } from '../../src/notifications/outbox.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';

describe('test clock (COMPTOIR_TEST_CLOCK=<instant>)', () => {
  let p: TestPlatform;
  const delivered: string[] = [];
  before(async () => {
    p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-09-01T08:00:00+02:00' }, { mailer: { send: async (m) => void delivered.push(m.subject) } });
  });
  after(async () => p.stop());

  test('should start at the given instant and show it to the operator', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN) });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { now: '2026-09-01T06:00:00Z', testClock: true });
  });

  test('should move forward and run the jobs due before answering', async () => {
    await enqueueEmail(p.database.db, { shopId: 'coopso', to: 'a@example.be', subject: 'due at once', text: 'x' }, new Date('2026-09-01T06:00:00Z'));
    const res = await p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN), payload: { now: '2026-09-04T10:00:00+02:00' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().now, '2026-09-04T08:00:00Z');
    assert.deepEqual(delivered, ['due at once']);
    const row = await p.database.db.selectFrom('outbox').select(['status', 'sent_at']).executeTakeFirstOrThrow();
    assert.equal(row.status, 'sent');
    assert.equal(row.sent_at?.toISOString(), '2026-09-04T08:00:00.000Z');
  });

  test('should refuse to move back in time, and refuse an impossible date, changing nothing', async () => {
    for (const now of ['2026-09-01T00:00:00Z', '2026-02-30T10:00:00Z', 'tomorrow']) {
      const res = await p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN), payload: { now } });
      assert.ok([400, 422].includes(res.statusCode), now);
    }
    const back = await p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN), payload: { now: '2026-09-01T00:00:00Z' } });
    assert.equal(back.json().error.code, 'clock_cannot_go_back');
    assert.equal((await p.app.inject({ method: 'GET', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN) })).json().now, '2026-09-04T08:00:00Z');
  });

  test('should keep the clock to operators', async () => {
    assert.equal((await p.app.inject({ method: 'GET', url: '/api/v1/clock' })).statusCode, 401);
    assert.equal((await p.app.inject({ method: 'PUT', url: '/api/v1/clock', payload: { now: '2027-01-01T00:00:00Z' } })).statusCode, 401);
  });
});

describe('real clock (default)', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startPlatform();
  });
  after(async () => p.stop());

  test('should refuse to move the clock when the test clock is off', async () => {
    const res = await p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN), payload: { now: '2030-01-01T00:00:00Z' } });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().error.code, 'clock_disabled');
    const now = (await p.app.inject({ method: 'GET', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN) })).json();
    assert.equal(now.testClock, false);
    assert.ok(Math.abs(Date.parse(now.now) - Date.now()) < 60_000);
  });
});
