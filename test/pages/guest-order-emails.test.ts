/**
 * Issue 10 §1: every e-mail about one order carries the order's signed link, not the
 * confirmation alone. At Bible et Jeux (guest checkout) a guest's order is shipped by staff and
 * then withdrawn from: the shipping e-mail and the withdrawal acknowledgement, received over
 * SMTP, each link to the order with `?access=<token>`, and each link opens that order signed out.
 * A member's e-mails promise the same as before (follow your order) and, as their confirmation
 * already does, link with the signed link too. The token is made at send time, never stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { FormClient } from '../support/form-client.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';
import { startSmtp } from '../support/smtp.ts';

const SLUG = 'bible-et-jeux';
const SHOP = `/shops/${SLUG}`;
const GUEST = { email: 'invite-suivi@example.fr', firstName: 'Gaspard', lastName: 'Invité', 'address.line1': '5 rue de la Loge', 'address.postalCode': '66000', 'address.city': 'Perpignan', 'address.country': 'FR' };
const MEMBER = 'membre-suivi@example.fr';

let p: TestPlatform;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let jeu = '';

before(async () => {
  smtp = await startSmtp();
  p = await startPlatform({ SMTP_URL: smtp.url, PUBLIC_URL: 'http://shop.test' }, { stripe: false });
  jeu = await productIdBySku(p, SLUG, 'JHS-JEU');
});
after(async () => {
  await p?.stop();
  await smtp?.close();
});

const fields = (html: string, names: string[]) => Object.fromEntries(names.map((n) => [n, new RegExp(`name="${n}" value="([^"]*)"`).exec(html.slice(html.indexOf('/checkout/confirm')))?.[1] ?? '']));

/** A guest's order through the checkout's pages, paid on the simulated card page. */
async function guestOrder(b: FormClient): Promise<string> {
  await b.submit(SHOP, `${SHOP}/cart/add`, { productId: jeu, quantity: '1' });
  assert.equal((await b.submit(`${SHOP}/checkout/guest`, `${SHOP}/checkout/guest`, GUEST)).statusCode, 303);
  const chosen = await b.submit(`${SHOP}/checkout`, `${SHOP}/checkout`, {
    'delivery.mode': 'carrier', paymentMethod: 'card',
    'delivery.address.line1': GUEST['address.line1'], 'delivery.address.postalCode': '66000', 'delivery.address.city': 'Perpignan', 'delivery.address.country': 'FR',
  });
  assert.equal(chosen.statusCode, 303, chosen.body);
  const { _csrf, ...review } = fields((await b.get(`${SHOP}/checkout/review`)).body, ['_csrf', 'expectedGrossCents', 'termsVersion', 'cartDigest', 'checkoutToken']);
  const placed = await b.submit(`${SHOP}/cart`, `${SHOP}/checkout/confirm`, { ...review, acceptTerms: 'yes' }, { csrf: _csrf });
  assert.equal(placed.statusCode, 303, placed.body);
  const id = /\/orders\/([0-9a-f-]{36})\/simulated-payment$/.exec(String(placed.headers.location))?.[1] ?? '';
  assert.ok(id, String(placed.headers.location));
  assert.equal((await b.submit(String(placed.headers.location), String(placed.headers.location), { decision: 'pay' })).statusCode, 303);
  return id;
}

/** Quoted-printable decoded (soft breaks unfolded, `=XX` bytes read as UTF-8). */
const unQp = (m: string) => Buffer.from(m.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))), 'latin1').toString('utf8');

/** The messages received for `to`, decoded, oldest first. */
function mailsTo(to: string): string[] {
  return smtp.messages.filter((m) => new RegExp(`^To: ${to}`, 'm').test(m)).map(unQp);
}

const subjectOf = (mail: string) => /^Subject: (.*)$/m.exec(mail)?.[1] ?? '';

/** The signed order link of one e-mail (origin from PUBLIC_URL), as a path. */
function signedLinkIn(mail: string, orderId: string): string {
  const link = new RegExp(`http://shop\\.test(${SHOP}/orders/${orderId}\\?access=[A-Za-z0-9_-]{43})`).exec(mail)?.[1];
  assert.ok(link, `a signed link to order ${orderId} in: ${mail.slice(0, 2500)}`);
  return link;
}

