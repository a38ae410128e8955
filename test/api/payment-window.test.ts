/**
 * A-14, issue 4 §1: a Coopso transfer order must be paid within the profile's window
 * (remindAfter P5D, cancelAfter P7D). Driven end to end by the test clock: one reminder with the
 * transfer instructions after 5 days, cancellation with notice the day after the due date, stock
 * (bundle parts included) given back exactly, money already received owed back as credit; an
 * order paid meanwhile is left alone; running the jobs again changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { outboxEmails } from '../support/outbox.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform, moveTestClock } from '../support/platform.ts';
import { customerToken, productIdBySku, stockOf, termsVersion } from '../support/shoppers.ts';

let p: TestPlatform;
const sent: { to: string; subject: string }[] = [];
before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-09-01T08:00:00+02:00' }, { mailer: { send: async (m) => void sent.push({ to: m.to, subject: m.subject }) } });
});
after(async () => p.stop());

const moveClock = (now: string) => moveTestClock(p, now);
const order = async (id: string) => (await p.app.inject({ method: 'GET', url: `/api/v1/shops/coopso/orders/${id}`, headers: bearer(ADMIN_TOKEN) })).json();
const eventsOf = async (id: string, type: string) => (await order(id)).events.filter((e: { type: string }) => e.type === type);
const mailsTo = async (to: string, like: RegExp) => (await outboxEmails(p.database.db, to)).filter((m) => like.test(m.subject));

async function place(token: string, lines: { productId: string; quantity: number }[]) {
  const res = await p.app.inject({
    method: 'POST',
    url: '/api/v1/shops/coopso/orders',
    headers: bearer(token),
    payload: { lines, acceptedTerms: { version: await termsVersion(p, 'coopso') }, delivery: { mode: 'pickup', pickupPointId: '0' }, paymentMethod: 'bank_transfer' },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; number: string; totals: { grossCents: number }; deadlines: { paymentDueOn?: string } };
}

describe('payment window of transfer orders (A-14)', () => {
  const ids = { unpaid: '', paid: '', partial: '' };
  const stockBefore: Record<string, number> = {};
  const initial = (sku: string) => stockBefore[sku] ?? Number.NaN;

  test('should give each Coopso transfer order a due date 7 days after the placing day', async () => {
    // The kit becomes a bundle drawing on notebooks and a calculator (C03).
    const db = p.database.db;
    const kit = await productIdBySku(p, 'coopso', 'KIT-PRIM-P3');
    const notebook = await productIdBySku(p, 'coopso', 'CAHIER-A4-96');
    const calc = await productIdBySku(p, 'coopso', 'CALC-SCI');
    await db.updateTable('products').set({ is_bundle: true }).where('id', '=', kit).execute();
    await db.insertInto('product_parts').values([{ shop_id: 'coopso', bundle_id: kit, part_id: notebook, quantity: 4 }, { shop_id: 'coopso', bundle_id: kit, part_id: calc, quantity: 1 }]).execute();
    for (const sku of ['KIT-PRIM-P3', 'CAHIER-A4-96', 'CALC-SCI']) stockBefore[sku] = await stockOf(p, 'coopso', sku);

    const a = await place(await customerToken(p, 'coopso', 'lent@coopso.example'), [{ productId: kit, quantity: 2 }, { productId: notebook, quantity: 3 }]);
    const b = await place(await customerToken(p, 'coopso', 'rapide@coopso.example'), [{ productId: notebook, quantity: 1 }]);
    const c = await place(await customerToken(p, 'coopso', 'partiel@coopso.example'), [{ productId: calc, quantity: 1 }]);
    Object.assign(ids, { unpaid: a.id, paid: b.id, partial: c.id });
    for (const o of [a, b, c]) assert.equal(o.deadlines.paymentDueOn, '2026-09-08');
    assert.equal(await stockOf(p, 'coopso', 'CAHIER-A4-96'), initial('CAHIER-A4-96') - 8 - 3 - 1);
    assert.equal(await stockOf(p, 'coopso', 'CALC-SCI'), initial('CALC-SCI') - 2 - 1);
    assert.equal(await stockOf(p, 'coopso', 'KIT-PRIM-P3'), initial('KIT-PRIM-P3'));

    await moveClock('2026-09-03T10:00:00+02:00');
    const paid = await p.app.inject({ method: 'POST', url: `/api/v1/shops/coopso/orders/${b.id}/events`, headers: bearer(ADMIN_TOKEN), payload: { type: 'payment_received', at: '2026-09-03T10:00:00+02:00', amountCents: b.totals.grossCents } });
    assert.equal(paid.json().status, 'accepted', paid.body);
    const part = await p.app.inject({ method: 'POST', url: `/api/v1/shops/coopso/orders/${c.id}/events`, headers: bearer(ADMIN_TOKEN), payload: { type: 'payment_received', at: '2026-09-03T10:00:00+02:00', amountCents: 500 } });
    assert.equal(part.json().status, 'awaiting_payment', part.body);
  });

  test('should send exactly one reminder with the transfer instructions once 5 days have passed', async () => {
    await moveClock('2026-09-06T07:59:00+02:00');
    assert.equal((await eventsOf(ids.unpaid, 'payment_reminder_sent')).length, 0, 'not before 5 days');
    await moveClock('2026-09-06T08:00:00+02:00');
    await moveClock('2026-09-07T12:00:00+02:00');
    const [reminder, ...more] = await mailsTo('lent@coopso.example', /rappel/);
    assert.ok(reminder);
    assert.equal(more.length, 0);
    assert.equal(reminder.status, 'sent');
    const unpaid = await order(ids.unpaid);
    assert.ok(reminder.text_body.includes(String(unpaid.payment.reference)), 'the reference');
    assert.ok(reminder.text_body.includes('BE59 0000 0123 4526'), 'the IBAN');
    assert.ok(reminder.text_body.includes('2026-09-08'), 'the due date');
    assert.ok(reminder.attachments.some((a) => a.contentType === 'image/png'), 'the QR code');
    assert.equal((await eventsOf(ids.unpaid, 'payment_reminder_sent')).length, 1);
    // The partially paid order is reminded of what is still due; the paid one is not reminded.
    const [partial] = await mailsTo('partiel@coopso.example', /rappel/);
    const due = (await order(ids.partial)).payment.amountDueCents;
    assert.ok(partial?.text_body.includes(`${(due / 100).toFixed(2).replace('.', ',')}`), partial?.text_body);
    assert.equal((await mailsTo('rapide@coopso.example', /rappel/)).length, 0);
  });

  test('should keep the order through its due date, then cancel it with notice and give the stock back', async () => {
    await moveClock('2026-09-08T23:59:00+02:00');
    assert.equal((await order(ids.unpaid)).status, 'awaiting_payment', 'the due date is inclusive');
    // The bundle's parts change after placement: what was taken is what comes back.
    await p.database.db.deleteFrom('product_parts').where('shop_id', '=', 'coopso').execute();
    await moveClock('2026-09-09T00:30:00+02:00');

    const unpaid = await order(ids.unpaid);
    assert.equal(unpaid.status, 'cancelled');
    assert.equal(unpaid.payment.status, 'awaiting', 'the payment status is unchanged');
    for (const sku of ['KIT-PRIM-P3', 'CAHIER-A4-96']) assert.equal(await stockOf(p, 'coopso', sku), initial(sku) - (sku === 'CAHIER-A4-96' ? 1 : 0), sku);
    assert.equal(await stockOf(p, 'coopso', 'CALC-SCI'), initial('CALC-SCI'));
    const [cancelled] = await eventsOf(ids.unpaid, 'cancelled');
    assert.equal(cancelled.by, 'system');
    const evidence = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/coopso/orders/${ids.unpaid}/evidence`, headers: bearer(ADMIN_TOKEN) })).json();
    assert.equal(evidence.verified, true);
    const data = evidence.events.find((e: { type: string }) => e.type === 'cancelled').data;
    assert.equal(data.reason, 'unpaid');
    assert.equal(data.statusFrom, 'awaiting_payment');
    const [notice] = await mailsTo('lent@coopso.example', /annulée/);
    assert.equal(notice?.status, 'sent');
    assert.equal(notice?.id, data.emailOutboxId);
    assert.ok(sent.some((m) => m.to === 'lent@coopso.example' && /annulée/.test(m.subject)));
  });

  test('should turn money received on a cancelled order into credit owed to the customer', async () => {
    const partial = await order(ids.partial);
    assert.equal(partial.status, 'cancelled');
    assert.equal(partial.payment.status, 'partially_paid');
    const credits = await p.database.db.selectFrom('customer_credits').selectAll().where('order_id', '=', ids.partial).execute();
    assert.deepEqual(credits.map((c) => [c.kind, Number(c.amount_cents)]), [['overpayment', 500]]);
    const [notice] = await mailsTo('partiel@coopso.example', /annulée/);
    assert.match(notice?.text_body ?? '', /5,00/);
  });

  test('should leave an order paid meanwhile alone, and do nothing more on later runs', async () => {
    assert.equal((await order(ids.paid)).status, 'accepted');
    // The customers' mail: the staff's daily digest of deadlines (issue 11 §7) is not about this order.
    const outbox = async () => (await p.database.db.selectFrom('outbox').select('id').where('template', '!=', 'today_digest').execute()).length;
    const before = { mails: await outbox(), stock: await stockOf(p, 'coopso', 'CAHIER-A4-96') };
    await moveClock('2026-09-10T08:00:00+02:00');
    await moveClock('2026-10-01T08:00:00+02:00');
    assert.equal(await outbox(), before.mails);
    assert.equal(await stockOf(p, 'coopso', 'CAHIER-A4-96'), before.stock);
    assert.equal((await eventsOf(ids.unpaid, 'cancelled')).length, 1);
    assert.equal((await eventsOf(ids.unpaid, 'payment_reminder_sent')).length, 1);
  });
});
