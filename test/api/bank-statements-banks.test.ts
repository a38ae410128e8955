/**
 * Issue 8 §13, API `POST /shops/{shop}/bank-statements`: statements as banks write them, in every
 * camt.053 version the parser reads — several statements in one file, balances in another
 * currency, booking dates as date-times, amounts with trailing zeros — pay Coopso's orders; a
 * file without a statement, an amount that is not whole cents and a statement of another account
 * are refused whole, changing nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { issueApiToken } from '../../src/accounts/service.ts';
import { CAMT053_VERSIONS, type CamtStatement, type CamtVersion, camt053, writtenAmount } from '../support/camt053.ts';
import { bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

const COOPSO = 'BE59000001234526';
const DUTCH = 'NL91ABNA0417164300';
const SWISS = 'CH9300762011623852957';

let p: TestPlatform;
let staff = '';
let customer = '';
let version = '';

type Placed = { id: string; grossCents: number; reference: string };

async function place(sku: string): Promise<Placed> {
  const productId = await productIdBySku(p, 'coopso', sku);
  const res = await p.app.inject({
    method: 'POST', url: '/api/v1/shops/coopso/orders', headers: bearer(customer),
    payload: { lines: [{ productId, quantity: 1 }], acceptedTerms: { version }, delivery: { mode: 'pickup', pickupPointId: '0' }, paymentMethod: 'bank_transfer' },
  });
  assert.equal(res.statusCode, 201, res.body);
  const row = await p.database.db.selectFrom('orders').select('payment_reference').where('shop_id', '=', 'coopso').where('id', '=', res.json().id).executeTakeFirstOrThrow();
  assert.ok(row.payment_reference, 'a Coopso order carries an OGM');
  return { id: res.json().id, grossCents: res.json().totals.grossCents, reference: row.payment_reference };
}

const upload = (xml: string) =>
  p.app.inject({ method: 'POST', url: '/api/v1/shops/coopso/bank-statements', headers: { ...bearer(staff), 'content-type': 'application/xml' }, payload: xml });

async function counts() {
  const db = p.database.db;
  const n = async (table: 'bank_entries' | 'order_payments' | 'statement_imports') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { entries: await n('bank_entries'), payments: await n('order_payments'), imports: await n('statement_imports') };
}

const paymentOf = (o: Placed) =>
  p.database.db
    .selectFrom('orders')
    .innerJoin('order_payments', (j) => j.onRef('order_payments.shop_id', '=', 'orders.shop_id').onRef('order_payments.order_id', '=', 'orders.id'))
    .select(['orders.status', 'orders.payment_status', 'order_payments.amount_cents', 'order_payments.received_on'])
    .where('orders.shop_id', '=', 'coopso')
    .where('orders.id', '=', o.id)
    .execute();

/** Coopso's statements for two days, balances in Swiss francs, amounts as `digits` decimals. */
function twoDays(v: string, a: Placed, b: Placed, digits: 3 | 4 | 5): CamtStatement[] {
  return [
    {
      id: `COOPSO-${v}-1`, iban: COOPSO,
      balances: [{ code: 'OPBD', amount: '100.000', ccy: 'CHF', date: '2026-03-01' }, { code: 'CLBD', amount: writtenAmount(10_000 + a.grossCents, digits), ccy: 'CHF', date: '2026-03-02' }],
      entries: [{ amount: writtenAmount(a.grossCents, digits), booked: '2026-03-02T10:15:00+01:00', acctSvcrRef: `${v}-A`, debtor: { name: 'Camille Martin', iban: DUTCH }, reference: a.reference }],
    },
    {
      id: `COOPSO-${v}-2`, iban: COOPSO,
      balances: [{ code: 'PRCD', amount: '0.10000', ccy: 'USD', cd: 'DBIT', date: '2026-03-02' }],
      entries: [{ amount: writtenAmount(b.grossCents, digits), booked: '2026-03-03T00:05:00', acctSvcrRef: `${v}-B`, debtor: { name: 'Camille Martin' }, ustrd: `Commande ${b.reference}` }],
    },
  ];
}

