/**
 * Issue 11 §3 over HTTP: what each demo profile lets the order's customer cancel or change, and
 * what it costs, exact to the day and the cent (SPEC C11, AS-35, AS-37; ). Amounts that
 * are a share of a total are rounded half-up to the cent (SPEC §3: 30 % of 123.45 € = 37.035 € →
 * 37.04 €). Days are the shop's (Europe/Paris, Europe/Brussels).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, productIdBySku, stockOf, termsVersion } from '../support/shoppers.ts';

let p: TestPlatform;
before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-12-01T10:00:00+01:00' }, { stripe: false });
});
after(async () => p.stop());

const staff = bearer(ADMIN_TOKEN);
const NAMUR = { mode: 'carrier', address: { line1: 'rue de Fer 1', postalCode: '5000', city: 'Namur', country: 'BE' } };
/** 004: one "Lot de 4 jeux et 7 cartes postales" (99.90 €) and 3 postcards (5.70 €): 105.60 €; 30 % = 31.68 €. */
const GROSS_ASSOC = 10_560;
const COST_ASSOC = 3_168;
const setClock = (now: string) => p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: staff, payload: { now } });
const fact = (shop: string, id: string, payload: Record<string, unknown>) => p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/orders/${id}/events`, headers: staff, payload });
const changes = async (shop: string, id: string, token: string) => (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${shop}/orders/${id}/changes`, headers: bearer(token) })).json();
const post = (shop: string, id: string, what: 'cancellation' | 'modification', token: string, payload: Record<string, unknown> = {}) =>
  p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/orders/${id}/${what}`, headers: bearer(token), payload });
const decide = (shop: string, id: string, requestId: string, payload: Record<string, unknown>) =>
  p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/orders/${id}/change-requests/${requestId}/decision`, headers: staff, payload });

async function register(shop: string, email: string, kind: string, extra: Record<string, unknown> = {}): Promise<string> {
  const address = shop === 'coopso' ? { line1: 'rue de Fer 1', postalCode: '5000', city: 'Namur', country: 'BE' } : { line1: '3 rue des Lilas', postalCode: '66000', city: 'Perpignan', country: 'FR' };
  const reg = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/customers`, payload: { kind, email, password: 'correct horse battery', firstName: 'Camille', lastName: 'Martin', address, ...extra } });
  assert.equal(reg.statusCode, 201, reg.body);
  return (await p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/session`, payload: { email, password: 'correct horse battery' } })).json().token;
}

async function place(shop: string, token: string, lines: [string, number][], paymentMethod: string, delivery: Record<string, unknown> = { mode: 'carrier' }) {
  const res = await p.app.inject({
    method: 'POST', url: `/api/v1/shops/${shop}/orders`, headers: bearer(token),
    payload: { lines: await Promise.all(lines.map(async ([sku, quantity]) => ({ productId: await productIdBySku(p, shop, sku), quantity }))), acceptedTerms: { version: await termsVersion(p, shop) }, delivery, paymentMethod },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; totals: { grossCents: number }; payment: { depositCents?: number }; status: string };
}

/** The customer pays on the development provider's page (issue 8 §12): a card payment with a provider reference, refundable to the card. */
async function payByCard(shop: string, id: string, token: string): Promise<void> {
  const url = `/shops/${shop}/orders/${id}/simulated-payment`;
  const page = await p.app.inject({ method: 'GET', url, headers: bearer(token) });
  assert.equal(page.statusCode, 200, page.body);
  const csrf = /name="_csrf" value="([^"]*)"/.exec(page.body)?.[1] ?? '';
  const cookie = [page.headers['set-cookie'] ?? []].flat().map((c) => String(c).split(';')[0]).join('; ');
  const paid = await p.app.inject({ method: 'POST', url, headers: { ...bearer(token), cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrf, decision: 'pay' }).toString() });
  assert.equal(paid.statusCode, 303, paid.body);
}

const creditOf = async (shop: string, orderId: string) =>
  Number((await p.database.db.selectFrom('customer_credits').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('s')).where('shop_id', '=', shop).where('order_id', '=', orderId).executeTakeFirst())?.s ?? 0);

