/**
 * Reads an ISO 20022 bank-to-customer statement (camt.053, `BkToCstmrStmt`, message versions
 * .001.02 to .001.08) into the fields reconciliation needs (LEGAL.md §A10): per statement its Id,
 * sequence, account IBAN and balances; per entry the bank's reference, dates, amount in cents,
 * direction, counterparty and the remittance information that carries the customer's reference.
 *
 * Pure: takes the uploaded bytes, returns values or throws StatementRejected. Hostile input is
 * refused before parsing: files over the size limit, and any DOCTYPE or ENTITY declaration
 * (ISO 20022 messages never need one; refusing them rules out entity expansion and external
 * entities). Matching the references to orders is the caller's job.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Temporal } from 'temporal-polyfill';
import { type Cents, cents } from '../kernel/money.ts';
import { isStorableText } from '../kernel/validation.ts';
import { StatementRejected } from './errors.ts';
import { arr, attr, child, node, text, textOf, type XmlNode } from './xml-nodes.ts';

export const CAMT053_MAX_BYTES = 10 * 1024 * 1024;

export type CreditDebit = 'CRDT' | 'DBIT';

export type StatementEntry = {
  /**
   * The key that makes imports idempotent, unique within the statement's account: the bank's
   * `AcctSvcrRef`, else `NtryRef`, else `<statement Id>#<entry position>`. A batch booking split
   * into its transactions gets the transaction's `AcctSvcrRef`, else `<entry key>/<n>`.
   */
  externalId: string;
  accountServicerRef: string | null;
  entryRef: string | null;
  /** `Refs/EndToEndId`, the payer's own id; null when absent or `NOTPROVIDED`. */
  endToEndId: string | null;
  /** BOOK (booked), PDNG (pending) or INFO; only booked entries are final. */
  status: string;
  bookingDate: Temporal.PlainDate | null;
  valueDate: Temporal.PlainDate | null;
  /** Always positive; `creditDebit` gives the direction. */
  amountCents: Cents;
  currency: string;
  creditDebit: CreditDebit;
  /** `RvslInd`: the entry cancels an earlier one. */
  reversal: boolean;
  debtorName: string | null;
  debtorIban: string | null;
  creditorName: string | null;
  creditorIban: string | null;
  /** `RmtInf/Strd/CdtrRefInf/Ref` as the bank wrote it, unchecked: an OGM, an RF, or a typo. */
  structuredReference: string | null;
  /** The `RmtInf/Ustrd` lines joined by a space ('' when none). */
  unstructured: string;
};

export type BankStatement = {
  statementId: string;
  /** `ElctrncSeqNb`, else `LglSeqNb`. */
  sequence: string | null;
  createdAt: string | null;
  iban: string | null;
  currency: string | null;
  /** Signed (debit negative) opening (OPBD, else PRCD) and closing (CLBD) booked balances. */
  openingBalanceCents: Cents | null;
  closingBalanceCents: Cents | null;
  entries: StatementEntry[];
};

export type Camt053Document = {
  /** `camt.053.001.02` … `camt.053.001.08`. */
  version: string;
  messageId: string | null;
  statements: BankStatement[];
};

const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:(camt\.053\.001\.0[2-8])$/;
const REPEATED = new Set(['Stmt', 'Bal', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd']);

const malformed = (reason: string, params: Record<string, string | number> = {}) =>
  new StatementRejected('statement_malformed', { reason, ...params });

/** Bytes to text: size first, then strict UTF-8 (ISO 20022 XML is UTF-8). */
function decode(input: string | Uint8Array, maxBytes: number): string {
  // A string's UTF-8 size is at least its length, so a long string needs no counting.
  const tooLarge = typeof input === 'string' ? input.length > maxBytes || Buffer.byteLength(input) > maxBytes : input.byteLength > maxBytes;
  if (tooLarge) throw new StatementRejected('statement_too_large', { max: maxBytes });
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw malformed('encoding');
  }
}

/**
 * XML 1.0 §2.2 Char: no C0 control but tab, LF and CR, and no lone surrogate. fast-xml-parser's
 * validator lets a NUL through, which PostgreSQL then refuses in text (issue 8 §9).
 */
function hasNonXmlChar(xml: string): boolean {
  for (let i = 0; i < xml.length; i++) {
    const code = xml.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return true;
  }
  return !isStorableText(xml);
}

function parseXml(xml: string): { rootName: string; tree: XmlNode } {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new StatementRejected('statement_entities_forbidden');
  if (hasNonXmlChar(xml)) throw malformed('xml');
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']*)["']/.exec(xml)?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared)) throw malformed('encoding', { encoding: declared });
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw malformed('xml', { line: valid.err.line ?? 0, col: valid.err.col ?? 0 });
  let rootName = '';
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    // Decoded by xml-nodes.ts: the predefined entities and character references only.
    processEntities: false,
    // Element names lose their namespace prefix; the root's full name is kept to find its namespace.
    transformTagName: (name) => {
      if (rootName === '') rootName = name;
      return name.replace(/^[^:]*:/, '');
    },
    isArray: (name) => REPEATED.has(name),
  });
  let tree: unknown;
  try {
    tree = parser.parse(xml);
  } catch {
    // Also fast-xml-parser's own refusals: nesting over 100 levels, names such as `__proto__`.
    throw malformed('xml');
  }
  const top = node(tree) ?? {};
  // The validator lets some documents with two root elements through.
  if (Object.keys(top).length !== 1 || Object.values(top).some(Array.isArray)) throw malformed('xml');
  return { rootName, tree: top };
}

