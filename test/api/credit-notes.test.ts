/**
 * Credit notes over HTTP (issue 10 §6, issue 11 §8; LEGAL.md §A8): an issued invoice is never
 * changed; a cancellation issues a credit note equal to it, a withdrawal of one line a credit note
 * of that line to the cent, each numbered AV-<year>-<serial> in its own gapless series per shop,
 * read beside the invoice (API.md `GET …/invoices?orderId=`, `…/invoices/{id}` with `kind:
 * "credit_note"`, `.pdf`) by the order's customer and staff only. The withdrawal's refund moves
 * the money through payments (a payment recorded by hand is recorded as paid back).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { today } from '../../src/kernel/clock.ts';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { FormClient } from '../support/form-client.ts';
import { pdfText } from '../support/pdf-text.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

const FR = 'coopconnexion';
const BE = 'coopso';
const staff = bearer(ADMIN_TOKEN);

let p: TestPlatform;
let year: number;
const products: Record<string, string> = {};
const tokens: Record<string, string> = {};
before(async () => {
  p = await startPlatform({}, { stripe: false });
  year = today(p.clock, 'Europe/Paris').year;
  for (const sku of ['MIEL-500', 'CAFE-250']) products[sku] = await productIdBySku(p, FR, sku);
  const res = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${BE}/products`, headers: staff, payload: { sku: 'AVOIR-1', name: 'Panier de légumes', unitPriceCents: 2420, vatRateBp: 2100, stock: 100 } });
  assert.equal(res.statusCode, 201, res.body);
  products['AVOIR-1'] = res.json().id;
  tokens.fr = await customerToken(p, FR, 'avoir-fr@credit.example');
  tokens.other = await customerToken(p, FR, 'autre@credit.example');
  tokens.be = await customerToken(p, BE, 'avoir-be@credit.example');
});
after(async () => p?.stop());

type Totals = { netCents: number; vatCents: number; grossCents: number; byRate: { rateBp: number; netCents: number; vatCents: number; grossCents: number }[] };
type Doc = { id: string; number: string; kind: string; issuedOn: string; orderId: string; invoiceId?: string; invoiceNumber?: string; reason?: string; totals: Totals; lines: { sku: string; quantity: number; totalCents: number; vatRateBp: number }[] };
type Json = Record<string, unknown>;

const api = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: Json) => p.app.inject({ method, url: `/api/v1/shops/${url}`, headers, ...(payload && { payload }) });

async function place(shop: string, token: string, lines: [string, number][]): Promise<{ id: string; number: string; totals: { grossCents: number } }> {
  const res = await api('POST', `${shop}/orders`, bearer(token), {
    lines: lines.map(([sku, quantity]) => ({ productId: products[sku], quantity })),
    acceptedTerms: { version: await termsVersion(p, shop) },
    delivery: shop === BE ? { mode: 'pickup', pickupPointId: '0' } : { mode: 'carrier' },
    paymentMethod: shop === BE ? 'bank_transfer' : 'card',
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

async function fact(shop: string, orderId: string, payload: Json) {
  const res = await api('POST', `${shop}/orders/${orderId}/events`, staff, { at: new Date(p.clock.now().epochMilliseconds).toISOString(), ...payload });
  assert.equal(res.statusCode, 201, `${String(payload.type)}: ${res.body}`);
}

async function documents(shop: string, orderId: string, headers = staff): Promise<Doc[]> {
  const res = await api('GET', `${shop}/invoices?orderId=${orderId}`, headers);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items;
}

describe('credit notes (issue 10 §6)', () => {
  test('should cancel an invoiced order with a credit note equal to its invoice, readable as JSON and PDF by its customer and staff only', async () => {
    const order = await place(FR, tokens.fr ?? '', [['MIEL-500', 2], ['CAFE-250', 1]]);
    await fact(FR, order.id, { type: 'cancelled', note: 'Rupture chez le producteur' });
    const [invoice, note, ...rest] = await documents(FR, order.id);
    assert.ok(invoice && note, 'an invoice and a credit note');
    assert.equal(rest.length, 0);
    assert.equal(invoice.kind, 'invoice');
    assert.equal(note.kind, 'credit_note');
    assert.equal(note.number, `AV-${year}-000001`);
    assert.equal(note.invoiceId, invoice.id);
    assert.equal(note.invoiceNumber, invoice.number);
    assert.equal(note.reason, 'order_cancelled');
    // Everything invoiced is credited: same lines, same VAT per rate, to the cent.
    assert.deepEqual(note.totals, invoice.totals);
    assert.equal(note.totals.grossCents, order.totals.grossCents);
    assert.deepEqual(note.lines.map((l) => [l.sku, l.quantity, l.totalCents]), invoice.lines.map((l) => [l.sku, l.quantity, l.totalCents]));

    const own = await api('GET', `${FR}/invoices/${note.id}`, bearer(tokens.fr ?? ''));
    assert.equal(own.statusCode, 200);
    assert.equal(own.json().number, note.number);
    assert.equal((await api('GET', `${FR}/invoices/${note.id}`, bearer(tokens.other ?? ''))).statusCode, 404, "another customer's credit note is not found");
    assert.equal((await api('GET', `${BE}/invoices/${note.id}`, staff)).statusCode, 404, 'another shop');

    const pdf = await api('GET', `${FR}/invoices/${note.id}.pdf`, bearer(tokens.fr ?? ''));
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const text = pdfText(pdf.rawPayload);
    assert.match(text, new RegExp(`Avoir N° AV-${year}-000001`));
    assert.ok(text.includes(`N° ${invoice.number}`), 'names the invoice it credits');
    assert.ok(text.includes('Annulation de la commande — Rupture chez le producteur'), 'the reason');
    assert.ok(text.includes('Total crédité TTC'));

    // An issued credit note is kept as issued, even from plain SQL (LEGAL.md T-10).
    for (const change of [sql`update credit_notes set totals = '{}' where id = ${note.id}`, sql`delete from credit_notes where id = ${note.id}`]) {
      await assert.rejects(change.execute(p.database.db), /kept (as issued|unchanged)/);
    }
    // The invoice itself is unchanged, and the evidence of the cancellation names the note.
    const again = await api('GET', `${FR}/invoices/${invoice.id}`, staff);
    assert.deepEqual(again.json().totals, invoice.totals);
    const evidence = (await api('GET', `${FR}/orders/${order.id}/evidence`, staff)).json();
    const cancelled = evidence.events.find((e: { type: string }) => e.type === 'cancelled');
    assert.equal(cancelled?.data?.creditNoteNumber ?? cancelled?.creditNoteNumber, note.number);

    // Pages: under the invoice on the customer's order page, and in the staff order page.
    const link = new RegExp(`href="/shops/${FR}/invoices/${note.id}.pdf">Avoir N° AV-${year}-000001 du \\d{1,2} \\S+ ${year} : [^<]+ \\(PDF\\)`);
    const customer = new FormClient(p.app);
    assert.equal((await customer.submit(`/shops/${FR}/login`, `/shops/${FR}/login`, { email: 'avoir-fr@credit.example', password: 'correct horse battery' })).statusCode, 303);
    assert.match((await customer.get(`/shops/${FR}/orders/${order.id}`)).body, link);
    const staffClient = new FormClient(p.app);
    assert.equal((await staffClient.submit(`/shops/${FR}/staff/login`, `/shops/${FR}/staff/login`, { email: `staff@${FR}.example`, password: DEMO_PASSWORD })).statusCode, 303);
    const staffPage = (await staffClient.get(`/shops/${FR}/staff/orders/${order.id}`)).body;
    assert.match(staffPage, /<h2 id="credit-notes">Avoirs<\/h2>/);
    assert.match(staffPage, link);
  });

  test('should number credit notes without gap per shop, apart from invoices: AV-…-000002 at the FR shop, AV-…-000001 at the BE shop', async () => {
    const fr = await place(FR, tokens.fr ?? '', [['CAFE-250', 1]]);
    const be1 = await place(BE, tokens.be ?? '', [['AVOIR-1', 2]]);
    const be2 = await place(BE, tokens.be ?? '', [['AVOIR-1', 1]]);
    await fact(BE, be1.id, { type: 'cancelled' });
    await fact(FR, fr.id, { type: 'cancelled' });
    await fact(BE, be2.id, { type: 'cancelled' });
    const numbers = async (shop: string, id: string) => (await documents(shop, id)).filter((d) => d.kind === 'credit_note').map((d) => d.number);
    assert.deepEqual(await numbers(FR, fr.id), [`AV-${year}-000002`]);
    assert.deepEqual(await numbers(BE, be1.id), [`AV-${year}-000001`]);
    assert.deepEqual(await numbers(BE, be2.id), [`AV-${year}-000002`]);
    // A Belgian credit note is a "note de crédit" with the VAT to be repaid if deducted.
    const [, note] = await documents(BE, be1.id);
    const text = pdfText((await api('GET', `${BE}/invoices/${note?.id}.pdf`, staff)).rawPayload);
    assert.match(text, /Note de crédit N° AV-\d{4}-000001/);
    assert.ok(text.includes('TVA à reverser à l’État dans la mesure où elle a été initialement déduite.'));
    assert.equal(note?.totals.grossCents, 4840);
    assert.deepEqual(note?.totals.byRate.map((r) => [r.rateBp, r.netCents, r.vatCents]), [[2100, 4000, 840]]);
  });

  test('should credit the one line withdrawn, to the cent, when its refund is recorded, and record the refund made by hand as paid', async () => {
    const order = await place(FR, tokens.fr ?? '', [['MIEL-500', 2], ['CAFE-250', 3]]);
    await fact(FR, order.id, { type: 'payment_received', amountCents: order.totals.grossCents });
    const [invoice] = await documents(FR, order.id);
    const cafe = invoice?.lines.find((l) => l.sku === 'CAFE-250');
    assert.ok(cafe);
    const unit = cafe.totalCents / 3;
    const w = await api('POST', `${FR}/orders/${order.id}/withdrawal`, bearer(tokens.fr ?? ''), { lines: [{ productId: products['CAFE-250'], quantity: 1 }] });
    assert.equal(w.statusCode, 201, w.body);
    const on = today(p.clock, 'Europe/Paris').toString();
    const refunded = await api('POST', `${FR}/withdrawals/${w.json().id}/events`, staff, { type: 'refunded', at: on, amountCents: unit });
    assert.equal(refunded.statusCode, 201, refunded.body);

    const notes = (await documents(FR, order.id)).filter((d) => d.kind === 'credit_note');
    assert.equal(notes.length, 1);
    const [note] = notes;
    assert.equal(note?.reason, 'withdrawal');
    assert.deepEqual(note?.lines.map((l) => [l.sku, l.quantity, l.totalCents]), [['CAFE-250', 1, unit]]);
    assert.equal(note?.totals.grossCents, unit);
    assert.equal(note?.totals.byRate.length, 1);
    assert.equal(note?.totals.netCents + (note?.totals.vatCents ?? 0), unit);

    // The money: paid by hand, paid back by hand — a refund recorded as made, the order partly refunded.
    const refunds = (await api('GET', `${FR}/refunds`, staff)).json().items.filter((r: { orderId: string }) => r.orderId === order.id);
    assert.deepEqual(refunds.map((r: { amountCents: number; status: string }) => [r.amountCents, r.status]), [[unit, 'confirmed']]);
    const after = (await api('GET', `${FR}/orders/${order.id}`, staff)).json();
    assert.equal(after.payment.status, 'partially_refunded');
    // Recorded again: refused, no second credit note.
    const twice = await api('POST', `${FR}/withdrawals/${w.json().id}/events`, staff, { type: 'refunded', at: on, amountCents: unit });
    assert.equal(twice.json().error?.code, 'withdrawal_already_refunded');
    assert.equal((await documents(FR, order.id)).length, 2);
  });

  test('should send the refund of a withdrawal paid by card back to the card through the provider (the development provider: at once)', async () => {
    const order = await place(FR, tokens.fr ?? '', [['MIEL-500', 1], ['CAFE-250', 1]]);
    const customer = new FormClient(p.app);
    assert.equal((await customer.submit(`/shops/${FR}/login`, `/shops/${FR}/login`, { email: 'avoir-fr@credit.example', password: 'correct horse battery' })).statusCode, 303);
    const payPage = `/shops/${FR}/orders/${order.id}/simulated-payment`;
    const paid = await customer.submit(payPage, payPage, { decision: 'pay' });
    assert.equal(paid.statusCode, 303, paid.body);
    const [invoice] = await documents(FR, order.id);
    const cafe = invoice?.lines.find((l) => l.sku === 'CAFE-250');
    assert.ok(cafe);
    const w = await api('POST', `${FR}/orders/${order.id}/withdrawal`, bearer(tokens.fr ?? ''), { lines: [{ productId: products['CAFE-250'], quantity: 1 }] });
    assert.equal(w.statusCode, 201, w.body);
    const refunded = await api('POST', `${FR}/withdrawals/${w.json().id}/events`, staff, { type: 'refunded', at: today(p.clock, 'Europe/Paris').toString(), amountCents: cafe.totalCents });
    assert.equal(refunded.statusCode, 201, refunded.body);
    const refunds = (await api('GET', `${FR}/refunds`, staff)).json().items.filter((r: { orderId: string }) => r.orderId === order.id);
    assert.deepEqual(refunds.map((r: { method: string; amountCents: number; status: string; providerRef: string | null }) => [r.method, r.amountCents, r.status, r.providerRef?.startsWith('sim_re_')]), [['card', cafe.totalCents, 'succeeded', true]]);
    assert.equal((await api('GET', `${FR}/orders/${order.id}`, staff)).json().payment.status, 'partially_refunded');
    const notes = (await documents(FR, order.id)).filter((d) => d.kind === 'credit_note');
    assert.deepEqual(notes.map((n) => [n.reason, n.totals.grossCents]), [['withdrawal', cafe.totalCents]]);
  });
});