describe('004 Bible et Jeux (art.2): placed Tue 2026-12-01, shipment planned Tue 12-29 (30 days less the 48 h lead time)', () => {
  const SHOP = 'bible-et-jeux';
  let consumer = '';
  let assoc = '';
  let late: Awaited<ReturnType<typeof place>>;
  let assocOrder: Awaited<ReturnType<typeof place>>;
  let strikeOrder: Awaited<ReturnType<typeof place>>;
  before(async () => {
    consumer = await register(SHOP, 'conso@bej.example', 'consumer');
    assoc = await register(SHOP, 'paroisse@bej.example', 'non_professional');
    late = await place(SHOP, consumer, [['JHS-JEU', 1]], 'card');
    assocOrder = await place(SHOP, assoc, [['JHS-LOT4-7CP', 1], ['JHS-CP', 3]], 'card');
    strikeOrder = await place(SHOP, assoc, [['JHS-JEU', 1]], 'card');
    await payByCard(SHOP, late.id, consumer);
    for (const o of [assocOrder, strikeOrder]) assert.equal((await fact(SHOP, o.id, { type: 'payment_received', at: '2026-12-01T10:00:00+01:00', amountCents: o.totals.grossCents })).statusCode, 201);
  });

  test('AS-35: shipment planned Thu 12-10 — a change is in time on Wed 12-09 12:00, refused on Thu 12-10; declined on 12-09, the 59.80 paid is due by 12-16', async () => {
    const order = await place(SHOP, consumer, [['JHS-JEU', 2]], 'card');
    const other = await place(SHOP, consumer, [['JHS-CP', 2]], 'card');
    assert.equal(order.totals.grossCents, 5_980, '2 × 29.90 €');
    for (const o of [order, other]) {
      assert.equal((await fact(SHOP, o.id, { type: 'payment_received', at: '2026-12-01T10:00:00+01:00', amountCents: o.totals.grossCents })).statusCode, 201);
      const planned = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders/${o.id}/planned-shipment`, headers: staff, payload: { on: '2026-12-10' } });
      assert.equal(planned.statusCode, 201, planned.body);
    }
    const early = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders/${other.id}/planned-shipment`, headers: staff, payload: { on: '2026-11-30' } });
    assert.deepEqual([early.statusCode, early.json().error.code], [422, 'planned_before_order']);
    const now = await changes(SHOP, order.id, consumer);
    assert.deepEqual([now.plannedShipOn, now.plannedBy], ['2026-12-10', 'staff']);
    assert.deepEqual([now.cancellation.kind, now.cancellation.basis, now.cancellation.costCents, now.cancellation.refundCents], ['now', 'withdrawal_right', 0, 5_980]);
    assert.deepEqual([now.modification.kind, now.modification.until, now.modification.ifRefused], ['request', '2026-12-09', { refundWithinDays: 7, creditNoteIfPreferred: true }]);

    await setClock('2026-12-09T12:00:00+01:00');
    const asked = await post(SHOP, order.id, 'modification', consumer, { message: 'Un jeu de plus, s’il vous plaît.' });
    assert.equal(asked.statusCode, 202, asked.body);
    assert.equal(asked.json().until, '2026-12-09');
    const notice = await p.database.db.selectFrom('outbox').select(['to_address', 'subject']).where('to_address', '=', 'staff@bible-et-jeux.example').execute();
    assert.ok(notice.some((m) => m.subject?.includes('demande du client')), 'staff are told through the outbox');
    assert.equal((await post(SHOP, order.id, 'cancellation', consumer)).json().error.code, 'change_request_pending');
    const declined = await decide(SHOP, order.id, asked.json().request.id, { decision: 'declined', note: 'Rupture de stock.' });
    assert.equal(declined.statusCode, 200, declined.body);
    assert.deepEqual([declined.json().status, declined.json().decidedOn, declined.json().refundDueOn], ['declined', '2026-12-09', '2026-12-16']);
    assert.equal((await decide(SHOP, order.id, asked.json().request.id, { decision: 'accepted' })).statusCode, 409, 'answered once');
    assert.equal((await changes(SHOP, order.id, consumer)).cancellation.refusal.code, 'order_already_closed');
    assert.equal(await creditOf(SHOP, order.id), 5_980, 'the 59.80 paid is owed back');

    await setClock('2026-12-10T00:00:30+01:00');
    const late = await post(SHOP, other.id, 'modification', consumer, { message: 'Une autre carte.' });
    assert.deepEqual([late.statusCode, late.json().error.code], [422, 'modification_window_over']);
    assert.match(late.json().error.message, /2026-12-09.*2026-12-10/);
  });

  test('without a date from staff, the shipment is planned on the last day that keeps the promise: 12-01 + 30 days − 48 h = Tue 12-29', async () => {
    const now = await changes(SHOP, late.id, consumer);
    assert.deepEqual([now.plannedShipOn, now.plannedBy, now.modification.until], ['2026-12-29', 'promise', '2026-12-28']);
    const spec = (await p.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const path of ['cancellation', 'modification', 'changes', 'planned-shipment', 'change-requests/{requestId}/decision']) {
      const entry = spec.paths[`/api/v1/shops/{shop}/orders/{id}/${path}`];
      assert.ok(entry, `${path} in the OpenAPI description`);
    }
    assert.match(spec.paths['/api/v1/shops/{shop}/orders/{id}/cancellation'].post.summary, /order_already_shipped.*modification_window_over.*change_request_pending/);
  });

  test('after Mon 12-28 a change is refused (modification_window_over); cancelling is still free for a consumer', async () => {
    await setClock('2026-12-28T23:59:00+01:00');
    assert.equal((await changes(SHOP, late.id, consumer)).modification.until, '2026-12-28', 'in time until D−1 23:59:59 (A-74)');
    await setClock('2026-12-29T00:00:30+01:00');
    const refused = await post(SHOP, late.id, 'modification', consumer, { message: 'Livrer chez ma voisine.' });
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().error.code, 'modification_window_over');
    assert.match(refused.json().error.message, /2026-12-28.*2026-12-29/);
    const stock = await stockOf(p, SHOP, 'JHS-JEU');
    const cancelled = await post(SHOP, late.id, 'cancellation', consumer, { reason: 'Cadeau acheté ailleurs.' });
    assert.equal(cancelled.statusCode, 201, cancelled.body);
    const { refund, ...money } = cancelled.json();
    assert.deepEqual(money, { outcome: 'cancelled', basis: 'withdrawal_right', refundDueOn: '2027-01-12', costCents: 0, keptCents: 0, owedByCustomerCents: 0, refundCents: late.totals.grossCents });
    // Paid by card: refunded to the card at once (the development provider settles it), nothing left as credit.
    assert.deepEqual([refund.method, refund.amountCents, refund.status], ['card', late.totals.grossCents, 'succeeded']);
    assert.equal(await creditOf(SHOP, late.id), 0);
    const row = await p.database.db.selectFrom('orders').select(['status', 'payment_status']).where('id', '=', late.id).executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.payment_status], ['cancelled', 'refunded']);
    assert.equal(await stockOf(p, SHOP, 'JHS-JEU'), stock + 1, 'the stock comes back');
    const evidence = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/orders/${late.id}/evidence`, headers: bearer(consumer) })).json();
    assert.deepEqual(evidence.events.slice(-3).map((e: { type: string }) => e.type), ['cancelled', 'refund_requested', 'refunded']);
    const last = evidence.events.at(-3);
    assert.match(last.actor, /^customer:/);
    assert.deepEqual([last.data.reason, last.data.basis, last.data.note], ['by_customer', 'withdrawal_right', 'Cadeau acheté ailleurs.']);
    assert.equal(evidence.verified, true);
  });

  test('a non-professional (association) could cancel free until Mon 12-28; from Tue 12-29, 30 % of the total is kept, half-up', async () => {
    const gross = assocOrder.totals.grossCents;
    assert.equal(gross, GROSS_ASSOC, 'the worked total');
    const at = (await changes(SHOP, assocOrder.id, assoc)).cancellation;
    assert.deepEqual([at.basis, at.freeUntil, at.costCents], ['late_cancellation', '2026-12-28', COST_ASSOC]);
    const unconfirmed = await post(SHOP, assocOrder.id, 'cancellation', assoc);
    assert.equal(unconfirmed.statusCode, 422);
    assert.equal(unconfirmed.json().error.code, 'cancellation_cost_not_accepted');
    const cancelled = await post(SHOP, assocOrder.id, 'cancellation', assoc, { acceptedCostCents: COST_ASSOC });
    assert.equal(cancelled.statusCode, 201, cancelled.body);
    assert.deepEqual(cancelled.json(), { outcome: 'cancelled', basis: 'late_cancellation', refundDueOn: '2027-01-12', costCents: COST_ASSOC, keptCents: COST_ASSOC, owedByCustomerCents: 0, refundCents: GROSS_ASSOC - COST_ASSOC });
    assert.equal(await creditOf(SHOP, assocOrder.id), GROSS_ASSOC - COST_ASSOC);

    // Never during force majeure (art.2 "hormis … la force majeure"): declared on the other order from 12-29, it cancels free.
    const declared = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/force-majeure`, headers: staff, payload: { startsOn: '2026-12-29', cause: 'other', orderId: strikeOrder.id } });
    assert.equal(declared.statusCode, 201, declared.body);
    const exempt = await post(SHOP, strikeOrder.id, 'cancellation', assoc);
    assert.equal(exempt.statusCode, 201, exempt.body);
    assert.deepEqual([exempt.json().basis, exempt.json().costCents, exempt.json().refundCents], ['force_majeure', 0, strikeOrder.totals.grossCents]);
  });
});

