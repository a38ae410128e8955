/**
 * Issue 10 §4 and §7 over HTTP, driven by the test clock: the legal warranty of a consumer's
 * delivered order (LEGAL §A4). Bible et Jeux (004, FR) delivers new goods on Mon 2026-03-02: the
 * order shows `warrantyEndsOn` 2028-03-02; a claim opened on 2027-06-01 is within the 24-month
 * presumption; one on 2028-03-03 is refused (warranty_period_over). A PDF renamed `.jpg` is
 * refused with a clear message and nothing stored; staff decide a refund on 2027-06-03 and it is
 * due 7 days later (004 art.8: 7 days after the finding). Another customer's claim is not found;
 * a DISTRITEC professional gets no legal-warranty claim (not_a_consumer_order).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { outboxEmails } from '../support/outbox.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform, moveTestClock } from '../support/platform.ts';
import { customerToken, termsVersion } from '../support/shoppers.ts';

const FR = 'bible-et-jeux';
const PRO = 'distritec';

let p: TestPlatform;
before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-02-25T10:00:00+01:00' }, { stripe: false });
});
after(async () => p.stop());

const staff = bearer(ADMIN_TOKEN);
const moveClock = (now: string) => moveTestClock(p, now);
/** A fresh session after the clock moved on (a session does not outlive months). */
const login = async (shop: string, email: string, password = 'correct horse battery') => {
  const res = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/session`, payload: { email, password } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().token as string;
};
const post = (url: string, headers: Record<string, string>, payload: Record<string, unknown> | Buffer = {}) => p.app.inject({ method: 'POST', url: `/api/v1/shops/${url}`, headers, payload });

async function place(shop: string, token: string, paymentMethod: string) {
  const products = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${shop}/products?sort=price_desc` })).json().items as { id: string; stock: number; regulated: boolean }[];
  const product = products.find((x) => x.stock > 1 && !x.regulated);
  assert.ok(product, `${shop} has a product in stock`);
  const res = await post(`${shop}/orders`, bearer(token), { lines: [{ productId: product.id, quantity: 1 }], acceptedTerms: { version: await termsVersion(p, shop) }, delivery: { mode: 'carrier' }, paymentMethod });
  assert.equal(res.statusCode, 201, res.body);
  const order = res.json();
  const paid = await post(`${shop}/orders/${order.id}/events`, staff, { type: 'payment_received', at: p.clock.now().toString(), amountCents: order.totals.grossCents });
  assert.equal(paid.statusCode, 201, paid.body);
  return order as { id: string };
}
async function deliver(shop: string, id: string, at: string) {
  const shipped = await post(`${shop}/orders/${id}/events`, staff, { type: 'shipped', at });
  assert.equal(shipped.statusCode, 201, shipped.body);
  const res = await post(`${shop}/orders/${id}/events`, staff, { type: 'delivered', at });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

/** A multipart body with text fields and files, as a browser sends it. */
function multipart(fields: Record<string, string>, files: { name: string; filename: string; type: string; data: Buffer }[]) {
  const boundary = '----claim-boundary-7f3a';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.data, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

const tokens = { c1: '', c2: '', pro: '' };
const ids = { order: '', claim: '' };
const claimCount = async () => Number((await p.database.db.selectFrom('warranty_claims').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const photoCount = async () => Number((await p.database.db.selectFrom('warranty_claim_photos').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

describe('legal warranty claims (issue 10 §4)', () => {
  test('should show warrantyEndsOn two years after delivery of a FR consumer order, and none before', async () => {
    tokens.c1 = await customerToken(p, FR, 'c1@warranty.example');
    tokens.c2 = await customerToken(p, FR, 'c2@warranty.example');
    ids.order = (await place(FR, tokens.c1, 'card')).id;
    const before = await p.app.inject({ method: 'GET', url: `/api/v1/shops/${FR}/orders/${ids.order}`, headers: bearer(tokens.c1) });
    assert.equal(before.json().deadlines.warrantyEndsOn, undefined, 'nothing before delivery');
    const early = await post(`${FR}/orders/${ids.order}/warranty-claims`, bearer(tokens.c1), { kind: 'conformity', description: 'Le plateau de jeu est fendu.' });
    assert.equal(early.statusCode, 422);
    assert.equal(early.json().error.code, 'not_delivered');
    await moveClock('2026-03-02T18:00:00+01:00');
    const delivered = await deliver(FR, ids.order, '2026-03-02T15:00:00+01:00');
    console.log(`delivered 2026-03-02 → warrantyEndsOn ${delivered.deadlines.warrantyEndsOn}, withdrawalEndsOn ${delivered.deadlines.withdrawalEndsOn}`);
    assert.equal(delivered.deadlines.warrantyEndsOn, '2028-03-02');
  });

  test('should open a conformity claim with a photo on 2027-06-01, presumption applying, and acknowledge it by e-mail', async () => {
    await moveClock('2027-06-01T10:00:00+02:00');
    tokens.c1 = await login(FR, 'c1@warranty.example');
    tokens.c2 = await login(FR, 'c2@warranty.example');
    const body = multipart({ kind: 'conformity', description: 'Le plateau de jeu est fendu au milieu.', lines: '1' }, [{ name: 'photos', filename: 'plateau.png', type: 'image/png', data: PNG }]);
    const res = await post(`${FR}/orders/${ids.order}/warranty-claims`, { ...bearer(tokens.c1), 'content-type': body.contentType }, body.payload);
    assert.equal(res.statusCode, 201, res.body);
    const claim = res.json();
    console.log(`claim opened ${claim.openedOn}: warrantyEndsOn ${claim.warrantyEndsOn}, presumption ${claim.presumption} (until ${claim.presumptionEndsOn}), photos ${claim.photos}`);
    assert.deepEqual([claim.kind, claim.openedOn, claim.warrantyEndsOn, claim.presumption, claim.presumptionEndsOn, claim.photos], ['conformity', '2027-06-01', '2028-03-02', true, '2028-03-02', 1]);
    ids.claim = claim.id;
    // Issue 10 §4: the D.211-2 box is in the terms in force now (the successor version of 2027-01-15),
    // never added to the version the order accepted, which is kept as published.
    const terms = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${FR}/terms` })).json() as { kind: string; version: string }[];
    assert.equal(terms.find((d) => d.kind === 'cgv')?.version, '2027-01-15');
    const text = (version: string) => p.app.inject({ method: 'GET', url: `/shops/${FR}/terms/cgv/${version}` }).then((r) => r.body);
    const box = 'La garantie légale de conformité donne au consommateur droit à la réparation ou au remplacement du bien dans un délai de trente jours suivant sa demande';
    const successor = await text('2027-01-15');
    assert.ok(successor.includes(box));
    assert.match(successor, /<div class="guarantee-box"><p>Le consommateur dispose d(&#39;|&#x27;|')un délai de deux ans/);
    assert.ok(!(await text('2026-01-01')).includes(box));
    const mails = (await outboxEmails(p.database.db, 'c1@warranty.example')).filter((m) => /réclamation reçue/.test(m.subject));
    assert.equal(mails.length, 1, 'one acknowledgement');
    assert.match(mails[0]?.text_body ?? '', /2028-03-02/);
    assert.match(mails[0]?.text_body ?? '', /L\. 217-1 à L\. 217-32/, 'with the D.211-2 box');
    const events = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${FR}/orders/${ids.order}`, headers: staff })).json().events.map((e: { type: string }) => e.type);
    assert.ok(events.includes('warranty_claim_opened'));
  });

  test('should refuse a PDF renamed .jpg with a clear message, a photo over 5 MB and a fourth photo, and store nothing', async () => {
    const [claims, photos] = [await claimCount(), await photoCount()];
    const body = multipart({ kind: 'conformity', description: 'Une pièce manque dans la boîte.' }, [{ name: 'photos', filename: 'preuve.jpg', type: 'image/jpeg', data: PDF }]);
    const res = await post(`${FR}/orders/${ids.order}/warranty-claims`, { ...bearer(tokens.c1), 'content-type': body.contentType, 'accept-language': 'fr' }, body.payload);
    console.log(`PDF renamed .jpg → ${res.statusCode} ${res.json().error.code}: ${res.json().error.message}`);
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().error.code, 'photo_not_an_image');
    assert.match(res.json().error.message, /preuve\.jpg.*JPEG, PNG ou WebP/);
    assert.deepEqual([await claimCount(), await photoCount()], [claims, photos]);
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024 + 1 - PNG.length)]);
    const tooBig = multipart({ kind: 'conformity', description: 'Une pièce manque dans la boîte.' }, [{ name: 'photos', filename: 'grande.png', type: 'image/png', data: big }]);
    const res2 = await post(`${FR}/orders/${ids.order}/warranty-claims`, { ...bearer(tokens.c1), 'content-type': tooBig.contentType }, tooBig.payload);
    assert.equal(res2.json().error.code, 'photo_too_large', res2.body);
    const four = multipart({ kind: 'conformity', description: 'Une pièce manque dans la boîte.' }, [1, 2, 3, 4].map((n) => ({ name: 'photos', filename: `p${n}.png`, type: 'image/png', data: PNG })));
    const res3 = await post(`${FR}/orders/${ids.order}/warranty-claims`, { ...bearer(tokens.c1), 'content-type': four.contentType }, four.payload);
    assert.equal(res3.json().error.code, 'too_many_photos', res3.body);
    assert.deepEqual([await claimCount(), await photoCount()], [claims, photos], 'nothing stored');
  });

  test('should let staff decide a refund, due within the profile window of 7 days after the finding', async () => {
    await moveClock('2027-06-03T16:00:00+02:00');
    const early = await post(`${FR}/warranty-claims/${ids.claim}/decision`, staff, { remedy: 'refund', at: '2027-05-31' });
    assert.equal(early.json().error.code, 'decision_before_claim');
    const res = await post(`${FR}/warranty-claims/${ids.claim}/decision`, staff, { remedy: 'refund', at: '2027-06-03', note: 'Plateau fendu constaté.' });
    assert.equal(res.statusCode, 201, res.body);
    console.log(`decision ${JSON.stringify(res.json().decision)}`);
    const lineCents = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${FR}/orders/${ids.order}`, headers: staff })).json().lines[0].totalCents;
    assert.deepEqual(res.json().decision, { remedy: 'refund', decidedOn: '2027-06-03', amountCents: lineCents, note: 'Plateau fendu constaté.', refundDueOn: '2027-06-10' });
    // The payment was recorded by hand with no account known: the refund is recorded as paid back by hand (refunds/owed.ts).
    const { refund } = res.json().settlement;
    assert.deepEqual([refund.method, refund.amountCents, refund.status, refund.paidOutside], ['bank_transfer', lineCents, 'confirmed', true]);
    const again = await post(`${FR}/warranty-claims/${ids.claim}/decision`, staff, { remedy: 'repair', at: '2027-06-03' });
    assert.equal(again.statusCode, 409);
    const read = await p.app.inject({ method: 'GET', url: `/api/v1/shops/${FR}/warranty-claims/${ids.claim}`, headers: bearer(tokens.c1) });
    assert.equal(read.json().decision.refundDueOn, '2027-06-10');
    const events = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${FR}/orders/${ids.order}`, headers: staff })).json().events.map((e: { type: string }) => e.type);
    assert.ok(events.includes('warranty_claim_decided'));
    // The refund is credited on the invoice by a credit note of the claimed line, to the cent (issue 10 §6).
    const docs = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${FR}/invoices?orderId=${ids.order}`, headers: bearer(tokens.c1) })).json().items;
    const [invoice, note] = docs as { kind: string; number: string; reason?: string; lines: { sku: string; quantity: number; totalCents: number }[]; totals: { grossCents: number } }[];
    assert.equal(docs.length, 2);
    assert.deepEqual([note?.kind, note?.reason], ['credit_note', 'warranty_refund']);
    assert.match(note?.number ?? '', /^AV-2027-000001$/);
    assert.deepEqual(note?.lines.map((l) => [l.sku, l.quantity, l.totalCents]), invoice?.lines.slice(0, 1).map((l) => [l.sku, 1, l.totalCents]));
  });

  test("should answer 404 for another customer's claim and order", async () => {
    const read = await p.app.inject({ method: 'GET', url: `/api/v1/shops/${FR}/warranty-claims/${ids.claim}`, headers: bearer(tokens.c2) });
    assert.equal(read.statusCode, 404);
    const open = await post(`${FR}/orders/${ids.order}/warranty-claims`, bearer(tokens.c2), { kind: 'conformity', description: 'Ce n’est pas ma commande.' });
    assert.equal(open.statusCode, 404);
  });

  test('should show the claim photo to its customer (same bytes, PNG by its first bytes, inline, nosniff, no-store) and to staff, 404 to another customer', async () => {
    const url = `/shops/${FR}/warranty-claims/${ids.claim}/photos/1`;
    const own = await p.app.inject({ method: 'GET', url, headers: bearer(tokens.c1) });
    assert.equal(own.statusCode, 200, own.body);
    console.log(`photo 1 of the claim: ${own.headers['content-type']}, ${own.rawPayload.length} bytes, ${own.headers['content-disposition']}`);
    assert.ok(own.rawPayload.equals(PNG), 'the bytes sent back are the bytes stored');
    assert.deepEqual([own.headers['content-type'], own.headers['x-content-type-options'], own.headers['cache-control']], ['image/png', 'nosniff', 'private, no-store']);
    assert.match(String(own.headers['content-disposition']), /^inline/);
    assert.equal((await p.app.inject({ method: 'GET', url, headers: bearer(tokens.c2) })).statusCode, 404);
    assert.equal((await p.app.inject({ method: 'GET', url: `/shops/${FR}/warranty-claims/${ids.claim}/photos/2`, headers: bearer(tokens.c1) })).statusCode, 404, 'one photo was sent');
    const anonymous = await p.app.inject({ method: 'GET', url });
    assert.equal(anonymous.headers.location, `/shops/${FR}/login`);
    const byStaff = await p.app.inject({ method: 'GET', url, headers: staff });
    assert.equal(byStaff.statusCode, 200);
    assert.ok(byStaff.rawPayload.equals(PNG));
    const customerPage = await p.app.inject({ method: 'GET', url: `/shops/${FR}/warranty-claims/${ids.claim}`, headers: bearer(tokens.c1) });
    assert.ok(customerPage.body.includes(`src="${url}"`), 'the claim page shows the thumbnail');
    const staffPage = await p.app.inject({ method: 'GET', url: `/shops/${FR}/staff/orders/${ids.order}`, headers: staff });
    assert.ok(staffPage.body.includes(`href="${url}"`), 'the staff claim section links the photo');
  });

  test('should take a hidden-defect claim within 2 years of discovery, and refuse conformity after 2028-03-02', async () => {
    await moveClock('2028-03-03T10:00:00+01:00');
    tokens.c1 = await login(FR, 'c1@warranty.example');
    const late = await post(`${FR}/orders/${ids.order}/warranty-claims`, bearer(tokens.c1), { kind: 'conformity', description: 'Les charnières de la boîte cèdent.' });
    console.log(`conformity claim on 2028-03-03 → ${late.statusCode} ${late.json().error.code}`);
    assert.equal(late.statusCode, 422);
    assert.equal(late.json().error.code, 'warranty_period_over');
    const hidden = await post(`${FR}/orders/${ids.order}/warranty-claims`, bearer(tokens.c1), { kind: 'hidden_defect', description: 'Le bois était rongé de l’intérieur.', discoveredOn: '2028-02-20' });
    assert.equal(hidden.statusCode, 201, hidden.body);
    assert.deepEqual([hidden.json().warrantyEndsOn, hidden.json().presumption], ['2030-02-20', false]);
    // Staff may decline a claim, but only with its reason, which the customer reads on the claim.
    const bare = await post(`${FR}/warranty-claims/${hidden.json().id}/decision`, staff, { remedy: 'declined', at: '2028-03-03' });
    assert.deepEqual([bare.statusCode, bare.json().error.field], [400, 'note']);
    const declined = await post(`${FR}/warranty-claims/${hidden.json().id}/decision`, staff, { remedy: 'declined', at: '2028-03-03', note: 'Dégât des eaux, hors garantie.' });
    assert.equal(declined.statusCode, 201, declined.body);
    assert.deepEqual(declined.json().decision, { remedy: 'declined', decidedOn: '2028-03-03', note: 'Dégât des eaux, hors garantie.' });
    const docs = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${FR}/invoices?orderId=${ids.order}`, headers: staff })).json().items;
    assert.equal(docs.length, 2, 'a declined claim credits nothing');
    const told = (await outboxEmails(p.database.db, 'c1@warranty.example')).filter((m) => /décision sur votre réclamation/.test(m.subject));
    assert.equal(told.length, 2, 'one e-mail per decision');
    assert.ok(told.some((m) => m.text_body.includes('réclamation refusée') && m.text_body.includes('Motif : Dégât des eaux, hors garantie.')), told.map((m) => m.text_body).join('\n---\n'));
  });

  test('should not offer the legal-warranty claim to a DISTRITEC professional', async () => {
    const reg = await p.app.inject({
      method: 'POST', url: `/api/v1/shops/${PRO}/customers`,
      payload: { kind: 'professional', email: 'achats@froid.example', password: 'correct horse battery', firstName: 'Paul', lastName: 'Roux', companyName: 'Froid Sud SARL', siret: '732 829 320 00074', vatNumber: 'FR40303265045', address: { line1: '3 rue des Lilas', postalCode: '66000', city: 'Perpignan', country: 'FR' } },
    });
    assert.equal(reg.statusCode, 201, reg.body);
    tokens.pro = await login(PRO, 'achats@froid.example');
    const order = await place(PRO, tokens.pro, 'bank_transfer');
    const delivered = await deliver(PRO, order.id, p.clock.now().toString());
    assert.equal(delivered.deadlines.warrantyEndsOn, undefined, 'no legal warranty for a professional');
    const res = await post(`${PRO}/orders/${order.id}/warranty-claims`, bearer(tokens.pro), { kind: 'conformity', description: 'Compresseur en panne.' });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().error.code, 'not_a_consumer_order');
    const page = await p.app.inject({ method: 'GET', url: `/shops/${PRO}/orders/${order.id}/warranty-claims/new`, headers: bearer(tokens.pro) });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Garantie du fabricant/);
    assert.match(page.body, /abnormal_use|usage anormal|Exclusions/);
    assert.doesNotMatch(page.body, /Envoyer la réclamation/);
  });
});
