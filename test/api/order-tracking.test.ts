/**
 * Issue 11 §7–§8 over HTTP: the customer is told by e-mail at each transition they care about, in
 * their language (Dutch, English) — or in French only at COOPCONNEXION, whose terms say every
 * notification is in French (000 §18) —, with the reason of a refusal or a cancellation; a refusal
 * gives the stock back and the customer's page then asks for no payment; the staff form asks for a
 * reason and a confirmation before a refusal; the staff "today" view lists each order on the right
 * days as the test clock moves, and its digest reaches the staff once a day.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { FormClient } from '../support/form-client.ts';
import { outboxEmails } from '../support/outbox.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform, moveTestClock } from '../support/platform.ts';
import { productIdBySku, stockOf, termsVersion } from '../support/shoppers.ts';

let p: TestPlatform;
let staff: FormClient;
const EMAIL = { nl: 'noor@coopso.example', en: 'emma@coopso.example', fr: 'jules@coopconnexion.example', en2: 'oliver@coopconnexion.example' } as const;
const token: Record<string, string> = {};
type Order = { id: string; number: string; status: string; totals: { grossCents: number }; deadlines: Record<string, string> };

async function register(shop: string, email: string, language: string, firstName: string) {
  const address = shop === 'coopso' ? { line1: 'rue de Fer 1', postalCode: '4000', city: 'Liège', country: 'BE' } : { line1: '3 rue des Lilas', postalCode: '62300', city: 'Lens', country: 'FR' };
  const reg = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/customers`, payload: { kind: 'consumer', email, password: 'correct horse battery', firstName, lastName: 'Test', address, language } });
  assert.equal(reg.statusCode, 201, reg.body);
  token[email] = (await p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/session`, payload: { email, password: 'correct horse battery' } })).json().token;
}

async function place(shop: 'coopso' | 'coopconnexion', email: string, sku: string): Promise<Order> {
  const delivery = shop === 'coopso' ? { mode: 'pickup', pickupPointId: '0' } : { mode: 'carrier' };
  const res = await p.app.inject({
    method: 'POST', url: `/api/v1/shops/${shop}/orders`, headers: bearer(token[email] ?? ''),
    payload: { lines: [{ productId: await productIdBySku(p, shop, sku), quantity: 2 }], acceptedTerms: { version: await termsVersion(p, shop) }, delivery, paymentMethod: shop === 'coopso' ? 'bank_transfer' : 'card' },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}
const fact = async (shop: string, id: string, payload: Record<string, unknown>) => {
  const res = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/orders/${id}/events`, headers: bearer(ADMIN_TOKEN), payload });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as Order;
};
const moveClock = (now: string) => moveTestClock(p, now);
const mails = (to: string) => outboxEmails(p.database.db, to);
/** Staff of `shop`, signed in now (a moved clock ends idle sessions). */
async function staffOf(shop: string): Promise<FormClient> {
  const c = new FormClient(p.app);
  assert.equal((await c.submit(`/shops/${shop}/staff/login`, `/shops/${shop}/staff/login`, { email: `staff@${shop}.example`, password: DEMO_PASSWORD })).statusCode, 303);
  return c;
}
/** The "today" view's rows for these orders, as text: "number | kind | day | left". */
const todayRows = async (numbers: readonly string[], shop = 'coopso') => {
  const page = await (await staffOf(shop)).get(`/shops/${shop}/staff/today`);
  assert.equal(page.statusCode, 200);
  return [...page.body.matchAll(/<tr[^>]*><th scope="row"><a href="[^"]+">([^<]+)<\/a><\/th><td>[^<]*<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td><td>(?:<strong>)?([^<]+)/g)]
    .filter((m) => numbers.includes(m[1] ?? ''))
    .map((m) => `${m[1]} | ${m[2]} | ${m[3]} | ${m[4]}`);
};

before(async () => {
  // Monday 1 June 2026, 10:00 in Brussels.
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-06-01T10:00:00+02:00' });
  await register('coopso', EMAIL.nl, 'nl', 'Noor');
  await register('coopso', EMAIL.en, 'en', 'Emma');
  await register('coopconnexion', EMAIL.fr, 'fr', 'Jules');
  await register('coopconnexion', EMAIL.en2, 'en', 'Oliver');
  staff = await staffOf('coopso');
});
after(async () => p?.stop());

describe('e-mails at each transition, in the customer’s language', () => {
  test('Coopso refuses Noor’s order: the staff form wants a reason and a confirmation, then Noor reads it in Dutch, stock back, no payment asked', async () => {
    const before = await stockOf(p, 'coopso', 'CALC-SCI');
    const order = await place('coopso', EMAIL.nl, 'CALC-SCI');
    assert.equal(await stockOf(p, 'coopso', 'CALC-SCI'), before - 2);
    const url = `/shops/coopso/staff/orders/${order.id}`;
    const page = await staff.get(url);
    assert.match(page.body, /<dt>E-mail du client<\/dt><dd><a href="mailto:noor@coopso.example">noor@coopso.example<\/a><\/dd>/);
    assert.match(page.body, /<dt>Point de retrait<\/dt><dd>Centre de distribution de Liège/);
    assert.match(page.body, /<dt>Langue des e-mails<\/dt><dd>Nederlands<\/dd>/);
    // The slot held at the point, in the shop's zone (issue 12 §3).
    assert.match(page.body, /<dt>Créneau<\/dt><dd>[a-z]+ \d{1,2} [a-zéû]+ 2026, \d\d:\d\d–\d\d:\d\d<\/dd>/);
    const bare = await staff.submit(url, `${url}/events`, { type: 'refused', at: '2026-06-01T10:00', note: '' });
    assert.equal(bare.statusCode, 422);
    assert.match(bare.body, /id="f-note-error">Indiquez le motif du refus/);
    assert.match(bare.body, /id="f-confirm-error">Cochez la case pour confirmer/);
    const unconfirmed = await staff.submit(url, `${url}/events`, { type: 'refused', at: '2026-06-01T10:00', note: 'Rupture chez le fournisseur' });
    assert.equal(unconfirmed.statusCode, 422);
    assert.match(unconfirmed.body, /value="Rupture chez le fournisseur"/);
    assert.equal((await p.database.db.selectFrom('orders').select('status').where('id', '=', order.id).executeTakeFirstOrThrow()).status, 'awaiting_payment');
    const done = await staff.submit(url, `${url}/events`, { type: 'refused', at: '2026-06-01T10:00', note: 'Rupture chez le fournisseur', confirm: 'yes' });
    assert.equal(done.statusCode, 303, done.body);
    assert.equal(await stockOf(p, 'coopso', 'CALC-SCI'), before);
    const mail = (await mails(EMAIL.nl)).find((m) => /geweigerd/.test(m.subject));
    assert.ok(mail, (await mails(EMAIL.nl)).map((m) => m.subject).join());
    assert.equal(mail.subject, `Coopso – Ecollectif.be — uw bestelling ${order.number} is geweigerd`);
    assert.match(mail.text_body, /^Beste Noor,/);
    assert.match(mail.text_body, new RegExp(`Uw bestelling ${order.number} niet uitvoeren: ze werd geweigerd op 1 juni 2026\\.`, 'i'));
    assert.match(mail.text_body, /Reden: Rupture chez le fournisseur/);
    assert.match(mail.text_body, new RegExp(`/shops/coopso/orders/${order.id}`));
    // The customer's page: refused, with its reason, and no payment asked any more.
    const customerPage = await p.app.inject({ method: 'GET', url: `/shops/coopso/orders/${order.id}?lang=fr`, headers: bearer(token[EMAIL.nl] ?? '') });
    assert.equal(customerPage.statusCode, 200);
    assert.match(customerPage.body, /Cette commande a été refusée par la boutique/);
    assert.match(customerPage.body, /Motif : Rupture chez le fournisseur/);
    assert.doesNotMatch(customerPage.body, /en attente du paiement/i);
    assert.match(customerPage.body, /aucun paiement n’est demandé/);
    assert.match(customerPage.body, /<td>Commande refusée<\/td>/);
  });

  test('Emma (English) at Coopso: paid, picked up, then another order cancelled with its reason — each told in English', async () => {
    const order = await place('coopso', EMAIL.en, 'CALC-SCI');
    await moveClock('2026-06-01T12:00:00+02:00');
    await fact('coopso', order.id, { type: 'payment_received', at: '2026-06-01', amountCents: order.totals.grossCents });
    await fact('coopso', order.id, { type: 'picked_up', at: '2026-06-01T11:00:00+02:00' });
    const other = await place('coopso', EMAIL.en, 'CALC-SCI');
    await fact('coopso', other.id, { type: 'cancelled', at: '2026-06-01', by: 'seller', note: 'Product discontinued' });
    const subjects = (await mails(EMAIL.en)).map((m) => m.subject);
    // From the order's confirmation on (L221-13), in the language she chose.
    assert.ok(subjects.includes(`Coopso – Ecollectif.be: confirmation of your order ${order.number}`), subjects.join(' / '));
    assert.match((await mails(EMAIL.en)).find((m) => m.subject.includes('confirmation'))?.text_body ?? '', /^Hello Emma,\n\nWe have received your order/);
    assert.ok(subjects.includes(`Coopso – Ecollectif.be — your order ${order.number} is collected`), subjects.join(' / '));
    assert.ok(subjects.includes(`Coopso – Ecollectif.be — your order ${other.number} is cancelled`), subjects.join(' / '));
    const cancelled = (await mails(EMAIL.en)).find((m) => m.subject.endsWith('is cancelled'));
    assert.match(cancelled?.text_body ?? '', /Your order .* was cancelled on 1 June 2026\.\n\nReason: Product discontinued/);
    // The cancellation's evidence names the e-mail that told the customer.
    const event = await p.database.db.selectFrom('order_events').select('data').where('order_id', '=', other.id).where('type', '=', 'cancelled').executeTakeFirstOrThrow();
    assert.equal((event.data as { emailTo?: string }).emailTo, EMAIL.en);
  });

  test('COOPCONNEXION writes in French only (000 §18), even to a customer who chose English', async () => {
    const order = await place('coopconnexion', EMAIL.en2, 'MIEL-500');
    await fact('coopconnexion', order.id, { type: 'payment_received', at: '2026-06-01', amountCents: order.totals.grossCents });
    await fact('coopconnexion', order.id, { type: 'shipped', at: '2026-06-01T12:00:00+02:00' });
    const refusedOrder = await place('coopconnexion', EMAIL.fr, 'MIEL-500');
    await moveClock('2026-06-01T13:00:00+02:00');
    await fact('coopconnexion', refusedOrder.id, { type: 'refused', at: '2026-06-01T12:05:00+02:00', note: 'Adresse hors zone' });
    const shipped = (await mails(EMAIL.en2)).find((m) => /expédiée/.test(m.subject));
    assert.equal(shipped?.subject, `CoopConnexion — votre commande ${order.number} est expédiée`);
    assert.match(shipped?.text_body ?? '', /^Bonjour Oliver,\n\nVotre commande .* a été expédiée le 1 juin 2026\./);
    assert.ok(!(await mails(EMAIL.en2)).some((m) => /your order/i.test(m.subject)));
    assert.ok((await mails(EMAIL.en2)).some((m) => m.subject === `CoopConnexion : confirmation de votre commande ${order.number}`));
    const refused = (await mails(EMAIL.fr)).find((m) => /refusée/.test(m.subject));
    assert.match(refused?.text_body ?? '', /Motif : Adresse hors zone/);
  });
});

describe('grounds named by the terms', () => {
  test('DISTRITEC refuses only for bad faith or an earlier default (003 art.2.6): the form offers those grounds and wants one', async () => {
    await register('distritec', 'ground@distritec.example', 'fr', 'Lucie');
    const products = (await p.app.inject({ method: 'GET', url: '/api/v1/shops/distritec/products?sort=price_desc' })).json().items as { id: string; stock: number; regulated: boolean }[];
    const product = products.find((x) => x.stock > 5 && !x.regulated);
    assert.ok(product);
    const res = await p.app.inject({
      method: 'POST', url: '/api/v1/shops/distritec/orders', headers: bearer(token['ground@distritec.example'] ?? ''),
      payload: { lines: [{ productId: product.id, quantity: 1 }], acceptedTerms: { version: await termsVersion(p, 'distritec') }, delivery: { mode: 'carrier' }, paymentMethod: 'bank_transfer' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const url = `/shops/distritec/staff/orders/${res.json().id}`;
    const desk = await staffOf('distritec');
    const page = await desk.get(url);
    const select = /<select id="f-ground" name="ground"[^>]*>(.*?)<\/select>/s.exec(page.body)?.[1] ?? '';
    assert.deepEqual([...select.matchAll(/<option value="([a-z_]*)"[^>]*>([^<]+)</g)].map((m) => `${m[1]}: ${m[2]}`), [': — Aucun motif particulier —', 'bad_faith: Mauvaise foi du client', 'earlier_default: Défaut de paiement sur une commande antérieure', 'unpaid_invoice: Facture impayée']);
    const at = new Date(res.json().placedAt).toLocaleString('sv-SE', { timeZone: 'Europe/Paris' }).slice(0, 16).replace(' ', 'T');
    const none = await desk.submit(url, `${url}/events`, { type: 'refused', at, note: 'Client douteux', confirm: 'yes', ground: '' });
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /id="f-ground-error">Les conditions de la boutique ne permettent de refuser une commande que pour ces motifs/);
    const done = await desk.submit(url, `${url}/events`, { type: 'refused', at, note: 'Client douteux', confirm: 'yes', ground: 'bad_faith' });
    assert.equal(done.statusCode, 303, done.body);
  });
});

describe('the staff "today" view and its digest, as the clock moves', () => {
  let waiting: Order;

  test('an order placed Mon 1 June: refusal window to Fri 5 June, transfer due Mon 8 June', async () => {
    waiting = await place('coopso', EMAIL.nl, 'CALC-SCI');
    assert.equal(waiting.deadlines.refusalUntil, '2026-06-05');
    assert.equal(waiting.deadlines.paymentDueOn, '2026-06-08');
    assert.deepEqual(await todayRows([waiting.number]), []);
    const link = await (await staffOf('coopso')).get('/shops/coopso/staff');
    assert.match(link.body, /href="\/shops\/coopso\/staff\/today">Aujourd’hui : échéances des commandes</);
  });

  test('is the shop’s staff’s only: a visitor is sent to the staff login, a customer and another shop’s staff are refused', async () => {
    const visitor = await p.app.inject({ method: 'GET', url: '/shops/coopso/staff/today' });
    assert.equal(visitor.statusCode, 303);
    assert.equal(visitor.headers.location, '/shops/coopso/staff/login');
    assert.equal((await p.app.inject({ method: 'GET', url: '/shops/coopso/staff/today', headers: bearer(token[EMAIL.nl] ?? '') })).statusCode, 403);
    const other = await (await staffOf('coopconnexion')).get('/shops/coopso/staff/today');
    assert.equal(other.statusCode, 403);
    assert.doesNotMatch(other.body, new RegExp(waiting.number));
  });

  test('Wed 3 June: nothing yet; Thu 4 June: the refusal window closes the next working day', async () => {
    await moveClock('2026-06-03T09:00:00+02:00');
    assert.deepEqual(await todayRows([waiting.number]), []);
    await moveClock('2026-06-04T09:00:00+02:00');
    assert.deepEqual(await todayRows([waiting.number]), [`${waiting.number} | Fin du délai de refus | 5 juin 2026 | dans 1 j`]);
  });

  test('Sat 6 June: the window is over; the payment is due Monday', async () => {
    await moveClock('2026-06-06T09:00:00+02:00');
    assert.deepEqual(await todayRows([waiting.number]), [`${waiting.number} | Paiement attendu | 8 juin 2026 | dans 2 j`]);
  });

  test('the digest reached the staff once on Thursday and once on Saturday, never twice a day', async () => {
    await moveClock('2026-06-06T15:00:00+02:00');
    const digests = (await mails('staff@coopso.example')).filter((m) => /à faire le/.test(m.subject));
    assert.deepEqual(digests.map((m) => m.subject.replace(/ : \d+ échéance\(s\)$/, '')), ['Coopso – Ecollectif.be — à faire le 4 juin 2026', 'Coopso – Ecollectif.be — à faire le 6 juin 2026']);
    assert.match(digests[0]?.text_body ?? '', new RegExp(`- ${waiting.number} \\(Noor Test\\) — Fin du délai de refus : 5 juin 2026 \\(dans 1 j\\)`));
    assert.match(digests[1]?.text_body ?? '', new RegExp(`- ${waiting.number} \\(Noor Test\\) — Paiement attendu : 8 juin 2026 \\(dans 2 j\\)`));
    assert.match(digests[1]?.text_body ?? '', /\/shops\/coopso\/staff\/today/);
    const stored = await p.database.db.selectFrom('outbox').select('id').where('shop_id', '=', 'coopso').where('template', '=', 'today_digest').execute();
    assert.equal(stored.length, 2);
  });

  test('a paid order’s delivery promise (30 days, L216-1) shows from 2 days before it and stays once passed, until delivered', async () => {
    await moveClock('2026-06-08T09:00:00+02:00');
    const order = await place('coopconnexion', EMAIL.fr, 'MIEL-500');
    const paid = await fact('coopconnexion', order.id, { type: 'payment_received', at: '2026-06-08', amountCents: order.totals.grossCents });
    assert.equal(paid.deadlines.deliveryLatestOn, '2026-07-08');
    const rows = async () => (await todayRows([order.number], 'coopconnexion')).map((r) => r.split(' | ').filter((_, i) => i === 1 || i === 3).join(' | '));
    await moveClock('2026-07-05T09:00:00+02:00');
    assert.deepEqual(await rows(), []);
    await moveClock('2026-07-06T09:00:00+02:00');
    assert.deepEqual(await rows(), ['Date de livraison promise | dans 2 j']);
    await moveClock('2026-07-10T09:00:00+02:00');
    assert.deepEqual(await rows(), ['Date de livraison promise | dépassée de 2 j']);
    await fact('coopconnexion', order.id, { type: 'shipped', at: '2026-07-10T08:00:00+02:00' });
    await fact('coopconnexion', order.id, { type: 'delivered', at: '2026-07-10T08:30:00+02:00' });
    assert.deepEqual(await rows(), []);
  });
  test('a customer’s cancellation at Bible et Jeux owes a refund by its day: it shows from 3 days before', async () => {
    await moveClock('2026-07-13T09:00:00+02:00');
    await register('bible-et-jeux', 'rembourse@bible-et-jeux.example', 'fr', 'Rachel');
    const res = await p.app.inject({
      method: 'POST', url: '/api/v1/shops/bible-et-jeux/orders', headers: bearer(token['rembourse@bible-et-jeux.example'] ?? ''),
      payload: { lines: [{ productId: await productIdBySku(p, 'bible-et-jeux', 'JHS-JEU'), quantity: 1 }], acceptedTerms: { version: await termsVersion(p, 'bible-et-jeux') }, delivery: { mode: 'carrier' }, paymentMethod: 'card' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const order = res.json() as Order;
    await fact('bible-et-jeux', order.id, { type: 'payment_received', at: '2026-07-13', amountCents: order.totals.grossCents });
    const cancelled = await p.app.inject({ method: 'POST', url: `/api/v1/shops/bible-et-jeux/orders/${order.id}/cancellation`, headers: bearer(token['rembourse@bible-et-jeux.example'] ?? ''), payload: { reason: 'Cadeau acheté ailleurs.' } });
    assert.equal(cancelled.statusCode, 201, cancelled.body);
    const due = cancelled.json().refundDueOn as string;
    assert.equal(due, '2026-07-27');
    const rows = async () => (await todayRows([order.number], 'bible-et-jeux')).map((r) => r.split(' | ').slice(1).join(' | '));
    await moveClock('2026-07-23T09:00:00+02:00');
    assert.deepEqual(await rows(), []);
    await moveClock('2026-07-24T09:00:00+02:00');
    assert.deepEqual(await rows(), ['Remboursement dû | 27 juillet 2026 | dans 3 j']);
  });
});
