/**
 * Issue 3, "Done when": an order placed through the API on every demo shop whose profile lets a
 * consumer order, with the delivery mode and payment method that shop offers.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Profile } from '../../src/shops/profile/schema.ts';
import { getShop } from '../../src/shops/service.ts';
import { bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, termsVersion } from '../support/shoppers.ts';

let p: TestPlatform;
before(async () => {
  p = await startPlatform();
});
after(async () => p.stop());

const forConsumers = <T extends { customerKinds?: readonly string[] | undefined }>(items: readonly T[] | undefined) =>
  (items ?? []).filter((i) => !i.customerKinds || i.customerKinds.includes('consumer'));

test('should place a consumer order through the API on every demo shop that sells to consumers', async () => {
  const placed: string[] = [];
  for (const { slug } of p.shops) {
    const profile: Profile = (await getShop(p.database.db, slug)).profile;
    if (!profile.customers.kinds.includes('consumer')) continue;
    // Pickup where offered: the customers registered by test/support/shoppers.ts live in Liège, pickup's zone at Coopso (issue 12 §2).
    const modes = forConsumers(profile.delivery?.modes);
    const mode = modes.find((m) => m.mode === 'pickup') ?? modes.find((m) => m.mode !== 'customer_carrier');
    const method = forConsumers(profile.payments?.methods)[0];
    assert.ok(mode && method, `${slug} offers a delivery mode and a payment method to consumers`);
    const token = await customerToken(p, slug, `client@${slug}.example`);
    const products = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${slug}/products?sort=price_desc` })).json().items as { id: string; stock: number; regulated: boolean }[];
    const product = products.find((x) => x.stock > 0 && !x.regulated);
    assert.ok(product, `${slug} has a product in stock`);
    const res = await p.app.inject({
      method: 'POST',
      url: `/api/v1/shops/${slug}/orders`,
      headers: bearer(token),
      payload: { lines: [{ productId: product.id, quantity: 1 }], acceptedTerms: { version: await termsVersion(p, slug) }, delivery: { mode: mode.mode, ...(mode.mode === 'pickup' && { pickupPointId: '0' }) }, paymentMethod: method.method },
    });
    assert.equal(res.statusCode, 201, `${slug}: ${res.body}`);
    const order = res.json();
    assert.equal(order.totals.grossCents, order.totals.netCents + order.totals.vatCents);
    const evidence = await p.app.inject({ method: 'GET', url: `/api/v1/shops/${slug}/orders/${order.id}/evidence`, headers: bearer(token) });
    assert.equal(evidence.json().verified, true);
    placed.push(slug);
  }
  assert.deepEqual(placed.sort(), ['bible-et-jeux', 'coopconnexion', 'coopo', 'coopso', 'distritec']);
});
