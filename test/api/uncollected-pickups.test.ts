/**
 * Issue 12 §5 over HTTP: a pickup order left at Coopso's Liège centre after its slot. Two days
 * after the slot's last day the customer gets one reminder e-mail, in her language, never a
 * second; a week later the staff "today" view lists it as "not collected: decide". An order
 * collected in its slot gets neither. The test clock moves time (PUT /api/v1/clock runs the due jobs).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { FormClient } from '../support/form-client.ts';
import { outboxEmails } from '../support/outbox.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { productIdBySku, termsVersion } from '../support/shoppers.ts';

let p: TestPlatform;
const TZ = 'Europe/Brussels';
const EMAIL = { left: 'emma.left@coopso.example', collected: 'noor.collected@coopso.example' } as const;
const token: Record<string, string> = {};
type Order = { id: string; number: string; status: string; totals: { grossCents: number }; delivery: { slot: { startsAt: string; endsAt: string } } };

async function register(email: string, language: string, firstName: string) {
  const address = { line1: 'rue de Fer 1', postalCode: '4000', city: 'Liège', country: 'BE' };
  const reg = await p.app.inject({ method: 'POST', url: '/api/v1/shops/coopso/customers', payload: { kind: 'consumer', email, password: 'correct horse battery', firstName, lastName: 'Test', address, language } });
  assert.equal(reg.statusCode, 201, reg.body);
  token[email] = (await p.app.inject({ method: 'POST', url: '/api/v1/shops/coopso/session', payload: { email, password: 'correct horse battery' } })).json().token;
}
/** Placed for pickup at the Liège centre (its earliest slot), then paid in full. */
async function placePaid(email: string): Promise<Order> {
  const res = await p.app.inject({
    method: 'POST', url: '/api/v1/shops/coopso/orders', headers: bearer(token[email] ?? ''),
    payload: { lines: [{ productId: await productIdBySku(p, 'coopso', 'CALC-SCI'), quantity: 1 }], acceptedTerms: { version: await termsVersion(p, 'coopso') }, delivery: { mode: 'pickup', pickupPointId: '0' }, paymentMethod: 'bank_transfer' },
  });
  assert.equal(res.statusCode, 201, res.body);
  const order = res.json() as Order;
  await fact(order.id, { type: 'payment_received', at: '2026-06-01', amountCents: order.totals.grossCents });
  return order;
}
const fact = async (id: string, payload: Record<string, unknown>) => {
  const res = await p.app.inject({ method: 'POST', url: `/api/v1/shops/coopso/orders/${id}/events`, headers: bearer(ADMIN_TOKEN), payload });
  assert.equal(res.statusCode, 201, res.body);
};
/** 10:00 in Brussels on that day. */
const moveClock = async (day: Temporal.PlainDate) => {
  const now = day.toZonedDateTime({ timeZone: TZ, plainTime: '10:00' }).toString({ timeZoneName: 'never' });
  const res = await p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN), payload: { now } });
  assert.equal(res.statusCode, 200, res.body);
};
const reminders = async (to: string) => (await outboxEmails(p.database.db, to)).filter((m) => /waiting for you|vous attend|wacht op u/.test(m.subject));
/** The "today" view's rows for this order, as text: "number | kind | day | left". */
async function todayRows(number: string): Promise<string[]> {
  const staff = new FormClient(p.app);
  assert.equal((await staff.submit('/shops/coopso/staff/login', '/shops/coopso/staff/login', { email: 'staff@coopso.example', password: DEMO_PASSWORD })).statusCode, 303);
  const page = await staff.get('/shops/coopso/staff/today');
  assert.equal(page.statusCode, 200);
  return [...page.body.matchAll(/<tr[^>]*><th scope="row"><a href="[^"]+">([^<]+)<\/a><\/th><td>[^<]*<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td><td>(?:<strong>)?([^<]+)/g)]
    .filter((m) => m[1] === number)
    .map((m) => `${m[1]} | ${m[2]} | ${m[3]} | ${m[4]}`);
}

let left: Order;
let collected: Order;
let slotDay: Temporal.PlainDate;

before(async () => {
  // Monday 1 June 2026, 10:00 in Brussels.
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-06-01T10:00:00+02:00' });
  await register(EMAIL.left, 'en', 'Emma');
  await register(EMAIL.collected, 'nl', 'Noor');
  left = await placePaid(EMAIL.left);
  collected = await placePaid(EMAIL.collected);
  slotDay = Temporal.Instant.from(left.delivery.slot.endsAt).toZonedDateTimeISO(TZ).toPlainDate();
  assert.equal(Temporal.Instant.from(collected.delivery.slot.endsAt).toZonedDateTimeISO(TZ).toPlainDate().toString(), slotDay.toString());
  // Noor collects hers during the slot.
  const end = await p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN), payload: { now: collected.delivery.slot.endsAt } });
  assert.equal(end.statusCode, 200, end.body);
  await fact(collected.id, { type: 'picked_up', at: Temporal.Instant.from(collected.delivery.slot.startsAt).add({ minutes: 5 }).toString() });
});
after(async () => p?.stop());

