/**
 * Issue 4 §2: credits no reference matched wait in a queue, with why and with suggested orders;
 * staff match one to an order (API and back-office pages), and of two staff matching the same
 * credit at once one wins and the other gets 409. Statement uploads through the back office
 * answer at once and show their progress; an import a crash left running is resumed.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { issueApiToken } from '../../src/accounts/service.ts';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { getShop } from '../../src/shops/service.ts';
import { orderSide } from '../../src/flows/record-payment.ts';
import { beginImport } from '../../src/payments/import-statement.ts';
import { importRunner } from '../../src/payments/import-runner.ts';
import { findImport } from '../../src/payments/statement-imports.ts';
import { formatOgm, parsePaymentReference } from '../../src/payments/references.ts';
import { FormClient } from '../support/form-client.ts';
import { bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

let p: TestPlatform;
let staff: string;
type Placed = { id: string; number: string; grossCents: number; ogm: string };
let x: Placed;
let y: Placed;
let z: Placed;

async function staffToken(shop: string): Promise<string> {
  const row = await p.database.db.selectFrom('staff').select(['id', 'name']).where('shop_id', '=', shop).executeTakeFirstOrThrow();
  return issueApiToken({ db: p.database.db, clock: p.clock }, { kind: 'staff', shopId: shop, id: row.id, name: row.name }, 'test', 1);
}

async function place(token: string, sku: string, quantity: number): Promise<Placed> {
  const res = await p.app.inject({
    method: 'POST', url: '/api/v1/shops/coopso/orders', headers: bearer(token),
    payload: { lines: [{ productId: await productIdBySku(p, 'coopso', sku), quantity }], acceptedTerms: { version: await termsVersion(p, 'coopso') }, delivery: { mode: 'pickup', pickupPointId: '0' }, paymentMethod: 'bank_transfer' },
  });
  assert.equal(res.statusCode, 201, res.body);
  const o = res.json();
  const check = parsePaymentReference(String(o.payment.reference));
  assert.ok(check.ok);
  return { id: o.id, number: o.number, grossCents: o.totals.grossCents, ogm: check.reference.value };
}

const euros = (c: number) => (c / 100).toFixed(2);
type Ntry = { ref: string; cents: number; strd?: string; ustrd?: string; name: string };
function statement(id: string, entries: Ntry[]): string {
  const ntries = entries.map(
    (e) => `<Ntry><Amt Ccy="EUR">${euros(e.cents)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-09</Dt></BookgDt>
      <AcctSvcrRef>${id}-${e.ref}</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Nm>${e.name}</Nm></Dbtr></RltdPties><RmtInf>
      ${e.strd ? `<Strd><CdtrRefInf><Ref>${e.strd}</Ref></CdtrRefInf></Strd>` : ''}${e.ustrd ? `<Ustrd>${e.ustrd}</Ustrd>` : ''}</RmtInf></TxDtls></NtryDtls></Ntry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
  <GrpHdr><MsgId>${id}</MsgId><CreDtTm>2026-03-10T06:00:00+01:00</CreDtTm></GrpHdr><Stmt><Id>${id}</Id>
  <Acct><Id><IBAN>BE59000001234526</IBAN></Id><Ccy>EUR</Ccy></Acct>${ntries.join('')}</Stmt></BkToCstmrStmt></Document>`;
}

const api = (method: 'GET' | 'POST', url: string, token = staff, payload?: unknown) =>
  p.app.inject({ method, url: `/api/v1/shops/coopso${url}`, headers: bearer(token), ...(payload !== undefined && { payload: payload as Record<string, unknown> }) });

type Item = { id: string; reason: string; amountCents: number; referenceStatus: string; suggestions: { orderId: string; number: string; score: number; sameAmount: boolean; nameWords: number }[] };
const queue = async (): Promise<Item[]> => (await api('GET', '/bank-entries?status=unmatched')).json().items;

/** A multipart/form-data body with the CSRF token and one file, as a browser sends the upload form. */
function multipart(csrf: string, file: { name: string; content: string } | null) {
  const boundary = `----comptoir${randomUUID()}`;
  const parts = [`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`];
  if (file) parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="statement"; filename="${file.name}"\r\nContent-Type: application/xml\r\n\r\n${file.content}\r\n`);
  parts.push(`--${boundary}--\r\n`);
  return { payload: parts.join(''), contentType: `multipart/form-data; boundary=${boundary}` };
}

before(async () => {
  p = await startPlatform();
  staff = await staffToken('coopso');
  const token = await customerToken(p, 'coopso', 'file@coopso.example');
  x = await place(token, 'CALC-SCI', 1);
  y = await place(token, 'ATLAS-SCOL', 1);
  z = await place(token, 'SAC-DOS', 1);
  const wrong = `${y.ogm.slice(0, 10)}${String((Number(y.ogm.slice(10)) % 97) + 1).padStart(2, '0')}`;
  const res = await p.app.inject({
    method: 'POST', url: '/api/v1/shops/coopso/bank-statements', headers: { ...bearer(staff), 'content-type': 'application/xml' },
    payload: statement('Q1', [
      { ref: '1', cents: x.grossCents, ustrd: 'commande de septembre', name: 'MARTIN Camille' },
      { ref: '2', cents: y.grossCents, strd: wrong, name: 'Camille Martin' },
    ]),
  });
  assert.equal(res.statusCode, 200, res.body);
});
after(async () => p.stop());

describe('the queue of unmatched credits', () => {
  test('should list each unmatched credit with why and the orders it may pay, for the shop’s staff only', async () => {
    const items = await queue();
    assert.deepEqual(items.map((i) => [i.amountCents, i.referenceStatus, i.reason]), [[x.grossCents, 'none', 'no_reference'], [y.grossCents, 'invalid', 'check_digits']]);
    assert.deepEqual(items[0]?.suggestions[0], { orderId: x.id, number: x.number, score: 4, sameAmount: true, nameWords: 2 });
    assert.equal((await api('GET', '/bank-entries', await staffToken('coopo'))).statusCode, 403);
    assert.equal((await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopso/bank-entries' })).statusCode, 401);
  });

  test('should record one payment when two staff match the same credit at once, the other getting 409', async () => {
    const [entry] = await queue();
    assert.ok(entry);
    const both = await Promise.all([api('POST', `/bank-entries/${entry.id}/match`, staff, { orderId: x.id }), api('POST', `/bank-entries/${entry.id}/match`, staff, { orderId: x.id })]);
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 409]);
    const won = both.find((r) => r.statusCode === 200);
    assert.deepEqual((({ status, orderId, amountCents }) => ({ status, orderId, amountCents }))(won?.json()), { status: 'matched', orderId: x.id, amountCents: x.grossCents });
    assert.match(won?.json().matchedBy, /^staff:/);
    assert.equal(both.find((r) => r.statusCode === 409)?.json().error.code, 'bank_entry_already_matched');
    const db = p.database.db;
    const payments = await db.selectFrom('order_payments').select(['amount_cents', 'method']).where('shop_id', '=', 'coopso').where('order_id', '=', x.id).execute();
    assert.deepEqual(payments.map((r) => [Number(r.amount_cents), r.method]), [[x.grossCents, 'bank_transfer']]);
    const order = await db.selectFrom('orders').select(['status', 'payment_status']).where('id', '=', x.id).executeTakeFirstOrThrow();
    assert.deepEqual(order, { status: 'accepted', payment_status: 'paid' });
    const mails = await db.selectFrom('outbox').select('subject').where('to_address', '=', 'file@coopso.example').where('subject', 'like', `%${x.number}%`).where('subject', 'like', '%paiement reçu%').execute();
    assert.equal(mails.length, 1);
    assert.equal((await queue()).length, 1);
  });

  test('should answer 404 for an unknown credit or order and 422 for an order not awaiting payment, changing nothing', async () => {
    const [entry] = await queue();
    assert.ok(entry);
    assert.equal((await api('POST', `/bank-entries/${randomUUID()}/match`, staff, { orderId: y.id })).statusCode, 404);
    assert.equal((await api('POST', '/bank-entries/not-an-id/match', staff, { orderId: y.id })).statusCode, 404);
    assert.equal((await api('POST', `/bank-entries/${entry.id}/match`, staff, { orderId: randomUUID() })).statusCode, 404);
    const paid = await api('POST', `/bank-entries/${entry.id}/match`, staff, { orderId: x.id });
    assert.equal(paid.statusCode, 422, paid.body);
    assert.equal(paid.json().error.code, 'order_not_awaiting_payment');
    assert.equal((await api('POST', `/bank-entries/${entry.id}/match`, staff, {})).statusCode, 400);
    assert.equal((await api('POST', `/bank-entries/${entry.id}/match`, await staffToken('coopo'), { orderId: y.id })).statusCode, 403);
    assert.equal((await queue()).length, 1);
  });
});

describe('the back-office bank pages', () => {
  let client: FormClient;
  before(async () => {
    client = new FormClient(p.app);
    const login = await client.submit('/shops/coopso/staff/login', '/shops/coopso/staff/login', { email: 'staff@coopso.example', password: DEMO_PASSWORD });
    assert.equal(login.statusCode, 303, login.body);
  });

  const cookie = () => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  async function uploadPage(file: { name: string; content: string } | null) {
    const page = await client.get('/shops/coopso/staff/bank');
    const csrf = /name="_csrf" value="([^"]*)"/.exec(page.body)?.[1] ?? '';
    const body = multipart(csrf, file);
    return p.app.inject({ method: 'POST', url: '/shops/coopso/staff/bank/imports', headers: { cookie: cookie(), 'content-type': body.contentType }, payload: body.payload });
  }

  test('should link the bank page from the dashboard and refuse a bad file with a clear error, creating no import', async () => {
    assert.match((await client.get('/shops/coopso/staff')).body, /href="\/shops\/coopso\/staff\/bank">Relevés bancaires</);
    const before = await p.database.db.selectFrom('statement_imports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const hostile = await uploadPage({ name: 'bomb.xml', content: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "a">]><Document>&a;</Document>' });
    assert.equal(hostile.statusCode, 400);
    assert.match(hostile.body, /déclarations XML interdites/);
    const none = await uploadPage(null);
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Choisissez le fichier du relevé/);
    const after = await p.database.db.selectFrom('statement_imports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
    assert.equal((await p.app.inject({ method: 'GET', url: '/shops/coopso/staff/bank' })).headers.location, '/shops/coopso/staff/login');
  });

  test('should answer an upload at once with the import’s page, which shows progress until done', async () => {
    const res = await uploadPage({ name: 'releve-mars.xml', content: statement('Q2', [{ ref: '1', cents: z.grossCents, strd: formatOgm(z.ogm), name: 'Camille Martin' }]) });
    assert.equal(res.statusCode, 303, res.body);
    const location = String(res.headers.location);
    assert.match(location, /^\/shops\/coopso\/staff\/bank\/imports\/[0-9a-f-]{36}$/);
    let page = await client.get(location);
    for (let i = 0; i < 50 && page.body.includes('Import en cours'); i++) {
      assert.equal(page.headers.refresh, '2');
      await new Promise((resolve) => setTimeout(resolve, 100));
      page = await client.get(location);
    }
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Import terminé/);
    assert.match(page.body, /<progress id="import-progress" max="1" value="1">/);
    assert.match(page.body, /releve-mars\.xml/);
    assert.equal(page.headers.refresh, undefined);
    const id = location.split('/').pop() ?? '';
    const json = await api('GET', `/bank-statements/imports/${id}`);
    assert.deepEqual((({ status, matched, totalEntries }) => ({ status, matched, totalEntries }))(json.json()), { status: 'done', matched: 1, totalEntries: 1 });
    assert.equal((await api('GET', `/bank-statements/imports/${id}`, await staffToken('coopo'))).statusCode, 403);
    assert.equal((await api('GET', `/bank-statements/imports/${randomUUID()}`)).statusCode, 404);
  });

  test('should match a queued credit to the order number staff type', async () => {
    const page = await client.get('/shops/coopso/staff/bank/queue');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /chiffres de contrôle erronés/);
    const [entry] = await queue();
    assert.ok(entry);
    const wrongNumber = await client.submit('/shops/coopso/staff/bank/queue', `/shops/coopso/staff/bank/entries/${entry.id}/match`, { number: 'COOPSO-0000-000000' });
    assert.equal(wrongNumber.statusCode, 404);
    assert.match(wrongNumber.body, /Aucune commande de cette boutique ne porte ce numéro/);
    const res = await client.submit('/shops/coopso/staff/bank/queue', `/shops/coopso/staff/bank/entries/${entry.id}/match`, { number: y.number });
    assert.equal(res.statusCode, 303, res.body);
    const done = await client.get(String(res.headers.location));
    assert.match(done.body, new RegExp(`Écriture rapprochée de la commande ${y.number}`));
    assert.match(done.body, /Aucun crédit n’attend de rapprochement/);
    const order = await p.database.db.selectFrom('orders').select('payment_status').where('id', '=', y.id).executeTakeFirstOrThrow();
    assert.equal(order.payment_status, 'paid');
  });
});

describe('an import left running by a crash', () => {
  test('should be resumed and finished, counting each entry once', async () => {
    const deps = { db: p.database.db, clock: p.clock, orders: orderSide };
    const shop = await getShop(deps.db, 'coopso');
    const xml = statement('Q3', [1, 2, 3].map((n) => ({ ref: String(n), cents: 100 * n, ustrd: 'don', name: 'Anonyme' })));
    // The upload was acknowledged, then the process stopped before any chunk ran.
    const { id } = await beginImport(deps, shop, xml, { filename: 'q3.xml', actor: 'test' });
    assert.equal((await findImport(deps.db, 'coopso', id))?.status, 'running');
    const runner = importRunner(deps, (error) => assert.fail(String(error)));
    await runner.resumeRunning();
    await runner.drain();
    const progress = await findImport(deps.db, 'coopso', id);
    assert.deepEqual(
      progress && (({ status, processedEntries, unmatched, duplicates }) => ({ status, processedEntries, unmatched, duplicates }))(progress),
      { status: 'done', processedEntries: 3, unmatched: 3, duplicates: 0 },
    );
  });
});
