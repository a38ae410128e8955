import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { cents } from '../../kernel/money.ts';
import { type Pain001Input, pain001, sepaText } from './pain001.ts';

const debtor = { iban: 'BE59 0000 0123 4526', bic: 'DEMOBEB0', name: 'Coopso SC (compte de démonstration)' };
const input = (transfers: Pain001Input['transfers']): Pain001Input => ({ messageId: 'RFD-20260310-ABCD', createdAt: '2026-03-10T09:00:00.000Z', executionDate: '2026-03-10', debtor, transfers });
const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => name === 'CdtTrfTxInf' }).parse(xml).Document.CstmrCdtTrfInitn;

describe('pain001', () => {
  test('should write the group header, one payment block and one transaction per refund with counts and control sum', () => {
    const xml = pain001(
      input([
        { endToEndId: 'RBT1', amountCents: cents(1250), creditorName: 'Camille Martin', creditorIban: 'BE68 5390 0754 7034', remittance: 'Remboursement commande CS-2026-000001' },
        { endToEndId: 'RBT2', amountCents: cents(99), creditorName: 'Zoë Ørsted & Fils <SARL>', creditorIban: 'FR7630006000011234567890189', remittance: 'Remboursement commande CS-2026-000002' },
      ]),
    );
    assert.equal(XMLValidator.validate(xml), true);
    const doc = parse(xml);
    assert.deepEqual({ n: doc.GrpHdr.NbOfTxs, sum: doc.GrpHdr.CtrlSum, by: doc.GrpHdr.InitgPty.Nm }, { n: '2', sum: '13.49', by: 'Coopso SC (compte de demonstration)' });
    const pmt = doc.PmtInf;
    assert.equal(pmt.PmtMtd, 'TRF');
    assert.equal(pmt.NbOfTxs, '2');
    assert.equal(pmt.CtrlSum, '13.49');
    assert.equal(pmt.PmtTpInf.SvcLvl.Cd, 'SEPA');
    assert.equal(pmt.ReqdExctnDt, '2026-03-10');
    assert.equal(pmt.DbtrAcct.Id.IBAN, 'BE59000001234526');
    assert.equal(pmt.DbtrAgt.FinInstnId.BIC, 'DEMOBEB0');
    assert.equal(pmt.ChrgBr, 'SLEV');
    const [a, b] = pmt.CdtTrfTxInf;
    assert.deepEqual(a.Amt.InstdAmt, { '#text': '12.50', '@Ccy': 'EUR' });
    assert.equal(a.PmtId.EndToEndId, 'RBT1');
    assert.equal(a.CdtrAcct.Id.IBAN, 'BE68539007547034');
    assert.equal(a.RmtInf.Ustrd, 'Remboursement commande CS-2026-000001');
    assert.equal(b.Amt.InstdAmt['#text'], '0.99');
    assert.equal(b.Cdtr.Nm, 'Zoe Orsted + Fils SARL');
  });

  test('should refuse an empty file', () => {
    assert.throws(() => pain001(input([])), RangeError);
  });

  test('property: any names give well-formed XML, SEPA characters only, names of at most 70 and a control sum equal to the amounts', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.string({ maxLength: 120, unit: 'binary' }), amount: fc.integer({ min: 1, max: 99_999_999 }) }), { minLength: 1, maxLength: 8 }), (rows) => {
        const xml = pain001(input(rows.map((r, i) => ({ endToEndId: `E${i}`, amountCents: cents(r.amount), creditorName: r.name, creditorIban: 'BE68539007547034', remittance: `Remboursement commande ${r.name}` }))));
        assert.equal(XMLValidator.validate(xml), true);
        const doc = parse(xml);
        const txs = doc.PmtInf.CdtTrfTxInf as { Cdtr: { Nm: string } }[];
        assert.equal(txs.length, rows.length);
        const total = rows.reduce((s, r) => s + r.amount, 0);
        assert.equal(doc.GrpHdr.CtrlSum, `${Math.floor(total / 100)}.${String(total % 100).padStart(2, '0')}`);
        for (const tx of txs) {
          const nm = String(tx.Cdtr.Nm);
          assert.ok(nm.length <= 70 && /^[A-Za-z0-9/\-?:().,'+ ]+$/.test(nm), nm);
        }
      }),
    );
  });
});

describe('sepaText', () => {
  test('should drop accents, spell ligatures and truncate', () => {
    assert.equal(sepaText('Œuvre d’Émile Straße', 70), 'OEuvre d Emile Strasse');
    assert.equal(sepaText('x'.repeat(80), 70).length, 70);
  });
});
