import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { CAMT053_MAX_BYTES, parseCamt053, type StatementEntry } from './camt053.ts';
import { StatementRejected } from './errors.ts';
import { readRemittance } from './references.ts';
import { CAMT053_VERSIONS, camt053, writtenAmount } from '../../test/support/camt053.ts';

const fixture = readFileSync(new URL('./fixtures/statement-mixed.xml', import.meta.url));

/** A small statement of the given message version around some `<Ntry>` elements. */
function camt(version: string, entries: string, prefix = ''): string {
  const p = prefix === '' ? '' : `${prefix}:`;
  const body = `<Document><BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId></GrpHdr><Stmt><Id>S1</Id>
    <Acct><Id><IBAN>BE68539007547034</IBAN></Id></Acct>${entries}</Stmt></BkToCstmrStmt></Document>`;
  const xmlns = `xmlns${prefix === '' ? '' : `:${prefix}`}="urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body.replace(/<(\/?)(\w+)/g, `<$1${p}$2`).replace(`<${p}Document>`, `<${p}Document ${xmlns}>`)}`;
}
const entry = (amount: string, extra = '') =>
  `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-02</Dt></BookgDt>${extra}</Ntry>`;

function rejection(input: string | Uint8Array, options?: { maxBytes?: number }): StatementRejected {
  try {
    parseCamt053(input, options);
  } catch (error) {
    assert.ok(error instanceof StatementRejected, String(error));
    return error;
  }
  assert.fail('expected StatementRejected');
}

const signed = (e: StatementEntry) => (e.creditDebit === 'CRDT' ? e.amountCents : -e.amountCents);

test('should read the statement header, account and balances of the fixture', () => {
  const { version, messageId, statements } = parseCamt053(fixture);
  assert.equal(version, 'camt.053.001.02');
  assert.equal(messageId, 'GEBA-053-20260303-0001');
  assert.equal(statements.length, 1);
  const [statement] = statements;
  assert.ok(statement);
  assert.deepEqual(
    { ...statement, entries: statement.entries.length },
    {
      statementId: 'BE68539007547034-2026-042',
      sequence: '42',
      createdAt: '2026-03-03T06:12:44+01:00',
      iban: 'BE68539007547034',
      currency: 'EUR',
      openingBalanceCents: 100_000,
      closingBalanceCents: 151_830,
      entries: 9,
    },
  );
  // LEGAL.md B3 T-17: the entries reconcile to CLBD − OPBD.
  const net = statement.entries.reduce((sum, e) => sum + signed(e), 0);
  assert.equal(net, 151_830 - 100_000);
});

test('should read each entry of the fixture with the reference that matches it, or none', () => {
  const entries = parseCamt053(fixture).statements[0]?.entries ?? [];
  const summary = entries.map((e) => {
    const reading = readRemittance(e);
    const found = reading.status === 'found' ? `${reading.source} ${reading.references.map((r) => r.value).join(',')}` : reading.status;
    return [e.externalId, e.creditDebit, e.amountCents, found];
  });
  assert.deepEqual(summary, [
    ['20260302-000001', 'CRDT', 9580, 'structured 090933755493'],
    ['20260302-000002', 'CRDT', 4200, 'structured RF18539007547034'],
    ['20260302-000003', 'CRDT', 12000, 'unstructured 202600012320'],
    ['20260302-000004', 'CRDT', 3000, 'invalid'],
    ['20260302-000005', 'CRDT', 5000, 'structured 202600015047'],
    ['20260302-000006', 'CRDT', 15000, 'structured RF34COO2026000140'],
    ['20260302-000007', 'DBIT', 2500, 'none'],
    ['20260302-000008-1', 'CRDT', 2000, 'structured 202600020097'],
    ['20260302-000008-2', 'CRDT', 3550, 'unstructured 202600020101'],
  ]);
});

test('should give the partial and the overpayment of the fixture their balances against what is due', () => {
  const due = new Map([['202600015047', 10_000], ['RF34COO2026000140', 12_000]]);
  const entries = parseCamt053(fixture).statements[0]?.entries ?? [];
  const balance = new Map<string, number>();
  for (const e of entries) {
    const reading = readRemittance(e);
    const reference = reading.status === 'found' ? reading.references[0]?.value : undefined;
    if (reference && due.has(reference)) balance.set(reference, (due.get(reference) ?? 0) - e.amountCents);
  }
  assert.equal(balance.get('202600015047'), 5_000, 'partial payment leaves 50.00 due');
  assert.equal(balance.get('RF34COO2026000140'), -3_000, 'overpayment leaves 30.00 of credit');
});

