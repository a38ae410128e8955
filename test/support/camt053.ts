/**
 * Writes camt.053 statements as banks do, in every message version the parser reads
 * (src/payments/camt053.ts: camt.053.001.02 to .08), with what changes between versions:
 * `Sts` is a code up to .06 and a choice (`Sts/Cd`) from .07; a party's name is `Nm` up to .07
 * and `Pty/Nm` from .08; a transaction's amount is `AmtDtls/TxAmt/Amt` in .02 and `Amt` from .03.
 *
 * Amounts are given as written (`'8.850'`), so tests can use any precision a bank might.
 */
export const CAMT053_VERSIONS = ['02', '03', '04', '05', '06', '07', '08'] as const;
export type CamtVersion = (typeof CAMT053_VERSIONS)[number];

export type CamtBalance = { code: 'OPBD' | 'PRCD' | 'CLBD'; amount: string; ccy: string; cd?: 'CRDT' | 'DBIT'; date: string };

export type CamtEntry = {
  amount: string;
  ccy?: string;
  cd?: 'CRDT' | 'DBIT';
  status?: 'BOOK' | 'PDNG';
  /** `YYYY-MM-DD` is written as `Dt`; anything with a `T` as `DtTm`. */
  booked: string;
  acctSvcrRef: string;
  debtor?: { name: string; iban?: string };
  /** A structured creditor reference (OGM, RF). */
  reference?: string;
  ustrd?: string;
};

export type CamtStatement = { id: string; iban: string; ccy?: string; created?: string; balances?: CamtBalance[]; entries: CamtEntry[] };

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (v: CamtVersion) => Number(v);

function date(tag: string, value: string): string {
  return `<${tag}>${value.includes('T') ? `<DtTm>${value}</DtTm>` : `<Dt>${value}</Dt>`}</${tag}>`;
}

function balance(b: CamtBalance): string {
  return `<Bal><Tp><CdOrPrtry><Cd>${b.code}</Cd></CdOrPrtry></Tp><Amt Ccy="${b.ccy}">${b.amount}</Amt><CdtDbtInd>${b.cd ?? 'CRDT'}</CdtDbtInd>${date('Dt', b.date)}</Bal>`;
}

function txDetails(v: CamtVersion, e: CamtEntry): string {
  const ccy = e.ccy ?? 'EUR';
  const amount = num(v) >= 3 ? `<Amt Ccy="${ccy}">${e.amount}</Amt>` : `<AmtDtls><TxAmt><Amt Ccy="${ccy}">${e.amount}</Amt></TxAmt></AmtDtls>`;
  const name = (n: string) => (num(v) >= 8 ? `<Pty><Nm>${xmlText(n)}</Nm></Pty>` : `<Nm>${xmlText(n)}</Nm>`);
  const parties = e.debtor ? `<RltdPties><Dbtr>${name(e.debtor.name)}</Dbtr>${e.debtor.iban ? `<DbtrAcct><Id><IBAN>${e.debtor.iban}</IBAN></Id></DbtrAcct>` : ''}</RltdPties>` : '';
  const strd = e.reference ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${e.reference}</Ref></CdtrRefInf></Strd>` : '';
  const ustrd = e.ustrd ? `<Ustrd>${xmlText(e.ustrd)}</Ustrd>` : '';
  return `<NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>${amount}${parties}${ustrd || strd ? `<RmtInf>${ustrd}${strd}</RmtInf>` : ''}</TxDtls></NtryDtls>`;
}

function entry(v: CamtVersion, e: CamtEntry): string {
  const status = num(v) >= 7 ? `<Sts><Cd>${e.status ?? 'BOOK'}</Cd></Sts>` : `<Sts>${e.status ?? 'BOOK'}</Sts>`;
  return `<Ntry><Amt Ccy="${e.ccy ?? 'EUR'}">${e.amount}</Amt><CdtDbtInd>${e.cd ?? 'CRDT'}</CdtDbtInd>${status}${date('BookgDt', e.booked)}${date('ValDt', e.booked.slice(0, 10))}<AcctSvcrRef>${e.acctSvcrRef}</AcctSvcrRef>${txDetails(v, e)}</Ntry>`;
}

function statement(s: CamtStatement, v: CamtVersion, seq: number): string {
  return `<Stmt><Id>${s.id}</Id><ElctrncSeqNb>${seq}</ElctrncSeqNb><CreDtTm>${s.created ?? '2026-03-03T06:12:44+01:00'}</CreDtTm><Acct><Id><IBAN>${s.iban}</IBAN></Id><Ccy>${s.ccy ?? 'EUR'}</Ccy></Acct>${(s.balances ?? []).map(balance).join('')}${s.entries.map((e) => entry(v, e)).join('')}</Stmt>`;
}

/** A whole camt.053 file of `version` holding `statements` (none, to test a file without one). */
export function camt053(version: CamtVersion, statements: readonly CamtStatement[], messageId = `MSG-${version}`): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><BkToCstmrStmt><GrpHdr><MsgId>${messageId}</MsgId><CreDtTm>2026-03-03T06:12:44+01:00</CreDtTm></GrpHdr>${statements.map((s, i) => statement(s, version, i + 1)).join('')}</BkToCstmrStmt></Document>`;
}

/** Cents written with `digits` fraction digits, trailing zeros as some banks do: 885, 5 → `8.85000`. */
export function writtenAmount(cents: number, digits: 2 | 3 | 4 | 5 = 2): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0').padEnd(digits, '0')}`;
}