describe('a pickup order not collected (issue 12 §5)', () => {
  test('no reminder the day after the slot; one, in English, two days after; never a second', async () => {
    await moveClock(slotDay.add({ days: 1 }));
    assert.deepEqual(await reminders(EMAIL.left), []);
    await moveClock(slotDay.add({ days: 2 }));
    const sent = await reminders(EMAIL.left);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.subject, `Coopso – Ecollectif.be — your order ${left.number} is waiting for you`);
    const on = slotDay.toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
    const decideOn = slotDay.add({ days: 9 }).toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
    assert.match(sent[0]?.text_body ?? '', new RegExp(`^Hello Emma,\\n\\nYour order ${left.number} was ready for you on ${on} at Centre de distribution de Liège and has not been collected yet\\.`));
    assert.match(sent[0]?.text_body ?? '', new RegExp(`we will decide what happens to your order from ${decideOn}\\.`));
    const events = await p.database.db.selectFrom('order_events').select('data').where('order_id', '=', left.id).where('type', '=', 'pickup_reminder_sent').execute();
    assert.equal(events.length, 1);
    assert.equal((events[0]?.data as { emailTo?: string } | undefined)?.emailTo, EMAIL.left);
    await moveClock(slotDay.add({ days: 3 }));
    await moveClock(slotDay.add({ days: 5 }));
    assert.equal((await reminders(EMAIL.left)).length, 1);
    assert.deepEqual(await todayRows(left.number), []);
  });

  test('a week after the reminder, staff see it in the "today" view until they decide', async () => {
    await moveClock(slotDay.add({ days: 8 }));
    assert.deepEqual(await todayRows(left.number), []);
    await moveClock(slotDay.add({ days: 9 }));
    const day = slotDay.add({ days: 9 }).toLocaleString('fr-BE', { day: 'numeric', month: 'long', year: 'numeric' });
    assert.deepEqual(await todayRows(left.number), [`${left.number} | Non retirée : décider | ${day} | aujourd’hui`]);
    await moveClock(slotDay.add({ days: 11 }));
    assert.deepEqual(await todayRows(left.number), [`${left.number} | Non retirée : décider | ${day} | dépassée de 2 j`]);
    // Staff decide: cancelled for non-collection; it leaves the view.
    await fact(left.id, { type: 'cancelled', at: slotDay.add({ days: 11 }).toString(), kind: 'non_collection', note: 'Jamais retirée' });
    assert.deepEqual(await todayRows(left.number), []);
  });

  test('the order collected in its slot gets no reminder and never shows', async () => {
    assert.deepEqual(await reminders(EMAIL.collected), []);
    assert.deepEqual(await todayRows(collected.number), []);
    const status = await p.database.db.selectFrom('orders').select('status').where('id', '=', collected.id).executeTakeFirstOrThrow();
    assert.equal(status.status, 'delivered');
  });
});