/** Opens a link in a fresh browser, signed out: the order page it lands on. */
async function openSignedOut(link: string, orderId: string) {
  const b = new FormClient(p.app);
  const opened = await b.get(link);
  assert.equal(opened.statusCode, 303, 'the link is accepted');
  assert.equal(opened.headers.location, `${SHOP}/orders/${orderId}`);
  const page = await b.get(`${SHOP}/orders/${orderId}`);
  assert.equal(page.statusCode, 200, page.body.slice(0, 300));
  assert.doesNotMatch(page.body, /Mon compte/, 'nobody is signed in');
  return page.body;
}

async function fact(orderId: string, type: string, more: Record<string, string> = {}) {
  return p.app.inject({ method: 'POST', url: `/api/v1/shops/${SLUG}/orders/${orderId}/events`, headers: bearer(ADMIN_TOKEN), payload: { type, at: p.clock.now().toString(), ...more } });
}

/** Staff ship the order (accepting it first when its status asks for it). */
async function ship(orderId: string) {
  let shipped = await fact(orderId, 'shipped');
  if (shipped.statusCode !== 201) {
    assert.equal((await fact(orderId, 'accepted')).statusCode, 201);
    shipped = await fact(orderId, 'shipped');
  }
  assert.equal(shipped.statusCode, 201, shipped.body);
}

