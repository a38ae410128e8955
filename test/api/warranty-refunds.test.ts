/**
 * Issue 10 §4 over HTTP: a legal-warranty refund or price reduction moves the money, exact to the
 * cent, and never more than what was paid for the claimed lines less what was already paid back.
 *
 * Bible et Jeux (004, card, FR): a game paid 39.90 € by card, delivered Mon 2026-03-02, claimed on
 * 2026-03-10 and refunded in full → credit note AV-2026-000001 of 39.90 €, a card refund of 3,990
 * cents (the development provider: succeeded at once), due 2026-03-17 (004 art.8: 7 days after the
 * finding), the customer e-mailed (in English: her language) with the amount and the note; a second
 * claim on the same line asks more than is left → 422 warranty_amount_exceeds_paid, nothing changed.
 *
 * DISTRITEC (003, FR consumer, bank transfer): a box paid 123.45 € by transfer from Léa's account
 * (camt.053), reduced by 30 % → 37.04 € (half up), credit note AV-2026-000001 of DISTRITEC's series,
 * a SEPA refund pending to Léa's IBAN for the next pain.001, due 14 days after the decision (no
 * profile window: L217-17), on the staff today view until the export; then 86.42 € more is refused
 * (86.41 € left) and 86.41 € is accepted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { today } from '../../src/kernel/clock.ts';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { camt053, writtenAmount } from '../support/camt053.ts';
import { FormClient } from '../support/form-client.ts';
import { outboxEmails } from '../support/outbox.ts';
import { pdfText } from '../support/pdf-text.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform, moveTestClock } from '../support/platform.ts';
import { termsVersion } from '../support/shoppers.ts';

const FR = 'bible-et-jeux';
const D = 'distritec';
const LEA_IBAN = 'FR7630006000011234567890189';
const PASSWORD = 'correct horse battery';

let p: TestPlatform;
before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-03-02T09:00:00+01:00' }, { stripe: false });
});
after(async () => p?.stop());

const staff = bearer(ADMIN_TOKEN);
type Json = Record<string, unknown>;
const api = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: Json | string) => p.app.inject({ method, url: `/api/v1/shops/${url}`, headers, ...(payload !== undefined && { payload }) });
const moveClock = (now: string) => moveTestClock(p, now);

async function product(shop: string, sku: string, name: string, unitPriceCents: number): Promise<string> {
  const res = await api('POST', `${shop}/products`, staff, { sku, name, unitPriceCents, vatRateBp: 2000, stock: 20 });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}
async function register(shop: string, email: string, language?: 'fr' | 'en' | 'nl'): Promise<string> {
  const reg = await api('POST', `${shop}/customers`, language ? { 'accept-language': language } : {}, {
    kind: 'consumer', email, password: PASSWORD, firstName: 'Léa', lastName: 'Dupont', address: { line1: '3 rue des Lilas', postalCode: '66000', city: 'Perpignan', country: 'FR' },
  });
  assert.equal(reg.statusCode, 201, reg.body);
  if (language) await p.database.db.updateTable('customers').set({ language }).where('shop_id', '=', shop).where('email', '=', email).execute();
  return (await api('POST', `${shop}/session`, {}, { email, password: PASSWORD })).json().token;
}
async function deliver(shop: string, id: string, at: string) {
  for (const type of ['shipped', 'delivered']) {
    const res = await api('POST', `${shop}/orders/${id}/events`, staff, { type, at });
    assert.equal(res.statusCode, 201, `${type}: ${res.body}`);
  }
}
async function claim(shop: string, token: string, orderId: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await api('POST', `${shop}/orders/${orderId}/warranty-claims`, { ...bearer(token), ...headers }, { kind: 'conformity', description: 'La boîte est fendue sur toute la longueur.', lines: [1] });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}
const creditNotes = async (shop: string, orderId: string) =>
  ((await api('GET', `${shop}/invoices?orderId=${orderId}`, staff)).json().items as { kind: string; number: string; reason: string; totals: { grossCents: number } }[]).filter((d) => d.kind === 'credit_note');
const refundsOf = async (shop: string, orderId: string) =>
  ((await api('GET', `${shop}/refunds`, staff)).json().items as { orderId: string; method: string; amountCents: number; status: string; creditorIban: string | null; reason: string }[]).filter((r) => r.orderId === orderId);

const ids = { game: '', order: '', token: '', claim: '', box: '', dOrder: '', dToken: '', dNumber: '' };

describe('warranty refunds and price reductions move the money (issue 10 §4)', () => {
  test('a Bible et Jeux game paid 39.90 € by card, refunded in full: credit note AV-2026-000001 and a card refund of 3,990 cents, due 7 days after the finding', async () => {
    ids.game = await product(FR, 'WR-JEU', 'Jeu des patriarches', 3990);
    ids.token = await register(FR, 'lea@warranty-refund.example', 'en');
    const placed = await api('POST', `${FR}/orders`, bearer(ids.token), { lines: [{ productId: ids.game, quantity: 1 }], acceptedTerms: { version: await termsVersion(p, FR) }, delivery: { mode: 'carrier' }, paymentMethod: 'card' });
    assert.equal(placed.statusCode, 201, placed.body);
    ids.order = placed.json().id;
    const customer = new FormClient(p.app);
    assert.equal((await customer.submit(`/shops/${FR}/login`, `/shops/${FR}/login`, { email: 'lea@warranty-refund.example', password: PASSWORD })).statusCode, 303);
    const payPage = `/shops/${FR}/orders/${ids.order}/simulated-payment`;
    assert.equal((await customer.submit(payPage, payPage, { decision: 'pay' })).statusCode, 303);
    await moveClock('2026-03-02T18:00:00+01:00');
    await deliver(FR, ids.order, '2026-03-02T15:00:00+01:00');
    await moveClock('2026-03-10T10:00:00+01:00');
    ids.token = (await api('POST', `${FR}/session`, {}, { email: 'lea@warranty-refund.example', password: PASSWORD })).json().token;
    ids.claim = await claim(FR, ids.token, ids.order);

    const res = await api('POST', `${FR}/warranty-claims/${ids.claim}/decision`, staff, { remedy: 'refund', at: '2026-03-10', note: 'Boîte fendue constatée.' });
    assert.equal(res.statusCode, 201, res.body);
    const decided = res.json();
    console.log(`refund decided: ${JSON.stringify(decided.decision)} settlement ${JSON.stringify(decided.settlement)}`);
    assert.deepEqual(decided.decision, { remedy: 'refund', decidedOn: '2026-03-10', amountCents: 3990, note: 'Boîte fendue constatée.', refundDueOn: '2026-03-17' });
    assert.deepEqual([decided.settlement.creditNote.number, decided.settlement.creditNote.grossCents], ['AV-2026-000001', 3990]);
    assert.deepEqual([decided.settlement.refund.method, decided.settlement.refund.amountCents, decided.settlement.refund.status], ['card', 3990, 'succeeded']);
    assert.deepEqual((await creditNotes(FR, ids.order)).map((n) => [n.number, n.reason, n.totals.grossCents]), [['AV-2026-000001', 'warranty_refund', 3990]]);
    assert.deepEqual((await refundsOf(FR, ids.order)).map((r) => [r.method, r.amountCents, r.status, r.reason]), [['card', 3990, 'succeeded', `warranty claim ${ids.claim}`]]);
    const order = (await api('GET', `${FR}/orders/${ids.order}`, staff)).json();
    // Bible et Jeux delivered this order free of charge: the line was all that was paid.
    assert.deepEqual([order.totals.grossCents, order.payment.status], [3990, 'refunded']);
    const evidence = (await api('GET', `${FR}/orders/${ids.order}/evidence`, staff)).json();
    assert.equal(evidence.verified, true);
    const event = evidence.events.find((e: { type: string }) => e.type === 'warranty_claim_decided').data;
    assert.deepEqual([event.creditNoteNumber, event.refundCents, event.refundMethod, event.amountCents], ['AV-2026-000001', 3990, 'card', 3990]);
    assert.ok(evidence.events.some((e: { type: string; data: { amountCents?: number } }) => e.type === 'refunded' && e.data.amountCents === 3990), 'the card refund, recorded as it succeeded');
    // The customer is told in her language, with the amount, the means and the credit note.
    const mail = (await outboxEmails(p.database.db, 'lea@warranty-refund.example')).find((m) => /decision on your claim/.test(m.subject));
    assert.ok(mail, 'the decision e-mail, in English');
    console.log(mail.text_body);
    assert.match(mail.text_body, /Credit note AV-2026-000001: €39\.90/);
    assert.match(mail.text_body, /We are refunding €39\.90 to the card that paid for the order\./);
    assert.match(mail.text_body, /Refund due by 2026-03-17/);
    // Both pages show it.
    const page = await p.app.inject({ method: 'GET', url: `/shops/${FR}/warranty-claims/${ids.claim}`, headers: bearer(ids.token) });
    assert.ok(page.body.includes('AV-2026-000001') && page.body.includes(`/shops/${FR}/invoices/${decided.settlement.creditNote.id}.pdf`), 'the claim page links the credit note');
    const staffPage = await p.app.inject({ method: 'GET', url: `/shops/${FR}/staff/orders/${ids.order}`, headers: staff });
    assert.ok(staffPage.body.includes('AV-2026-000001'));
    assert.match(staffPage.body, /Remboursement dû au plus tard le/);
    // Paid back at once: nothing for the today view to watch.
    const today = await p.app.inject({ method: 'GET', url: `/shops/${FR}/staff/today`, headers: staff });
    assert.ok(!today.body.includes(order.number), 'a card refund sent is not watched');
  });

  test('a second claim on the refunded line asks more than is left: 422 warranty_amount_exceeds_paid in the user’s language, nothing changed', async () => {
    const second = await claim(FR, ids.token, ids.order);
    const before = [(await creditNotes(FR, ids.order)).length, (await refundsOf(FR, ids.order)).length];
    const res = await api('POST', `${FR}/warranty-claims/${second}/decision`, { ...staff, 'accept-language': 'en' }, { remedy: 'price_reduction', at: '2026-03-10', amountCents: 100 });
    console.log(`price reduction on a line refunded in full → ${res.statusCode} ${res.body}`);
    assert.equal(res.statusCode, 422);
    assert.deepEqual([res.json().error.code, res.json().error.field], ['warranty_amount_exceeds_paid', 'amountCents']);
    assert.match(res.json().error.message, /At most €0\.00 can be paid back.*Nothing was changed\./);
    const fr = await api('POST', `${FR}/warranty-claims/${second}/decision`, { ...staff, 'accept-language': 'fr' }, { remedy: 'refund', at: '2026-03-10' });
    assert.match(fr.json().error.message, /Au plus 0\.00 € peuvent être rendus/);
    assert.deepEqual([(await creditNotes(FR, ids.order)).length, (await refundsOf(FR, ids.order)).length], before);
    assert.equal((await api('GET', `${FR}/warranty-claims/${second}`, staff)).json().decision, null, 'the claim is still undecided');
  });

  test('a DISTRITEC box paid 123.45 € by transfer, reduced by 30 %: 37.04 € (half up) credited and owed by SEPA to the payer’s IBAN, due in 14 days, watched until exported', async () => {
    ids.box = await product(D, 'WR-COFFRET', 'Coffret de raccords', 12345);
    ids.dToken = await register(D, 'lea@distritec-refund.example');
    const placed = await api('POST', `${D}/orders`, bearer(ids.dToken), { lines: [{ productId: ids.box, quantity: 1 }], acceptedTerms: { version: await termsVersion(p, D) }, delivery: { mode: 'carrier' }, paymentMethod: 'bank_transfer' });
    assert.equal(placed.statusCode, 201, placed.body);
    ids.dOrder = placed.json().id;
    ids.dNumber = placed.json().number;
    const { payment_reference: reference, gross_cents: gross } = await p.database.db.selectFrom('orders').select(['payment_reference', 'gross_cents']).where('shop_id', '=', D).where('id', '=', ids.dOrder).executeTakeFirstOrThrow();
    const statement = camt053('02', [{ id: 'WR-1', iban: 'FR7699999000010000001234537', entries: [{ amount: writtenAmount(Number(gross)), booked: '2026-03-10', acctSvcrRef: 'WR-1-1', debtor: { name: 'Léa Dupont', iban: LEA_IBAN }, reference: reference ?? '' }] }]);
    const imported = await api('POST', `${D}/bank-statements`, { ...staff, 'content-type': 'application/xml' }, statement);
    assert.equal(imported.json().matched, 1, imported.body);
    await moveClock('2026-03-10T16:00:00+01:00');
    await deliver(D, ids.dOrder, '2026-03-10T15:30:00+01:00');
    const c = await claim(D, ids.dToken, ids.dOrder);
    const res = await api('POST', `${D}/warranty-claims/${c}/decision`, staff, { remedy: 'price_reduction', at: '2026-03-10', percent: 30 });
    assert.equal(res.statusCode, 201, res.body);
    const decided = res.json();
    console.log(`30 % of 123.45 € → ${JSON.stringify(decided.decision)} ${JSON.stringify(decided.settlement)}`);
    assert.deepEqual([decided.decision.amountCents, decided.decision.refundDueOn], [3704, '2026-03-24']);
    assert.deepEqual([decided.settlement.creditNote.number, decided.settlement.creditNote.grossCents], ['AV-2026-000001', 3704]);
    assert.deepEqual([decided.settlement.refund.method, decided.settlement.refund.amountCents, decided.settlement.refund.status], ['bank_transfer', 3704, 'pending']);
    // The credit note as a PDF: its number, the invoice it credits, the reason and the amount.
    const pdf = await p.app.inject({ method: 'GET', url: decided.settlement.creditNote.pdfUrl, headers: staff });
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const text = pdfText(pdf.rawPayload);
    for (const fact of ['AV-2026-000001', 'Garantie légale de conformité : réduction du prix', '37,04']) assert.ok(text.includes(fact), `${fact} in the credit note PDF`);
    assert.deepEqual((await refundsOf(D, ids.dOrder)).map((r) => [r.method, r.amountCents, r.status, r.creditorIban]), [['bank_transfer', 3704, 'pending', LEA_IBAN]]);
    const mail = (await outboxEmails(p.database.db, 'lea@distritec-refund.example')).find((m) => /décision sur votre réclamation/.test(m.subject));
    assert.match(mail?.text_body ?? '', /Avoir AV-2026-000001 : 37,04\s€/);
    assert.match(mail?.text_body ?? '', /Nous remboursons 37,04\s€ par virement sur le compte qui a payé la commande\./);
    // Watched on the staff today view until the transfer leaves in an export.
    await moveClock('2026-03-22T10:00:00+01:00');
    const watched = await p.app.inject({ method: 'GET', url: `/shops/${D}/staff/today`, headers: staff });
    assert.ok(watched.body.includes(ids.dNumber), 'the refund due on 2026-03-24 is on the today view');
    // …and so in the staff's daily digest of that day (today-digest.ts reads the same view).
    const digest = (await outboxEmails(p.database.db, 'staff@distritec.example')).find((m) => /à faire le 22 mars 2026/.test(m.subject));
    assert.ok(digest?.text_body.includes(ids.dNumber), digest?.text_body ?? 'no digest on 2026-03-22');
    const exported = await api('POST', `${D}/refunds/export`, staff, {});
    assert.equal(exported.statusCode, 200, exported.body);
    assert.match(exported.body, new RegExp(LEA_IBAN));
    assert.match(exported.body, /<InstdAmt Ccy="EUR">37\.04<\/InstdAmt>/);
    const after = await p.app.inject({ method: 'GET', url: `/shops/${D}/staff/today`, headers: staff });
    assert.ok(!after.body.includes(ids.dNumber), 'exported: no longer watched');
  });

  test('the rest of the DISTRITEC line, to the cent: 86.42 € refused, 86.41 € credited and owed', async () => {
    ids.dToken = (await api('POST', `${D}/session`, {}, { email: 'lea@distritec-refund.example', password: PASSWORD })).json().token;
    const c = await claim(D, ids.dToken, ids.dOrder);
    const over = await api('POST', `${D}/warranty-claims/${c}/decision`, staff, { remedy: 'refund', at: '2026-03-22', amountCents: 8642 });
    assert.equal(over.statusCode, 422, over.body);
    assert.equal(over.json().error.code, 'warranty_amount_exceeds_paid');
    assert.match(over.json().error.message, /86\.41/);
    const ok = await api('POST', `${D}/warranty-claims/${c}/decision`, staff, { remedy: 'refund', at: '2026-03-22', amountCents: 8641 });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.deepEqual([ok.json().settlement.creditNote.number, ok.json().settlement.creditNote.grossCents, ok.json().settlement.refund.amountCents], ['AV-2026-000002', 8641, 8641]);
    assert.deepEqual((await creditNotes(D, ids.dOrder)).map((n) => n.totals.grossCents), [3704, 8641], 'the line, 123.45 €, credited in full and no more');
  });

  test('staff decide a 12,5 % price reduction from the order page’s form: 12.5 % of 39.90 € = 4.99 € (4.9875 half up), credited and refunded to the card', async () => {
    const placed = await api('POST', `${FR}/orders`, bearer(ids.token), { lines: [{ productId: ids.game, quantity: 1 }], acceptedTerms: { version: await termsVersion(p, FR) }, delivery: { mode: 'carrier' }, paymentMethod: 'card' });
    assert.equal(placed.statusCode, 201, placed.body);
    const orderId = placed.json().id;
    const customer = new FormClient(p.app);
    assert.equal((await customer.submit(`/shops/${FR}/login`, `/shops/${FR}/login`, { email: 'lea@warranty-refund.example', password: PASSWORD })).statusCode, 303);
    const payPage = `/shops/${FR}/orders/${orderId}/simulated-payment`;
    assert.equal((await customer.submit(payPage, payPage, { decision: 'pay' })).statusCode, 303);
    await deliver(FR, orderId, new Date(p.clock.now().epochMilliseconds).toISOString());
    const c = await claim(FR, ids.token, orderId);
    const staffClient = new FormClient(p.app);
    assert.equal((await staffClient.submit(`/shops/${FR}/staff/login`, `/shops/${FR}/staff/login`, { email: `staff@${FR}.example`, password: DEMO_PASSWORD })).statusCode, 303);
    const orderPage = `/shops/${FR}/staff/orders/${orderId}`;
    const form = await staffClient.get(orderPage);
    assert.match(form.body, new RegExp(`<label for="f-percent-${c}">ou réduction en % du prix des lignes réclamées</label>`));
    const too = await staffClient.submit(orderPage, `/shops/${FR}/staff/warranty-claims/${c}/decision`, { remedy: 'price_reduction', at: today(p.clock, 'Europe/Paris').toString(), amount: '40,00' });
    assert.equal(too.statusCode, 422);
    assert.match(too.body, /Au plus 39\.90 € peuvent être rendus/);
    const res = await staffClient.submit(orderPage, `/shops/${FR}/staff/warranty-claims/${c}/decision`, { remedy: 'price_reduction', at: today(p.clock, 'Europe/Paris').toString(), percent: '12,5' });
    assert.equal(res.statusCode, 303, res.body);
    const read = (await api('GET', `${FR}/warranty-claims/${c}`, staff)).json();
    assert.deepEqual([read.decision.amountCents, read.settlement.creditNote.number, read.settlement.creditNote.grossCents, read.settlement.refund.method, read.settlement.refund.amountCents], [499, 'AV-2026-000002', 499, 'card', 499]);
    const page = await staffClient.get(orderPage);
    assert.match(page.body, /AV-2026-000002/);
    assert.match(page.body, /4,99\s€ sur la carte qui a payé la commande : effectué\./);
  });

  test('the OpenAPI description names the decision’s settlement and the claim facts route', async () => {
    const doc = (await p.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    assert.match(doc.paths['/api/v1/shops/{shop}/warranty-claims/{id}/decision'].post.summary, /warranty_amount_exceeds_paid/);
    assert.match(doc.paths['/api/v1/shops/{shop}/warranty-claims/{id}/events'].post.summary, /replacement_shipped/);
  });

  test('a percentage is for a price reduction only, and to 0.01 %', async () => {
    const c = await claim(D, ids.dToken, ids.dOrder);
    const refundPercent = await api('POST', `${D}/warranty-claims/${c}/decision`, staff, { remedy: 'refund', at: '2026-03-22', percent: 30 });
    assert.deepEqual([refundPercent.statusCode, refundPercent.json().error.field], [400, 'percent']);
    const fine = await api('POST', `${D}/warranty-claims/${c}/decision`, staff, { remedy: 'price_reduction', at: '2026-03-22', percent: 12.345 });
    assert.deepEqual([fine.statusCode, fine.json().error.field], [400, 'percent']);
  });

  test('a replacement is carried out as facts — shipped (with its tracking number), delivered — with no invoice and no money, once each, never before the decision', async () => {
    const c = await claim(FR, ids.token, ids.order);
    const documents = async () => ((await api('GET', `${FR}/invoices?orderId=${ids.order}`, staff)).json().items as unknown[]).length;
    const docs = await documents();
    const early = await api('POST', `${FR}/warranty-claims/${c}/events`, staff, { type: 'replacement_shipped', at: '2026-03-22' });
    assert.deepEqual([early.statusCode, early.json().error.code], [422, 'warranty_fact_not_for_remedy'], 'nothing decided yet');
    const decided = await api('POST', `${FR}/warranty-claims/${c}/decision`, staff, { remedy: 'replacement', at: '2026-03-22' });
    assert.equal(decided.statusCode, 201, decided.body);
    assert.deepEqual([decided.json().decision.repairDueOn, decided.json().settlement, decided.json().facts], ['2026-04-21', null, []]);
    const wrong = await api('POST', `${FR}/warranty-claims/${c}/events`, staff, { type: 'repaired', at: '2026-03-22' });
    assert.deepEqual([wrong.statusCode, wrong.json().error.code], [422, 'warranty_fact_not_for_remedy']);
    const before = await api('POST', `${FR}/warranty-claims/${c}/events`, { ...staff, 'accept-language': 'en' }, { type: 'replacement_shipped', at: '2026-03-21' });
    assert.deepEqual([before.statusCode, before.json().error.code, before.json().error.message], [422, 'event_before_decision', 'This fact cannot come before the decision.']);
    const future = await api('POST', `${FR}/warranty-claims/${c}/events`, staff, { type: 'replacement_shipped', at: '2026-03-23' });
    assert.deepEqual([future.statusCode, future.json().error.code], [422, 'event_in_future']);
    const shipped = await api('POST', `${FR}/warranty-claims/${c}/events`, staff, { type: 'replacement_shipped', at: '2026-03-22', trackingNumber: '6A12345678901' });
    assert.equal(shipped.statusCode, 201, shipped.body);
    assert.deepEqual(shipped.json().facts.map((f: { type: string; on: string; trackingNumber?: string }) => [f.type, f.on, f.trackingNumber]), [['replacement_shipped', '2026-03-22', '6A12345678901']]);
    const twice = await api('POST', `${FR}/warranty-claims/${c}/events`, staff, { type: 'replacement_shipped', at: '2026-03-22' });
    assert.deepEqual([twice.statusCode, twice.json().error.code], [409, 'warranty_fact_already_recorded']);
    assert.equal((await api('POST', `${FR}/warranty-claims/${c}/events`, staff, { type: 'replacement_delivered', at: '2026-03-22' })).statusCode, 201);
    assert.equal(await documents(), docs, 'a replacement issues no invoice and no credit note');
    const evidence = (await api('GET', `${FR}/orders/${ids.order}/evidence`, staff)).json();
    assert.deepEqual(evidence.events.filter((e: { type: string; data: { claimId?: string } }) => e.data.claimId === c).map((e: { type: string }) => e.type), ['warranty_claim_opened', 'warranty_claim_decided', 'warranty_claim_replacement_shipped', 'warranty_claim_replacement_delivered']);
    const mail = (await outboxEmails(p.database.db, 'lea@warranty-refund.example')).find((m) => /^Bible et Jeux — your claim, order/.test(m.subject));
    assert.match(mail?.text_body ?? '', /The replacement item \(order [A-Z0-9-]+\) was shipped on 2026-03-22\.\nTracking number: 6A12345678901\nFree of charge: no new invoice is issued/);
    ids.token = (await api('POST', `${FR}/session`, {}, { email: 'lea@warranty-refund.example', password: PASSWORD })).json().token;
    const page = await p.app.inject({ method: 'GET', url: `/shops/${FR}/warranty-claims/${c}`, headers: bearer(ids.token) });
    assert.match(page.body, /Remplacement expédié le dimanche 22 mars 2026\. Numéro de suivi : 6A12345678901/);
    assert.match(page.body, /Remplacement livré le dimanche 22 mars 2026\./);
  });
});
