/**
 * Issue 4 §5 over HTTP: transfer refunds of Coopso and DISTRITEC orders paid through a camt.053
 * import go back to the account that paid, in a pain.001 file; the debit on a later statement
 * confirms each once; a refund larger than what was paid is refused and changes nothing; two at
 * once cannot together exceed it; an overpayment becomes credit used on the next order or
 * refunded; a card payment is refunded through Stripe (a local server answering like its API).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { issueApiToken } from '../../src/accounts/service.ts';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { FormClient } from '../support/form-client.ts';
import { bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

let p: TestPlatform;
let stripe: Server;
const stripeCalls: string[] = [];
const staff: Record<string, string> = {};
type Placed = { id: string; number: string; grossCents: number; reference: string };

async function staffToken(shop: string): Promise<string> {
  const row = await p.database.db.selectFrom('staff').select(['id', 'name']).where('shop_id', '=', shop).executeTakeFirstOrThrow();
  return issueApiToken({ db: p.database.db, clock: p.clock }, { kind: 'staff', shopId: shop, id: row.id, name: row.name }, 'test', 1);
}

const DELIVERY: Record<string, unknown> = {
  coopso: { mode: 'pickup', pickupPointId: '0' },
  distritec: { mode: 'carrier', address: { line1: '3 rue des Lilas', postalCode: '66000', city: 'Perpignan', country: 'FR' } },
};

async function place(shop: string, token: string, productId: string, quantity = 1) {
  const res = await p.app.inject({
    method: 'POST', url: `/api/v1/shops/${shop}/orders`, headers: bearer(token),
    payload: { lines: [{ productId, quantity }], acceptedTerms: { version: await termsVersion(p, shop) }, delivery: DELIVERY[shop], paymentMethod: 'bank_transfer' },
  });
  assert.equal(res.statusCode, 201, res.body);
  const o = res.json();
  const row = await p.database.db.selectFrom('orders').select('payment_reference').where('shop_id', '=', shop).where('id', '=', o.id).executeTakeFirstOrThrow();
  return { placed: { id: o.id, number: o.number, grossCents: o.totals.grossCents, reference: row.payment_reference ?? '' } as Placed, json: o };
}

const euros = (c: number) => (c / 100).toFixed(2);
type Ntry = { ref: string; cents: number; cd?: 'CRDT' | 'DBIT'; strd?: string; e2e?: string; name: string; iban?: string };

function statement(id: string, account: string, entries: Ntry[]): string {
  const ntries = entries.map(
    (e) => `<Ntry><Amt Ccy="EUR">${euros(e.cents)}</Amt><CdtDbtInd>${e.cd ?? 'CRDT'}</CdtDbtInd><Sts>BOOK</Sts>
      <BookgDt><Dt>2026-03-02</Dt></BookgDt><ValDt><Dt>2026-03-02</Dt></ValDt><AcctSvcrRef>${id}-${e.ref}</AcctSvcrRef>
      <NtryDtls><TxDtls><Refs><EndToEndId>${e.e2e ?? 'NOTPROVIDED'}</EndToEndId></Refs><RltdPties>
      ${e.cd === 'DBIT' ? `<Cdtr><Nm>${e.name}</Nm></Cdtr>` : `<Dbtr><Nm>${e.name}</Nm></Dbtr>${e.iban ? `<DbtrAcct><Id><IBAN>${e.iban}</IBAN></Id></DbtrAcct>` : ''}`}
      </RltdPties><RmtInf>${e.strd ? `<Strd><CdtrRefInf><Ref>${e.strd}</Ref></CdtrRefInf></Strd>` : '<Ustrd>Remboursement</Ustrd>'}</RmtInf></TxDtls></NtryDtls></Ntry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
  <GrpHdr><MsgId>TEST-${id}</MsgId><CreDtTm>2026-03-03T06:12:44+01:00</CreDtTm></GrpHdr>
  <Stmt><Id>${id}</Id><Acct><Id><IBAN>${account}</IBAN></Id><Ccy>EUR</Ccy></Acct>
    ${ntries.join('\n')}
  </Stmt></BkToCstmrStmt></Document>`;
}

const COOPSO_ACCOUNT = 'BE59000001234526';
const PAYER = 'BE68539007547034';
const upload = async (shop: string, xml: string) => {
  const res = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/bank-statements`, headers: { ...bearer(staff[shop] ?? ''), 'content-type': 'application/xml' }, payload: xml });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
};
const refund = (shop: string, orderId: string, payload: Record<string, unknown>, token = staff[shop] ?? '') =>
  p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/orders/${orderId}/refunds`, headers: bearer(token), payload });
const exportFile = (shop: string) => p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/refunds/export`, headers: bearer(staff[shop] ?? '') });
const parsePain = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (n) => n === 'CdtTrfTxInf' }).parse(xml).Document.CstmrCdtTrfInitn;

async function orderRow(shop: string, id: string) {
  return p.database.db.selectFrom('orders').select(['status', 'payment_status']).where('shop_id', '=', shop).where('id', '=', id).executeTakeFirstOrThrow();
}
async function events(shop: string, id: string, type: string) {
  const res = await p.app.inject({ method: 'GET', url: `/api/v1/shops/${shop}/orders/${id}/evidence`, headers: bearer(staff[shop] ?? '') });
  assert.equal(res.json().verified, true);
  return res.json().events.filter((e: { type: string }) => e.type === type) as { data: Record<string, unknown> }[];
}
async function counts() {
  const n = async (table: 'refunds' | 'order_events' | 'outbox' | 'customer_credits') => Number((await p.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { refunds: await n('refunds'), events: await n('order_events'), outbox: await n('outbox'), credits: await n('customer_credits') };
}

let a: Placed; // coopso, paid in full: refunded in full
let b: Placed; // coopso, paid in full: refunded in part
let d: Placed; // coopso, overpaid by another customer: credit
let probeGross = 0;
const tokens: Record<string, string> = {};

before(async () => {
  stripe = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      stripeCalls.push(`${req.method} ${req.url} ${body} ${req.headers['idempotency-key'] ?? ''}`);
      const amount = Number(new URLSearchParams(body).get('amount'));
      res.writeHead(req.url === '/v1/refunds' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.url === '/v1/refunds' ? { id: `re_${stripeCalls.length}`, object: 'refund', amount, status: 'succeeded' } : { error: { message: 'no' } }));
    });
  });
  await new Promise<void>((resolve) => stripe.listen(0, '127.0.0.1', resolve));
  const port = (stripe.address() as AddressInfo).port;
  p = await startPlatform({ STRIPE_SECRET_KEY: 'sk_test_refunds', STRIPE_WEBHOOK_SECRET: 'whsec_refunds', STRIPE_API_URL: `http://127.0.0.1:${port}` });
  staff.coopso = await staffToken('coopso');
  staff.distritec = await staffToken('distritec');
  staff.coopo = await staffToken('coopo');
  const token = await customerToken(p, 'coopso', 'membre@coopso.example');
  tokens.member = token;
  a = (await place('coopso', token, await productIdBySku(p, 'coopso', 'CALC-SCI'))).placed;
  b = (await place('coopso', token, await productIdBySku(p, 'coopso', 'SAC-DOS'), 2)).placed;
  probeGross = (await place('coopso', token, await productIdBySku(p, 'coopso', 'ATLAS-SCOL'))).placed.grossCents;
  const other = await customerToken(p, 'coopso', 'genereux@coopso.example');
  tokens.generous = other;
  d = (await place('coopso', other, await productIdBySku(p, 'coopso', 'CALC-SCI'))).placed;
  const summary = await upload('coopso', statement('S1', COOPSO_ACCOUNT, [
    { ref: '1', cents: a.grossCents, strd: a.reference, name: 'Camille Martin', iban: PAYER },
    { ref: '2', cents: b.grossCents, strd: b.reference, name: 'Camille Martin', iban: PAYER },
    { ref: '3', cents: d.grossCents + probeGross + 1500, strd: d.reference, name: 'Gaston Genereux', iban: 'FR7630006000011234567890189' },
  ]));
  assert.equal(summary.matched, 3);
});
after(async () => {
  await p.stop();
  stripe.close();
});

describe('refunding an order', () => {
  test('should refuse a refund larger than what was paid, or from another shop or a customer, changing nothing', async () => {
    const before = await counts();
    const tooMuch = await refund('coopso', a.id, { amountCents: a.grossCents + 1, reason: 'erreur' });
    assert.equal(tooMuch.statusCode, 422, tooMuch.body);
    assert.equal(tooMuch.json().error.code, 'refund_exceeds_paid');
    assert.equal(tooMuch.json().error.field, 'amountCents');
    // An overpayment is customer credit, not part of the order's refundable amount.
    assert.equal((await refund('coopso', d.id, { amountCents: d.grossCents + 1, reason: 'x' })).json().error.code, 'refund_exceeds_paid');
    assert.equal((await refund('coopso', a.id, { amountCents: 100, reason: 'x' }, staff.coopo)).statusCode, 403);
    assert.equal((await refund('coopso', a.id, { amountCents: 100, reason: 'x' }, tokens.member)).statusCode, 403);
    assert.equal((await refund('coopso', a.id, { amountCents: -5, reason: 'x' })).statusCode, 400);
    assert.equal((await refund('coopso', '00000000-0000-4000-8000-000000000000', { amountCents: 100, reason: 'x' })).statusCode, 404);
    assert.deepEqual(await counts(), before);
    assert.deepEqual(await orderRow('coopso', a.id), { status: 'accepted', payment_status: 'paid' });
  });

  test('should let only one of two simultaneous refunds through when together they exceed what was paid', async () => {
    const share = Math.ceil(b.grossCents * 0.6);
    const results = await Promise.all([refund('coopso', b.id, { amountCents: share, reason: 'casse' }), refund('coopso', b.id, { amountCents: share, reason: 'casse' })]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 422]);
    const made = results.find((r) => r.statusCode === 201)?.json();
    assert.equal(made.method, 'bank_transfer');
    assert.equal(made.status, 'pending');
    assert.equal(made.creditorIban, PAYER, 'back to the account that paid');
    assert.equal(made.creditorName, 'Camille Martin');
  });

  test('should export pending transfer refunds as a pain.001 file, mark them exported, and tell the customer', async () => {
    const full = await refund('coopso', a.id, { amountCents: a.grossCents, reason: 'rétractation' });
    assert.equal(full.statusCode, 201, full.body);
    const pending = await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopso/refunds?status=pending', headers: bearer(staff.coopso ?? '') });
    assert.equal(pending.json().items.length, 2);
    const outboxBefore = (await counts()).outbox;
    const res = await exportFile('coopso');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^application\/xml/);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="RBT-.+\.xml"$/);
    const doc = parsePain(res.body);
    const share = Math.ceil(b.grossCents * 0.6);
    assert.equal(doc.GrpHdr.NbOfTxs, '2');
    assert.equal(doc.GrpHdr.CtrlSum, euros(a.grossCents + share));
    assert.equal(doc.PmtInf.CtrlSum, euros(a.grossCents + share));
    assert.equal(doc.PmtInf.DbtrAcct.Id.IBAN, COOPSO_ACCOUNT);
    assert.equal(doc.PmtInf.DbtrAgt.FinInstnId.BIC, 'DEMOBEB0');
    assert.equal(doc.PmtInf.Dbtr.Nm, 'Coopso SC (compte de demonstration)');
    const txs = doc.PmtInf.CdtTrfTxInf as { PmtId: { EndToEndId: string }; Amt: { InstdAmt: { '#text': string } }; CdtrAcct: { Id: { IBAN: string } }; RmtInf: { Ustrd: string } }[];
    assert.deepEqual(txs.map((t) => t.RmtInf.Ustrd).sort(), [`Remboursement commande ${a.number}`, `Remboursement commande ${b.number}`].sort());
    assert.ok(txs.every((t) => t.CdtrAcct.Id.IBAN === PAYER));
    const list = (await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopso/refunds?status=exported', headers: bearer(staff.coopso ?? '') })).json().items;
    assert.equal(list.length, 2);
    assert.deepEqual(list.map((r: { endToEndId: string }) => r.endToEndId).sort(), txs.map((t) => t.PmtId.EndToEndId).sort());
    assert.ok(list.every((r: { paymentFileId: string }) => r.paymentFileId === doc.GrpHdr.MsgId));
    assert.equal((await counts()).outbox, outboxBefore + 2);
    assert.equal((await events('coopso', a.id, 'refund_requested')).length, 1);
    assert.equal((await events('coopso', a.id, 'refund_exported')).length, 1);
    const again = await exportFile('coopso');
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'nothing_to_export');
  });

  test('should confirm each exported refund once from the debits of a later statement, even imported twice', async () => {
    const exported = (await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopso/refunds?status=exported', headers: bearer(staff.coopso ?? '') })).json().items as { orderId: string; endToEndId: string; amountCents: number }[];
    const forA = exported.find((r) => r.orderId === a.id);
    const forB = exported.find((r) => r.orderId === b.id);
    assert.ok(forA && forB);
    const later = statement('S2', COOPSO_ACCOUNT, [
      { ref: '1', cents: forA.amountCents, cd: 'DBIT', e2e: forA.endToEndId, name: 'Camille Martin' },
      { ref: '2', cents: forB.amountCents + 1, cd: 'DBIT', e2e: forB.endToEndId, name: 'Camille Martin' },
      { ref: '3', cents: 999, cd: 'DBIT', name: 'Fournisseur' },
    ]);
    const first = await upload('coopso', later);
    assert.deepEqual([first.matched, first.ignored, first.duplicates], [1, 2, 0]);
    const second = await upload('coopso', later);
    assert.deepEqual([second.matched, second.ignored, second.duplicates], [0, 0, 3]);
    const confirmed = (await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopso/refunds?status=confirmed', headers: bearer(staff.coopso ?? '') })).json().items;
    assert.equal(confirmed.length, 1, 'the wrong amount does not confirm B');
    assert.equal(confirmed[0].orderId, a.id);
    assert.ok(confirmed[0].bankEntryId);
    assert.equal((await events('coopso', a.id, 'refunded')).length, 1);
    assert.deepEqual(await orderRow('coopso', a.id), { status: 'accepted', payment_status: 'refunded' });
    assert.equal((await orderRow('coopso', b.id)).payment_status, 'paid', 'B is not refunded until its debit is seen');
    const entry = await p.database.db.selectFrom('bank_entries').select(['status', 'order_id']).where('shop_id', '=', 'coopso').where('end_to_end_id', '=', forA.endToEndId).executeTakeFirstOrThrow();
    assert.deepEqual(entry, { status: 'matched', order_id: a.id });
    const fixed = statement('S3', COOPSO_ACCOUNT, [{ ref: '1', cents: forB.amountCents, cd: 'DBIT', e2e: forB.endToEndId, name: 'Camille Martin' }]);
    assert.equal((await upload('coopso', fixed)).matched, 1);
    assert.equal((await orderRow('coopso', b.id)).payment_status, 'partially_refunded');
  });
});

describe('customer credit', () => {
  test('should turn an overpayment into credit that pays the customer’s next order at once', async () => {
    const other = tokens.generous ?? '';
    const customerId = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/coopso/orders/${d.id}`, headers: bearer(staff.coopso ?? '') })).json().customerId;
    const credit = async () => (await p.app.inject({ method: 'GET', url: `/api/v1/shops/coopso/customers/${customerId}/credit`, headers: bearer(staff.coopso ?? '') })).json();
    assert.equal((await credit()).balanceCents, probeGross + 1500);
    const { placed: next, json } = await place('coopso', other, await productIdBySku(p, 'coopso', 'ATLAS-SCOL'));
    assert.equal(next.grossCents, probeGross);
    assert.equal(json.status, 'accepted', 'fully covered by the credit');
    assert.equal(json.payment.status, 'paid');
    assert.equal(json.payment.amountDueCents, 0);
    const after = await credit();
    assert.equal(after.balanceCents, 1500);
    assert.deepEqual(after.entries.map((e: { kind: string; amountCents: number }) => [e.kind, e.amountCents]).sort(), [['applied', -probeGross], ['overpayment', probeGross + 1500]].sort());
    const payment = await p.database.db.selectFrom('order_payments').select(['method', 'amount_cents']).where('shop_id', '=', 'coopso').where('order_id', '=', next.id).executeTakeFirstOrThrow();
    assert.deepEqual({ ...payment, amount_cents: Number(payment.amount_cents) }, { method: 'credit', amount_cents: probeGross });
  });

  test('should refund the rest of the credit by transfer, never more than the balance', async () => {
    const customerId = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/coopso/orders/${d.id}`, headers: bearer(staff.coopso ?? '') })).json().customerId;
    const url = `/api/v1/shops/coopso/customers/${customerId}/credit/refund`;
    const before = await counts();
    const tooMuch = await p.app.inject({ method: 'POST', url, headers: bearer(staff.coopso ?? ''), payload: { amountCents: 1501, iban: 'FR76 3000 6000 0112 3456 7890 189', creditorName: 'Gaston Généreux' } });
    assert.equal(tooMuch.statusCode, 422);
    assert.equal(tooMuch.json().error.code, 'refund_exceeds_credit');
    assert.deepEqual(await counts(), before);
    const ok = await p.app.inject({ method: 'POST', url, headers: bearer(staff.coopso ?? ''), payload: { amountCents: 1500, iban: 'FR76 3000 6000 0112 3456 7890 189', creditorName: 'Gaston Généreux' } });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.deepEqual([ok.json().fromCredit, ok.json().status, ok.json().method], [true, 'pending', 'bank_transfer']);
    const credit = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/coopso/customers/${customerId}/credit`, headers: bearer(staff.coopso ?? '') })).json();
    assert.equal(credit.balanceCents, 0);
    assert.ok(credit.entries.some((e: { kind: string; amountCents: number }) => e.kind === 'refunded' && e.amountCents === -1500));
    const doc = parsePain((await exportFile('coopso')).body);
    assert.equal(doc.GrpHdr.CtrlSum, '15.00');
    assert.equal(doc.PmtInf.CdtTrfTxInf[0].Cdtr.Nm, 'Gaston Genereux');
    assert.equal((await orderRow('coopso', d.id)).payment_status, 'paid', 'a credit refund leaves the order paid');
  });
});

describe('other means and cards', () => {
  test('should refund a DISTRITEC transfer to another account only with the customer’s recorded agreement', async () => {
    const token = await customerToken(p, 'distritec', 'client@distritec.example');
    const productId = (await p.app.inject({ method: 'GET', url: '/api/v1/shops/distritec/products' })).json().items[0].id;
    const { placed } = await place('distritec', token, productId);
    await upload('distritec', statement('D1', 'FR7699999000010000001234537', [{ ref: '1', cents: placed.grossCents, strd: placed.reference, name: 'Client SARL' }]));
    const noIban = await refund('distritec', placed.id, { amountCents: 1000, reason: 'geste commercial' });
    assert.equal(noIban.statusCode, 422);
    assert.equal(noIban.json().error.code, 'refund_iban_required');
    const agreed = await refund('distritec', placed.id, { amountCents: 1000, reason: 'geste commercial', otherMeansAgreed: true, iban: 'BE68 5390 0754 7034', creditorName: 'Client SARL' });
    assert.equal(agreed.statusCode, 201, agreed.body);
    const requested = await events('distritec', placed.id, 'refund_requested');
    assert.equal(requested[0]?.data.otherMeansAgreed, true);
    const doc = parsePain((await exportFile('distritec')).body);
    assert.equal(doc.PmtInf.DbtrAcct.Id.IBAN, 'FR7699999000010000001234537');
    assert.equal(doc.PmtInf.CdtTrfTxInf[0].CdtrAcct.Id.IBAN, PAYER);
  });

  test('should refund a card payment through Stripe at once, with the refund’s id as idempotency key', async () => {
    const token = await customerToken(p, 'coopso', 'carte@coopso.example');
    const { placed } = await place('coopso', token, await productIdBySku(p, 'coopso', 'CALC-SCI'));
    const db = p.database.db;
    await db.insertInto('order_payments').values({ shop_id: 'coopso', order_id: placed.id, method: 'card', bank_entry_external_id: null, provider_ref: 'pi_refund_test', amount_cents: placed.grossCents, received_on: '2026-03-02', recorded_at: new Date() }).execute();
    await db.updateTable('orders').set({ payment_status: 'paid', status: 'accepted' }).where('shop_id', '=', 'coopso').where('id', '=', placed.id).execute();
    const res = await refund('coopso', placed.id, { amountCents: placed.grossCents, reason: 'rupture' });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([res.json().method, res.json().status, res.json().providerRef], ['card', 'succeeded', `re_${stripeCalls.length}`]);
    const call = stripeCalls.at(-1) ?? '';
    assert.match(call, /^POST \/v1\/refunds /);
    assert.match(call, /payment_intent=pi_refund_test/);
    assert.ok(call.endsWith(`refund-${res.json().id}`));
    assert.equal((await orderRow('coopso', placed.id)).payment_status, 'refunded');
    assert.equal((await events('coopso', placed.id, 'refunded')).length, 1);
  });
});

describe('staff pages', () => {
  test('should refund from the staff order page and download the pain.001 file from "Remboursements"', async () => {
    const browser = new FormClient(p.app);
    assert.equal((await browser.submit('/shops/coopso/staff/login', '/shops/coopso/staff/login', { email: 'staff@coopso.example', password: DEMO_PASSWORD })).statusCode, 303);
    assert.match((await browser.get('/shops/coopso/staff')).body, /href="\/shops\/coopso\/staff\/refunds"/);
    const orderUrl = `/shops/coopso/staff/orders/${b.id}`;
    const page = await browser.get(orderUrl);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(b.number));
    const tooMuch = await browser.submit(orderUrl, `${orderUrl}/refunds`, { amountCents: euros(b.grossCents), reason: 'casse' });
    assert.equal(tooMuch.statusCode, 422);
    assert.match(tooMuch.body, /dépasse ce qui a été payé/);
    const ok = await browser.submit(orderUrl, `${orderUrl}/refunds`, { amountCents: '1,00', reason: 'casse' });
    assert.equal(ok.statusCode, 303, ok.body);
    const list = await browser.get('/shops/coopso/staff/refunds');
    assert.ok(list.body.includes('Exporter le virement SEPA (pain.001)'));
    const file = await browser.submit('/shops/coopso/staff/refunds', '/shops/coopso/staff/refunds/export', {});
    assert.equal(file.statusCode, 200, file.body);
    assert.match(String(file.headers['content-disposition']), /^attachment;/);
    assert.equal(parsePain(file.body).GrpHdr.CtrlSum, '1.00');
    assert.equal((await browser.submit('/shops/coopso/staff/refunds', '/shops/coopso/staff/refunds/export', {})).statusCode, 409);
  });
});
