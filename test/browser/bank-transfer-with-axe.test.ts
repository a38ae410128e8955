/**
 * Headless Chromium reads a Coopso order awaiting its transfer (issue 4 §1): the account, the
 * amount, the OGM and the EPC QR code image, with the sentence that the order is executed once
 * the transfer arrives (seed 001 online §2.3). axe-core checks the page against WCAG 2.1 A/AA.
 */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type BrowserRun, chromiumAvailable, startBrowserRun } from '../support/browser.ts';
import { bearer } from '../support/platform.ts';
import { customerToken, termsVersion } from '../support/shoppers.ts';

describe('browser: transfer instructions on a Coopso order', { skip: !chromiumAvailable && 'Debian chromium not installed' }, () => {
  let run: BrowserRun;
  before(async () => {
    run = await startBrowserRun();
  });
  after(async () => run?.stop());

  test('should show the account, amount, OGM and a loaded QR code image, axe-clean', async () => {
    const p = run.platform;
    const token = await customerToken(p, 'coopso', 'virement@coopso.example');
    const products = (await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopso/products' })).json().items as { id: string; stock: number }[];
    const product = products.find((x) => x.stock > 0);
    assert.ok(product);
    const placed = await p.app.inject({
      method: 'POST',
      url: '/api/v1/shops/coopso/orders',
      headers: bearer(token),
      payload: { lines: [{ productId: product.id, quantity: 1 }], acceptedTerms: { version: await termsVersion(p, 'coopso') }, delivery: { mode: 'pickup', pickupPointId: '0' }, paymentMethod: 'bank_transfer' },
    });
    assert.equal(placed.statusCode, 201, placed.body);
    const order = placed.json();

    const page = await run.newPage();
    await page.goto(`${run.base}/shops/coopso/login`);
    await page.fill('#f-email', 'virement@coopso.example');
    await page.fill('#f-password', 'correct horse battery');
    await page.click('button[type=submit]:has-text("Se connecter")');
    await page.waitForURL(/\/account$/);
    await page.goto(`${run.base}/shops/coopso/orders/${order.id}`);

    const section = page.getByRole('region', { name: 'Payer par virement' });
    const text = await section.innerText();
    for (const fact of ['BE59 0000 0123 4526', 'DEMOBEB0', 'Coopso SC (compte de démonstration)', order.payment.reference, (order.totals.grossCents / 100).toFixed(2).replace('.', ','), 'dès réception de votre virement']) {
      assert.ok(text.includes(fact), `the instructions show ${fact}:\n${text}`);
    }
    const qr = section.getByRole('img', { name: /QR code de virement/ });
    const loaded = await qr.evaluate((element) => {
      const img = element as unknown as { complete: boolean; naturalWidth: number };
      return img.complete && img.naturalWidth > 0;
    });
    assert.equal(loaded, true, 'the QR code image loads');
    await page.screenshot({ path: join(tmpdir(), 'comptoir-transfer-order.png'), fullPage: true });
    await run.audit(page, 'order awaiting a transfer');
    await page.close();
  });
});
