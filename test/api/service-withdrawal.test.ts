/**
 * Services sold and withdrawn from over HTTP (issue 10 §2, SPEC R000-16, seed 000 §7.2; C. consom.
 * L221-18, L221-25): Coop Connexion's yearly IT help desk (365 days, 120.00 €) is shown as a
 * service; an order asks — or not — for it to start during the withdrawal period, which the order
 * and its evidence record with the instant; the period runs from the day after conclusion (Mon
 * 2026-03-02 → Mon 2026-03-16) with nothing delivered; withdrawn on Wed 2026-03-11, 9 days were
 * supplied (2–10 March: the start day counts, the day the withdrawal is sent does not): 2.96 €
 * owed (12000 × 9 / 365 = 295.89), 117.04 € refunded and credited; without the request nothing
 * is owed; a start recorded by staff on Thu 2026-03-05 makes it 6 days, 1.97 €.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { outboxEmails } from '../support/outbox.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform, moveTestClock } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

const FR = 'coopconnexion';
const staff = bearer(ADMIN_TOKEN);

let p: TestPlatform;
before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-03-02T10:00:00+01:00' }, { stripe: false });
});
after(async () => p?.stop());

type Json = Record<string, unknown>;
const api = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: Json) => p.app.inject({ method, url: `/api/v1/shops/${FR}/${url}`, headers, ...(payload && { payload }) });
const moveClock = (now: string) => moveTestClock(p, now);

const tokens: Record<string, string> = {};
const products: Record<string, string> = {};
const orders: Record<string, { id: string; totals: { grossCents: number; shippingCents: number } } & Json> = {};

async function place(who: string, lines: [string, number][], extra: Json = {}) {
  const res = await api('POST', 'orders', bearer(tokens[who] ?? ''), {
    lines: lines.map(([sku, quantity]) => ({ productId: products[sku], quantity })),
    acceptedTerms: { version: await termsVersion(p, FR) },
    delivery: { mode: 'carrier' },
    paymentMethod: 'card',
    ...extra,
  });
  assert.equal(res.statusCode, 201, res.body);
  const order = res.json();
  const paid = await api('POST', `orders/${order.id}/events`, staff, { type: 'payment_received', at: '2026-03-02T10:00:00+01:00', amountCents: order.totals.grossCents });
  assert.equal(paid.statusCode, 201, paid.body);
  orders[who] = order;
  return order;
}

async function documents(orderId: string) {
  const res = await api('GET', `invoices?orderId=${orderId}`, staff);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items as { kind: string; reason?: string; totals: { grossCents: number }; lines: { sku: string; totalCents: number }[] }[];
}

describe('services started at the consumer’s express request (issue 10 §2)', () => {
  test('should show the yearly help desk as a service of 365 days before purchase', async () => {
    for (const sku of ['ASSIST-INFO-AN', 'CONSEIL-ENERGIE-6M', 'MIEL-500']) products[sku] = await productIdBySku(p, FR, sku);
    for (const who of ['asked', 'silent', 'late', 'honey', 'mixed', 'week', 'weekSilent']) tokens[who] = await customerToken(p, FR, `${who}@services.example`);
    const list = (await api('GET', 'products', {})).json().items as { sku: string; kind: string; serviceDays: number | null }[];
    assert.deepEqual(list.filter((x) => x.kind === 'service').map((x) => [x.sku, x.serviceDays]).sort(), [['ASSIST-INFO-AN', 365], ['CONSEIL-ENERGIE-6M', 180]]);
    assert.equal(list.find((x) => x.sku === 'MIEL-500')?.serviceDays, null);
    // Staff sell a service by its days; a service without them is refused.
    const workshop = { sku: 'ATELIER-SEMAINE', name: 'Semaine d’ateliers réparation vélo', unitPriceCents: 3500, vatRateBp: 2000, stock: 20, kind: 'service' };
    const noDays = await api('POST', 'products', staff, workshop);
    assert.equal(noDays.statusCode, 422);
    assert.equal(noDays.json().error.field, 'serviceDays');
    const created = await api('POST', 'products', staff, { ...workshop, serviceDays: 7 });
    assert.equal(created.statusCode, 201, created.body);
    assert.deepEqual([created.json().kind, created.json().serviceDays], ['service', 7]);
    products['ATELIER-SEMAINE'] = created.json().id;
    const page = await p.app.inject({ method: 'GET', url: `/shops/${FR}/products/${products['ASSIST-INFO-AN']}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Prestation de service de 365 jours/);
    assert.match(page.body, /lendemain de la commande/);
  });

  test('should record the express request on the order and in its evidence, with its time; never for goods alone', async () => {
    const asked = await place('asked', [['ASSIST-INFO-AN', 1]], { serviceStartRequested: true });
    assert.equal(asked.serviceStartRequestedAt, '2026-03-02T09:00:00.000Z');
    assert.deepEqual((asked.lines as Json[]).map((l) => [l.sku, l.serviceDays]), [['ASSIST-INFO-AN', 365]]);
    const silent = await place('silent', [['ASSIST-INFO-AN', 1]]);
    assert.equal(silent.serviceStartRequestedAt, undefined);
    const honey = await place('honey', [['MIEL-500', 1]], { serviceStartRequested: true });
    assert.equal(honey.serviceStartRequestedAt, undefined, 'no service, no request');
    await place('late', [['ASSIST-INFO-AN', 1]], { serviceStartRequested: true });
    await place('mixed', [['CONSEIL-ENERGIE-6M', 1], ['MIEL-500', 2]], { serviceStartRequested: true });
    await place('week', [['ATELIER-SEMAINE', 1]], { serviceStartRequested: true });
    await place('weekSilent', [['ATELIER-SEMAINE', 1]]);

    const evidence = (await api('GET', `orders/${asked.id}/evidence`, staff)).json();
    const placed = evidence.events.find((e: { type: string }) => e.type === 'placed');
    assert.equal(placed.data.serviceStartRequestedAt, '2026-03-02T09:00:00.000Z');
    assert.equal((await api('GET', `orders/${silent.id}/evidence`, staff)).json().events[0].data.serviceStartRequestedAt, undefined);
    // The confirmation on a durable medium repeats the request and its consequence; none without it.
    const [confirmation] = await outboxEmails(p.database.db, 'asked@services.example');
    assert.match(confirmation?.text_body ?? '', /Vous avez expressément demandé, le 2 mars 2026 à 10:00, que la prestation de service commence avant la fin du délai de rétractation\. Si vous vous rétractez, vous devrez un montant proportionnel/);
    const [silentMail] = await outboxEmails(p.database.db, 'silent@services.example');
    assert.ok(silentMail);
    assert.doesNotMatch(silentMail.text_body, /expressément demandé/);
    // Services alone: the period runs from the day after conclusion, nothing being delivered.
    const read = (await api('GET', `orders/${asked.id}`, staff)).json();
    assert.equal(read.deadlines.withdrawalEndsOn, '2026-03-16');
    assert.equal(read.serviceStartRequestedAt, '2026-03-02T09:00:00.000Z');
  });

  test('should take the start day recorded by staff, never before the order, in the future or on goods alone', async () => {
    await moveClock('2026-03-05T16:00:00+01:00');
    const before = await api('PUT', `orders/${orders.late?.id}/service-start`, staff, { startedOn: '2026-03-01' });
    assert.equal(before.statusCode, 422);
    assert.equal(before.json().error.code, 'service_start_before_order');
    const future = await api('PUT', `orders/${orders.late?.id}/service-start`, staff, { startedOn: '2026-03-06' });
    assert.equal(future.json().error.code, 'event_in_future');
    const goods = await api('PUT', `orders/${orders.honey?.id}/service-start`, staff, { startedOn: '2026-03-05' });
    assert.equal(goods.json().error.code, 'not_a_service_order');
    const customer = await api('PUT', `orders/${orders.late?.id}/service-start`, bearer(tokens.late ?? ''), { startedOn: '2026-03-05' });
    assert.equal(customer.statusCode, 403);
    const ok = await api('PUT', `orders/${orders.late?.id}/service-start`, staff, { startedOn: '2026-03-05' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { orderId: orders.late?.id, serviceStartRequestedAt: '2026-03-02T09:00:00.000Z', serviceStartedOn: '2026-03-05' });
    const events = (await api('GET', `orders/${orders.late?.id}/evidence`, staff)).json().events;
    assert.deepEqual(events.find((e: { type: string }) => e.type === 'service_started')?.data, { startedOn: '2026-03-05', expressRequestAt: '2026-03-02T09:00:00.000Z' });
  });

  test('should owe 2.96 € of 120.00 € for 9 days supplied when withdrawn on 2026-03-11, refund and credit 117.04 € plus delivery', async () => {
    await moveClock('2026-03-11T12:00:00+01:00');
    const order = orders.asked;
    assert.ok(order);
    const res = await api('POST', `orders/${order.id}/withdrawal`, bearer(tokens.asked ?? ''), {});
    assert.equal(res.statusCode, 201, res.body);
    const w = res.json();
    assert.deepEqual([w.notifiedOn, w.deadline, w.onTime, w.periodStartsOn], ['2026-03-11', '2026-03-16', true, '2026-03-03']);
    assert.deepEqual(w.lines[0].service, { serviceDays: 365, requestedAt: '2026-03-02T09:00:00.000Z', startedOn: '2026-03-02', suppliedDays: 9, owedCents: 296 });
    assert.equal(w.serviceOwedCents, 296);
    // The whole order: the price less the pro rata, and the standard delivery.
    assert.equal(w.dueCents, 12000 - 296 + order.totals.shippingCents);
    // No goods to wait for: due 14 days after the shop was informed.
    assert.equal(w.refundDueOn, '2026-03-25');

    const [ack] = (await outboxEmails(p.database.db, 'asked@services.example')).filter((m) => /rétractation/.test(m.subject));
    assert.ok(ack, 'acknowledgement e-mail');
    assert.match(ack.text_body, /9 jours sur 365/);
    assert.match(ack.text_body, /2,96\s€ qui restent dus \(article L221-25/);
    assert.match(ack.text_body, /117,04\s€ vous sont remboursés/);

    const refunded = await api('POST', `withdrawals/${w.id}/events`, staff, { type: 'refunded', at: '2026-03-11', amountCents: w.dueCents });
    assert.equal(refunded.statusCode, 201, refunded.body);
    const notes = (await documents(order.id)).filter((d) => d.kind === 'credit_note');
    assert.equal(notes.length, 1);
    assert.deepEqual(notes[0]?.lines.map((l) => [l.sku, l.totalCents]).filter(([sku]) => sku === 'ASSIST-INFO-AN'), [['ASSIST-INFO-AN', 11704]]);
    assert.equal(notes[0]?.totals.grossCents, 11704 + order.totals.shippingCents);
  });

  test('should owe nothing without the express request (L221-25 al. 2): 120.00 € back', async () => {
    const order = orders.silent;
    assert.ok(order);
    const w = (await api('POST', `orders/${order.id}/withdrawal`, bearer(tokens.silent ?? ''), {})).json();
    assert.deepEqual(w.lines[0].service, { serviceDays: 365, requestedAt: null, startedOn: '2026-03-02', suppliedDays: 0, owedCents: 0 });
    assert.equal(w.dueCents, 12000 + order.totals.shippingCents);
    const [ack] = (await outboxEmails(p.database.db, 'silent@services.example')).filter((m) => /rétractation/.test(m.subject));
    assert.match(ack?.text_body ?? '', /vous n’aviez pas demandé que la prestation commence/);
  });

  test('should count from the start staff recorded: 6 days, 1.97 € owed, 118.03 € back', async () => {
    const order = orders.late;
    assert.ok(order);
    const w = (await api('POST', `orders/${order.id}/withdrawal`, bearer(tokens.late ?? ''), {})).json();
    assert.deepEqual([w.lines[0].service.startedOn, w.lines[0].service.suppliedDays, w.serviceOwedCents, w.dueCents], ['2026-03-05', 6, 197, 12000 - 197 + order.totals.shippingCents]);
  });

  test('should charge the pro rata of the service line only when goods come with it (their period has not started)', async () => {
    const order = orders.mixed;
    assert.ok(order);
    const res = await api('POST', `orders/${order.id}/withdrawal`, bearer(tokens.mixed ?? ''), { lines: [{ productId: products['CONSEIL-ENERGIE-6M'], quantity: 1 }] });
    assert.equal(res.statusCode, 201, res.body);
    const w = res.json();
    // 180-day follow-up at 54.00: 9 days supplied, 5400 × 9 / 180 = 270.
    assert.deepEqual([w.deadline, w.lines[0].service.suppliedDays, w.serviceOwedCents, w.dueCents], [null, 9, 270, 5400 - 270]);
  });

  test('should refuse to withdraw from a 7-day workshop week fully performed at the consumer’s request (L221-28 1°), not from one never asked to start', async () => {
    const done = await api('POST', `orders/${orders.week?.id}/withdrawal`, bearer(tokens.week ?? ''), {});
    assert.equal(done.statusCode, 422);
    assert.equal(done.json().error.code, 'not_withdrawable');
    const silent = await api('POST', `orders/${orders.weekSilent?.id}/withdrawal`, bearer(tokens.weekSilent ?? ''), {});
    assert.equal(silent.statusCode, 201, silent.body);
    assert.deepEqual([silent.json().serviceOwedCents, silent.json().dueCents], [0, 3500 + (orders.weekSilent?.totals.shippingCents ?? 0)]);
  });
});
