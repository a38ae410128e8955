/**
 * Issue 4 §1: a bank-transfer order gets its reference at placement (OGM at Coopso, RF at
 * DISTRITEC), the order JSON and the confirmation e-mail carry the account to pay into, and the
 * EPC QR code, decoded by a QR reader, holds exactly the EPC069-12 payload of the order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { cents } from '../../src/kernel/money.ts';
import { epcQrPayload } from '../../src/payments/epc-qr.ts';
import { parseOgm, parseRf } from '../../src/payments/references.ts';
import { outboxEmail } from '../support/outbox.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, termsVersion } from '../support/shoppers.ts';

let p: TestPlatform;
before(async () => {
  p = await startPlatform();
});
after(async () => p.stop());

type PlacedJson = { id: string; number: string; status: string; totals: { grossCents: number }; payment: Record<string, unknown> };

async function placeTransferOrder(shop: string, token: string, delivery: Record<string, unknown>): Promise<PlacedJson> {
  const products = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${shop}/products?sort=price_desc` })).json().items as { id: string; stock: number; regulated: boolean }[];
  const product = products.find((x) => x.stock > 0 && !x.regulated);
  assert.ok(product, `${shop} has a product in stock`);
  const res = await p.app.inject({
    method: 'POST',
    url: `/api/v1/shops/${shop}/orders`,
    headers: bearer(token),
    payload: { lines: [{ productId: product.id, quantity: 1 }], acceptedTerms: { version: await termsVersion(p, shop) }, delivery, paymentMethod: 'bank_transfer' },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

function decodeQr(png: Buffer): string {
  const image = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  assert.ok(code, 'a QR code is found in the image');
  return code.data;
}

describe('paying by bank transfer', () => {
  test('should give a Coopso order an OGM, the account and the amount, in the JSON and the e-mail', async () => {
    const token = await customerToken(p, 'coopso', 'membre@coopso.example');
    const order = await placeTransferOrder('coopso', token, { mode: 'pickup', pickupPointId: '0' });
    assert.equal(order.status, 'awaiting_payment');
    const { reference, iban, bic, beneficiary, amountDueCents } = order.payment;
    assert.match(String(reference), /^\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/);
    assert.equal(parseOgm(String(reference)).ok, true);
    assert.deepEqual({ iban, bic, beneficiary, amountDueCents }, { iban: 'BE59000001234526', bic: 'DEMOBEB0', beneficiary: 'Coopso SC (compte de démonstration)', amountDueCents: order.totals.grossCents });

    const again = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/coopso/orders/${order.id}`, headers: bearer(token) })).json();
    assert.equal(again.payment.reference, reference);
    const stored = await p.database.db.selectFrom('orders').select('payment_reference').where('id', '=', order.id).executeTakeFirstOrThrow();
    assert.equal(stored.payment_reference, String(reference).replace(/\D/g, ''));

    const mail = await outboxEmail(p.database.db, 'membre@coopso.example');
    assert.ok(mail.bytes < 1024, `the outbox row stores a reference: ${mail.bytes} bytes`);
    assert.ok(mail.text_body.includes(String(reference)));
    assert.ok(mail.text_body.includes('BE59 0000 0123 4526'));
    assert.match(mail.text_body, /dès réception de votre virement/);
    const qr = mail.attachments.find((a) => a.contentType === 'image/png');
    assert.ok(qr, 'the QR code is attached');
    const payload = epcQrPayload({ beneficiaryName: 'Coopso SC (compte de démonstration)', iban: 'BE59000001234526', bic: 'DEMOBEB0', amount: cents(order.totals.grossCents), remittance: { unstructured: String(reference) } });
    assert.equal(decodeQr(Buffer.from(qr.contentBase64, 'base64')), payload);
  });

  test('should give a DISTRITEC consumer order an RF reference whose QR code holds the exact EPC payload', async () => {
    const token = await customerToken(p, 'distritec', 'client@distritec.example');
    const order = await placeTransferOrder('distritec', token, { mode: 'carrier' });
    const reference = String(order.payment.reference);
    const check = parseRf(reference);
    assert.ok(check.ok, reference);
    assert.equal(check.reference.value.slice(4), order.number.replace(/-/g, ''));
    assert.equal(order.payment.iban, 'FR7699999000010000001234537');

    const expected = epcQrPayload({ beneficiaryName: 'DISTRITEC SAS (compte de démonstration)', iban: 'FR7699999000010000001234537', bic: 'DEMOFRP0', amount: cents(Number(order.payment.amountDueCents)), remittance: { structured: check.reference.value } });
    // DISTRITEC asks the 50 % deposit first (003 art.2.3): the QR code carries it.
    assert.equal(order.payment.amountDueCents, Math.ceil(order.totals.grossCents / 2));
    const png = await p.app.inject({ method: 'GET', url: `/shops/distritec/orders/${order.id}/transfer-qr.png`, headers: bearer(token) });
    assert.equal(png.statusCode, 200);
    assert.equal(png.headers['content-type'], 'image/png');
    assert.equal(decodeQr(png.rawPayload), expected);
    const svg = await p.app.inject({ method: 'GET', url: `/shops/distritec/orders/${order.id}/transfer-qr.svg`, headers: bearer(token) });
    assert.equal(svg.statusCode, 200);
    assert.match(String(svg.headers['content-type']), /^image\/svg\+xml/);
    assert.match(svg.body, /^<svg /);

    // Staff see it; another customer, or a customer of another shop, gets "not found".
    const staff = await p.app.inject({ method: 'GET', url: `/shops/distritec/orders/${order.id}/transfer-qr.png`, headers: bearer(ADMIN_TOKEN) });
    assert.equal(staff.statusCode, 200);
    const other = await customerToken(p, 'distritec', 'autre@distritec.example');
    for (const ext of ['png', 'svg']) {
      const res = await p.app.inject({ method: 'GET', url: `/shops/distritec/orders/${order.id}/transfer-qr.${ext}`, headers: bearer(other) });
      assert.equal(res.statusCode, 404, res.body);
    }
  });

  test('should serve no QR code once the transfer has been received and the order accepted', async () => {
    const order = await p.database.db.selectFrom('orders').select('id').where('shop_id', '=', 'distritec').where('payment_method', '=', 'bank_transfer').executeTakeFirstOrThrow();
    await p.database.db.updateTable('orders').set({ status: 'accepted', payment_status: 'paid' }).where('id', '=', order.id).execute();
    const res = await p.app.inject({ method: 'GET', url: `/shops/distritec/orders/${order.id}/transfer-qr.png`, headers: bearer(ADMIN_TOKEN) });
    assert.equal(res.statusCode, 404);
  });
});
