import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FormClient } from '../support/form-client.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { productIdBySku, stockOf } from '../support/shoppers.ts';

let p: TestPlatform;
let jeu = '';
let lot3 = '';
before(async () => {
  p = await startPlatform();
  jeu = await productIdBySku(p, 'bible-et-jeux', 'JHS-JEU');
  lot3 = await productIdBySku(p, 'bible-et-jeux', 'JHS-LOT3-7CP');
});
after(async () => p.stop());

const SHOP = '/shops/bible-et-jeux';

/** A browser signed in as a new customer, with a game and a lot in the cart. */
async function shopper(email: string): Promise<FormClient> {
  const b = new FormClient(p.app);
  const reg = await b.submit(`${SHOP}/register`, `${SHOP}/register`, {
    kind: 'consumer', email, password: 'une phrase de passe', firstName: 'Léa', lastName: 'Dupont',
    'address.line1': '5 place de la République', 'address.postalCode': '66000', 'address.city': 'Perpignan', 'address.country': 'FR',
  });
  assert.equal(reg.statusCode, 303);
  await b.submit(SHOP, `${SHOP}/cart/add`, { productId: jeu, quantity: '1' });
  await b.submit(SHOP, `${SHOP}/cart/add`, { productId: lot3, quantity: '1' });
  return b;
}

/** Step 1 answered (carrier to the account's address, card), then the review page. */
async function toReview(b: FormClient) {
  const step1 = await b.get(`${SHOP}/checkout`);
  assert.equal(step1.statusCode, 200);
  const chosen = await b.submit(`${SHOP}/checkout`, `${SHOP}/checkout`, {
    'delivery.mode': 'carrier', paymentMethod: 'card',
    'delivery.address.line1': '5 place de la République', 'delivery.address.postalCode': '66000', 'delivery.address.city': 'Perpignan', 'delivery.address.country': 'FR',
  });
  assert.equal(chosen.statusCode, 303, chosen.body);
  assert.equal(chosen.headers.location, `${SHOP}/checkout/review`);
  return b.get(`${SHOP}/checkout/review`);
}

/** The hidden fields of the review form, as a browser would send them back. */
function reviewFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const name of ['_csrf', 'expectedGrossCents', 'termsVersion', 'cartDigest', 'checkoutToken']) {
    const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html.slice(html.indexOf('/checkout/confirm')))?.[1];
    assert.ok(value !== undefined, `review form carries ${name}`);
    fields[name] = value;
  }
  return fields;
}

async function confirm(b: FormClient, fields: Record<string, string>, ticked = true) {
  const { _csrf, ...rest } = fields;
  return b.submit(`${SHOP}/cart`, `${SHOP}/checkout/confirm`, { ...rest, ...(ticked && { acceptTerms: 'yes' }) }, { csrf: _csrf });
}

async function ordersOf(email: string) {
  return p.database.db
    .selectFrom('orders')
    .innerJoin('customers', (j) => j.onRef('customers.shop_id', '=', 'orders.shop_id').onRef('customers.id', '=', 'orders.customer_id'))
    .select(['orders.id', 'orders.number', 'orders.gross_cents'])
    .where('customers.email', '=', email)
    .execute();
}

