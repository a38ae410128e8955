import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FormClient } from '../support/form-client.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { productIdBySku, registrationForm } from '../support/shoppers.ts';

let p: TestPlatform;
let jeu = '';
let lot3 = '';
let carte = '';
before(async () => {
  p = await startPlatform();
  jeu = await productIdBySku(p, 'bible-et-jeux', 'JHS-JEU');
  lot3 = await productIdBySku(p, 'bible-et-jeux', 'JHS-LOT3-7CP');
  carte = await productIdBySku(p, 'bible-et-jeux', 'JHS-CP');
});
after(async () => p.stop());

const SHOP = '/shops/bible-et-jeux';
const add = (b: FormClient, productId: string, quantity: string) => b.submit(SHOP, `${SHOP}/cart/add`, { productId, quantity });
const update = (b: FormClient, productId: string, quantity: string) => b.submit(`${SHOP}/cart`, `${SHOP}/cart/update`, { productId, quantity });
/** The quantity field of a product's line on the cart page, or null when the line is absent. */
const quantityIn = (html: string, productId: string) => new RegExp(`id="f-qty-${productId}"[^>]*value="(\\d+)"`).exec(html)?.[1] ?? null;

const registration = registrationForm;

describe('cart pages', () => {
  test('should offer "Ajouter au panier" with a quantity on the shop home and the product page', async () => {
    const b = new FormClient(p.app);
    for (const url of [SHOP, `${SHOP}/products/${jeu}`]) {
      const page = await b.get(url);
      assert.match(page.body, new RegExp(`<form method="post" action="${SHOP}/cart/add"`));
      assert.match(page.body, new RegExp(`name="productId" value="${jeu}"`));
      assert.match(page.body, />Ajouter au panier</);
      assert.match(page.body, /<label for="qty-[0-9a-f-]+">Quantité<\/label>/);
    }
  });

  test('should add for a guest, and show unit prices TTC, line totals and the shop rules before checkout', async () => {
    const b = new FormClient(p.app);
    const res = await add(b, jeu, '2');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${SHOP}/cart?done=added`);
    assert.ok(b.cookies.get('comptoir_cart'), 'a guest gets a cart cookie');
    const cart = await b.get(`${SHOP}/cart?done=added`);
    assert.equal(cart.statusCode, 200);
    assert.match(cart.body, /Le produit a été ajouté à votre panier/);
    assert.match(cart.body, /Prix unitaire TTC/);
    assert.match(cart.body, /29,90\s€/);
    assert.match(cart.body, /59,80\s€/);
    assert.equal(quantityIn(cart.body, jeu), '2');
    assert.match(cart.body, /4 exemplaires au plus d’un même produit par commande/);
    assert.match(cart.body, /Commande minimum : 2,00\s€ TTC, frais de livraison non compris/);
    assert.match(cart.body, /Vente réservée aux clients : Particulier \(consommateur\), Association ou organisme non professionnel/);
    assert.match(cart.body, /Livraison : Union européenne, Suisse/);
    assert.match(cart.body, /Moyens de paiement acceptés : Carte bancaire, PayPal/);
    assert.match(cart.body, />Passer la commande</);
    const stored = await p.database.db.selectFrom('carts').select('guest_token_hash').where('shop_id', '=', 'bible-et-jeux').where('guest_token_hash', 'is not', null).execute();
    assert.ok(stored.every((c) => c.guest_token_hash !== b.cookies.get('comptoir_cart')), 'only the hash of the cookie is stored');
  });

  test('should refuse 0, negative, decimal, non-numeric and huge quantities with a message, changing nothing', async () => {
    const b = new FormClient(p.app);
    await add(b, jeu, '1');
    const cases: [string, RegExp][] = [
      ['0', /La quantité doit être un nombre entier d’au moins 1/],
      ['-3', /La quantité doit être un nombre entier d’au moins 1/],
      ['1.5', /La quantité doit être un nombre entier d’au moins 1/],
      ['deux', /La quantité doit être un nombre entier d’au moins 1/],
      ['', /La quantité doit être un nombre entier d’au moins 1/],
      ['100000', /Cette quantité est trop grande : 999 au plus/],
    ];
    for (const [quantity, message] of cases) {
      for (const res of [await add(b, jeu, quantity), await update(b, jeu, quantity)]) {
        assert.equal(res.statusCode, 422, quantity);
        assert.match(res.body, message, quantity);
        assert.match(res.body, /class="error-summary"/);
        assert.equal(quantityIn(res.body, jeu), '1', `quantity ${quantity} changed nothing`);
      }
    }
  });

  test('should refuse more than 4 of a product (004 art.2 O3), counting what the cart already holds', async () => {
    const b = new FormClient(p.app);
    await add(b, jeu, '3');
    const more = await add(b, jeu, '2');
    assert.equal(more.statusCode, 422);
    assert.match(more.body, /Vous ne pouvez pas commander plus de 4 exemplaires d’un même produit/);
    assert.equal(quantityIn(more.body, jeu), '3');
    const five = await update(b, jeu, '5');
    assert.equal(five.statusCode, 422);
    assert.match(five.body, /aria-invalid="true"/);
    assert.equal(quantityIn(five.body, jeu), '3');
    assert.equal((await update(b, jeu, '4')).statusCode, 303);
    assert.equal(quantityIn((await b.get(`${SHOP}/cart`)).body, jeu), '4');
  });

  test('should say how much is missing below the 2 € minimum and offer no checkout', async () => {
    const b = new FormClient(p.app);
    await add(b, carte, '1');
    const cart = await b.get(`${SHOP}/cart`);
    assert.match(cart.body, /Votre panier ne peut pas encore être commandé/);
    assert.match(cart.body, /Le minimum de commande est de 2,00\s€ TTC hors livraison : il manque 0,10\s€/);
    assert.doesNotMatch(cart.body, />Passer la commande</);
    assert.equal((await b.get(`${SHOP}/checkout`)).statusCode, 303);
    await update(b, carte, '2');
    assert.match((await b.get(`${SHOP}/cart`)).body, />Passer la commande</);
  });

  test('should show the stock left when it fell below the quantity in the cart, a bundle counting its parts', async () => {
    const b = new FormClient(p.app);
    await add(b, lot3, '2');
    const db = p.database.db;
    const { stock } = await db.selectFrom('products').select('stock').where('id', '=', carte).executeTakeFirstOrThrow();
    await db.updateTable('products').set({ stock: 10 }).where('id', '=', carte).execute();
    try {
      const cart = await b.get(`${SHOP}/cart`);
      assert.match(cart.body, /Plus que 1 en stock : réduisez la quantité/);
      assert.doesNotMatch(cart.body, />Passer la commande</);
      const refused = await add(b, lot3, '1');
      assert.match(refused.body, /Stock insuffisant : 1 disponible\(s\) pour ce produit/);
    } finally {
      await db.updateTable('products').set({ stock }).where('id', '=', carte).execute();
    }
  });

  test('should show a professional unit prices and totals excl. VAT (A-33)', async () => {
    const b = new FormClient(p.app);
    const reg = await b.submit('/shops/distritec/register', '/shops/distritec/register', {
      ...registration('achats@froid-sud.fr'), kind: 'professional', companyName: 'Froid Sud SARL', siret: '732 829 320 00074',
    });
    assert.equal(reg.statusCode, 303, reg.body);
    const home = await b.get('/shops/distritec');
    assert.match(home.body, /HT/);
    await b.submit('/shops/distritec', '/shops/distritec/cart/add', { productId: await productIdBySku(p, 'distritec', 'R32-9KG'), quantity: '2' });
    const cart = await b.get('/shops/distritec/cart');
    assert.match(cart.body, /Prix unitaire HT/);
    assert.match(cart.body, /180,00\s€/, '216,00 TTC at 20 % is 180,00 HT');
    assert.match(cart.body, /360,00\s€/);
    assert.match(cart.body, /Total des produits HT/);
    assert.match(cart.body, /432,00\s€/, 'and the total incl. VAT');
  });

  test('should remove a line', async () => {
    const b = new FormClient(p.app);
    await add(b, jeu, '1');
    const res = await b.submit(`${SHOP}/cart`, `${SHOP}/cart/remove`, { productId: jeu });
    assert.equal(res.statusCode, 303);
    const cart = await b.get(`${SHOP}/cart?done=removed`);
    assert.match(cart.body, /Le produit a été retiré du panier/);
    assert.match(cart.body, /Votre panier est vide/);
  });

  test('should answer 404 for a product of another shop or a malformed id, adding nothing', async () => {
    const b = new FormClient(p.app);
    const foreign = await productIdBySku(p, 'coopo', 'GUIDE-COOP');
    for (const id of [foreign, 'not-a-uuid', "1' OR '1'='1"]) {
      const res = await add(b, id, '1');
      assert.equal(res.statusCode, 404, id);
    }
    assert.match((await b.get(`${SHOP}/cart`)).body, /Votre panier est vide/);
  });

  test('should refuse a cart form without a valid CSRF token', async () => {
    const b = new FormClient(p.app);
    const res = await b.submit(SHOP, `${SHOP}/cart/add`, { productId: jeu, quantity: '1' }, { csrf: 'forged' });
    assert.equal(res.statusCode, 403);
  });

  test('should merge the guest cart into the customer cart at sign-in', async () => {
    const customer = new FormClient(p.app);
    assert.equal((await customer.submit(`${SHOP}/register`, `${SHOP}/register`, registration('fusion@example.fr'))).statusCode, 303);
    await add(customer, jeu, '1');
    await customer.submit(`${SHOP}/account`, `${SHOP}/logout`, {});

    const guest = new FormClient(p.app);
    await add(guest, jeu, '2');
    await add(guest, carte, '3');
    const login = await guest.submit(`${SHOP}/login`, `${SHOP}/login`, { email: 'fusion@example.fr', password: 'une phrase de passe' });
    assert.equal(login.statusCode, 303);
    assert.equal(login.headers.location, `${SHOP}/account`);
    const cart = await guest.get(`${SHOP}/cart`);
    assert.equal(quantityIn(cart.body, jeu), '3', 'quantities of the same product are summed');
    assert.equal(quantityIn(cart.body, carte), '3');
    const carts = await p.database.db.selectFrom('carts').select(['customer_id', 'guest_token_hash']).where('shop_id', '=', 'bible-et-jeux').execute();
    const customerId = (await p.database.db.selectFrom('customers').select('id').where('email', '=', 'fusion@example.fr').executeTakeFirstOrThrow()).id;
    assert.equal(carts.filter((c) => c.customer_id === customerId).length, 1);

    // Signed out, the browser's cart is empty again: the merged cart is the customer's alone.
    await guest.submit(`${SHOP}/account`, `${SHOP}/logout`, {});
    assert.match((await guest.get(`${SHOP}/cart`)).body, /Votre panier est vide/);
  });

  test('should keep the cart of a guest who registers on the way to checkout, and bring them back to it', async () => {
    const b = new FormClient(p.app);
    await add(b, jeu, '1');
    const checkout = await b.get(`${SHOP}/checkout`);
    assert.equal(checkout.headers.location, `${SHOP}/checkout/sign-in`);
    const signIn = await b.get(`${SHOP}/checkout/sign-in`);
    assert.match(signIn.body, /Identifiez-vous pour commander/);
    const reg = await b.submit(`${SHOP}/register`, `${SHOP}/register`, registration('retour@example.fr'));
    assert.equal(reg.statusCode, 303);
    assert.equal(reg.headers.location, `${SHOP}/checkout`);
    const step1 = await b.get(`${SHOP}/checkout`);
    assert.equal(step1.statusCode, 200);
    assert.match(step1.body, /Livraison et paiement/);
    assert.equal(quantityIn((await b.get(`${SHOP}/cart`)).body, jeu), '1');
  });
});
