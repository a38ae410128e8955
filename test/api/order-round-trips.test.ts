/**
 * The order path's database budget (issue 9): `POST orders` with a Bearer token and an
 * Idempotency-Key costs at most 2 transactions and 15 statements, counted as the server counts
 * them (src/db/statement-count.ts) — for a bank-transfer order at Coopso and a card order at
 * Bible et Jeux, through Stripe (the local stub) and through the simulated provider.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

const MAX_TRANSACTIONS = 2;
const MAX_STATEMENTS = 15;

type Placed = { statusCode: number; body: string; statements: number; transactions: number };

/** One order as a client places it; the counts are those of this request alone (nothing else runs). */
async function place(p: TestPlatform, shop: string, token: string, payload: Record<string, unknown>): Promise<Placed> {
  const before = { ...p.database.sent };
  const res = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/orders`, headers: { ...bearer(token), 'idempotency-key': randomUUID() }, payload });
  return { statusCode: res.statusCode, body: res.body, statements: p.database.sent.statements - before.statements, transactions: p.database.sent.transactions - before.transactions };
}

async function orderAt(p: TestPlatform, shop: string, sku: string, paymentMethod: string, delivery: Record<string, unknown>) {
  const token = await customerToken(p, shop, `budget-${randomUUID()}@example.org`);
  const payload = { lines: [{ productId: await productIdBySku(p, shop, sku), quantity: 1 }], acceptedTerms: { version: await termsVersion(p, shop) }, delivery, paymentMethod };
  await place(p, shop, token, payload); // the first order of a process may fill its caches
  return place(p, shop, token, payload);
}

function assertWithinBudget(placed: Placed, what: string, maxTransactions = MAX_TRANSACTIONS) {
  assert.equal(placed.statusCode, 201, placed.body);
  assert.ok(placed.transactions <= maxTransactions, `${what}: ${placed.transactions} transactions (at most ${maxTransactions})`);
  assert.ok(placed.statements <= MAX_STATEMENTS, `${what}: ${placed.statements} statements (at most ${MAX_STATEMENTS})`);
}

describe('the order path’s database budget, with Stripe configured', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startPlatform();
  });
  after(async () => p.stop());

  test('should place a bank-transfer order at Coopso in at most 2 transactions and 15 statements', async () => {
    const placed = await orderAt(p, 'coopso', 'CAHIER-A4-96', 'bank_transfer', { mode: 'pickup', pickupPointId: '0' });
    assertWithinBudget(placed, 'bank transfer');
    assert.match(JSON.parse(placed.body).payment.reference, /^\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/);
  });

  // Stripe's Checkout Session is an HTTP call: made inside the order's transaction it would hold
  // the connection (PGlite's only one) while Stripe answers, so its row and the key's final
  // answer are written by one more, short transaction after the commit.
  test('should place a card order at Bible et Jeux, with its Stripe checkout link, in at most 3 transactions and 15 statements', async () => {
    const placed = await orderAt(p, 'bible-et-jeux', 'JHS-JEU', 'card', { mode: 'carrier' });
    assertWithinBudget(placed, 'card (Stripe)', MAX_TRANSACTIONS + 1);
    assert.match(JSON.parse(placed.body).payment.checkoutUrl, /^https?:\/\//);
  });
});

describe('the order path’s database budget, with simulated card payments', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startPlatform({}, { stripe: false });
  });
  after(async () => p.stop());

  test('should place a simulated card order at Bible et Jeux in at most 2 transactions and 15 statements', async () => {
    const placed = await orderAt(p, 'bible-et-jeux', 'JHS-JEU', 'card', { mode: 'carrier' });
    assertWithinBudget(placed, 'card (simulated)');
    assert.match(JSON.parse(placed.body).payment.checkoutUrl, /simul/);
  });
});