describe('checkout pages', () => {
  test('should offer the delivery modes and the means of payment of the profile from step 1, nothing paid preselected', async () => {
    const b = await shopper('etape1@example.fr');
    const step1 = await b.get(`${SHOP}/checkout`);
    assert.match(step1.body, /Livraison par transporteur/);
    assert.match(step1.body, /Transporteur choisi par vos soins/);
    assert.match(step1.body, /Carte bancaire/);
    assert.match(step1.body, /PayPal/);
    assert.doesNotMatch(step1.body, /type="radio"[^>]*checked/, 'with two choices, none is made for the customer');
    assert.match(step1.body, /value="5 place de la République"/, 'the address defaults to the account’s');
    const missing = await b.submit(`${SHOP}/checkout`, `${SHOP}/checkout`, {});
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /class="error-summary"/);
    assert.match(missing.body, /<a href="#f-delivery-mode">Choisissez un mode de livraison\.<\/a>/);
    assert.match(missing.body, /<a href="#f-paymentMethod">Choisissez un moyen de paiement\.<\/a>/);
    const abroad = await b.submit(`${SHOP}/checkout`, `${SHOP}/checkout`, {
      'delivery.mode': 'carrier', paymentMethod: 'card',
      'delivery.address.line1': 'Storgata 1', 'delivery.address.postalCode': '0155', 'delivery.address.city': 'Oslo', 'delivery.address.country': 'NO',
    });
    assert.equal(abroad.statusCode, 422);
    assert.match(abroad.body, /Cette boutique ne livre pas dans ce pays \(NO\)/);
    assert.match(abroad.body, /value="Oslo"/, 'the values typed are kept');
  });

  test('should ask for a pickup point when the customer chooses pickup, and carry it to the order (Coopso)', async () => {
    const b = new FormClient(p.app);
    const reg = await b.submit('/shops/coopso/register', '/shops/coopso/register', {
      kind: 'consumer', email: 'retrait@example.be', password: 'une phrase de passe', firstName: 'Lou', lastName: 'Peeters',
      'address.line1': 'rue de Fer 1', 'address.postalCode': '4000', 'address.city': 'Liège', 'address.country': 'BE',
    });
    assert.equal(reg.statusCode, 303);
    await b.submit('/shops/coopso', '/shops/coopso/cart/add', { productId: await productIdBySku(p, 'coopso', 'CAHIER-A4-96'), quantity: '2' });
    const step1 = await b.get('/shops/coopso/checkout');
    assert.match(step1.body, /Centre de distribution local/);
    assert.match(step1.body, /Centre de distribution de Liège, Liège/);
    assert.match(step1.body, /Virement bancaire/);
    const noPoint = await b.submit('/shops/coopso/checkout', '/shops/coopso/checkout', { 'delivery.mode': 'pickup', paymentMethod: 'bank_transfer' });
    assert.equal(noPoint.statusCode, 422);
    assert.match(noPoint.body, /Choisissez un point de retrait/);
    const chosen = await b.submit('/shops/coopso/checkout', '/shops/coopso/checkout', { 'delivery.mode': 'pickup', 'delivery.pickupPointId': 'Centre de distribution de Liège', paymentMethod: 'bank_transfer' });
    assert.equal(chosen.statusCode, 303, chosen.body);
    const review = await b.get('/shops/coopso/checkout/review');
    assert.match(review.body, /Retrait : Centre de distribution de Liège/);
    assert.match(review.body, /Virement bancaire/);
    const { _csrf, ...fields } = reviewFields(review.body);
    const placed = await b.submit('/shops/coopso/cart', '/shops/coopso/checkout/confirm', { ...fields, acceptTerms: 'yes' }, { csrf: _csrf });
    assert.equal(placed.statusCode, 303, placed.body);
    const order = await b.get(placed.headers.location as string);
    assert.match(order.body, /Retrait : Centre de distribution de Liège/);
  });

  test('should review every line, the delivery costs, the VAT and the total before the final button', async () => {
    const b = await shopper('revue@example.fr');
    const review = await toReview(b);
    assert.equal(review.statusCode, 200);
    const html = review.body;
    assert.match(html, /Vérifiez votre commande/);
    assert.match(html, /Jeu Hag Sameah/);
    assert.match(html, /Lot de 3 jeux et 7 cartes postales/);
    assert.match(html, /Frais de livraison/);
    assert.match(html, /TVA/);
    assert.match(html, /Total TTC à payer/);
    assert.match(html, /109,80\s€/);
    assert.match(html, /Livraison par transporteur/);
    assert.match(html, /Carte bancaire/);
    assert.match(html, new RegExp(`href="${SHOP}/cart"[^>]*>Modifier le panier`));
    assert.match(html, new RegExp(`href="${SHOP}/checkout"[^>]*>Modifier la livraison ou le paiement`));
    assert.match(html, /<label for="f-acceptTerms">J&#39;ai lu et j&#39;accepte les conditions générales de vente et les conditions générales d&#39;utilisation du site<\/label>/);
    assert.match(html, /<input type="checkbox" id="f-acceptTerms" name="acceptTerms" value="yes" required/);
    assert.doesNotMatch(html, /type="checkbox"[^>]*checked/, 'the terms box is not ticked');
    assert.match(html, /<button type="submit">Commander avec obligation de paiement<\/button>/);
    const fields = reviewFields(html);
    assert.equal(fields.expectedGrossCents, '10980');
    const version = fields.termsVersion ?? '';
    assert.ok(html.includes(`href="${SHOP}/terms/cgv/${encodeURIComponent(version)}"`), 'a link to the exact CGV version');
    assert.ok(html.includes(`href="${SHOP}/terms/cgu/`), 'a link to the site terms of use (004 art.1)');
    assert.match(html, new RegExp(`Conditions générales de vente, version ${version.replace(/\./g, '\\.')}`), 'the version to accept is named');
  });

  test('should refuse an unticked terms box, placing nothing', async () => {
    const b = await shopper('sanscase@example.fr');
    const res = await confirm(b, reviewFields((await toReview(b)).body), false);
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Vous devez accepter les conditions générales de vente pour commander/);
    assert.match(res.body, /aria-invalid="true"/);
    assert.equal((await ordersOf('sanscase@example.fr')).length, 0);
  });

  test('should place one order for a double submission of the same review form', async () => {
    const b = await shopper('double@example.fr');
    const fields = reviewFields((await toReview(b)).body);
    const stockBefore = await stockOf(p, 'bible-et-jeux', 'JHS-JEU');
    // Four clicks at once, then the back button and one more.
    const clicks = await Promise.all(Array.from({ length: 4 }, () => confirm(b, fields)));
    const later = await confirm(b, fields);
    const orders = await ordersOf('double@example.fr');
    assert.equal(orders.length, 1);
    const order = orders[0];
    assert.ok(order);
    // The click that placed it goes on to Stripe's page (card); the others show the order.
    const sessions = [...(p.stripe?.sessions.values() ?? [])].filter((s) => s.metadata.orderId === order.id);
    assert.equal(sessions.length, 1, 'one payment page');
    for (const res of [...clicks, later]) {
      assert.equal(res.statusCode, 303);
      const location = res.headers.location as string;
      if (location !== sessions[0]?.url) assert.match(location, new RegExp(`^${SHOP}/orders/${order.id}`));
    }
    assert.equal(await stockOf(p, 'bible-et-jeux', 'JHS-JEU'), stockBefore - 1 - 3, 'stock taken once');
    assert.match((await b.get(`${SHOP}/cart`)).body, /Votre panier est vide/);
  });

  test('should show the review again with the new total when the cart changed in another tab, then place it', async () => {
    const b = await shopper('onglet@example.fr');
    const fields = reviewFields((await toReview(b)).body);
    // Another tab: one more game.
    assert.equal((await b.submit(`${SHOP}/cart`, `${SHOP}/cart/update`, { productId: jeu, quantity: '2' })).statusCode, 303);
    const changed = await confirm(b, fields);
    assert.equal(changed.statusCode, 409);
    assert.match(changed.body, /Votre panier a changé : le nouveau total est de 139,70\s€/);
    assert.match(changed.body, /139,70\s€/);
    const again = reviewFields(changed.body);
    assert.equal(again.expectedGrossCents, '13970');
    assert.equal((await ordersOf('onglet@example.fr')).length, 0, 'nothing placed on the old total');

    const placed = await confirm(b, again);
    assert.equal(placed.statusCode, 303);
    const [order] = await ordersOf('onglet@example.fr');
    assert.equal(order?.gross_cents, 13970);
  });

  test('should show the order to its customer with its terms version and SHA-256, list it on the account, and hide it from others', async () => {
    const b = await shopper('suivi@example.fr');
    const review = await toReview(b);
    const fields = reviewFields(review.body);
    const placed = await confirm(b, fields);
    assert.equal(placed.statusCode, 303);
    // A card order goes on to Stripe's hosted page, which sends the customer back to the order.
    const stripePage = placed.headers.location as string;
    assert.ok(p.stripe && stripePage.startsWith(`${p.stripe.url}/pay/`), stripePage);
    const url = new URL(/id="pay" href="([^"]+)"/.exec(await (await fetch(stripePage)).text())?.[1]?.replace(/&amp;/g, '&') ?? '');
    assert.match(url.search, /\?placed=1&card=returned$/);
    const page = await b.get(url.pathname + url.search);
    assert.equal(page.statusCode, 200);
    const [order] = await ordersOf('suivi@example.fr');
    assert.ok(order);
    assert.match(page.body, new RegExp(`Commande ${order.number}`));
    assert.match(page.body, /Merci ! Votre commande/);
    assert.match(page.body, /En attente de paiement/);
    assert.match(page.body, /109,80\s€/);
    assert.match(page.body, /Livraison par transporteur/);
    assert.match(page.body, /Carte bancaire/);
    assert.match(page.body, new RegExp(`version ${(fields.termsVersion ?? '').replace(/\./g, '\\.')}`));
    const row = await p.database.db.selectFrom('orders').select('accepted_terms').where('id', '=', order.id).executeTakeFirstOrThrow();
    const sha = (row.accepted_terms as unknown as { sha256: string }[])[0]?.sha256 ?? '';
    assert.match(sha, /^[0-9a-f]{64}$/);
    assert.ok(page.body.includes(sha), 'the full SHA-256 of the accepted version is shown');

    const account = await b.get(`${SHOP}/account`);
    assert.match(account.body, /Mes commandes/);
    assert.ok(account.body.includes(`href="${SHOP}/orders/${order.id}"`));

    const other = await shopper('curieux@example.fr');
    assert.equal((await other.get(`${SHOP}/orders/${order.id}`)).statusCode, 404);
    assert.equal((await other.get(`/shops/coopo/orders/${order.id}`)).statusCode, 404);
    assert.equal((await new FormClient(p.app).get(`${SHOP}/orders/${order.id}`)).statusCode, 303);
  });
});
