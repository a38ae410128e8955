/**
 * Issue 4 §2, API `POST /shops/{shop}/bank-statements`: a camt.053 statement for Coopso mixing a
 * valid OGM, a reference inside the free text, a wrong check digit, a partial payment, an
 * overpayment and a debit reconciles as expected; importing it again changes nothing; hostile XML
 * and other shops' staff change nothing either.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { issueApiToken } from '../../src/accounts/service.ts';
import { formatOgm, ogmFromBase, parsePaymentReference } from '../../src/payments/references.ts';
import { bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

let p: TestPlatform;
let staff: string;
let otherStaff: string;
type Placed = { id: string; number: string; grossCents: number; ogm: string };
const orders: Record<'a' | 'b' | 'c' | 'd' | 'e', Placed> = {} as never;

async function staffToken(shop: string): Promise<string> {
  const row = await p.database.db.selectFrom('staff').select(['id', 'name']).where('shop_id', '=', shop).executeTakeFirstOrThrow();
  return issueApiToken({ db: p.database.db, clock: p.clock }, { kind: 'staff', shopId: shop, id: row.id, name: row.name }, 'test', 1);
}

/**
 * Places a coopso order by bank transfer. Until checkout generates payment references (the other
 * half of issue 4 §1), the test gives the order an OGM itself; once checkout fills it, it is used.
 */
async function place(token: string, version: string, sku: string, quantity: number, base: string): Promise<Placed> {
  const productId = await productIdBySku(p, 'coopso', sku);
  const res = await p.app.inject({
    method: 'POST', url: '/api/v1/shops/coopso/orders', headers: bearer(token),
    payload: { lines: [{ productId, quantity }], acceptedTerms: { version }, delivery: { mode: 'pickup', pickupPointId: '0' }, paymentMethod: 'bank_transfer' },
  });
  assert.equal(res.statusCode, 201, res.body);
  const o = res.json();
  const db = p.database.db;
  let stored = (await db.selectFrom('orders').select('payment_reference').where('shop_id', '=', 'coopso').where('id', '=', o.id).executeTakeFirstOrThrow()).payment_reference;
  if (stored === null) {
    stored = ogmFromBase(base);
    await db.updateTable('orders').set({ payment_reference: stored }).where('shop_id', '=', 'coopso').where('id', '=', o.id).execute();
  }
  const check = parsePaymentReference(stored);
  assert.ok(check.ok && check.reference.kind === 'ogm', `coopso orders carry an OGM: ${stored}`);
  return { id: o.id, number: o.number, grossCents: o.totals.grossCents, ogm: check.reference.value };
}

const euros = (c: number) => (c / 100).toFixed(2);
type Ntry = { ref: string; cents: number; cd?: 'CRDT' | 'DBIT'; strd?: string; ustrd?: string; name: string; ccy?: string };

