/**
 * Issue 10 §1–§3 over HTTP, driven by the test clock (API.md): the consumer's withdrawal function
 * and staff's record of a letter, judged against the period counted from delivery (LEGAL §A1.2:
 * a FR order delivered Fri 2026-07-03 may be withdrawn until Fri 2026-07-17; a BE order picked
 * up Tue 2026-07-07 until Wed 2026-07-22, the 21st being the Belgian National Day), lines
 * excluded by a legal exception, partial withdrawals, the acknowledgement received over SMTP
 * with its PDF, the refund's due day (14 days after the shop was informed, deferred until the
 * goods are back), the staff alerts 10 and 3 days before it, and the surcharge of a late refund
 * (FR L242-4: legal interest, then 5 %, 10 %…; BE: legal interest).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { FormClient } from '../support/form-client.ts';
import { outboxEmails } from '../support/outbox.ts';
import { pdfText } from '../support/pdf-text.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform, moveTestClock } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';
import { startSmtp } from '../support/smtp.ts';

const FR = 'coopconnexion';
const BE = 'coopso';

let p: TestPlatform;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
before(async () => {
  smtp = await startSmtp();
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-06-25T10:00:00+02:00', SMTP_URL: smtp.url }, { stripe: false });
});
after(async () => {
  await p.stop();
  await smtp.close();
});

type Json = Record<string, unknown>;
const staff = bearer(ADMIN_TOKEN);
const moveClock = (now: string) => moveTestClock(p, now);
const post = (url: string, headers: Record<string, string>, payload: Json = {}) => p.app.inject({ method: 'POST', url: `/api/v1/shops/${url}`, headers, payload });
const order = async (shop: string, id: string) => (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${shop}/orders/${id}`, headers: staff })).json();
const withdrawalOf = async (shop: string, id: string) => (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${shop}/withdrawals/${id}`, headers: staff })).json();

async function event(shop: string, id: string, type: string, at: string, extra: Json = {}) {
  const res = await post(`${shop}/orders/${id}/events`, staff, { type, at, ...extra });
  assert.equal(res.statusCode, 201, `${type}: ${res.body}`);
}
async function withdrawalEvent(shop: string, id: string, type: string, at: string, extra: Json = {}) {
  const res = await post(`${shop}/withdrawals/${id}/events`, staff, { type, at, ...extra });
  assert.equal(res.statusCode, 201, `${type}: ${res.body}`);
  return res.json();
}

const tokens = { c1: '', c2: '', c3: '', b1: '', b2: '' };
const ids = { c1: '', c2: '', c3: '', b1: '', b2: '', w1: '', wb1: '' };
type Who = keyof typeof tokens;
const products: Record<string, string> = {};

async function place(shop: string, who: Who, lines: [string, number][]) {
  const res = await post(`${shop}/orders`, bearer(tokens[who]), {
    lines: lines.map(([sku, quantity]) => ({ productId: products[sku], quantity })),
    acceptedTerms: { version: await termsVersion(p, shop) },
    delivery: shop === BE ? { mode: 'pickup', pickupPointId: '0' } : { mode: 'carrier' },
    paymentMethod: shop === BE ? 'bank_transfer' : 'card',
  });
  assert.equal(res.statusCode, 201, res.body);
  const placed = res.json();
  await event(shop, placed.id, 'payment_received', '2026-06-25T10:00:00+02:00', { amountCents: placed.totals.grossCents });
  return placed;
}

describe('withdrawal function and its deadlines (issue 10)', () => {
  test('should let a consumer withdraw an order not yet delivered: the period has not started, so it is on time', async () => {
    for (const who of ['c1', 'c2', 'c3'] as const) tokens[who] = await customerToken(p, FR, `${who}@withdraw.example`);
    for (const who of ['b1', 'b2'] as const) tokens[who] = await customerToken(p, BE, `${who}@withdraw.example`);
    for (const sku of ['MIEL-500', 'CAFE-250', 'PANIER-LEG']) products[sku] = await productIdBySku(p, FR, sku);
    for (const sku of ['CALC-SCI', 'ETIQ-NOM']) products[sku] = await productIdBySku(p, BE, sku);
    ids.c1 = (await place(FR, 'c1', [['MIEL-500', 4], ['CAFE-250', 2], ['PANIER-LEG', 1]])).id;
    ids.c2 = (await place(FR, 'c2', [['MIEL-500', 1]])).id;
    ids.c3 = (await place(FR, 'c3', [['PANIER-LEG', 1]])).id;
    ids.b1 = (await place(BE, 'b1', [['CALC-SCI', 1], ['ETIQ-NOM', 1]])).id;
    ids.b2 = (await place(BE, 'b2', [['CALC-SCI', 1]])).id;

    const res = await post(`${BE}/orders/${ids.b2}/withdrawal`, bearer(tokens.b2));
    assert.equal(res.statusCode, 201, res.body);
    const w = res.json();
    assert.deepEqual([w.notifiedOn, w.deadline, w.onTime, w.dueCents], ['2026-06-25', null, true, 2490]);
    // Nothing to wait for: the refund is due 14 days after the shop was informed.
    assert.equal(w.refundDueOn, '2026-07-09');
    assert.equal((await order(BE, ids.b2)).deadlines.withdrawalEndsOn, undefined, 'no period before delivery');
  });

  test('should end a FR period delivered on Fri 2026-07-03 on Fri 2026-07-17, and refuse excluded lines as not_withdrawable', async () => {
    await moveClock('2026-06-26T09:00:00+02:00');
    for (const who of ['c1', 'c2', 'c3'] as const) await event(FR, ids[who], 'shipped', '2026-06-26T09:00:00+02:00');
    await moveClock('2026-07-03T18:00:00+02:00');
    for (const who of ['c1', 'c2', 'c3'] as const) await event(FR, ids[who], 'delivered', '2026-07-03T15:00:00+02:00');
    assert.equal((await order(FR, ids.c1)).deadlines.withdrawalEndsOn, '2026-07-17');
    assert.equal((await order(FR, ids.c3)).deadlines.withdrawalEndsOn, undefined, 'a perishable basket alone has no withdrawal right');

    const basket = await post(`${FR}/orders/${ids.c3}/withdrawal`, bearer(tokens.c3));
    assert.equal(basket.statusCode, 422);
    assert.equal(basket.json().error.code, 'not_withdrawable');
    const mixed = await post(`${FR}/orders/${ids.c1}/withdrawal`, bearer(tokens.c1), { lines: [{ productId: products['PANIER-LEG'], quantity: 1 }] });
    assert.equal(mixed.statusCode, 422);
    assert.equal(mixed.json().error.code, 'not_withdrawable');
    assert.equal(mixed.json().error.field, 'lines.0.productId');
    // Another customer's order is not found, never withdrawn.
    const other = await post(`${FR}/orders/${ids.c1}/withdrawal`, bearer(tokens.c2));
    assert.equal(other.statusCode, 404);
  });

  test('should end a BE period picked up on Tue 2026-07-07 on Wed 2026-07-22 (21 July is a Belgian holiday)', async () => {
    await moveClock('2026-07-07T12:00:00+02:00');
    await event(BE, ids.b1, 'picked_up', '2026-07-07T11:00:00+02:00');
    assert.equal((await order(BE, ids.b1)).deadlines.withdrawalEndsOn, '2026-07-22');
  });

  test('should take a partial withdrawal, acknowledge it by e-mail over SMTP with the statement as PDF, and log it as evidence', async () => {
    await moveClock('2026-07-10T10:00:00+02:00');
    const res = await post(`${FR}/orders/${ids.c1}/withdrawal`, bearer(tokens.c1), { lines: [{ productId: products['MIEL-500'], quantity: 3 }] });
    assert.equal(res.statusCode, 201, res.body);
    const w = res.json();
    ids.w1 = w.id;
    assert.deepEqual([w.notifiedOn, w.deadline, w.onTime, w.wholeOrder, w.dueCents], ['2026-07-10', '2026-07-17', true, false, 2850]);
    assert.equal(w.refundDueOn, null, 'deferred until the honey comes back or its shipment is proved');
    const too = await post(`${FR}/orders/${ids.c1}/withdrawal`, bearer(tokens.c1), { lines: [{ productId: products['MIEL-500'], quantity: 2 }] });
    assert.equal(too.json().error.code, 'withdrawal_quantity_too_high', 'one jar is left');

    await moveClock('2026-07-10T10:01:00+02:00');
    const [mail] = await outboxEmails(p.database.db, 'c1@withdraw.example').then((all) => all.filter((m) => /rétractation/.test(m.subject)));
    assert.ok(mail, 'an acknowledgement was queued');
    assert.equal(mail.status, 'sent');
    assert.match(mail.text_body, /vendredi 10 juillet 2026 à 10:00:00 UTC\+2/);
    assert.match(mail.text_body, /3 × Miel/);
    assert.match(mail.text_body, /jusqu’au vendredi 17 juillet 2026 inclus/);
    // Received by the SMTP server: the message to c1 carrying the statement's PDF.
    const raw = smtp.messages.find((m) => /^To: c1@withdraw\.example/m.test(m) && m.includes(`${FR}-retractation-`)) ?? '';
    const part = raw.slice(raw.indexOf(`name=${FR}-retractation-`));
    assert.match(part, /^name=coopconnexion-retractation-[\w-]+\.pdf/);
    const b64 = /\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(part)?.[1] ?? '';
    const pdf = pdfText(Buffer.from(b64.replace(/\s/g, ''), 'base64'));
    const number = (await order(FR, ids.c1)).number;
    for (const words of ['Déclaration de rétractation', number, '3 × Miel', 'vendredi 10 juillet 2026', 'vendredi 17 juillet 2026']) assert.ok(pdf.includes(words), `the PDF says "${words}": ${pdf.slice(0, 400)}`);

    const evidence = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${FR}/orders/${ids.c1}/evidence`, headers: staff })).json();
    assert.equal(evidence.verified, true);
    const logged = evidence.events.find((e: { type: string }) => e.type === 'withdrawal_received');
    assert.deepEqual([logged.data.withdrawalId, logged.data.notifiedOn, logged.data.onTime, logged.data.emailOutboxId], [w.id, '2026-07-10', true, mail.id]);
  });

  test('should defer the refund until the goods are back, then make it due 14 days after the notice, with a staff alert 10 days before', async () => {
    await moveClock('2026-07-14T09:00:00+02:00');
    const w = await withdrawalEvent(FR, ids.w1, 'goods_received', '2026-07-14');
    assert.equal(w.goodsReceivedOn, '2026-07-14');
    assert.equal(w.refundDueOn, '2026-07-24');
    await moveClock('2026-07-14T09:01:00+02:00');
    assert.deepEqual(await alertDays(FR, ids.c1), ['2026-07-14']);
  });

  test('should take a withdrawal sent at 23:59 on the last day and refuse one sent at 00:05 the next day', async () => {
    await moveClock('2026-07-17T23:59:00+02:00');
    const rest = await post(`${FR}/orders/${ids.c1}/withdrawal`, bearer(tokens.c1));
    assert.equal(rest.statusCode, 201, rest.body);
    assert.deepEqual([rest.json().onTime, rest.json().lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity]), rest.json().dueCents], [true, [['MIEL-500', 1], ['CAFE-250', 2]], 950 + 1380]);
    await moveClock('2026-07-18T00:05:00+02:00');
    const late = await post(`${FR}/orders/${ids.c2}/withdrawal`, bearer(tokens.c2));
    assert.equal(late.statusCode, 422);
    assert.equal(late.json().error.code, 'withdrawal_period_over');
    assert.match(late.json().error.message, /2026-07-17/);
    const logged = (await order(FR, ids.c2)).events.filter((e: { type: string }) => e.type === 'withdrawal_received');
    assert.equal(logged.length, 0, 'a refused withdrawal leaves nothing');
  });

  test('should offer a late customer a goodwill request: delivered Fri 2026-07-03, period over 07-17, asked on Mon 07-20 and shown to staff', async () => {
    await moveClock('2026-07-20T10:00:00+02:00');
    // The API's contract is unchanged: a late withdrawal is refused, and the error says nothing more.
    const api = await post(`${FR}/orders/${ids.c2}/withdrawal`, bearer(tokens.c2));
    assert.equal(api.statusCode, 422);
    assert.deepEqual(Object.keys(api.json().error).filter((k) => !['code', 'message', 'field'].includes(k)), []);
    assert.equal(api.json().error.code, 'withdrawal_period_over');
    const customer = new FormClient(p.app);
    assert.equal((await customer.submit(`/shops/${FR}/login`, `/shops/${FR}/login`, { email: 'c2@withdraw.example', password: 'correct horse battery' })).statusCode, 303);
    const page = `/shops/${FR}/orders/${ids.c2}/withdrawal`;
    const refused = await customer.submit(page, `${page}/confirm`, { token: randomUUID() });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /a pris fin le vendredi 17 juillet 2026|2026-07-17/);
    assert.match(refused.body, /Demander un retour commercial au vendeur/);
    assert.match(refused.body, new RegExp(`action="${page}/goodwill"`));
    const asked = await customer.submit(page, `${page}/goodwill`, {});
    assert.equal(asked.statusCode, 303, asked.body);
    assert.equal((await customer.submit(page, `${page}/goodwill`, {})).statusCode, 303, 'a second click keeps the first request');
    const after = await customer.get(page);
    assert.match(after.body, /Demande transmise au vendeur le lundi 20 juillet 2026/);
    // One evidence event, dated by the click, and no withdrawal: the shop is bound to nothing.
    const events = (await order(FR, ids.c2)).events.filter((e: { type: string }) => e.type.includes('withdrawal'));
    assert.deepEqual(events.map((e: { type: string; at: string }) => [e.type, e.at]), [['late_withdrawal_goodwill_request', '2026-07-20T08:00:00.000Z']]);
    const staffClient = new FormClient(p.app);
    assert.equal((await staffClient.submit(`/shops/${FR}/staff/login`, `/shops/${FR}/staff/login`, { email: `staff@${FR}.example`, password: DEMO_PASSWORD })).statusCode, 303);
    const staffPage = (await staffClient.get(`/shops/${FR}/staff/orders/${ids.c2}`)).body;
    assert.match(staffPage, /Demandes de retour commercial \(hors délai\)/);
    assert.match(staffPage, /Demandé le lundi 20 juillet 2026 \(délai de rétractation échu le vendredi 17 juillet 2026\)/);
    assert.match(staffPage, /1 × [^<]+ <span class="muted">\(MIEL-500\)/);
    // Staff answer from that section: a refusal needs its reason; the customer is told by e-mail and on the page.
    const staffUrl = `/shops/${FR}/staff/orders/${ids.c2}`;
    const bare = await staffClient.submit(staffUrl, `${staffUrl}/withdrawal/goodwill-answer`, { decision: 'declined', note: '' });
    assert.equal(bare.statusCode, 422);
    const declined = await staffClient.submit(staffUrl, `${staffUrl}/withdrawal/goodwill-answer`, { decision: 'declined', note: 'Produit alimentaire entamé.' });
    assert.equal(declined.statusCode, 303, declined.body);
    assert.equal((await staffClient.submit(staffUrl, `${staffUrl}/withdrawal/goodwill-answer`, { decision: 'accepted' })).statusCode, 422, 'answered once');
    assert.match((await staffClient.get(staffUrl)).body, /Refusé le lundi 20 juillet 2026 \(Produit alimentaire entamé\.\) ; le client en a été informé par e-mail\./);
    assert.match((await customer.get(page)).body, /Le vendeur a refusé votre demande le lundi 20 juillet 2026\. Motif : Produit alimentaire entamé\./);
    const mail = (await outboxEmails(p.database.db, 'c2@withdraw.example')).find((m) => /retour commercial/.test(m.subject));
    assert.ok(mail?.text_body.includes('Motif : Produit alimentaire entamé.'), mail?.text_body);
  });

  test('should send the second refund alert 3 days before the due day', async () => {
    await moveClock('2026-07-20T23:00:00+02:00');
    assert.deepEqual(await alertDays(FR, ids.c1), ['2026-07-14']);
    await moveClock('2026-07-21T08:00:00+02:00');
    assert.deepEqual(await alertDays(FR, ids.c1), ['2026-07-14', '2026-07-21']);
  });

  test('should record a letter by the day it was sent: on time if posted by the end of the period, refused otherwise', async () => {
    await moveClock('2026-07-24T10:00:00+02:00');
    const late = await post(`${BE}/orders/${ids.b1}/withdrawal`, staff, { notifiedOn: '2026-07-23', channel: 'letter' });
    assert.equal(late.json().error?.code, 'withdrawal_period_over', late.body);
    const future = await post(`${BE}/orders/${ids.b1}/withdrawal`, staff, { notifiedOn: '2026-07-25' });
    assert.equal(future.json().error?.code, 'event_in_future');
    const res = await post(`${BE}/orders/${ids.b1}/withdrawal`, staff, { notifiedOn: '2026-07-21', receivedOn: '2026-07-23', channel: 'letter' });
    assert.equal(res.statusCode, 201, res.body);
    const w = res.json();
    ids.wb1 = w.id;
    // The personalised labels are excluded: only the calculator is withdrawn.
    assert.deepEqual([w.notifiedOn, w.receivedOn, w.deadline, w.onTime, w.channel, w.lines.map((l: { sku: string }) => l.sku), w.dueCents], ['2026-07-21', '2026-07-23', '2026-07-22', true, 'letter', ['CALC-SCI'], 2490]);
    const [ack] = (await outboxEmails(p.database.db, 'b1@withdraw.example')).filter((m) => /rétractation/.test(m.subject));
    assert.match(ack?.text_body ?? '', /Envoyée le : mardi 21 juillet 2026/);
  });

  test('should show the L242-4 surcharge growing once the refund is late, and keep the one of the day it was paid', async () => {
    assert.equal((await withdrawalOf(FR, ids.w1)).lateSurchargeCents, 0, 'due on 07-24: not late yet');
    await moveClock('2026-08-03T10:00:00+02:00');
    const tenDays = await withdrawalOf(FR, ids.w1);
    // 10 days late: legal interest, 28.50 € × 6.67 % × 10 / 365 = 0.05 €.
    assert.deepEqual([tenDays.daysLate, tenDays.lateSurchargeRate, tenDays.lateSurchargeCents], [10, 'legal_interest', 5]);
    await moveClock('2026-08-04T10:00:00+02:00');
    const elevenDays = await withdrawalOf(FR, ids.w1);
    assert.deepEqual([elevenDays.daysLate, elevenDays.lateSurchargeRate, elevenDays.lateSurchargeCents], [11, '5%', 143]);
    await moveClock('2026-08-18T10:00:00+02:00');
    const paid = await withdrawalEvent(FR, ids.w1, 'refunded', '2026-08-18', { amountCents: 2850 });
    assert.deepEqual([paid.refundedOn, paid.daysLate, paid.lateSurchargeRate, paid.lateSurchargeCents], ['2026-08-18', 25, '10%', 285]);
    await moveClock('2026-09-30T10:00:00+02:00');
    assert.equal((await withdrawalOf(FR, ids.w1)).lateSurchargeCents, 285, 'fixed at the refund');
    const again = await post(`${FR}/withdrawals/${ids.w1}/events`, staff, { type: 'refunded', at: '2026-09-30', amountCents: 1 });
    assert.equal(again.json().error?.code, 'withdrawal_already_refunded');
  });

  test('should alert BE staff 10 and 3 days before, and charge legal interest on a late Belgian refund', async () => {
    // b1's goods come back on 07-27 (recorded late, after the fact): due 07-23 + 14 = 08-06.
    const w = await withdrawalEvent(BE, ids.wb1, 'goods_received', '2026-07-27');
    assert.equal(w.refundDueOn, '2026-08-06');
    // The clock had passed both alert days: only the more urgent alert goes, once.
    await moveClock('2026-10-01T10:00:00+02:00');
    assert.deepEqual(await alertDays(BE, ids.b1), ['2026-10-01']);
    const paid = await withdrawalEvent(BE, ids.wb1, 'refunded', '2026-08-20', { amountCents: 2490 });
    // 14 days late: 24.90 € × 4.5 % × 14 / 365 = 0.04 €.
    assert.deepEqual([paid.daysLate, paid.lateSurchargeRate, paid.lateSurchargeCents], [14, 'legal_interest', 4]);
    const evidence = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${BE}/orders/${ids.b1}/evidence`, headers: staff })).json();
    assert.equal(evidence.verified, true);
    assert.deepEqual(evidence.events.filter((e: { type: string }) => e.type.startsWith('withdrawal_')).map((e: { type: string }) => e.type), ['withdrawal_received', 'withdrawal_goods_received', 'withdrawal_refunded']);
  });

  test('should take a staff-assessed depreciation off the refund, count the late surcharge on what is left, and refuse one above the sum', async () => {
    // c1's second withdrawal (sent 2026-07-17 23:59): 1 honey + 2 coffees, 23.30 € to refund; the coffee comes back opened and used.
    const rest = await p.database.db.selectFrom('withdrawals').select('id').where('shop_id', '=', FR).where('order_id', '=', ids.c1).where('id', '!=', ids.w1).executeTakeFirstOrThrow();
    assert.equal((await withdrawalOf(FR, rest.id)).dueCents, 2330);
    const above = await post(`${FR}/withdrawals/${rest.id}/events`, staff, { type: 'goods_received', at: '2026-07-20', depreciationCents: 2331, depreciationReason: 'Café entamé' });
    assert.equal(above.statusCode, 422, above.body);
    assert.deepEqual([above.json().error.code, above.json().error.field], ['depreciation_above_refund', 'depreciationCents']);
    console.log(`depreciation of 23.31 € on 23.30 €: ${above.statusCode} ${above.json().error.message}`);
    const untouched = await withdrawalOf(FR, rest.id);
    assert.deepEqual([untouched.dueCents, untouched.depreciationCents, untouched.goodsReceivedOn], [2330, 0, null], 'nothing changed');

    const w = await withdrawalEvent(FR, rest.id, 'goods_received', '2026-07-20', { depreciationCents: 500, depreciationReason: 'Café entamé, paquet ouvert' });
    // Sent 07-17, goods back 07-20: due 14 days after the notice, 07-31; on 10-01 it is 62 days late, so L242-4 adds 50 % — of 18.30 €, not 23.30 €.
    console.log(`withdrawn 23.30 €, depreciation ${w.depreciationCents / 100} € → due ${w.dueCents / 100} € by ${w.refundDueOn}; on 2026-10-01: ${w.daysLate} days late, ${w.lateSurchargeRate} = ${w.lateSurchargeCents / 100} €`);
    assert.deepEqual([w.dueCents, w.depreciationCents, w.depreciationReason, w.refundDueOn, w.daysLate, w.lateSurchargeRate, w.lateSurchargeCents], [1830, 500, 'Café entamé, paquet ouvert', '2026-07-31', 62, '50%', 915]);
    const evidence = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${FR}/orders/${ids.c1}/evidence`, headers: staff })).json();
    assert.equal(evidence.verified, true);
    const logged = evidence.events.filter((e: { type: string; data: { withdrawalId?: string } }) => e.type === 'withdrawal_goods_received' && e.data.withdrawalId === rest.id);
    assert.deepEqual(logged.map((e: { data: Record<string, unknown> }) => [e.data.depreciationCents, e.data.depreciationReason, e.data.dueCents]), [[500, 'Café entamé, paquet ouvert', 1830]]);

    const session = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${FR}/session`, payload: { email: 'c1@withdraw.example', password: 'correct horse battery' } });
    const ack = await p.app.inject({ method: 'GET', url: `/shops/${FR}/withdrawals/${rest.id}`, headers: bearer(session.json().token) });
    assert.equal(ack.statusCode, 200);
    assert.match(ack.body.replace(/\u202f|\u00a0|&nbsp;/g, ' '), /18,30 €.*Dépréciation retenue : 5,00 € — Café entamé, paquet ouvert/s);
  });
});

/** The days staff were alerted of an order's withdrawal refund falling due (the outbox's creation dates, Paris/Brussels time). */
async function alertDays(shop: string, orderId: string): Promise<string[]> {
  const { number } = await order(shop, orderId);
  const rows = await p.database.db.selectFrom('outbox').select(['created_at', 'subject']).where('shop_id', '=', shop).where('subject', 'like', `%remboursement de rétractation%${number}%`).orderBy('created_at').execute();
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', dateStyle: 'short' });
  return rows.map((r) => day.format(r.created_at));
}
