/**
 * The outbox stores references, the e-mail is rendered when sent (issue 9): the order's row is
 * under 1 KB and holds no file, and what reaches the SMTP server carries the CGV PDF byte for
 * byte as GET /shops/{shop}/terms/cgv/{version}.pdf serves it, and the transfer QR code.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { findTermsVersion } from '../../src/legal/terms/service.ts';
import { enqueueEmail } from '../../src/notifications/outbox.ts';
import { outboxEmail } from '../support/outbox.ts';
import { bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, termsVersion } from '../support/shoppers.ts';
import { startSmtp } from '../support/smtp.ts';

let p: TestPlatform;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let received: string[];

before(async () => {
  smtp = await startSmtp();
  received = smtp.messages;
  p = await startPlatform({ SMTP_URL: smtp.url });
});
after(async () => {
  await p.stop();
  await smtp.close();
});

const flat = (raw: string) => raw.replace(/\r?\n/g, '');

async function termsPdfOverHttp(shop: string, version: string): Promise<Buffer> {
  const res = await p.app.inject({ method: 'GET', url: `/shops/${shop}/terms/cgv/${version}.pdf` });
  assert.equal(res.statusCode, 200);
  return res.rawPayload;
}

test('should deliver a referenced terms PDF over SMTP byte for byte as the terms page serves it, and a plain e-mail as before', async () => {
  const version = await termsVersion(p, 'bible-et-jeux');
  const cgv = await findTermsVersion(p.database.db, 'bible-et-jeux', 'cgv', version);
  const now = new Date();
  await enqueueEmail(p.database.db, { shopId: 'bible-et-jeux', to: 'client@example.fr', subject: 'Avec pièce jointe', text: 'Voir le PDF.', attachments: [{ type: 'terms_pdf', id: cgv.id }] }, now);
  await enqueueEmail(p.database.db, { shopId: 'bible-et-jeux', to: 'autre@example.fr', subject: 'Sans pièce jointe', text: 'Rien.' }, now);
  await p.runDueJobs();
  assert.equal(received.length, 2);
  const withFile = received.find((m) => m.includes('client@example.fr')) ?? '';
  const name = `bible-et-jeux-cgv-${version}.pdf`.replace(/\./g, '\\.');
  assert.match(withFile, new RegExp(`Content-Type: application/pdf; name=${name}`));
  assert.match(withFile, new RegExp(`filename=${name}`));
  assert.ok(flat(withFile).includes((await termsPdfOverHttp('bible-et-jeux', version)).toString('base64')), 'the very bytes of GET …/terms/cgv/{version}.pdf');
  const plain = received.find((m) => m.includes('autre@example.fr')) ?? '';
  assert.doesNotMatch(plain, /Content-Disposition: attachment/);
  const rows = await p.database.db.selectFrom('outbox').select(['status', 'to_address', sql<number>`pg_column_size(outbox.*)`.as('bytes')]).where('shop_id', '=', 'bible-et-jeux').orderBy('to_address').execute();
  assert.deepEqual(rows.map((r) => [r.to_address, r.status]), [['autre@example.fr', 'sent'], ['client@example.fr', 'sent']]);
  assert.ok(rows.every((r) => Number(r.bytes) < 512), 'a reference, not the file');
});

test('should store a transfer order confirmation in under 1 KB, and send it rendered with the CGV PDF of the bound version and the EPC QR code', async () => {
  const token = await customerToken(p, 'coopso', 'outbox@coopso.example');
  const products = (await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopso/products?sort=price_desc' })).json().items as { id: string; stock: number; regulated: boolean }[];
  const product = products.find((x) => x.stock > 0 && !x.regulated);
  assert.ok(product);
  const version = await termsVersion(p, 'coopso');
  const res = await p.app.inject({
    method: 'POST',
    url: '/api/v1/shops/coopso/orders',
    headers: bearer(token),
    payload: { lines: [{ productId: product.id, quantity: 2 }], acceptedTerms: { version }, delivery: { mode: 'pickup', pickupPointId: '0' }, paymentMethod: 'bank_transfer' },
  });
  assert.equal(res.statusCode, 201, res.body);
  const order = res.json() as { id: string; number: string; payment: { reference: string } };

  const bound = await p.database.db.selectFrom('orders').select('accepted_terms').where('id', '=', order.id).executeTakeFirstOrThrow();
  const cgv = bound.accepted_terms.find((t) => t.kind === 'cgv')?.version ?? '';
  const row = await p.database.db.selectFrom('outbox').selectAll().select(sql<number>`pg_column_size(outbox.*)`.as('bytes')).where('to_address', '=', 'outbox@coopso.example').executeTakeFirstOrThrow();
  assert.ok(Number(row.bytes) < 1024, `the row is ${row.bytes} bytes`);
  assert.equal(row.template, 'order_confirmation');
  assert.equal(row.payload.orderId, order.id);
  assert.doesNotMatch(JSON.stringify(row), /JVBERi0|iVBORw0/, 'no PDF or PNG stored');
  const queued = await p.database.db.selectFrom('order_events').select('data').where('order_id', '=', order.id).where('type', '=', 'confirmation_email_queued').executeTakeFirstOrThrow();
  // A consumer of a shop that gives the withdrawal right also gets the pre-filled model form (issue 10 §8).
  const form = `coopso-formulaire-retractation-${order.number}.pdf`;
  assert.deepEqual((queued.data as { attachments: string[] }).attachments, [`coopso-cgv-${cgv}.pdf`, 'epc-qr.png', form], 'the evidence names the files sent');

  const rendered = await outboxEmail(p.database.db, 'outbox@coopso.example');
  await p.runDueJobs();
  const raw = received.find((m) => m.includes('outbox@coopso.example')) ?? '';
  assert.ok(raw, 'the confirmation reached the SMTP server');
  assert.match(raw, new RegExp(order.number));
  assert.ok(flat(raw).includes((await termsPdfOverHttp('coopso', cgv)).toString('base64')), 'the CGV PDF of the bound version, byte for byte');
  const qr = rendered.attachments.find((a) => a.contentType === 'image/png');
  assert.ok(qr && flat(raw).includes(qr.contentBase64), 'the EPC QR code');
  assert.deepEqual(rendered.attachments.map((a) => a.filename), [`coopso-cgv-${cgv}.pdf`, 'epc-qr.png', form]);
  assert.ok(rendered.text_body.includes(order.payment.reference));
  assert.equal((await p.database.db.selectFrom('outbox').select('status').where('id', '=', row.id).executeTakeFirstOrThrow()).status, 'sent');
});