describe('003 DISTRITEC (art.2.7, art.21.1): only with the seller’s express acceptance, deposits kept', () => {
  const SHOP = 'distritec';
  test('a professional asks; accepted, the 50 % acompte is kept and nothing more is owed', async () => {
    await setClock('2027-03-02T10:00:00+01:00');
    const pro = await register(SHOP, 'achats@froid-sud.fr', 'professional', { companyName: 'Froid Sud SARL', siret: '732 829 320 00074', vatNumber: 'FR40303265045' });
    const order = await place(SHOP, pro, [['CLIM-SPLIT-35', 1]], 'bank_transfer');
    const deposit = order.payment.depositCents ?? 0;
    assert.equal(order.totals.grossCents, 118_800);
    assert.equal(deposit, 59_400);
    // Before the acompte is encashed no contract binds anyone (art.2.6): the request is not needed yet.
    assert.equal((await changes(SHOP, order.id, pro)).cancellation.basis, 'not_binding_yet');
    assert.equal((await fact(SHOP, order.id, { type: 'payment_received', at: '2027-03-02T10:00:00+01:00', amountCents: deposit })).statusCode, 201);
    const asked = await post(SHOP, order.id, 'cancellation', pro, { reason: 'Chantier reporté.' });
    assert.equal(asked.statusCode, 202, asked.body);
    assert.deepEqual([asked.json().outcome, asked.json().request.kind, asked.json().request.status], ['requested', 'cancellation', 'pending']);
    assert.deepEqual(asked.json().ifAccepted, { costCents: 59_400, keptCents: 59_400, owedByCustomerCents: 0, refundCents: 0 });
    assert.equal((await post(SHOP, order.id, 'modification', pro, { message: 'x' })).statusCode, 409, 'one request at a time');
    const accepted = await decide(SHOP, order.id, asked.json().request.id, { decision: 'accepted' });
    assert.equal(accepted.statusCode, 200, accepted.body);
    const row = await p.database.db.selectFrom('orders').select('status').where('id', '=', order.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'cancelled');
    assert.equal(await creditOf(SHOP, order.id), 0, 'the acompte is kept');
  });
});

