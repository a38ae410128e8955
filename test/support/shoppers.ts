/** Helpers for order tests: a registered customer with a token, and the terms version to accept. */
import { termsForOrder } from '../../src/checkout/terms-for-order.ts';
import { getShop } from '../../src/shops/service.ts';
import type { TestPlatform } from './platform.ts';

export async function customerToken(p: TestPlatform, shop: string, email: string, country = shop === 'coopso' ? 'BE' : 'FR'): Promise<string> {
  // A Belgian customer lives in Liège: Coopso offers its Liège distribution centre there (issue 12 §2).
  const address = country === 'BE' ? { line1: 'rue de Fer 1', postalCode: '4000', city: 'Liège', country } : { line1: '3 rue des Lilas', postalCode: '66000', city: 'Perpignan', country };
  const reg = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/customers`, payload: { kind: 'consumer', email, password: 'correct horse battery', firstName: 'Camille', lastName: 'Martin', address } });
  if (reg.statusCode !== 201) throw new Error(`registration failed: ${reg.body}`);
  const session = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/session`, payload: { email, password: 'correct horse battery' } });
  return session.json().token;
}

/** The version of the first document the shop's checkout asks to accept, in force today. */
export async function termsVersion(p: TestPlatform, shop: string): Promise<string> {
  const { terms } = await termsForOrder(p.database.db, p.clock, await getShop(p.database.db, shop));
  if (!terms[0]) throw new Error(`no terms to accept at ${shop}`);
  return terms[0].version;
}

export async function productIdBySku(p: TestPlatform, shop: string, sku: string): Promise<string> {
  const row = await p.database.db.selectFrom('products').select('id').where('shop_id', '=', shop).where('sku', '=', sku).executeTakeFirstOrThrow();
  return row.id;
}

export async function stockOf(p: TestPlatform, shop: string, sku: string): Promise<number> {
  const row = await p.database.db.selectFrom('products').select('stock').where('shop_id', '=', shop).where('sku', '=', sku).executeTakeFirstOrThrow();
  return row.stock;
}

/** The registration form's fields, as a consumer in Perpignan fills them in. */
export const registrationForm = (email: string) => ({
  kind: 'consumer',
  email,
  password: 'une phrase de passe',
  firstName: 'Léa',
  lastName: 'Dupont',
  'address.line1': '5 place de la République',
  'address.postalCode': '66000',
  'address.city': 'Perpignan',
  'address.country': 'FR',
});