describe('the signed order link in every e-mail about an order', () => {
  let orderId = '';

  test('should link the shipping e-mail to the guest’s order with a signed link that opens it signed out', async () => {
    orderId = await guestOrder(new FormClient(p.app));
    await p.runDueJobs();
    const before = mailsTo(GUEST.email).length;
    await ship(orderId);
    await p.runDueJobs();
    const mails = mailsTo(GUEST.email).slice(before);
    const shipped = mails.find((m) => /expédiée|Expédition|expédié/i.test(subjectOf(m))) ?? mails.at(-1) ?? '';
    assert.ok(shipped, 'the shipping e-mail reached the guest over SMTP');
    assert.match(shipped, /Suivre votre commande : http:\/\/shop\.test/);
    const link = signedLinkIn(shipped, orderId);
    const page = await openSignedOut(link, orderId);
    assert.match(page, /Gaspard|Invité|expédi/i);
    // The row stores no token: it is signed when the e-mail is sent.
    const rows = await p.database.db.selectFrom('outbox').select(['payload', 'text_body']).where('to_address', '=', GUEST.email).where('template', '=', 'text').execute();
    assert.ok(rows.length > 0);
    const token = new URL(link, 'http://x').searchParams.get('access') ?? '';
    assert.equal(rows.some((r) => JSON.stringify(r).includes(token)), false);
  });

  test('should add the signed link to the withdrawal acknowledgement, and open the order from it signed out', async () => {
    const b = new FormClient(p.app);
    const [confirmation] = mailsTo(GUEST.email);
    assert.equal((await b.get(signedLinkIn(confirmation ?? '', orderId))).statusCode, 303);
    const step2 = await b.submit(`${SHOP}/orders/${orderId}/withdrawal`, `${SHOP}/orders/${orderId}/withdrawal`, { scope: 'all' });
    assert.equal(step2.statusCode, 200, step2.body.slice(0, 500));
    const confirmToken = /name="token" value="([^"]+)"/.exec(step2.body)?.[1] ?? '';
    const csrf = /name="_csrf" value="([^"]*)"/.exec(step2.body)?.[1] ?? '';
    const done = await b.submit(`${SHOP}/orders/${orderId}`, `${SHOP}/orders/${orderId}/withdrawal/confirm`, { token: confirmToken }, { csrf });
    assert.equal(done.statusCode, 303, done.body.slice(0, 500));
    const before = mailsTo(GUEST.email).length;
    await p.runDueJobs();
    const ack = mailsTo(GUEST.email).slice(before).find((m) => m.includes(`${SLUG}-retractation-`)) ?? '';
    assert.ok(ack, 'the acknowledgement reached the guest over SMTP');
    const link = signedLinkIn(ack, orderId);
    const page = await openSignedOut(link, orderId);
    assert.match(page, /rétractation/i);
    assert.ok(mailsTo(GUEST.email).length >= 3, 'confirmation, shipping, acknowledgement');
  });

  test('should give a member’s cancellation e-mail the same promise, with the signed link as their confirmation has', async () => {
    const token = await customerToken(p, SLUG, MEMBER);
    const placed = await p.app.inject({
      method: 'POST', url: `/api/v1/shops/${SLUG}/orders`, headers: bearer(token),
      payload: { lines: [{ productId: jeu, quantity: 1 }], acceptedTerms: { version: await termsVersion(p, SLUG) }, delivery: { mode: 'carrier', address: { line1: '1 rue Foch', postalCode: '66000', city: 'Perpignan', country: 'FR' } }, paymentMethod: 'card' },
    });
    assert.equal(placed.statusCode, 201, placed.body);
    const id = placed.json().id as string;
    await p.runDueJobs();
    const before = mailsTo(MEMBER).length;
    // Not paid yet (card): staff cancel it, with their reason.
    const cancelled = await fact(id, 'cancelled', { note: 'Rupture chez l’éditeur' });
    assert.equal(cancelled.statusCode, 201, cancelled.body);
    await p.runDueJobs();
    const mail = mailsTo(MEMBER).slice(before).at(-1) ?? '';
    assert.match(mail, /Rupture chez l’éditeur/);
    assert.match(mail, /Suivre votre commande : /, 'the same line as before');
    assert.equal(mail.match(/Suivre votre commande/g)?.length, 1, 'once');
    await openSignedOut(signedLinkIn(mail, id), id);
  });

  test('should mark the guest on the staff order list and order page (FR, EN, NL), and in the customers API, not the member', async () => {
    const staff = new FormClient(p.app);
    assert.equal((await staff.submit(`${SHOP}/staff/login`, `${SHOP}/staff/login`, { email: `staff@${SLUG}.example`, password: DEMO_PASSWORD })).statusCode, 303);
    const list = await staff.get(`${SHOP}/staff/orders`);
    assert.equal(list.statusCode, 200);
    const rowOf = (html: string, id: string) => html.slice(html.indexOf(`/staff/orders/${id}"`), html.indexOf('</tr>', html.indexOf(`/staff/orders/${id}"`)));
    assert.match(rowOf(list.body, orderId), /Gaspard Invité <span class="badge">Client invité<\/span>/);
    const memberRow = await p.database.db.selectFrom('orders as o').innerJoin('customers as c', (j) => j.onRef('c.shop_id', '=', 'o.shop_id').onRef('c.id', '=', 'o.customer_id')).select('o.id').where('c.email', '=', MEMBER).executeTakeFirstOrThrow();
    assert.ok(rowOf(list.body, memberRow.id).includes('Camille'), 'the member’s row is there');
    assert.doesNotMatch(rowOf(list.body, memberRow.id), /Client invité/);
    const page = await staff.get(`${SHOP}/staff/orders/${orderId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<dd>Gaspard Invité <span class="badge">Client invité<\/span><\/dd>/);
    assert.match((await staff.get(`${SHOP}/staff/orders/${orderId}?lang=en`)).body, /Guest customer/);
    assert.match((await staff.get(`${SHOP}/staff/orders/${orderId}?lang=nl`)).body, /Gastklant/);
    assert.doesNotMatch((await staff.get(`${SHOP}/staff/orders/${memberRow.id}`)).body, /Client invité/);

    const customers = await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SLUG}/customers`, headers: bearer(ADMIN_TOKEN) });
    assert.equal(customers.statusCode, 200, customers.body);
    const items = customers.json().items as { email: string; guest: boolean }[];
    assert.equal(items.find((c) => c.email === GUEST.email)?.guest, true);
    assert.equal(items.find((c) => c.email === MEMBER)?.guest, false);
    const spec = (await p.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    assert.match(JSON.stringify(spec.paths['/api/v1/shops/{shop}/customers'].get), /guest: true/);
  });
});