describe('001 Coopso (CG §3.3, online §3.4): none without written agreement', () => {
  const SHOP = 'coopso';
  test('an unpaid transfer order is cancelled free; a paid one with personalised labels only by a request, refunded in full once accepted', async () => {
    await setClock('2027-03-03T10:00:00+01:00');
    const token = await customerToken(p, SHOP, 'parent@coopso.example');
    const unpaid = await place(SHOP, token, [['CALC-SCI', 1]], 'bank_transfer', NAMUR);
    const once = () => p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders/${unpaid.id}/cancellation`, headers: { ...bearer(token), 'idempotency-key': 'annulation-1' }, payload: {} });
    const free = await once();
    assert.equal(free.statusCode, 201, free.body);
    const replay = await once();
    assert.deepEqual([replay.statusCode, replay.json()], [201, free.json()], 'the same key replays the first answer');
    assert.deepEqual([free.json().basis, free.json().refundCents, free.json().refundDueOn], ['not_binding_yet', 0, '2027-03-17']);

    const order = await place(SHOP, token, [['CALC-SCI', 1], ['ETIQ-NOM', 1]], 'bank_transfer', NAMUR);
    // 24.90 € + 9.90 € + 7.90 € carrier = 42.70 €
    assert.equal(order.totals.grossCents, 4_270);
    assert.equal((await fact(SHOP, order.id, { type: 'payment_received', at: '2027-03-03T10:00:00+01:00', amountCents: 4_270 })).statusCode, 201);
    const now = await changes(SHOP, order.id, token);
    assert.deepEqual([now.cancellation.kind, now.cancellation.basis, now.cancellation.ifAccepted.refundCents], ['request', 'written_agreement', 4_270]);
    assert.deepEqual([now.modification.kind, now.modification.basis, now.modification.until], ['request', 'written_agreement', null]);
    const asked = await post(SHOP, order.id, 'cancellation', token);
    assert.equal(asked.statusCode, 202);
    assert.equal((await decide(SHOP, order.id, asked.json().request.id, { decision: 'accepted', note: 'Accord écrit du 3 mars.' })).statusCode, 200);
    assert.equal(await creditOf(SHOP, order.id), 4_270);
    const mails = await p.database.db.selectFrom('outbox').select('subject').where('to_address', '=', 'parent@coopso.example').where('subject', 'like', 'Commande%').execute();
    assert.ok(mails.some((m) => /votre demande \(Annulation\) est acceptée/.test(m.subject ?? '')), 'the customer is told through the outbox');
  });

  test('a shipped order can be neither cancelled nor changed; another customer finds no such order; staff cannot cancel as the customer', async () => {
    const token = await customerToken(p, SHOP, 'expedie@coopso.example');
    const order = await place(SHOP, token, [['CALC-SCI', 1]], 'bank_transfer', NAMUR);
    assert.equal((await fact(SHOP, order.id, { type: 'payment_received', at: '2027-03-03T10:00:00+01:00', amountCents: order.totals.grossCents })).statusCode, 201);
    assert.equal((await fact(SHOP, order.id, { type: 'shipped', at: '2027-03-03T10:00:00+01:00' })).statusCode, 201);
    for (const what of ['cancellation', 'modification'] as const) {
      const res = await post(SHOP, order.id, what, token, what === 'modification' ? { message: 'Trop tard ?' } : {});
      assert.equal(res.statusCode, 422);
      assert.equal(res.json().error.code, 'order_already_shipped');
    }
    const other = await customerToken(p, SHOP, 'voisin@coopso.example');
    assert.equal((await post(SHOP, order.id, 'cancellation', other)).statusCode, 404);
    assert.equal((await post(SHOP, order.id, 'cancellation', ADMIN_TOKEN)).statusCode, 403);
  });
});

describe('shops whose terms say nothing (000 CoopConnexion, 002 Coopo)', () => {
  test('a consumer cancels free before shipment; a change is a request the shop must accept', async () => {
    for (const shop of ['coopconnexion', 'coopo']) {
      const token = await customerToken(p, shop, `client@${shop}.example`);
      const products = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${shop}/products?sort=price_desc` })).json().items as { sku: string; stock: number; withdrawable: boolean }[];
      const sku = products.find((x) => x.stock > 1 && x.withdrawable)?.sku ?? '';
      const order = await place(shop, token, [[sku, 1]], 'card');
      assert.equal((await fact(shop, order.id, { type: 'payment_received', at: '2027-03-03T10:00:00+01:00', amountCents: order.totals.grossCents })).statusCode, 201);
      const now = await changes(shop, order.id, token);
      assert.deepEqual([now.cancellation.basis, now.cancellation.refundCents, now.modification.basis], ['withdrawal_right', order.totals.grossCents, 'written_agreement'], shop);
      assert.equal((await post(shop, order.id, 'modification', token, { message: 'Autre adresse.' })).statusCode, 202);
    }
  });
});
