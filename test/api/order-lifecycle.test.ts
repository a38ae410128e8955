/**
 * Issue 11 §1, §2, §9, §10 over HTTP: each demo shop's orders walked through the transitions its
 * profile allows and refused the others, with the worked examples exact to the day (test clock).
 *
 * - §9: each shop numbers its own orders from 1 each year; the transfer reference derives from it.
 * - §2 Coopso (001 CG §3.2, 4 jours ouvrés, BE): placed Thu 2026-12-24, the window skips Christmas
 *   (Fri 25) and the weekend: Mon 28 (1), Tue 29 (2), Wed 30 (3), Thu 31 (4) → refusalUntil
 *   2026-12-31, a refusal that day stands. Placed Mon 2027-01-04: Tue 5 (1) … Fri 8 (4) →
 *   2027-01-08; on Sat 01-09 staff get 422 refusal_window_over, nothing changed; a refusal
 *   notified on Fri 01-08 and recorded on Saturday stands; an operator may override, with a reason.
 * - §2 Bible et Jeux (004 art.2): a customer with a payment dispute open on an earlier order is
 *   refused on that ground; without an open dispute, 422 no_payment_dispute.
 * - §2 seller cancellation (001 online §2.4): a product no longer available; what was paid by card
 *   is refunded to the card, unasked; paid by hand, it stays the customer's credit.
 * - §1 DISTRITEC and Coop Connexion: accepted → preparing → shipped → delivered → completed, with
 *   `deliveryLatestOn` 30 days after the conclusion (L216-1); out of order, twice, in the future,
 *   before the order: refused, nothing changed; two staff at once: one wins, the other is told why.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { issueApiToken } from '../../src/accounts/service.ts';
import { orderSide } from '../../src/flows/record-payment.ts';
import { paySimulated } from '../../src/payments/card/simulated.ts';
import type { Profile } from '../../src/shops/profile/schema.ts';
import { getShop } from '../../src/shops/service.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform, moveTestClock } from '../support/platform.ts';
import { customerToken, termsVersion } from '../support/shoppers.ts';

const registered = new Set<string>();
/** A customer's token: registered once, signed in again each time (the clock moves past sessions). */
async function tokenFor(shop: string, email: string): Promise<string> {
  if (!registered.has(`${shop} ${email}`)) {
    registered.add(`${shop} ${email}`);
    return customerToken(p, shop, email);
  }
  const session = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/session`, payload: { email, password: 'correct horse battery' } });
  return session.json().token;
}

let p: TestPlatform;
const staff: Record<string, string> = {};

before(async () => {
  // Thu 2026-12-24, 10:00 in Brussels.
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-12-24T10:00:00+01:00' });
  for (const shop of ['coopso', 'distritec', 'bible-et-jeux', 'coopo', 'coopconnexion']) {
    const row = await p.database.db.selectFrom('staff').select(['id', 'name']).where('shop_id', '=', shop).executeTakeFirstOrThrow();
    staff[shop] = await issueApiToken({ db: p.database.db, clock: p.clock }, { kind: 'staff', shopId: shop, id: row.id, name: row.name }, 'test', 365);
  }
});
after(async () => p.stop());

type Order = { id: string; number: string; status: string; totals: { grossCents: number }; payment: { status: string; depositCents?: number; reference?: string }; deadlines: Record<string, string>; lines: { productId: string; quantity: number }[] };
type Res = { statusCode: number; body: string; json(): { error: { code: string; message: string; field?: string } } & Record<string, unknown> };

const forConsumers = <T extends { customerKinds?: readonly string[] | undefined }>(items: readonly T[] | undefined) => (items ?? []).filter((i) => !i.customerKinds || i.customerKinds.includes('consumer'));

/** POST an order of one product in stock (`quantity` of it) as `email`: the answer as it came. */
async function attempt(shop: string, email: string, quantity = 1, withdrawable = false): Promise<Res> {
  const profile: Profile = (await getShop(p.database.db, shop)).profile;
  const modes = forConsumers(profile.delivery?.modes);
  const mode = modes.find((m) => m.mode === 'pickup') ?? modes.find((m) => m.mode !== 'customer_carrier');
  const method = forConsumers(profile.payments?.methods)[0];
  assert.ok(mode && method);
  const token = await tokenFor(shop, email);
  const products = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${shop}/products?sort=price_desc` })).json().items as { id: string; stock: number; regulated: boolean; withdrawable: boolean }[];
  const product = products.find((x) => x.stock > 10 && !x.regulated && (!withdrawable || x.withdrawable));
  assert.ok(product, `${shop} has a product in stock`);
  const res = await p.app.inject({
    method: 'POST',
    url: `/api/v1/shops/${shop}/orders`,
    headers: bearer(token),
    payload: { lines: [{ productId: product.id, quantity }], acceptedTerms: { version: await termsVersion(p, shop) }, delivery: { mode: mode.mode, ...(mode.mode === 'pickup' && { pickupPointId: '0' }) }, paymentMethod: method.method },
  });
  return res as Res;
}

