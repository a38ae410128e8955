/**
 * Issue 10 §1, guests: at Bible et Jeux (profile 004, `checkout.registrationRequired: false`) a
 * visitor orders without an account through the same checkout steps, receives the confirmation
 * over SMTP with the order's signed link, opens it signed out (the token leaves the address at
 * once and never reaches the log) and withdraws in two steps, acknowledged by e-mail with its PDF.
 * A wrong token, or one order's token on another order, finds nothing (404); the link opens that
 * order's pages only, never staff's; and a shop requiring an account refuses guest checkout in the
 * visitor's language.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { IDLE_GUEST_KEPT_MS, purgeIdleGuests } from '../../src/accounts/guests.ts';
import { safeUrl } from '../../src/web/logging.ts';
import { FormClient } from '../support/form-client.ts';
import { pdfText } from '../support/pdf-text.ts';
import { bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';
import { startSmtp } from '../support/smtp.ts';

const SLUG = 'bible-et-jeux';
const SHOP = `/shops/${SLUG}`;
const GUEST = { email: 'invitee@example.fr', firstName: 'Gaëlle', lastName: 'Invitée', 'address.line1': '3 rue de la Loge', 'address.postalCode': '66000', 'address.city': 'Perpignan', 'address.country': 'FR' };

let p: TestPlatform;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const logLines: string[] = [];
let jeu = '';

before(async () => {
  smtp = await startSmtp();
  p = await startPlatform({ SMTP_URL: smtp.url, PUBLIC_URL: 'http://shop.test', LOG_LEVEL: 'info' }, { stripe: false, logStream: { write: (line) => logLines.push(line) } });
  jeu = await productIdBySku(p, SLUG, 'JHS-JEU');
});
after(async () => {
  await p?.stop();
  await smtp?.close();
});

/** The hidden fields of the review form, as a browser sends them back. */
function reviewFields(html: string): Record<string, string> {
  const form = html.slice(html.indexOf('/checkout/confirm'));
  return Object.fromEntries(['_csrf', 'expectedGrossCents', 'termsVersion', 'cartDigest', 'checkoutToken'].map((name) => [name, new RegExp(`name="${name}" value="([^"]*)"`).exec(form)?.[1] ?? '']));
}

/** A visitor with a game in the cart who orders as a guest, pays on the simulated page, and lands on the order page. */
async function guestOrder(b: FormClient, guest: Record<string, string>): Promise<string> {
  await b.submit(SHOP, `${SHOP}/cart/add`, { productId: jeu, quantity: '2' });
  const details = await b.submit(`${SHOP}/checkout/guest`, `${SHOP}/checkout/guest`, guest);
  assert.equal(details.statusCode, 303, details.body);
  assert.equal(details.headers.location, `${SHOP}/checkout`);
  const step1 = await b.get(`${SHOP}/checkout`);
  assert.equal(step1.statusCode, 200);
  assert.match(step1.body, new RegExp(`value="${guest['address.line1']}"`), 'the delivery address defaults to the one given');
  const chosen = await b.submit(`${SHOP}/checkout`, `${SHOP}/checkout`, {
    'delivery.mode': 'carrier', paymentMethod: 'card',
    'delivery.address.line1': guest['address.line1'] ?? '', 'delivery.address.postalCode': '66000', 'delivery.address.city': 'Perpignan', 'delivery.address.country': 'FR',
  });
  assert.equal(chosen.statusCode, 303, chosen.body);
  const review = await b.get(`${SHOP}/checkout/review`);
  assert.equal(review.statusCode, 200);
  assert.match(review.body, /Commander avec obligation de paiement/);
  const { _csrf, ...fields } = reviewFields(review.body);
  const unticked = await b.submit(`${SHOP}/cart`, `${SHOP}/checkout/confirm`, fields, { csrf: _csrf });
  assert.equal(unticked.statusCode, 422, 'the same terms acceptance as a member');
  const again = reviewFields((await b.get(`${SHOP}/checkout/review`)).body);
  const placed = await b.submit(`${SHOP}/cart`, `${SHOP}/checkout/confirm`, { ...again, acceptTerms: 'yes' }, { csrf: again._csrf });
  assert.equal(placed.statusCode, 303, placed.body);
  const id = /\/orders\/([0-9a-f-]{36})\/simulated-payment$/.exec(String(placed.headers.location))?.[1] ?? '';
  assert.ok(id, `straight on to the payment page: ${placed.headers.location}`);
  const paid = await b.submit(String(placed.headers.location), String(placed.headers.location), { decision: 'pay' });
  assert.equal(paid.statusCode, 303, paid.body);
  const page = await b.get(String(paid.headers.location));
  assert.equal(page.statusCode, 200, 'the guest reads their order right after paying');
  assert.match(page.body, /votre commande est payée/);
  return id;
}

