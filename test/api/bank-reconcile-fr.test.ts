/**
 * Issue 4 Done-when 2 on a French shop: a camt.053 statement for DISTRITEC mixing a valid RF
 * reference, an RF inside the free text, an RF with wrong check digits, a partial payment and an
 * overpayment reconciles as expected; imported again, it adds no entry and no payment.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { issueApiToken } from '../../src/accounts/service.ts';
import { formatRf, parsePaymentReference } from '../../src/payments/references.ts';
import { bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, termsVersion } from '../support/shoppers.ts';

let p: TestPlatform;
let staff: string;
type Placed = { id: string; number: string; grossCents: number; rf: string };
const orders: Record<'a' | 'b' | 'c' | 'd' | 'e', Placed> = {} as never;

async function place(token: string, productId: string): Promise<Placed> {
  const res = await p.app.inject({
    method: 'POST',
    url: '/api/v1/shops/distritec/orders',
    headers: bearer(token),
    payload: { lines: [{ productId, quantity: 1 }], acceptedTerms: { version: await termsVersion(p, 'distritec') }, delivery: { mode: 'carrier', address: { line1: '3 rue des Lilas', postalCode: '66000', city: 'Perpignan', country: 'FR' } }, paymentMethod: 'bank_transfer' },
  });
  assert.equal(res.statusCode, 201, res.body);
  const o = res.json();
  const check = parsePaymentReference(String(o.payment.reference));
  assert.ok(check.ok && check.reference.kind === 'rf', `DISTRITEC orders carry an RF reference: ${o.payment.reference}`);
  return { id: o.id, number: o.number, grossCents: o.totals.grossCents, rf: check.reference.value };
}

const euros = (c: number) => (c / 100).toFixed(2);
type Ntry = { ref: string; cents: number; strd?: string; ustrd?: string; name: string };

function statement(entries: Ntry[]): string {
  const ntries = entries.map(
    (e) => `<Ntry><Amt Ccy="EUR">${euros(e.cents)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
      <BookgDt><Dt>2026-04-07</Dt></BookgDt><ValDt><Dt>2026-04-07</Dt></ValDt><AcctSvcrRef>FR-2026-04-07-${e.ref}</AcctSvcrRef>
      <NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><RltdPties><Dbtr><Pty><Nm>${e.name}</Nm></Pty></Dbtr></RltdPties><RmtInf>
      ${e.ustrd ? `<Ustrd>${e.ustrd}</Ustrd>` : ''}
      ${e.strd ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp><Ref>${e.strd}</Ref></CdtrRefInf></Strd>` : ''}</RmtInf></TxDtls></NtryDtls></Ntry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
  <GrpHdr><MsgId>DISTRITEC-2026-04-07</MsgId><CreDtTm>2026-04-08T05:00:00+02:00</CreDtTm></GrpHdr>
  <Stmt><Id>2026-04-07</Id><ElctrncSeqNb>97</ElctrncSeqNb>
    <Acct><Id><IBAN>FR7699999000010000001234537</IBAN></Id><Ccy>EUR</Ccy></Acct>
    ${ntries.join('\n')}
  </Stmt></BkToCstmrStmt></Document>`;
}

async function counts() {
  const db = p.database.db;
  const n = async (table: 'bank_entries' | 'order_payments' | 'order_events' | 'outbox' | 'customer_credits') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('shop_id', '=', 'distritec').executeTakeFirstOrThrow()).n);
  return { entries: await n('bank_entries'), payments: await n('order_payments'), events: await n('order_events'), outbox: await n('outbox'), credits: await n('customer_credits') };
}

const upload = (xml: string) => p.app.inject({ method: 'POST', url: '/api/v1/shops/distritec/bank-statements', headers: { ...bearer(staff), 'content-type': 'application/xml' }, payload: xml });

async function orderOf(o: Placed) {
  const db = p.database.db;
  const row = await db.selectFrom('orders').select(['status', 'payment_status', 'deposit_cents']).where('shop_id', '=', 'distritec').where('id', '=', o.id).executeTakeFirstOrThrow();
  const paid = await db.selectFrom('order_payments').select('amount_cents').where('shop_id', '=', 'distritec').where('order_id', '=', o.id).execute();
  return { ...row, paidCents: paid.reduce((sum, r) => sum + Number(r.amount_cents), 0) };
}

let xml: string;
before(async () => {
  p = await startPlatform();
  const member = await p.database.db.selectFrom('staff').select(['id', 'name']).where('shop_id', '=', 'distritec').executeTakeFirstOrThrow();
  staff = await issueApiToken({ db: p.database.db, clock: p.clock }, { kind: 'staff', shopId: 'distritec', id: member.id, name: member.name }, 'test', 1);
  const token = await customerToken(p, 'distritec', 'atelier@distritec.example');
  const products = (await p.app.inject({ method: 'GET', url: '/api/v1/shops/distritec/products?sort=price_desc' })).json().items as { id: string; stock: number; regulated: boolean }[];
  const product = products.find((x) => x.stock >= 5 && !x.regulated);
  assert.ok(product, 'DISTRITEC has a product in stock');
  for (const key of ['a', 'b', 'c', 'd', 'e'] as const) orders[key] = await place(token, product.id);
  const { a, b, c, d, e } = orders;
  const kk = Number(e.rf.slice(2, 4));
  const wrong = `RF${String(kk === 98 ? 97 : kk + 1).padStart(2, '0')}${e.rf.slice(4)}`;
  xml = statement([
    { ref: '1', cents: a.grossCents, strd: a.rf, name: 'Atelier Martin SARL' },
    { ref: '2', cents: b.grossCents, ustrd: `Reglement commande ${b.number} ref ${formatRf(b.rf)} merci`, name: 'Atelier Martin SARL' },
    { ref: '3', cents: e.grossCents, strd: wrong, name: 'Atelier Martin SARL' },
    { ref: '4', cents: c.grossCents - 2000, strd: c.rf, name: 'Atelier Martin SARL' },
    { ref: '5', cents: d.grossCents + 1500, strd: formatRf(d.rf), name: 'Atelier Martin SARL' },
  ]);
});
after(async () => p.stop());

describe('reconciling a DISTRITEC statement (RF references)', () => {
  test('should match valid RF references, in Strd or in the free text, and never one with wrong check digits', async () => {
    const res = await upload(xml);
    assert.equal(res.statusCode, 200, res.body);
    const { importId, ...summary } = res.json();
    assert.deepEqual(summary, { entries: 5, matched: 4, unmatched: 1, duplicates: 0, ignored: 0 });

    const progress = await p.app.inject({ method: 'GET', url: `/api/v1/shops/distritec/bank-statements/imports/${importId}`, headers: bearer(staff) });
    assert.equal(progress.statusCode, 200, progress.body);
    assert.deepEqual(
      (({ status, totalEntries, processedEntries, matched, unmatched }) => ({ status, totalEntries, processedEntries, matched, unmatched }))(progress.json()),
      { status: 'done', totalEntries: 5, processedEntries: 5, matched: 4, unmatched: 1 },
    );

    const { a, b, c, d, e } = orders;
    assert.deepEqual(
      (({ payment_status, paidCents }) => ({ payment_status, paidCents }))(await orderOf(a)),
      { payment_status: 'paid', paidCents: a.grossCents },
    );
    assert.equal((await orderOf(a)).status, 'accepted');
    assert.equal((await orderOf(b)).payment_status, 'paid');
    const partial = await orderOf(c);
    assert.deepEqual({ status: partial.payment_status, paid: partial.paidCents }, { status: 'partially_paid', paid: c.grossCents - 2000 });
    const over = await orderOf(d);
    assert.deepEqual({ status: over.payment_status, paid: over.paidCents }, { status: 'paid', paid: d.grossCents + 1500 });
    const credit = await p.database.db.selectFrom('customer_credits').select(['amount_cents', 'kind']).where('shop_id', '=', 'distritec').where('order_id', '=', d.id).execute();
    assert.deepEqual(credit.map((r) => [Number(r.amount_cents), r.kind]), [[1500, 'overpayment']]);
    const typo = await orderOf(e);
    assert.deepEqual({ status: typo.payment_status, paid: typo.paidCents }, { status: 'awaiting', paid: 0 });

    const queue = await p.app.inject({ method: 'GET', url: '/api/v1/shops/distritec/bank-entries?status=unmatched', headers: bearer(staff) });
    assert.equal(queue.statusCode, 200, queue.body);
    const [only, ...rest] = queue.json().items;
    assert.equal(rest.length, 0);
    assert.deepEqual({ status: only.referenceStatus, reason: only.reason, amount: only.amountCents }, { status: 'invalid', reason: 'check_digits', amount: e.grossCents });
  });

  test('should add no entry, payment, event, e-mail or credit when the same statement is imported again', async () => {
    const before = await counts();
    const res = await upload(xml);
    assert.equal(res.statusCode, 200, res.body);
    const { importId: _, ...summary } = res.json();
    assert.deepEqual(summary, { entries: 5, matched: 0, unmatched: 0, duplicates: 5, ignored: 0 });
    assert.deepEqual(await counts(), before);
  });
});