test('should keep counterparties, dates, end-to-end ids and free text of the fixture', () => {
  const entries = parseCamt053(fixture).statements[0]?.entries ?? [];
  const [first, second, third, , , sixth, debit] = entries;
  assert.deepEqual([first?.debtorName, first?.debtorIban, first?.endToEndId], ['Marie Dupont', 'BE71096123456769', null]);
  assert.equal(second?.endToEndId, 'FACT-2026-0042');
  assert.equal(third?.unstructured, 'Commande +++202/6000/12320+++ merci & à bientôt');
  assert.ok(sixth?.bookingDate?.equals(Temporal.PlainDate.from('2026-03-02')));
  assert.ok(sixth?.valueDate?.equals(Temporal.PlainDate.from('2026-03-03')));
  assert.deepEqual([debit?.creditorName, debit?.creditorIban, debit?.debtorName, debit?.endToEndId], ['Marie Dupont', 'BE71096123456769', null, 'RFND-2026-0007']);
  assert.ok(entries.every((e) => e.status === 'BOOK' && e.currency === 'EUR' && !e.reversal));
});

test('should give the same entries and unique external ids when the same file is read twice', () => {
  const once = parseCamt053(fixture);
  const twice = parseCamt053(fixture.toString('utf8'));
  assert.deepEqual(twice, once);
  const ids = once.statements.flatMap((s) => s.entries.map((e) => e.externalId));
  assert.equal(new Set(ids).size, ids.length);
});

test('should read versions .001.04 and .001.08 and namespace prefixes', () => {
  const v04 = parseCamt053(camt('04', entry('10.00', '<NtryRef>N1</NtryRef><NtryDtls><TxDtls><Amt Ccy="EUR">10.00</Amt><RltdPties><Dbtr><Nm>A</Nm></Dbtr></RltdPties></TxDtls></NtryDtls>'), 'ns2'));
  assert.equal(v04.version, 'camt.053.001.04');
  assert.deepEqual([v04.statements[0]?.entries[0]?.externalId, v04.statements[0]?.entries[0]?.debtorName], ['N1', 'A']);
  const v08 = parseCamt053(
    camt('08', `<Ntry><Amt Ccy="EUR">7.5</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><DtTm>2026-03-02T23:30:00+01:00</DtTm></BookgDt>
      <NtryDtls><TxDtls><RltdPties><Dbtr><Pty><Nm>Société Coopérative</Nm></Pty></Dbtr></RltdPties><RmtInf><Ustrd>rf18 5390 0754 7034</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`),
  );
  const e = v08.statements[0]?.entries[0];
  assert.equal(v08.version, 'camt.053.001.08');
  assert.deepEqual([e?.externalId, e?.status, e?.amountCents, e?.debtorName], ['S1#1', 'BOOK', 750, 'Société Coopérative']);
  assert.equal(e?.bookingDate?.toString(), '2026-03-02');
  assert.deepEqual(readRemittance(e ?? { structuredReference: null, unstructured: '' }), {
    status: 'found', source: 'unstructured', references: [{ kind: 'rf', value: 'RF18539007547034' }],
  });
});

test('should decode the predefined entities and character references, and nothing else', () => {
  const xml = camt('02', entry('1.00', '<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Soci&#233;t&#xE9; &amp; Fils &lt;SC&gt;</Nm></Dbtr></RltdPties><RmtInf><Ustrd>&quot;+++090/9337/55493+++&apos; &#0; &amp;lt;</Ustrd></RmtInf></TxDtls></NtryDtls>'));
  const e = parseCamt053(xml).statements[0]?.entries[0];
  assert.equal(e?.debtorName, 'Société & Fils <SC>');
  assert.equal(e?.unstructured, `"+++090/9337/55493+++' &#0; &lt;`);
});

test('should keep a batch booking whole when its transactions carry no amounts', () => {
  const batch = entry('30.00', '<AcctSvcrRef>B1</AcctSvcrRef><NtryDtls><TxDtls><RmtInf><Ustrd>+++090/9337/55493+++</Ustrd></RmtInf></TxDtls><TxDtls><RmtInf><Ustrd>RF18539007547034</Ustrd></RmtInf></TxDtls></NtryDtls>');
  const entries = parseCamt053(camt('02', batch)).statements[0]?.entries ?? [];
  assert.equal(entries.length, 1);
  assert.deepEqual([entries[0]?.externalId, entries[0]?.amountCents, entries[0]?.unstructured], ['B1', 3000, '+++090/9337/55493+++ RF18539007547034']);
});