before(async () => {
  p = await startPlatform({}, { stripe: false });
  const row = await p.database.db.selectFrom('staff').select(['id', 'name']).where('shop_id', '=', 'coopso').executeTakeFirstOrThrow();
  staff = await issueApiToken({ db: p.database.db, clock: p.clock }, { kind: 'staff', shopId: 'coopso', id: row.id, name: row.name }, 'test', 1);
  customer = await customerToken(p, 'coopso', 'releves@coopso.example');
  version = await termsVersion(p, 'coopso');
});
after(async () => p.stop());

describe('bank statements as banks write them (issue 8 §13)', () => {
  for (const [i, v] of CAMT053_VERSIONS.entries()) {
    const digits = ([3, 4, 5] as const)[i % 3] ?? 3;
    test(`should pay Coopso's orders from a camt.053.001.${v} file of two statements, amounts with ${digits} decimals`, async () => {
      const a = await place('CALC-SCI');
      const b = await place('ATLAS-SCOL');
      const res = await upload(camt053(v, twoDays(v, a, b, digits)));
      assert.equal(res.statusCode, 200, res.body);
      const { importId: _, ...summary } = res.json();
      assert.deepEqual(summary, { entries: 2, matched: 2, unmatched: 0, duplicates: 0, ignored: 0 });
      assert.deepEqual(await paymentOf(a), [{ status: 'accepted', payment_status: 'paid', amount_cents: a.grossCents, received_on: '2026-03-02' }]);
      assert.deepEqual(await paymentOf(b), [{ status: 'accepted', payment_status: 'paid', amount_cents: b.grossCents, received_on: '2026-03-03' }]);
    });
  }

  test('should refuse an amount that is not whole cents, whatever the version, changing nothing', async () => {
    const a = await place('CALC-SCI');
    const before = await counts();
    for (const v of CAMT053_VERSIONS) {
      const statements = twoDays(`X${v}`, a, a, 3);
      const entry = statements[1]?.entries[0];
      assert.ok(entry);
      entry.amount = '8.855';
      const res = await upload(camt053(v, statements));
      assert.equal(res.statusCode, 400, res.body);
      assert.deepEqual([res.json().error.code, res.json().error.message], ['statement_malformed', 'Ce relevé bancaire est illisible ou mal formé (amount_precision) ; rien n’a été importé.']);
    }
    assert.deepEqual(await counts(), before);
    assert.deepEqual(await paymentOf(a), []);
  });

  test('should refuse a file without any statement with 422 statement_empty, in every version', async () => {
    const before = await counts();
    for (const v of CAMT053_VERSIONS) {
      const res = await upload(camt053(v, []));
      assert.equal(res.statusCode, 422, res.body);
      assert.equal(res.json().error.code, 'statement_empty');
      assert.match(res.json().error.message, /ne contient aucun relevé/);
    }
    assert.deepEqual(await counts(), before, 'no import recorded');
  });

  test('should refuse statements of a Dutch and a Swiss account with 422 statement_wrong_account naming both accounts, even beside Coopso’s', async () => {
    const a = await place('SAC-DOS');
    const before = await counts();
    const credit = (ref: string) => ({ amount: writtenAmount(a.grossCents, 3), booked: '2026-03-02T08:00:00+01:00', acctSvcrRef: ref, debtor: { name: 'Camille Martin' }, reference: a.reference });
    const cases: [CamtVersion, CamtStatement[], string][] = [
      ['08', [{ id: 'NL-1', iban: DUTCH, entries: [credit('NL-1')] }], 'NL91 ABNA 0417 1643 00'],
      ['04', [{ id: 'CH-1', iban: SWISS, balances: [{ code: 'OPBD', amount: '10.00', ccy: 'CHF', date: '2026-03-01' }], entries: [credit('CH-1')] }], 'CH93 0076 2011 6238 5295 7'],
      ['02', [{ id: 'OK-1', iban: COOPSO, entries: [credit('OK-1')] }, { id: 'NL-2', iban: DUTCH, entries: [] }], 'NL91 ABNA 0417 1643 00'],
    ];
    for (const [v, statements, account] of cases) {
      const res = await upload(camt053(v, statements));
      assert.equal(res.statusCode, 422, res.body);
      const { code, message } = res.json().error;
      assert.equal(code, 'statement_wrong_account');
      assert.ok(message.includes(account), message);
      assert.ok(message.includes('BE59 0000 0123 4526'), message);
    }
    assert.deepEqual(await counts(), before, 'nothing imported, not even Coopso’s own statement beside the others');
    assert.deepEqual(await paymentOf(a), []);
  });
});
