/**
 * The SEPA credit-transfer initiation file (ISO 20022 pain.001.001.03, EPC SCT Customer-to-Bank
 * Implementation Guidelines) that pays transfer refunds from the shop's account: one group
 * header, one payment information block debiting the shop, one transaction per refund. The
 * shop uploads it to its bank; the debits come back on a later camt.053 with our `EndToEndId`.
 *
 * Pure: the caller gives the refunds, the shop's account and the instants.
 */
import { type Cents, centsToDecimalString, cents } from '../../kernel/money.ts';
import { normalizeIban } from '../../kernel/iban.ts';

export type Pain001Account = { iban: string; bic: string; name: string };
export type Pain001Transfer = { endToEndId: string; amountCents: Cents; creditorName: string; creditorIban: string; remittance: string };
export type Pain001Input = {
  messageId: string;
  /** ISO 8601 instant of creation. */
  createdAt: string;
  /** `YYYY-MM-DD`: the day the bank should execute the transfers. */
  executionDate: string;
  debtor: Pain001Account;
  transfers: readonly Pain001Transfer[];
};

/**
 * The SEPA Latin character set (EPC guidelines §1.4): a–z A–Z 0–9 / - ? : ( ) . , ' + space.
 * Accented letters lose their accent, ligatures are spelt out, anything else becomes a space.
 */
export function sepaText(input: string, max: number): string {
  const spelt = input.replace(/ß/g, 'ss').replace(/[Ææ]/g, (c) => (c === 'Æ' ? 'AE' : 'ae')).replace(/[Œœ]/g, (c) => (c === 'Œ' ? 'OE' : 'oe')).replace(/[Øø]/g, (c) => (c === 'Ø' ? 'O' : 'o')).replace(/[Łł]/g, (c) => (c === 'Ł' ? 'L' : 'l'));
  const latin = spelt
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/&/g, '+')
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  return latin.slice(0, max).trim();
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const el = (name: string, content: string) => `<${name}>${content}</${name}>`;
const txt = (name: string, value: string) => el(name, escapeXml(value));

/** Names are `Max70Text`; identifiers `Max35Text`; the unstructured remittance `Max140Text`. */
const name70 = (s: string) => txt('Nm', sepaText(s, 70) || 'NOTPROVIDED');
const id35 = (tag: string, s: string) => txt(tag, sepaText(s, 35));

export function controlSum(transfers: readonly Pain001Transfer[]): Cents {
  return cents(transfers.reduce((sum, t) => sum + t.amountCents, 0));
}

function transaction(t: Pain001Transfer): string {
  return el(
    'CdtTrfTxInf',
    el('PmtId', id35('EndToEndId', t.endToEndId)) +
      el('Amt', `<InstdAmt Ccy="EUR">${centsToDecimalString(t.amountCents)}</InstdAmt>`) +
      el('Cdtr', name70(t.creditorName)) +
      el('CdtrAcct', el('Id', txt('IBAN', normalizeIban(t.creditorIban)))) +
      el('RmtInf', txt('Ustrd', sepaText(t.remittance, 140))),
  );
}

export function pain001(input: Pain001Input): string {
  if (input.transfers.length === 0) throw new RangeError('A pain.001 file needs at least one transfer');
  const count = String(input.transfers.length);
  const sum = centsToDecimalString(controlSum(input.transfers));
  const header = el('GrpHdr', id35('MsgId', input.messageId) + txt('CreDtTm', input.createdAt) + txt('NbOfTxs', count) + txt('CtrlSum', sum) + el('InitgPty', name70(input.debtor.name)));
  const payment = el(
    'PmtInf',
    id35('PmtInfId', `${input.messageId}-1`) +
      el('PmtMtd', 'TRF') +
      el('BtchBookg', 'true') +
      txt('NbOfTxs', count) +
      txt('CtrlSum', sum) +
      el('PmtTpInf', el('SvcLvl', el('Cd', 'SEPA'))) +
      txt('ReqdExctnDt', input.executionDate) +
      el('Dbtr', name70(input.debtor.name)) +
      el('DbtrAcct', el('Id', txt('IBAN', normalizeIban(input.debtor.iban)))) +
      el('DbtrAgt', el('FinInstnId', txt('BIC', input.debtor.bic.replace(/\s+/g, '').toUpperCase()))) +
      el('ChrgBr', 'SLEV') +
      input.transfers.map(transaction).join(''),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${el('CstmrCdtTrfInitn', header + payment)}</Document>\n`;
}