test('should refuse DOCTYPE and ENTITY declarations before parsing (entity expansion, XXE)', () => {
  const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Document>&lol2;</Document>`;
  const xxe = `<?xml version="1.0"?><!doctype d [<!entity x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>`;
  for (const xml of [laughs, xxe, camt('02', entry('1.00')).replace('<Document', '<!DOCTYPE Document><Document')]) {
    const error = rejection(xml);
    assert.equal(error.code, 'statement_entities_forbidden');
    assert.equal(error.status, 400);
  }
});

test('should refuse files over the size limit, 10 MB by default', () => {
  assert.equal(CAMT053_MAX_BYTES, 10 * 1024 * 1024);
  const big = new Uint8Array(CAMT053_MAX_BYTES + 1);
  assert.equal(rejection(big).code, 'statement_too_large');
  assert.equal(rejection(big).status, 413);
  assert.equal(rejection(fixture, { maxBytes: 1000 }).code, 'statement_too_large');
  // Counted in UTF-8 bytes, not characters.
  assert.equal(rejection('é'.repeat(600), { maxBytes: 1000 }).code, 'statement_too_large');
});

test('should refuse malformed XML and text that is not UTF-8', () => {
  const cases: [string | Uint8Array, string][] = [
    ['<Document><BkToCstmrStmt></Document>', 'xml'],
    ['<Document/><Document/>', 'xml'],
    ['not xml at all', 'xml'],
    ['', 'xml'],
    [`${'<a>'.repeat(5_000)}${'</a>'.repeat(5_000)}`, 'xml'],
    [new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e]), 'encoding'],
    [camt('02', entry('1.00')).replace('UTF-8', 'ISO-8859-1'), 'encoding'],
  ];
  for (const [input, reason] of cases) {
    const error = rejection(input);
    assert.equal(error.code, 'statement_malformed', String(input).slice(0, 40));
    assert.equal(error.params.reason, reason, String(input).slice(0, 40));
  }
});

test('should refuse well-formed XML that is not a camt.053.001.02–.08 statement', () => {
  const pain = camt('02', '').replaceAll('camt.053.001.02', 'pain.001.001.03');
  const camt052 = camt('02', '').replaceAll('BkToCstmrStmt', 'BkToCstmrAcctRpt').replace('camt.053', 'camt.052');
  for (const xml of [pain, camt052, camt('09', ''), camt('01', ''), camt('02', '').replace(/ xmlns="[^"]*"/, ''), '<html><body/></html>']) {
    const error = rejection(xml);
    assert.equal(error.code, 'statement_not_camt053', xml.slice(0, 120));
    assert.equal(error.status, 422);
  }
});

test('should refuse amounts that are not whole cents and other impossible values', () => {
  const cases: [string, string][] = [
    [entry('12.345'), 'amount_precision'],
    [entry('8.855'), 'amount_precision'],
    [entry('8.850001'), 'amount_precision'],
    [entry('-5.00'), 'amount'],
    [entry('1e3'), 'amount'],
    [entry(''), 'amount_missing'],
    [entry('12345678901234.00'), 'amount'],
    ['<Ntry><Amt Ccy="EUR">1.00</Amt><Sts>BOOK</Sts></Ntry>', 'credit_debit'],
    ['<Ntry><Amt>1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry>', 'currency'],
    [entry('1.00').replace('2026-03-02', '2026-02-30'), 'date'],
    [entry('5.00', '<NtryDtls><TxDtls><Amt Ccy="EUR">5.001</Amt></TxDtls><TxDtls><Amt Ccy="EUR">0</Amt></TxDtls></NtryDtls>'), 'amount_precision'],
  ];
  for (const [ntry, reason] of cases) {
    const error = rejection(camt('02', ntry));
    assert.equal(error.code, 'statement_malformed', ntry);
    assert.equal(error.params.reason, reason, ntry);
  }
  assert.equal(rejection(camt('02', '').replace('<Id>S1</Id>', '')).params.reason, 'statement_id');
});

test('should not let element names reach object prototypes', () => {
  for (const name of ['__proto__', 'constructor']) {
    const hostile = camt('02', entry('1.00', `<${name}><polluted>yes</polluted></${name}>`));
    assert.equal(rejection(hostile).code, 'statement_malformed', name);
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  // Other names of Object.prototype are harmless elements.
  const named = camt('02', entry('1.00', '<toString>y</toString><hasOwnProperty/>'));
  assert.equal(parseCamt053(named).statements[0]?.entries[0]?.amountCents, 100);
});

describe('statements as banks write them, in every version read (issue 8 §13)', () => {
  const NL = 'NL91ABNA0417164300';
  const statements = (v: string) => [
    {
      id: `S-${v}-1`,
      iban: 'BE59000001234526',
      balances: [
        { code: 'OPBD' as const, amount: '1000.000', ccy: 'CHF', date: '2026-03-01' },
        { code: 'CLBD' as const, amount: '1008.85', ccy: 'CHF', date: '2026-03-02' },
      ],
      entries: [
        { amount: '8.850', booked: '2026-03-02T09:30:00+01:00', acctSvcrRef: `A-${v}-1`, debtor: { name: 'Camille Martin' }, reference: '+++090/9337/55493+++' },
        { amount: '12.50000', cd: 'DBIT' as const, booked: '2026-03-02', acctSvcrRef: `A-${v}-2`, ustrd: 'Frais' },
      ],
    },
    { id: `S-${v}-2`, iban: NL, balances: [{ code: 'PRCD' as const, amount: '5.0', ccy: 'USD', cd: 'DBIT' as const, date: '2026-03-02' }], entries: [{ amount: '0.1000', booked: '2026-03-03T23:59:59', acctSvcrRef: `B-${v}-1`, debtor: { name: 'Jan de Vries' } }] },
  ];

  for (const v of CAMT053_VERSIONS) {
    test(`should read camt.053.001.${v}: several statements, foreign-currency balances, trailing zeros, date-time bookings`, () => {
      const doc = parseCamt053(camt053(v, statements(v)));
      assert.equal(doc.version, `camt.053.001.${v}`);
      assert.deepEqual(
        doc.statements.map((s) => [s.statementId, s.iban, s.sequence, s.openingBalanceCents, s.closingBalanceCents]),
        [
          [`S-${v}-1`, 'BE59000001234526', '1', 100_000, 100_885],
          [`S-${v}-2`, NL, '2', -500, null],
        ],
      );
      const entries = doc.statements.flatMap((s) => s.entries);
      assert.deepEqual(
        entries.map((e) => [e.externalId, e.amountCents, e.creditDebit, e.status, e.bookingDate?.toString(), e.debtorName]),
        [
          [`A-${v}-1`, 885, 'CRDT', 'BOOK', '2026-03-02', 'Camille Martin'],
          [`A-${v}-2`, 1250, 'DBIT', 'BOOK', '2026-03-02', null],
          [`B-${v}-1`, 10, 'CRDT', 'BOOK', '2026-03-03', 'Jan de Vries'],
        ],
      );
      assert.equal(entries[0]?.structuredReference, '+++090/9337/55493+++');
    });

    test(`should refuse camt.053.001.${v} with an amount that is not whole cents, or without any statement`, () => {
      const broken = statements(v);
      const first = broken[0]?.entries[0];
      assert.ok(first);
      first.amount = '8.855';
      const precision = rejection(camt053(v, broken));
      assert.deepEqual([precision.code, precision.params.reason, precision.params.value], ['statement_malformed', 'amount_precision', '8.855']);
      const empty = rejection(camt053(v, []));
      assert.deepEqual([empty.code, empty.status], ['statement_empty', 422]);
    });
  }

  test('should write amounts with any precision from cents', () => {
    assert.deepEqual([writtenAmount(885, 3), writtenAmount(885, 5), writtenAmount(5, 4), writtenAmount(120000)], ['8.850', '8.85000', '0.0500', '1200.00']);
    for (const digits of [2, 3, 4, 5] as const) {
      const doc = parseCamt053(camt053('04', [{ id: 'S', iban: NL, entries: [{ amount: writtenAmount(123_456, digits), booked: '2026-03-02', acctSvcrRef: 'R' }] }]));
      assert.equal(doc.statements[0]?.entries[0]?.amountCents, 123_456, `${digits} digits`);
    }
  });
});