/** A camt.053.001.02 statement shaped like src/payments/fixtures/statement-mixed.xml. */
function statement(entries: Ntry[], options: { id?: string; ccy?: string } = {}): string {
  const ntries = entries.map(
    (e) => `<Ntry><NtryRef>${e.ref}</NtryRef><Amt Ccy="${e.ccy ?? 'EUR'}">${euros(e.cents)}</Amt><CdtDbtInd>${e.cd ?? 'CRDT'}</CdtDbtInd><Sts>BOOK</Sts>
      <BookgDt><Dt>2026-03-02</Dt></BookgDt><ValDt><Dt>2026-03-02</Dt></ValDt><AcctSvcrRef>${options.id ?? 'S1'}-${e.ref}</AcctSvcrRef>
      <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>${e.name}</Nm></Dbtr></RltdPties><RmtInf>
      ${e.strd ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>BBA</Issr></Tp><Ref>${e.strd}</Ref></CdtrRefInf></Strd>` : ''}
      ${e.ustrd ? `<Ustrd>${e.ustrd}</Ustrd>` : ''}</RmtInf></TxDtls></NtryDtls></Ntry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
  <GrpHdr><MsgId>TEST-${options.id ?? 'S1'}</MsgId><CreDtTm>2026-03-03T06:12:44+01:00</CreDtTm></GrpHdr>
  <Stmt><Id>${options.id ?? 'S1'}</Id><ElctrncSeqNb>1</ElctrncSeqNb>
    <Acct><Id><IBAN>BE59000001234526</IBAN></Id><Ccy>${options.ccy ?? 'EUR'}</Ccy></Acct>
    ${ntries.join('\n')}
  </Stmt></BkToCstmrStmt></Document>`;
}

const upload = (body: string, token = staff, contentType = 'application/xml') =>
  p.app.inject({ method: 'POST', url: '/api/v1/shops/coopso/bank-statements', headers: { ...bearer(token), 'content-type': contentType }, payload: body });

/** The import's counts; `importId` names the import whose progress `GET …/imports/{id}` reports. */
function summary(res: { json(): Record<string, unknown> }) {
  const { importId, ...counts } = res.json();
  assert.match(String(importId), /^[0-9a-f-]{36}$/);
  return counts;
}

async function snapshot() {
  const db = p.database.db;
  return {
    orders: await db.selectFrom('orders').select(['id', 'status', 'payment_status']).where('shop_id', '=', 'coopso').orderBy('id').execute(),
    entries: (await db.selectFrom('bank_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    payments: (await db.selectFrom('order_payments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    events: (await db.selectFrom('order_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    outbox: (await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  };
}

async function orderOf(o: Placed) {
  return p.database.db.selectFrom('orders').select(['status', 'payment_status']).where('shop_id', '=', 'coopso').where('id', '=', o.id).executeTakeFirstOrThrow();
}

async function paymentEvent(o: Placed) {
  const res = await p.app.inject({ method: 'GET', url: `/api/v1/shops/coopso/orders/${o.id}/evidence`, headers: bearer(staff) });
  assert.equal(res.json().verified, true);
  return res.json().events.filter((e: { type: string }) => e.type === 'payment_received');
}

let mixed: string;
before(async () => {
  p = await startPlatform();
  staff = await staffToken('coopso');
  otherStaff = await staffToken('coopo');
  const token = await customerToken(p, 'coopso', 'membre@coopso.example');
  const version = await termsVersion(p, 'coopso');
  orders.a = await place(token, version, 'CALC-SCI', 1, '9100000001');
  orders.b = await place(token, version, 'ATLAS-SCOL', 1, '9100000002');
  orders.c = await place(token, version, 'SAC-DOS', 2, '9100000003');
  orders.d = await place(token, version, 'CALC-SCI', 2, '9100000004');
  orders.e = await place(token, version, 'ATLAS-SCOL', 2, '9100000005');
  const { a, b, c, d, e } = orders;
  // A wrong check digit on order E's reference: never matched, even though E awaits that amount.
  const wrong = `${e.ogm.slice(0, 10)}${String((Number(e.ogm.slice(10)) % 97) + 1).padStart(2, '0')}`;
  mixed = statement([
    { ref: '1', cents: a.grossCents, strd: a.ogm, name: 'Camille Martin' },
    { ref: '2', cents: b.grossCents, ustrd: `Commande ${formatOgm(b.ogm)} merci`, name: 'Camille Martin' },
    { ref: '3', cents: e.grossCents, strd: wrong, name: 'Camille Martin' },
    { ref: '4', cents: c.grossCents - 1000, strd: formatOgm(c.ogm), name: 'Camille Martin' },
    { ref: '5', cents: d.grossCents + 3000, strd: d.ogm, name: 'Camille Martin' },
    { ref: '6', cents: 2500, cd: 'DBIT', ustrd: 'Remboursement', name: 'Camille Martin' },
    { ref: '7', cents: 1234, ustrd: 'pour la commande de mon fils', name: 'Jean Inconnu' },
    // A valid ISO 11649 reference (LEGAL.md §A10 example) naming no Coopso order: read, not matched.
    { ref: '8', cents: 4200, ustrd: 'Facture RF18 5390 0754 7034', name: 'SA Fournitures' },
  ]);
});
after(async () => p.stop());

describe('importing a bank statement', () => {
  test('should refuse hostile XML, another currency and another shop’s staff, changing nothing', async () => {
    const before = await snapshot();
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Document>&lol2;</Document>`;
    const hostile = await upload(bomb);
    assert.equal(hostile.statusCode, 400, hostile.body);
    assert.equal(hostile.json().error.code, 'statement_entities_forbidden');
    const broken = await upload('<Document><unclosed></Document>', staff, 'text/xml');
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().error.code, 'statement_malformed');
    const foreign = await upload(statement([{ ref: '1', cents: orders.a.grossCents, strd: orders.a.ogm, name: 'x' }], { id: 'USD', ccy: 'USD' }));
    assert.equal(foreign.statusCode, 422);
    assert.equal(foreign.json().error.code, 'statement_currency');
    const notCamt = await upload('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"/>');
    assert.equal(notCamt.statusCode, 422);
    assert.equal(notCamt.json().error.code, 'statement_not_camt053');
    assert.equal((await upload(mixed, otherStaff)).statusCode, 403);
    const customer = await customerToken(p, 'coopso', 'curieux@coopso.example');
    assert.equal((await upload(mixed, customer)).statusCode, 403);
    assert.equal((await p.app.inject({ method: 'POST', url: '/api/v1/shops/coopso/bank-statements', headers: { 'content-type': 'application/xml' }, payload: mixed })).statusCode, 401);
    const huge = await upload(`${mixed}${' '.repeat(10 * 1024 * 1024)}`);
    assert.equal(huge.statusCode, 413);
    assert.deepEqual(await snapshot(), before);
  });

  test('should match by reference, leave the rest for review, and record payments, statuses, evidence and e-mails', async () => {
    const res = await upload(mixed);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(summary(res), { entries: 8, matched: 4, unmatched: 3, duplicates: 0, ignored: 1 });
    const { a, b, c, d, e } = orders;
    assert.deepEqual(await orderOf(a), { status: 'accepted', payment_status: 'paid' });
    assert.deepEqual(await orderOf(b), { status: 'accepted', payment_status: 'paid' });
    assert.deepEqual(await orderOf(c), { status: 'awaiting_payment', payment_status: 'partially_paid' });
    assert.deepEqual(await orderOf(d), { status: 'accepted', payment_status: 'paid' });
    assert.deepEqual(await orderOf(e), { status: 'awaiting_payment', payment_status: 'awaiting' });

    const [paidA] = await paymentEvent(a);
    assert.deepEqual(
      { amount: paidA.data.amountCents, entry: paidA.data.bankEntryId, date: paidA.data.bookingDate, balance: paidA.data.balanceDueCents, to: paidA.data.statusTo },
      { amount: a.grossCents, entry: 'BE59000001234526|S1-1', date: '2026-03-02', balance: 0, to: 'accepted' },
    );
    assert.equal((await paymentEvent(c))[0].data.balanceDueCents, 1000);
    assert.equal((await paymentEvent(d))[0].data.customerCreditCents, 3000);
    assert.deepEqual(await paymentEvent(e), []);

    const db = p.database.db;
    const review = await db.selectFrom('bank_entries').select(['external_id', 'reference_status', 'status', 'order_id']).where('status', '!=', 'matched').orderBy('external_id').execute();
    assert.deepEqual(review.map((r) => [r.external_id, r.reference_status, r.status, r.order_id]), [
      ['BE59000001234526|S1-3', 'invalid', 'unmatched', null],
      ['BE59000001234526|S1-6', 'none', 'ignored', null],
      ['BE59000001234526|S1-7', 'none', 'unmatched', null],
      ['BE59000001234526|S1-8', 'found', 'unmatched', null],
    ]);
    const mails = await db.selectFrom('outbox').select(['subject', 'text_body']).where('to_address', '=', 'membre@coopso.example').where('subject', 'like', '%paiement reçu%').execute();
    assert.equal(mails.length, 4);
    const partial = mails.find((m) => m.subject?.includes(c.number));
    assert.match(partial?.text_body ?? '', /Il reste 10,00/);
    assert.match(partial?.text_body ?? '', new RegExp(formatOgm(c.ogm).replace(/[+/]/g, '\\$&')));
  });

  test('should count every entry of a statement imported again as a duplicate and change nothing', async () => {
    const before = await snapshot();
    const again = await upload(mixed);
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(summary(again), { entries: 8, matched: 0, unmatched: 0, duplicates: 8, ignored: 0 });
    assert.deepEqual(await snapshot(), before);
  });

  test('should complete a partial payment with a later transfer quoting the same reference', async () => {
    const { c } = orders;
    const res = await upload(statement([{ ref: '1', cents: 1000, strd: c.ogm, name: 'Camille Martin' }], { id: 'S2' }));
    assert.deepEqual(summary(res), { entries: 1, matched: 1, unmatched: 0, duplicates: 0, ignored: 0 });
    assert.deepEqual(await orderOf(c), { status: 'accepted', payment_status: 'paid' });
    const events = await paymentEvent(c);
    assert.deepEqual(events.map((e: { data: { paidCents: number } }) => e.data.paidCents), [c.grossCents - 1000, c.grossCents]);
  });
});
