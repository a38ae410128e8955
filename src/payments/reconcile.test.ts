import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { cents } from '../kernel/money.ts';
import { decideEntry, entryKey, type PayableOrder, settle, suggestOrders } from './reconcile.ts';
import { readRemittance } from './references.ts';

const credit = { creditDebit: 'CRDT', reversal: false, status: 'BOOK' } as const;
const order = (reference: string, paymentStatus = 'awaiting', open = true): PayableOrder => ({ id: `o-${reference}`, reference, paymentStatus, grossCents: cents(9580), paidCents: cents(0), open });

describe('decideEntry', () => {
  test('should leave for staff a credit naming a cancelled order, or an off-premises contract before day 8', () => {
    const structured = readRemittance({ structuredReference: '090933755493', unstructured: '' });
    assert.deepEqual(decideEntry(credit, structured, [order('090933755493', 'awaiting', false)]), { kind: 'unmatched', reason: 'not_awaiting_payment' });
  });

  test('should match a valid OGM, in the structured field or in free text, to an order awaiting payment whatever form it was stored in', () => {
    const structured = readRemittance({ structuredReference: '090933755493', unstructured: '' });
    assert.equal(decideEntry(credit, structured, [order('+++090/9337/55493+++')]).kind, 'matched');
    const inText = readRemittance({ structuredReference: null, unstructured: 'Commande +++202/6000/12320+++ merci' });
    const decision = decideEntry(credit, inText, [order('202600012320')]);
    assert.equal(decision.kind === 'matched' && decision.reference, '202600012320');
  });

  test('should never match a reference with wrong check digits, even when an order carries the corrected one', () => {
    const reading = readRemittance({ structuredReference: '123456789003', unstructured: '' });
    assert.deepEqual(decideEntry(credit, reading, [order('123456789002')]), { kind: 'unmatched', reason: 'check_digits' });
  });

  test('should leave unknown references, paid orders and missing references unmatched, and ignore debits, reversals and pending entries', () => {
    const reading = readRemittance({ structuredReference: 'RF18539007547034', unstructured: '' });
    assert.deepEqual(decideEntry(credit, reading, []), { kind: 'unmatched', reason: 'unknown_reference' });
    assert.deepEqual(decideEntry(credit, reading, [order('RF18539007547034', 'paid')]), { kind: 'unmatched', reason: 'not_awaiting_payment' });
    assert.deepEqual(decideEntry(credit, { status: 'none' }, []), { kind: 'unmatched', reason: 'no_reference' });
    assert.equal(decideEntry({ ...credit, creditDebit: 'DBIT' }, reading, [order('RF18539007547034')]).kind, 'ignored');
    assert.equal(decideEntry({ ...credit, reversal: true }, reading, [order('RF18539007547034')]).kind, 'ignored');
    assert.equal(decideEntry({ ...credit, status: 'PDNG' }, reading, [order('RF18539007547034')]).kind, 'ignored');
  });
});

describe('settle', () => {
  test('should tell paid, partially paid with the balance due, and overpaid with the customer credit', () => {
    assert.deepEqual(settle(cents(9580), cents(0), cents(9580)), { paymentStatus: 'paid', paidCents: 9580, balanceDueCents: 0, customerCreditCents: 0 });
    assert.deepEqual(settle(cents(10000), cents(0), cents(5000)), { paymentStatus: 'partially_paid', paidCents: 5000, balanceDueCents: 5000, customerCreditCents: 0 });
    assert.deepEqual(settle(cents(10000), cents(5000), cents(5000)).paymentStatus, 'paid');
    assert.deepEqual(settle(cents(12000), cents(0), cents(15000)), { paymentStatus: 'paid', paidCents: 15000, balanceDueCents: 0, customerCreditCents: 3000 });
  });
});

describe('entryKey', () => {
  test('should key on the account and the bank reference, adding the statement when only an entry number is known', () => {
    const statement = { iban: 'BE68539007547034', statementId: 'S-42' };
    assert.equal(entryKey(statement, { externalId: '20260302-000001', accountServicerRef: '20260302-000001' }), 'BE68539007547034|20260302-000001');
    assert.equal(entryKey(statement, { externalId: '1', accountServicerRef: null }), 'BE68539007547034|S-42|1');
  });
});

describe('suggestOrders', () => {
  test('should suggest open orders by same balance and shared name words, best first, accents ignored', () => {
    const placedOn = Temporal.PlainDate.from('2026-03-01');
    const open = [
      { id: 'a', number: 'COO-1', customerName: 'Marie Dupont', balanceDueCents: cents(4200), placedOn },
      { id: 'b', number: 'COO-2', customerName: 'Hélène Lemaître', balanceDueCents: cents(12000), placedOn },
      { id: 'c', number: 'COO-3', customerName: 'Luc Janssens', balanceDueCents: cents(999), placedOn },
    ];
    const found = suggestOrders({ amountCents: cents(12000), debtorName: 'Famille Peeters-Lemaitre' }, open);
    assert.deepEqual(found.map((s) => s.orderId), ['b']);
    assert.deepEqual(suggestOrders({ amountCents: cents(4200), debtorName: null }, open).map((s) => s.number), ['COO-1']);
  });
});