/** The `BkToCstmrStmt` element and the message version, or statement_not_camt053. */
function camtBody(rootName: string, tree: XmlNode): { body: XmlNode; version: string } {
  const prefix = rootName.includes(':') ? rootName.slice(0, rootName.indexOf(':')) : '';
  const document = child(tree, 'Document');
  const namespace = attr(document, prefix === '' ? 'xmlns' : `xmlns:${prefix}`) ?? '';
  const version = NAMESPACE.exec(namespace)?.[1];
  const body = child(document, 'BkToCstmrStmt');
  if (!document || !version || !body) throw new StatementRejected('statement_not_camt053', { root: rootName, namespace });
  return { body, version };
}

/**
 * ISO 20022 amounts (`ActiveOrHistoricCurrencyAndAmount`) are decimals with up to 5 fraction
 * digits, and banks write euro amounts with trailing zeros (`8.850`, `8.85000`): what counts is
 * the value, which must be whole cents (ISO 4217: the euro's minor unit is 2 digits). `8.855`
 * means a broken file rather than a rounding to choose. Up to 13 integer digits stay exact.
 */
function amountCents(value: string | undefined, where: string): Cents {
  if (value === undefined) throw malformed('amount_missing', { where });
  const match = /^(\d{1,13})(?:\.(\d{1,5}))?$/.exec(value);
  if (!match) throw malformed(/^\d+\.\d{6,}$/.test(value) ? 'amount_precision' : 'amount', { where, value });
  const fraction = match[2] ?? '';
  if (/[1-9]/.test(fraction.slice(2))) throw malformed('amount_precision', { where, value });
  return cents(Number(match[1]) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0')));
}

/**
 * `Dt` (an xs:date, possibly with a time zone) or `DtTm` (the local date as written), or null
 * when the element is absent (pending entries have no booking date).
 */
function dateOf(parent: XmlNode | undefined, where: string): Temporal.PlainDate | null {
  const value = (text(parent, 'Dt') ?? text(parent, 'DtTm'))?.slice(0, 10);
  if (value === undefined) return null;
  try {
    return Temporal.PlainDate.from(value, { overflow: 'reject' });
  } catch {
    throw malformed('date', { where, value });
  }
}

function creditDebit(value: string | undefined, where: string): CreditDebit {
  if (value === 'CRDT' || value === 'DBIT') return value;
  throw malformed('credit_debit', { where, value: value ?? '' });
}

function signedBalance(statement: XmlNode, codes: string[], where: string): Cents | null {
  for (const code of codes) {
    for (const bal of arr(statement, 'Bal').map(node)) {
      if (text(bal, 'Tp', 'CdOrPrtry', 'Cd') !== code) continue;
      const amount = amountCents(text(bal, 'Amt'), `${where}/Bal/${code}`);
      return creditDebit(text(bal, 'CdtDbtInd'), `${where}/Bal/${code}`) === 'DBIT' ? cents(-amount) : amount;
    }
  }
  return null;
}

/** A party's name: `Nm` up to .001.07, `Pty/Nm` from .001.08 (Party40Choice). */
function party(details: XmlNode | undefined, role: 'Dbtr' | 'Cdtr'): { name: string | null; iban: string | null } {
  const parties = child(details, 'RltdPties');
  const name = text(parties, role, 'Nm') ?? text(parties, role, 'Pty', 'Nm') ?? null;
  return { name, iban: text(parties, `${role}Acct`, 'Id', 'IBAN') ?? null };
}

type Details = Pick<
  StatementEntry,
  'endToEndId' | 'debtorName' | 'debtorIban' | 'creditorName' | 'creditorIban' | 'structuredReference' | 'unstructured'
>;

function ustrd(tx: XmlNode | undefined): string[] {
  return arr(child(tx, 'RmtInf'), 'Ustrd').map(textOf).filter((line): line is string => line !== undefined);
}

function detailsOf(tx: XmlNode | undefined): Details {
  const endToEndId = text(tx, 'Refs', 'EndToEndId');
  const debtor = party(tx, 'Dbtr');
  const creditor = party(tx, 'Cdtr');
  const structured = arr(child(tx, 'RmtInf'), 'Strd').map((s) => text(node(s), 'CdtrRefInf', 'Ref')).find((r) => r !== undefined);
  return {
    endToEndId: endToEndId === undefined || endToEndId === 'NOTPROVIDED' ? null : endToEndId,
    debtorName: debtor.name,
    debtorIban: debtor.iban,
    creditorName: creditor.name,
    creditorIban: creditor.iban,
    structuredReference: structured ?? null,
    unstructured: ustrd(tx).join(' '),
  };
}

/** A transaction's own amount and currency: `Amt` (from .001.03 on) or `AmtDtls/TxAmt/Amt`. */
function txAmount(tx: XmlNode | undefined): { value: string; currency: string | undefined } | undefined {
  const path = text(tx, 'Amt') !== undefined ? ['Amt'] : ['AmtDtls', 'TxAmt', 'Amt'];
  const value = text(tx, ...path);
  return value === undefined ? undefined : { value, currency: attr(tx, 'Ccy', ...path) };
}

/**
 * One entry per `Ntry`, or one per transaction when a batch booking lists several with amounts
 * that add up to the entry (so each payment can be matched to its own order). A batch without
 * such amounts stays one entry, with all its free text and no single counterparty or reference.
 */
function entriesOf(ntry: XmlNode, statementId: string, position: number): StatementEntry[] {
  const where = `${statementId}/Ntry[${position}]`;
  const accountServicerRef = text(ntry, 'AcctSvcrRef') ?? null;
  const entryRef = text(ntry, 'NtryRef') ?? null;
  const base = {
    externalId: accountServicerRef ?? entryRef ?? `${statementId}#${position}`,
    accountServicerRef,
    entryRef,
    // A code up to .001.06, a choice (`Sts/Cd`) from .001.07 on.
    status: text(ntry, 'Sts') ?? text(ntry, 'Sts', 'Cd') ?? '',
    bookingDate: dateOf(child(ntry, 'BookgDt'), where),
    valueDate: dateOf(child(ntry, 'ValDt'), where),
    amountCents: amountCents(text(ntry, 'Amt'), where),
    currency: attr(ntry, 'Ccy', 'Amt') ?? '',
    creditDebit: creditDebit(text(ntry, 'CdtDbtInd'), where),
    reversal: /^(true|1)$/.test(text(ntry, 'RvslInd') ?? ''),
  };
  if (base.currency === '') throw malformed('currency', { where });
  const txs = arr(ntry, 'NtryDtls').flatMap((d) => arr(node(d), 'TxDtls')).map(node);
  if (txs.length <= 1) return [{ ...base, ...detailsOf(txs[0]) }];
  const amounts = txs.map((tx, i) => {
    const amount = txAmount(tx);
    if (amount === undefined || amount.currency !== base.currency) return undefined;
    return amountCents(amount.value, `${where}/TxDtls[${i + 1}]`);
  });
  const split = amounts.every((a) => a !== undefined) && amounts.reduce<number>((sum, a) => sum + (a ?? 0), 0) === base.amountCents;
  if (!split) {
    const unstructured = txs.flatMap(ustrd).join(' ');
    return [{ ...base, ...detailsOf(undefined), unstructured }];
  }
  return txs.map((tx, i) => ({
    ...base,
    ...detailsOf(tx),
    externalId: text(tx, 'Refs', 'AcctSvcrRef') ?? `${base.externalId}/${i + 1}`,
    amountCents: amounts[i] ?? base.amountCents,
  }));
}

function statementOf(stmt: XmlNode, index: number): BankStatement {
  const statementId = text(stmt, 'Id');
  if (statementId === undefined) throw malformed('statement_id', { where: `Stmt[${index + 1}]` });
  return {
    statementId,
    sequence: text(stmt, 'ElctrncSeqNb') ?? text(stmt, 'LglSeqNb') ?? null,
    createdAt: text(stmt, 'CreDtTm') ?? null,
    iban: text(stmt, 'Acct', 'Id', 'IBAN') ?? null,
    currency: text(stmt, 'Acct', 'Ccy') ?? null,
    openingBalanceCents: signedBalance(stmt, ['OPBD', 'PRCD'], statementId),
    closingBalanceCents: signedBalance(stmt, ['CLBD'], statementId),
    entries: arr(stmt, 'Ntry').flatMap((ntry, i) => entriesOf(node(ntry) ?? {}, statementId, i + 1)),
  };
}

/**
 * Parses a camt.053 file (bytes as uploaded, or text). Throws StatementRejected with code
 * `statement_too_large`, `statement_entities_forbidden`, `statement_malformed` (params.reason
 * tells which check failed: `encoding`, `xml`, `amount_precision`, `date`, …),
 * `statement_not_camt053` or `statement_empty` (no `Stmt` at all).
 */
export function parseCamt053(input: string | Uint8Array, options: { maxBytes?: number } = {}): Camt053Document {
  const xml = decode(input, options.maxBytes ?? CAMT053_MAX_BYTES);
  const { rootName, tree } = parseXml(xml);
  const { body, version } = camtBody(rootName, tree);
  const statements = arr(body, 'Stmt');
  // `Stmt` is mandatory (1..n) in every version: a file without one reports nothing.
  if (statements.length === 0) throw new StatementRejected('statement_empty');
  return {
    version,
    messageId: text(body, 'GrpHdr', 'MsgId') ?? null,
    statements: statements.map((stmt, i) => statementOf(node(stmt) ?? {}, i)),
  };
}
