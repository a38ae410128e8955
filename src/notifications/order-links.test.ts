/** The order links an e-mail is sent with (issue 10 §1): which are signed, which are left alone. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { orderLinkOf, orderLinkToken, signedOrderUrl, signOrderLinks, withOrderLinks } from './order-links.ts';

const SIGNING = { baseUrl: 'https://shop.example.org', secret: 'a-secret-of-at-least-thirty-two-characters' };
const SHOP = 'bible-et-jeux';
const ID = '0b9c4a52-2f7e-4c1e-9a43-8d2f5e6a7b10';
const OTHER = '5d1f0e3a-6b7c-4d8e-9f01-23456789abcd';
const token = (id = ID, shop = SHOP) => orderLinkToken(SIGNING.secret, shop, id);

describe('order links in e-mails', () => {
  test('should sign a link to the order page, keeping the origin written, and make a bare path absolute from the configuration', () => {
    assert.equal(signOrderLinks(`Suivre votre commande : http://localhost:3000/shops/${SHOP}/orders/${ID}\n`, SHOP, SIGNING), `Suivre votre commande : http://localhost:3000/shops/${SHOP}/orders/${ID}?access=${token()}\n`);
    assert.equal(signOrderLinks(`Suivre : /shops/${SHOP}/orders/${ID}.`, SHOP, SIGNING), `Suivre : https://shop.example.org/shops/${SHOP}/orders/${ID}?access=${token()}.`);
  });

  test('should leave alone staff pages, sub-pages, links already carrying a query, other shops, and paths inside other paths', () => {
    for (const text of [
      `https://shop.example.org/shops/${SHOP}/staff/orders/${ID}`,
      `https://shop.example.org/shops/${SHOP}/orders/${ID}/withdrawal`,
      `https://shop.example.org/shops/${SHOP}/orders/${ID}?access=${token()}`,
      `https://shop.example.org/shops/coopso/orders/${ID}`,
      `see x/shops/${SHOP}/orders/${ID}`,
    ]) assert.equal(signOrderLinks(text, SHOP, SIGNING), text);
  });

  test('should add one line with the signed link when the e-mail names its order and links to it nowhere, in its language', () => {
    const added = withOrderLinks('Hello Camille,\n\nBible et Jeux\n', SHOP, { id: ID, lang: 'en' }, SIGNING);
    assert.equal(added, `Hello Camille,\n\nBible et Jeux\n\nFollow your order: ${signedOrderUrl(SIGNING.baseUrl, SIGNING.secret, SHOP, ID)}\n`);
    const linked = `Suivre votre commande : https://shop.example.org/shops/${SHOP}/orders/${ID}`;
    assert.equal(withOrderLinks(linked, SHOP, { id: ID, lang: 'fr' }, SIGNING).match(/access=/g)?.length, 1, 'never twice');
    // A link to another order is signed for that order; the e-mail's own gets its line.
    const other = withOrderLinks(`/shops/${SHOP}/orders/${OTHER}`, SHOP, { id: ID, lang: 'nl' }, SIGNING);
    assert.ok(other.includes(`${OTHER}?access=${token(OTHER)}`) && other.includes(`Volg uw bestelling: https://shop.example.org/shops/${SHOP}/orders/${ID}?access=${token()}`));
    assert.equal(withOrderLinks('Bonjour', null, { id: ID, lang: 'fr' }, SIGNING), 'Bonjour', 'an e-mail of no shop');
  });

  test('should read only a well-formed order link request from a payload', () => {
    assert.deepEqual(orderLinkOf({ orderLink: { id: ID, lang: 'nl' } }), { id: ID, lang: 'nl' });
    assert.equal(orderLinkOf({}), null);
    assert.equal(orderLinkOf({ orderLink: { id: 'x', lang: 'fr' } }), null);
    assert.equal(orderLinkOf({ orderLink: { id: ID, lang: 'de' } }), null);
  });
});