/** The order link of the confirmation e-mail sent to `to` over SMTP (quoted-printable unfolded). */
function linkIn(to: string): string {
  const unfold = (m: string) => m.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const mails = smtp.messages.filter((m) => new RegExp(`^To: ${to}`, 'm').test(m)).map(unfold);
  const pattern = new RegExp(`http://shop\\.test(${SHOP}/orders/[0-9a-f-]{36}\\?access=[A-Za-z0-9_-]{43})`);
  const link = mails.map((m) => pattern.exec(m)?.[1]).find(Boolean);
  assert.ok(link, `the confirmation e-mail carries the signed order link: ${mails.join('\n----\n').slice(0, 3000)}`);
  return link;
}

describe('guest checkout and the signed order link', () => {
  let orderId = '';
  let link = '';
  let otherId = '';

  test('should take a guest order at Bible et Jeux through the same steps, recorded as a customer without a password', async () => {
    const b = new FormClient(p.app);
    await b.submit(SHOP, `${SHOP}/cart/add`, { productId: jeu, quantity: '1' });
    const toSignIn = await b.get(`${SHOP}/checkout`);
    assert.equal(toSignIn.headers.location, `${SHOP}/checkout/sign-in`);
    const choice = await b.get(`${SHOP}/checkout/sign-in`);
    assert.match(choice.body, new RegExp(`<a href="${SHOP}/checkout/guest">Commander sans créer de compte</a>`));
    const bad = await b.submit(`${SHOP}/checkout/guest`, `${SHOP}/checkout/guest`, { ...GUEST, email: 'pas-une-adresse' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /class="error-summary"/);
    assert.match(bad.body, /value="Gaëlle"/, 'what was typed is kept');
    orderId = await guestOrder(b, GUEST);

    const row = await p.database.db
      .selectFrom('orders as o')
      .innerJoin('customers as c', (j) => j.onRef('c.shop_id', '=', 'o.shop_id').onRef('c.id', '=', 'o.customer_id'))
      .select(['c.guest', 'c.password_hash', 'c.kind', 'c.email', 'o.customer_kind', 'o.status'])
      .where('o.id', '=', orderId)
      .executeTakeFirstOrThrow();
    assert.deepEqual([row.guest, row.password_hash, row.kind, row.email, row.customer_kind], [true, '!', 'consumer', GUEST.email, 'consumer']);
    const invoice = await p.database.db.selectFrom('invoices').select('number').where('order_id', '=', orderId).execute();
    assert.equal(invoice.length, 1, 'invoiced as a member’s order is');
    const evidence = await p.database.db.selectFrom('order_events').select('type').where('order_id', '=', orderId).orderBy('seq').execute();
    assert.deepEqual(evidence.slice(0, 2).map((e) => e.type), ['placed', 'confirmation_email_queued']);
    // The guest cannot sign in: no password opens a guest row.
    const login = await new FormClient(p.app).submit(`${SHOP}/login`, `${SHOP}/login`, { email: GUEST.email, password: '!' });
    assert.notEqual(login.statusCode, 303);
  });

  test('should e-mail the confirmation over SMTP with the signed link, which opens the order signed out, token out of the address and the log', async () => {
    await p.runDueJobs();
    link = linkIn(GUEST.email);
    assert.ok(link.includes(orderId));
    const token = new URL(link, 'http://x').searchParams.get('access') ?? '';
    const stranger = new FormClient(p.app);
    const opened = await stranger.get(link);
    assert.equal(opened.statusCode, 303);
    assert.equal(opened.headers.location, `${SHOP}/orders/${orderId}`, 'the token leaves the address at once');
    const page = await stranger.get(`${SHOP}/orders/${orderId}`);
    assert.equal(page.statusCode, 200, page.body.slice(0, 300));
    assert.match(page.body, /Se rétracter du contrat ici/);
    assert.match(page.body, /withdrawal-form\.pdf/, 'the model withdrawal form is linked');
    assert.doesNotMatch(page.body, /Mon compte/, 'nobody is signed in');
    const form = await stranger.get(`${SHOP}/orders/${orderId}/withdrawal-form.pdf`);
    assert.equal(form.statusCode, 200);
    assert.equal(form.headers['content-type'], 'application/pdf');
    const invoiceLink = /href="(\/shops\/bible-et-jeux\/invoices\/[^"]+\.pdf)"/.exec(page.body)?.[1];
    assert.ok(invoiceLink, 'the invoice is linked');
    assert.equal((await stranger.get(invoiceLink)).statusCode, 200, 'and opens through the link');
    assert.equal(safeUrl(link).includes(token), false);
    assert.ok(logLines.some((l) => l.includes(`/orders/${orderId}?access=`)), 'the request was logged');
    assert.equal(logLines.some((l) => l.includes(token)), false, 'never its token');
  });

  test('should refuse a wrong token and another order’s token with 404, and open neither other orders nor staff pages', async () => {
    const other = await guestOrder(new FormClient(p.app), { ...GUEST, email: 'autre-invite@example.fr', 'address.line1': '9 quai Vauban' });
    otherId = other;
    const token = new URL(link, 'http://x').searchParams.get('access') ?? '';
    const b = new FormClient(p.app);
    assert.equal((await b.get(`${SHOP}/orders/${orderId}?access=${'A'.repeat(43)}`)).statusCode, 404);
    assert.equal((await b.get(`${SHOP}/orders/${orderId}?access=court`)).statusCode, 404);
    assert.equal((await b.get(`${SHOP}/orders/${other}?access=${token}`)).statusCode, 404, 'a token names one order');
    assert.equal((await b.get(`/shops/coopso/orders/${orderId}?access=${token}`)).statusCode, 404, 'and one shop');
    assert.equal((await b.get(link)).statusCode, 303);
    const elsewhere = await b.get(`${SHOP}/orders/${other}`);
    assert.equal(elsewhere.statusCode, 303, 'the link of one order opens no other');
    assert.match(String(elsewhere.headers.location), /\/login$/);
    const staff = await b.get(`${SHOP}/staff/orders/${orderId}`);
    assert.notEqual(staff.statusCode, 200, 'nor staff pages');
    assert.equal((await b.get(`${SHOP}/account`)).statusCode, 303, 'nor the account area');
  });

  test('should let the guest withdraw through the link in two steps, acknowledged by e-mail with the PDF', async () => {
    const b = new FormClient(p.app);
    assert.equal((await b.get(link)).statusCode, 303);
    const step1 = await b.get(`${SHOP}/orders/${orderId}/withdrawal`);
    assert.equal(step1.statusCode, 200, step1.body.slice(0, 300));
    assert.match(step1.body, /Gaëlle Invitée/);
    const step2 = await b.submit(`${SHOP}/orders/${orderId}/withdrawal`, `${SHOP}/orders/${orderId}/withdrawal`, { scope: 'all' });
    assert.equal(step2.statusCode, 200, step2.body.slice(0, 500));
    assert.match(step2.body, /Confirmer la rétractation/);
    const confirmToken = /name="token" value="([^"]+)"/.exec(step2.body)?.[1] ?? '';
    const csrf = /name="_csrf" value="([^"]*)"/.exec(step2.body)?.[1] ?? '';
    const done = await b.submit(`${SHOP}/orders/${orderId}`, `${SHOP}/orders/${orderId}/withdrawal/confirm`, { token: confirmToken }, { csrf });
    assert.equal(done.statusCode, 303, done.body.slice(0, 500));
    const ackUrl = String(done.headers.location);
    assert.match(ackUrl, /\/withdrawals\/[0-9a-f-]{36}$/);
    const ack = await b.get(ackUrl);
    assert.equal(ack.statusCode, 200, 'the acknowledgement opens through the order’s link');
    assert.match(ack.body, /Rétractation enregistrée/);
    assert.equal((await b.get(`${ackUrl}/statement.pdf`)).statusCode, 200);
    // Another browser, signed out and without the link, finds nothing.
    assert.equal((await new FormClient(p.app).get(ackUrl)).statusCode, 303);

    await p.runDueJobs();
    const raw = smtp.messages.find((m) => new RegExp(`^To: ${GUEST.email}`, 'm').test(m) && m.includes(`${SLUG}-retractation-`)) ?? '';
    assert.ok(raw, 'the acknowledgement reached the guest over SMTP');
    const part = raw.slice(raw.indexOf(`name=${SLUG}-retractation-`));
    const pdf = pdfText(Buffer.from((/\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(part)?.[1] ?? '').replace(/\s/g, ''), 'base64'));
    assert.ok(pdf.includes('Déclaration de rétractation') && pdf.includes('Gaëlle Invitée'), pdf.slice(0, 300));
  });

  test('should forget a guest whose checkout never became an order, and keep those with an order', async () => {
    const b = new FormClient(p.app);
    await b.submit(SHOP, `${SHOP}/cart/add`, { productId: jeu, quantity: '1' });
    const left = await b.submit(`${SHOP}/checkout/guest`, `${SHOP}/checkout/guest`, { ...GUEST, email: 'abandon@example.fr' });
    assert.equal(left.statusCode, 303);
    // Typed again in the same checkout: the same row, rewritten.
    assert.equal((await b.submit(`${SHOP}/checkout/guest`, `${SHOP}/checkout/guest`, { ...GUEST, email: 'abandon@example.fr', lastName: 'Corrigée' })).statusCode, 303);
    const guests = () => p.database.db.selectFrom('customers').select(['email', 'last_name']).where('guest', '=', true).where('shop_id', '=', SLUG).orderBy('email').execute();
    assert.deepEqual((await guests()).filter((g) => g.email === 'abandon@example.fr'), [{ email: 'abandon@example.fr', last_name: 'Corrigée' }]);
    assert.equal(await purgeIdleGuests(p.database.db, new Date(Date.now() + IDLE_GUEST_KEPT_MS - 60_000)), 0, 'kept while the checkout may still finish');
    const before = (await guests()).length;
    assert.equal(await purgeIdleGuests(p.database.db, new Date(Date.now() + IDLE_GUEST_KEPT_MS + 60_000)), 1);
    const after = await guests();
    assert.equal(after.length, before - 1);
    assert.ok(after.some((g) => g.email === GUEST.email), 'a guest with an order stays');
  });

  test('should refuse guest checkout where the shop requires an account, in the visitor’s language', async () => {
    for (const slug of ['coopso', 'coopconnexion', 'distritec']) {
      const b = new FormClient(p.app);
      const fr = await b.get(`/shops/${slug}/checkout/guest`);
      assert.equal(fr.statusCode, 403, slug);
      assert.match(fr.body, /Cette boutique demande un compte client pour commander/);
      const en = await b.get(`/shops/${slug}/checkout/guest`, { 'accept-language': 'en' });
      assert.match(en.body, /This shop requires a customer account to order/);
      const nl = await b.get(`/shops/${slug}/checkout/guest?lang=nl`);
      assert.match(nl.body, /Deze winkel vraagt een klantaccount om te bestellen/);
      const posted = await b.submit(`/shops/${slug}/cart`, `/shops/${slug}/checkout/guest`, GUEST);
      assert.equal(posted.statusCode, 403);
      assert.doesNotMatch((await b.get(`/shops/${slug}/checkout/sign-in`)).body, /Commander sans créer de compte/);
    }
    const guests = await p.database.db.selectFrom('customers').select('id').where('guest', '=', true).where('shop_id', '<>', SLUG).execute();
    assert.equal(guests.length, 0, 'nobody recorded');
  });

  test('should give a member’s confirmation the signed link too (API order), opening that order only, signed out', async () => {
    const email = 'membre-lien@example.fr';
    const token = await customerToken(p, SLUG, email);
    const placed = await p.app.inject({
      method: 'POST', url: `/api/v1/shops/${SLUG}/orders`, headers: bearer(token),
      payload: { lines: [{ productId: jeu, quantity: 1 }], acceptedTerms: { version: await termsVersion(p, SLUG) }, delivery: { mode: 'carrier', address: { line1: '1 rue Foch', postalCode: '66000', city: 'Perpignan', country: 'FR' } }, paymentMethod: 'card' },
    });
    assert.equal(placed.statusCode, 201, placed.body);
    await p.runDueJobs();
    const memberLink = linkIn(email);
    assert.ok(memberLink.includes(placed.json().id));
    const b = new FormClient(p.app);
    assert.equal((await b.get(memberLink)).statusCode, 303);
    const page = await b.get(`${SHOP}/orders/${placed.json().id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Se rétracter du contrat ici/);
    assert.equal((await b.get(`${SHOP}/account`)).statusCode, 303, 'the member’s account stays closed');
    assert.equal((await b.get(`${SHOP}/orders/${orderId}`)).statusCode, 303, 'and so do other orders');
  });

  test('should let a guest open an account from the order’s link, and find the order in it', async () => {
    await p.runDueJobs();
    const otherLink = linkIn('autre-invite@example.fr');
    const b = new FormClient(p.app);
    assert.equal((await b.get(otherLink)).statusCode, 303);
    const page = await b.get(`${SHOP}/orders/${otherId}`);
    assert.match(page.body, /<h2 id="guest-account">Créer un compte client<\/h2>/);
    assert.match(page.body, /avec l’adresse autre-invite@example\.fr/);
    const action = `${SHOP}/orders/${otherId}/account`;
    const short = await b.submit(`${SHOP}/orders/${otherId}`, action, { password: 'court' });
    assert.equal(short.statusCode, 422);
    assert.match(short.body, /class="error-summary"/);
    const made = await b.submit(`${SHOP}/orders/${otherId}`, action, { password: 'une phrase de passe' });
    assert.equal(made.statusCode, 303, made.body.slice(0, 300));
    assert.equal(made.headers.location, `${SHOP}/account?welcome=1`);
    const account = await b.get(`${SHOP}/account?welcome=1`);
    assert.equal(account.statusCode, 200);
    const number = (await p.database.db.selectFrom('orders').select('number').where('id', '=', otherId).executeTakeFirstOrThrow()).number;
    assert.ok(account.body.includes(number), 'the guest order is in the new account');
    const row = await p.database.db.selectFrom('customers').select(['guest']).where('email', '=', 'autre-invite@example.fr').executeTakeFirstOrThrow();
    assert.equal(row.guest, false);
    const login = await new FormClient(p.app).submit(`${SHOP}/login`, `${SHOP}/login`, { email: 'autre-invite@example.fr', password: 'une phrase de passe' });
    assert.equal(login.statusCode, 303, 'the new member signs in');
    // Only through the link: the member now signed in sees no offer, and nobody else may post it.
    assert.doesNotMatch((await b.get(`${SHOP}/orders/${otherId}`)).body, /Créer un compte client/);
    const stranger = await new FormClient(p.app).submit(SHOP, action, { password: 'une phrase de passe' });
    assert.equal(stranger.statusCode, 303);
    assert.match(String(stranger.headers.location), /\/login$/);
  });

  test('should let a guest register later with the same e-mail, after which the link offers to sign in instead', async () => {
    const b = new FormClient(p.app);
    const reg = await b.submit(`${SHOP}/register`, `${SHOP}/register`, { kind: 'consumer', password: 'une phrase de passe', ...GUEST });
    assert.equal(reg.statusCode, 303, reg.body.slice(0, 300));
    const twice = await new FormClient(p.app).submit(`${SHOP}/register`, `${SHOP}/register`, { kind: 'consumer', password: 'une phrase de passe', ...GUEST });
    assert.equal(twice.statusCode, 422);
    assert.match(twice.body, /déjà/, 'a member’s e-mail stays unique');
    // The earlier guest order's link: opening an account with that e-mail is refused, in words.
    const g = new FormClient(p.app);
    assert.equal((await g.get(link)).statusCode, 303);
    const refused = await g.submit(`${SHOP}/orders/${orderId}`, `${SHOP}/orders/${orderId}/account`, { password: 'une autre phrase de passe' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Un compte existe déjà avec cette adresse e-mail/);
  });
});