async function place(shop: string, email: string, quantity = 1, withdrawable = false): Promise<Order> {
  const res = await attempt(shop, email, quantity, withdrawable);
  assert.equal(res.statusCode, 201, `${shop}: ${res.body}`);
  return res.json() as unknown as Order;
}

const post = (shop: string, id: string, payload: Record<string, unknown>, token = staff[shop] ?? ''): Promise<Res> =>
  p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/orders/${id}/events`, headers: bearer(token), payload }) as Promise<Res>;
const ok = async (shop: string, id: string, payload: Record<string, unknown>, token?: string) => {
  const res = await post(shop, id, payload, token);
  assert.equal(res.statusCode, 201, `${payload.type}: ${res.body}`);
  return res.json() as unknown as Order;
};
const refused = (res: Res, status: number, code: string) => {
  assert.equal(res.statusCode, status, res.body);
  assert.equal(res.json().error.code, code);
  return res.json().error;
};
const moveClock = (now: string) => moveTestClock(p, now);
const get = async (shop: string, id: string): Promise<Order> => (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${shop}/orders/${id}`, headers: bearer(ADMIN_TOKEN) })).json();
const evidence = async (shop: string, id: string) => (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${shop}/orders/${id}/evidence`, headers: bearer(ADMIN_TOKEN) })).json() as { verified: boolean; events: { type: string; actor: string; at: string; data: Record<string, unknown> }[] };
const stock = async (productId: string) => (await p.database.db.selectFrom('products').select('stock').where('id', '=', productId).executeTakeFirstOrThrow()).stock;

/** Everything a refused fact must leave as it was. */
async function snapshot(shop: string, id: string) {
  const db = p.database.db;
  const count = async (table: 'order_events' | 'refunds' | 'customer_credits' | 'outbox' | 'payment_disputes') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const order = await db.selectFrom('orders').select(['status', 'payment_status', 'evidence_count', 'stock_taken']).where('shop_id', '=', shop).where('id', '=', id).executeTakeFirstOrThrow();
  return { order, events: await count('order_events'), refunds: await count('refunds'), credits: await count('customer_credits'), outbox: await count('outbox'), disputes: await count('payment_disputes') };
}

describe('order lifecycle per profile', () => {
  test('§9: each shop numbers its own orders, from 1 each year, and its OGM derives from that number', async () => {
    const first = await place('coopso', 'numero@coopso.example');
    const dis = await place('distritec', 'numero@distritec.example');
    const second = await place('coopso', 'numero@coopso.example');
    assert.equal(first.number, 'COO-2026-000001');
    assert.equal(dis.number, 'DIS-2026-000001', 'DISTRITEC’s first order, whatever other shops sold before');
    assert.equal(second.number, 'COO-2026-000002');
    const refs = await p.database.db.selectFrom('orders').select(['number', 'payment_reference']).where('shop_id', '=', 'coopso').orderBy('number').execute();
    // Base 2026 000001: 2026000001 mod 97 = 92 → +++202/6000/00192+++; base 2026000002 mod 97 = 93.
    assert.deepEqual(refs.map((r) => r.payment_reference), ['202600000192', '202600000293']);
    // An order refused for its stock took no number (migration 0025: the number comes after the stock).
    refused(await attempt('coopso', 'numero@coopso.example', 10_000), 409, 'out_of_stock');
    assert.equal((await place('coopso', 'numero@coopso.example')).number, 'COO-2026-000003');
  });

  test('Bible et Jeux (004 art.2, terms in force until 2027-01-01): a customer in a payment dispute over an earlier order is refused on that ground, no one else', async () => {
    const earlier = await place('bible-et-jeux', 'litige@bible-et-jeux.example');
    const next = await place('bible-et-jeux', 'litige@bible-et-jeux.example');
    const other = await place('bible-et-jeux', 'sage@bible-et-jeux.example');
    assert.equal(next.deadlines.refusalUntil, undefined, '004 sets no refusal window');
    refused(await post('bible-et-jeux', next.id, { type: 'refused', at: '2026-12-24', reason: 'payment_dispute' }), 422, 'no_payment_dispute');
    refused(await post('bible-et-jeux', next.id, { type: 'payment_dispute_settled', at: '2026-12-24' }), 422, 'no_payment_dispute');
    await ok('bible-et-jeux', earlier.id, { type: 'payment_disputed', at: '2026-12-24', note: 'rejet de prélèvement contesté' });
    refused(await post('bible-et-jeux', earlier.id, { type: 'payment_disputed', at: '2026-12-24' }), 409, 'payment_dispute_open');
    refused(await post('bible-et-jeux', next.id, { type: 'refused', at: '2026-12-24' }), 422, 'refusal_reason_not_allowed');
    refused(await post('bible-et-jeux', next.id, { type: 'refused', at: '2026-12-24', reason: 'bad_faith' }), 422, 'refusal_reason_not_allowed');
    refused(await post('bible-et-jeux', other.id, { type: 'refused', at: '2026-12-24', reason: 'payment_dispute' }), 422, 'no_payment_dispute');
    const res = await ok('bible-et-jeux', next.id, { type: 'refused', at: '2026-12-24', reason: 'payment_dispute', note: 'litige en cours sur la commande précédente' });
    assert.equal(res.status, 'refused');
    await ok('bible-et-jeux', earlier.id, { type: 'payment_dispute_settled', at: '2026-12-24' });
    const third = await place('bible-et-jeux', 'litige@bible-et-jeux.example');
    refused(await post('bible-et-jeux', third.id, { type: 'refused', at: '2026-12-24', reason: 'payment_dispute' }), 422, 'no_payment_dispute');
    const log = (await evidence('bible-et-jeux', earlier.id)).events.map((e) => e.type);
    assert.deepEqual(log.filter((t) => t.startsWith('payment_dispute')), ['payment_disputed', 'payment_dispute_settled']);
  });

  let christmas: Order;
  let january: Order[] = [];

  test('Coopso: placed Thu 2026-12-24, refusable until Thu 2026-12-31 (4 BE jours ouvrés, Christmas and the weekend skipped); refused that day', async () => {
    christmas = await place('coopso', 'noel@coopso.example');
    assert.equal(christmas.status, 'awaiting_payment');
    assert.equal(christmas.deadlines.refusalUntil, '2026-12-31');
    assert.equal(christmas.deadlines.paymentDueOn, '2026-12-31', 'payment window: 7 days (A-14)');
    assert.equal(christmas.deadlines.deliveryLatestOn, undefined, 'no delivery date before the contract is formed (payment, 001 online §2.2)');
    const productId = christmas.lines[0]?.productId ?? '';
    const before = await stock(productId);
    await moveClock('2026-12-31T16:00:00+01:00');
    const res = await ok('coopso', christmas.id, { type: 'refused', at: '2026-12-31', reason: 'any_reason', note: 'Commande en double' });
    assert.equal(res.status, 'refused');
    assert.equal(res.deadlines.refusalUntil, undefined, 'nothing left to refuse');
    assert.equal(await stock(productId), before + 1, 'stock given back');
    const log = await evidence('coopso', christmas.id);
    assert.equal(log.verified, true);
    const event = log.events.find((e) => e.type === 'refused');
    assert.ok(event);
    assert.match(event.actor, /^staff:/);
    assert.equal(event.data.on, '2026-12-31');
    assert.equal(event.data.ground, 'any_reason');
    assert.equal(event.data.note, 'Commande en double');
    assert.deepEqual([event.data.statusFrom, event.data.statusTo], ['awaiting_payment', 'refused']);
  });

  test('Coopso: placed Mon 2027-01-04, refusable until Fri 01-08; on Sat 01-09 staff are told the window is over and nothing changes; a refusal sent Friday stands; an operator overrides with a reason', async () => {
    await moveClock('2027-01-04T09:00:00+01:00');
    january = [await place('coopso', 'janvier@coopso.example'), await place('coopso', 'janvier@coopso.example')];
    const [late, overridden] = january as [Order, Order];
    assert.equal(late.number, 'COO-2027-000001', 'a new year, a new series');
    assert.equal(late.deadlines.refusalUntil, '2027-01-08');
    await moveClock('2027-01-09T10:00:00+01:00');
    const before = await snapshot('coopso', late.id);
    const error = refused(await post('coopso', late.id, { type: 'refused', at: '2027-01-09T09:00:00+01:00', note: 'trop tard' }), 422, 'refusal_window_over');
    assert.match(error.message, /2027-01-08/);
    refused(await post('coopso', late.id, { type: 'refused', at: '2027-01-09', overrideReason: 'je suis du personnel' }), 422, 'refusal_window_over');
    assert.deepEqual(await snapshot('coopso', late.id), before, 'nothing changed');
    // A refusal notified on the window's last day, recorded the day after.
    assert.equal((await ok('coopso', late.id, { type: 'refused', at: '2027-01-08', note: 'courriel envoyé vendredi' })).status, 'refused');

    refused(await post('coopso', overridden.id, { type: 'refused', at: '2027-01-09' }, ADMIN_TOKEN), 422, 'refusal_override_reason_required');
    const res = await ok('coopso', overridden.id, { type: 'refused', at: '2027-01-09', overrideReason: 'refus notifié par téléphone le 7, confirmé par écrit ce jour' }, ADMIN_TOKEN);
    assert.equal(res.status, 'refused');
    const event = (await evidence('coopso', overridden.id)).events.find((e) => e.type === 'refused');
    assert.equal(event?.data.refusalWindowOverridden, true);
    assert.equal(event?.data.overrideReason, 'refus notifié par téléphone le 7, confirmé par écrit ce jour');
    assert.match(event?.actor ?? '', /^operator:/);
  });

  test('Coopso: a seller cancellation needs a case its terms give; paid by hand, the sum stays the customer’s credit', async () => {
    const order = await place('coopso', 'rupture@coopso.example', 2);
    await ok('coopso', order.id, { type: 'payment_received', at: '2027-01-09', amountCents: order.totals.grossCents, note: 'versement au guichet' });
    assert.equal((await get('coopso', order.id)).status, 'accepted');
    const before = await snapshot('coopso', order.id);
    refused(await post('coopso', order.id, { type: 'cancelled', kind: 'by_seller', reason: 'late_payment', at: '2027-01-09' }), 422, 'cancellation_reason_not_allowed');
    refused(await post('coopso', order.id, { type: 'refused', at: '2027-01-09' }), 422, 'transition_not_allowed');
    assert.deepEqual(await snapshot('coopso', order.id), before);
    const productId = order.lines[0]?.productId ?? '';
    const stockBefore = await stock(productId);
    const res = await ok('coopso', order.id, { type: 'cancelled', kind: 'by_seller', reason: 'products_unavailable', at: '2027-01-09', note: 'calculatrice retirée par le fabricant' });
    assert.equal(res.status, 'cancelled');
    assert.equal(await stock(productId), stockBefore + 2);
    const event = (await evidence('coopso', order.id)).events.find((e) => e.type === 'cancelled');
    assert.equal(event?.data.kind, 'by_seller');
    assert.equal(event?.data.ground, 'products_unavailable');
    const credit = await p.database.db.selectFrom('customer_credits').select('amount_cents').where('order_id', '=', order.id).execute();
    assert.deepEqual(credit.map((c) => Number(c.amount_cents)), [order.totals.grossCents], 'no known way back: credit, for staff to refund');
  });

  test('Coopso: paid by transfer (a bank statement names the paying account), a seller’s cancellation sends the sum back to that account, unasked', async () => {
    const order = await place('coopso', 'virement@coopso.example');
    const payer = 'BE68539007547034';
    const euros = (order.totals.grossCents / 100).toFixed(2);
    const { payment_reference: ogm } = await p.database.db.selectFrom('orders').select('payment_reference').where('id', '=', order.id).executeTakeFirstOrThrow();
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
  <GrpHdr><MsgId>LC-1</MsgId><CreDtTm>2027-01-09T06:00:00+01:00</CreDtTm></GrpHdr>
  <Stmt><Id>LC-1</Id><Acct><Id><IBAN>BE59000001234526</IBAN></Id><Ccy>EUR</Ccy></Acct>
    <Ntry><Amt Ccy="EUR">${euros}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2027-01-08</Dt></BookgDt><ValDt><Dt>2027-01-08</Dt></ValDt><AcctSvcrRef>LC-1-1</AcctSvcrRef>
      <NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><RltdPties><Dbtr><Nm>Camille Martin</Nm></Dbtr><DbtrAcct><Id><IBAN>${payer}</IBAN></Id></DbtrAcct></RltdPties>
      <RmtInf><Strd><CdtrRefInf><Ref>${ogm}</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>
  </Stmt></BkToCstmrStmt></Document>`;
    const upload = await p.app.inject({ method: 'POST', url: '/api/v1/shops/coopso/bank-statements', headers: { ...bearer(staff.coopso ?? ''), 'content-type': 'application/xml' }, payload: xml });
    assert.equal(upload.statusCode, 200, upload.body);
    assert.equal((await get('coopso', order.id)).status, 'accepted');
    await ok('coopso', order.id, { type: 'cancelled', kind: 'by_seller', reason: 'products_unavailable', at: '2027-01-09' });
    const refunds = await p.database.db.selectFrom('refunds').selectAll().where('order_id', '=', order.id).execute();
    assert.deepEqual(refunds.map((r) => [r.method, r.status, Number(r.amount_cents), r.creditor_iban, r.from_credit]), [['bank_transfer', 'pending', order.totals.grossCents, payer, true]], 'waiting for the next pain.001 export');
  });

  test('Coop O: a product no longer available, paid by card: refunded to the card, unasked', async () => {
    const order = await place('coopo', 'carte@coopo.example');
    const shop = await getShop(p.database.db, 'coopo');
    assert.equal(await paySimulated({ db: p.database.db, clock: p.clock, orders: orderSide }, shop, order.id, 'automatic', 'http://localhost/pay', 'customer:test'), 'paid');
    const paid = await get('coopo', order.id);
    assert.equal(paid.status, 'accepted');
    // Concluded Sat 2027-01-09 (Paris): L216-1, 30 days → Mon 2027-02-08.
    assert.equal(paid.deadlines.deliveryLatestOn, '2027-02-08');
    const res = await ok('coopo', order.id, { type: 'cancelled', kind: 'by_seller', reason: 'products_unavailable', at: '2027-01-09' });
    assert.equal(res.status, 'cancelled');
    assert.equal(res.deadlines.deliveryLatestOn, undefined);
    const refunds = await p.database.db.selectFrom('refunds').selectAll().where('order_id', '=', order.id).execute();
    assert.equal(refunds.length, 1);
    assert.deepEqual([refunds[0]?.method, refunds[0]?.status, Number(refunds[0]?.amount_cents), refunds[0]?.from_credit], ['card', 'succeeded', order.totals.grossCents, true]);
    const balance = await p.database.db.selectFrom('customer_credits').select((eb) => eb.fn.sum<number>('amount_cents').as('n')).where('order_id', '=', order.id).executeTakeFirstOrThrow();
    assert.equal(Number(balance.n), 0, 'the credit the cancellation made went back to the card');
    const types = (await evidence('coopo', order.id)).events.map((e) => e.type);
    assert.deepEqual(types.slice(-3), ['cancelled', 'refund_requested', 'refunded']);
  });

  test('DISTRITEC: accepted → preparing → shipped → delivered → completed, refused out of order, twice, in the future, before the order; completed only once paid', async () => {
    const order = await place('distritec', 'parcours@distritec.example');
    refused(await post('distritec', order.id, { type: 'refused', at: '2027-01-09' }), 422, 'refusal_reason_not_allowed');
    refused(await post('distritec', order.id, { type: 'preparing', at: '2027-01-09' }), 422, 'transition_not_allowed');
    const deposit = order.payment.depositCents ?? order.totals.grossCents;
    await ok('distritec', order.id, { type: 'payment_received', at: '2027-01-09', amountCents: deposit });
    const accepted = await get('distritec', order.id);
    assert.equal(accepted.status, 'accepted');
    // Concluded Sat 2027-01-09: 30 days → Mon 2027-02-08 (art.7.2, L216-1).
    assert.equal(accepted.deadlines.deliveryLatestOn, '2027-02-08');
    await moveClock('2027-01-12T10:00:00+01:00');
    const before = await snapshot('distritec', order.id);
    refused(await post('distritec', order.id, { type: 'delivered', at: '2027-01-11' }), 422, 'transition_not_allowed');
    refused(await post('distritec', order.id, { type: 'completed', at: '2027-01-11' }), 422, 'transition_not_allowed');
    refused(await post('distritec', order.id, { type: 'preparing', at: '2027-01-13' }), 422, 'event_in_future');
    refused(await post('distritec', order.id, { type: 'preparing', at: '2027-01-12T10:00:01+01:00' }), 422, 'event_in_future');
    refused(await post('distritec', order.id, { type: 'preparing', at: '2027-01-08' }), 422, 'event_before_order');
    refused(await post('distritec', order.id, { type: 'preparing', at: '2027-01-11', overrideReason: 'x' }), 400, 'invalid_value');
    assert.deepEqual(await snapshot('distritec', order.id), before, 'nothing changed');
    assert.equal((await ok('distritec', order.id, { type: 'preparing', at: '2027-01-11' })).status, 'preparing');
    refused(await post('distritec', order.id, { type: 'preparing', at: '2027-01-11' }), 422, 'transition_not_allowed');
    assert.equal((await ok('distritec', order.id, { type: 'shipped', at: '2027-01-11T15:00:00+01:00' })).status, 'shipped');
    const twice = refused(await post('distritec', order.id, { type: 'shipped', at: '2027-01-11T16:00:00+01:00' }), 422, 'transition_not_allowed');
    assert.match(twice.message, /shipped/);
    refused(await post('distritec', order.id, { type: 'cancelled', kind: 'by_customer', at: '2027-01-12' }), 422, 'transition_not_allowed');
    const delivered = await ok('distritec', order.id, { type: 'delivered', at: '2027-01-12' });
    assert.equal(delivered.status, 'delivered');
    assert.equal(delivered.deadlines.deliveryLatestOn, undefined, 'delivered: the promise is kept');
    // 003 art.2.3: the deposit made the order; the balance is still due, so it is not completed yet.
    assert.ok(deposit < order.totals.grossCents, `deposit ${deposit} of ${order.totals.grossCents}`);
    refused(await post('distritec', order.id, { type: 'completed', at: '2027-01-12' }), 422, 'order_not_paid');
    await ok('distritec', order.id, { type: 'payment_received', at: '2027-01-12', amountCents: order.totals.grossCents - deposit });
    assert.equal((await ok('distritec', order.id, { type: 'completed', at: '2027-01-12' })).status, 'completed');
    for (const type of ['shipped', 'delivered', 'cancelled', 'refused', 'preparing', 'completed']) refused(await post('distritec', order.id, { type, at: '2027-01-12' }), 422, 'transition_not_allowed');
    const log = await evidence('distritec', order.id);
    assert.equal(log.verified, true);
    const steps = log.events.filter((e) => e.data.statusTo).map((e) => `${e.data.statusFrom}→${e.data.statusTo}`);
    assert.deepEqual(steps, ['awaiting_payment→accepted', 'accepted→preparing', 'preparing→shipped', 'shipped→delivered', 'delivered→completed']);
  });

  test('two staff recording the same shipment at once: one wins, the other is told the order is shipped already', async () => {
    const order = await place('distritec', 'course@distritec.example');
    await ok('distritec', order.id, { type: 'payment_received', at: '2027-01-12', amountCents: order.totals.grossCents });
    const [a, b] = await Promise.all([post('distritec', order.id, { type: 'shipped', at: '2027-01-12' }), post('distritec', order.id, { type: 'shipped', at: '2027-01-12' }, ADMIN_TOKEN)]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [201, 422]);
    const loser = a.statusCode === 422 ? a : b;
    assert.equal(loser.json().error.code, 'transition_not_allowed');
    assert.match(loser.json().error.message, /shipped/);
    const shipped = (await evidence('distritec', order.id)).events.filter((e) => e.type === 'shipped');
    assert.equal(shipped.length, 1, 'one shipment recorded');
  });

  test('Coop Connexion: late delivery ends a shipped order, everything paid owed back; a withdrawal’s goods received are recorded by the day too', async () => {
    const late = await place('coopconnexion', 'retard@coopconnexion.example');
    await ok('coopconnexion', late.id, { type: 'payment_received', at: '2027-01-12', amountCents: late.totals.grossCents });
    await ok('coopconnexion', late.id, { type: 'shipped', at: '2027-01-12' });
    refused(await post('coopconnexion', late.id, { type: 'cancelled', kind: 'by_seller', at: '2027-01-12' }), 422, 'transition_not_allowed');
    const res = await ok('coopconnexion', late.id, { type: 'cancelled', kind: 'late_delivery', at: '2027-01-12', note: 'résolution notifiée par le client (L216-6)' });
    assert.equal(res.status, 'cancelled');
    const event = (await evidence('coopconnexion', late.id)).events.find((e) => e.type === 'cancelled');
    assert.deepEqual([event?.data.kind, event?.data.keptCents, event?.data.customerCreditCents], ['late_delivery', 0, late.totals.grossCents]);

    const kept = await place('coopconnexion', 'garde@coopconnexion.example', 1, true);
    await ok('coopconnexion', kept.id, { type: 'payment_received', at: '2027-01-12', amountCents: kept.totals.grossCents });
    await ok('coopconnexion', kept.id, { type: 'shipped', at: '2027-01-12' });
    await ok('coopconnexion', kept.id, { type: 'delivered', at: '2027-01-12' });
    const token = await tokenFor('coopconnexion', 'garde@coopconnexion.example');
    const withdrawal = await p.app.inject({ method: 'POST', url: `/api/v1/shops/coopconnexion/orders/${kept.id}/withdrawal`, headers: bearer(token), payload: {} });
    assert.equal(withdrawal.statusCode, 201, withdrawal.body);
    await moveClock('2027-01-15T10:00:00+01:00');
    const goods = await p.app.inject({ method: 'POST', url: `/api/v1/shops/coopconnexion/withdrawals/${withdrawal.json().id}/events`, headers: bearer(staff.coopconnexion ?? ''), payload: { type: 'goods_received', at: '2027-01-14' } });
    assert.equal(goods.statusCode, 201, goods.body);
    refused((await p.app.inject({ method: 'POST', url: `/api/v1/shops/coopconnexion/withdrawals/${withdrawal.json().id}/events`, headers: bearer(staff.coopconnexion ?? ''), payload: { type: 'refunded', at: '2027-01-16', amountCents: 1 } })) as Res, 422, 'event_in_future');
  });

  test('the OpenAPI description names the facts and their refusals', async () => {
    const doc = (await p.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const op = doc.paths['/api/v1/shops/{shop}/orders/{id}/events'].post;
    for (const word of ['preparing', 'completed', 'payment_disputed', 'refusal_window_over', 'transition_not_allowed', 'overrideReason', 'late_delivery', 'no_payment_dispute']) {
      assert.ok(`${op.summary} ${op.description}`.includes(word), word);
    }
  });
});
