/**
 * Issue 10 §8: the model withdrawal form (C. consom. annex to R221-1; CDE Book VI annex 2),
 * pre-filled with the shop's name and address, the order's number and date and the consumer's
 * name and address, served to the order's customer and staff, and attached to the order
 * confirmation received over SMTP. A FR shop's form has the French wording ("Rayez la mention
 * inutile"); a BE shop's the Belgian one in French and Dutch ("Biffez…", "Doorhalen…"); both end
 * with the English courtesy translation, marked as such.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pdfText } from '../support/pdf-text.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';
import { startSmtp } from '../support/smtp.ts';
import { getShop } from '../../src/shops/service.ts';
import { findTermsVersion } from '../../src/legal/terms/service.ts';

/** The PDF's text with line breaks and the spaces pdfkit leaves at wraps folded into one space. */
const textOf = (pdf: Buffer) => pdfText(pdf).replace(/\s+/g, ' ');

const FR = 'coopconnexion';
const BE = 'coopso';

let p: TestPlatform;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
before(async () => {
  smtp = await startSmtp();
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-06-25T10:00:00+02:00', SMTP_URL: smtp.url }, { stripe: false });
});
after(async () => {
  await p.stop();
  await smtp.close();
});

const staff = bearer(ADMIN_TOKEN);
const tokens = { fr: '', be: '', other: '' };
const orders = { fr: { id: '', number: '' }, be: { id: '', number: '' } };

async function place(shop: string, token: string, sku: string, how: Record<string, unknown> = {}) {
  const res = await p.app.inject({
    method: 'POST',
    url: `/api/v1/shops/${shop}/orders`,
    headers: bearer(token),
    payload: {
      lines: [{ productId: await productIdBySku(p, shop, sku), quantity: 1 }],
      acceptedTerms: { version: await termsVersion(p, shop) },
      delivery: shop === BE ? { mode: 'pickup', pickupPointId: '0' } : { mode: 'carrier' },
      paymentMethod: shop === BE ? 'bank_transfer' : 'card',
      ...how,
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; number: string };
}

const form = (shop: string, id: string, headers: Record<string, string>) => p.app.inject({ method: 'GET', url: `/shops/${shop}/orders/${id}/withdrawal-form.pdf`, headers });

/** The attachment named `file` in the raw message received by the SMTP server, decoded. */
function attachment(raw: string, file: string): Buffer | null {
  const at = raw.indexOf(`name=${file}`);
  if (at < 0) return null;
  const b64 = /\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(raw.slice(at))?.[1] ?? '';
  return Buffer.from(b64.replace(/\s/g, ''), 'base64');
}

describe('model withdrawal form (issue 10 §8)', () => {
  test('should pre-fill a FR shop’s form with the shop, the order’s number and date and the consumer, in the Code de la consommation’s wording', async () => {
    tokens.fr = await customerToken(p, FR, 'form-fr@withdraw.example');
    tokens.other = await customerToken(p, FR, 'form-other@withdraw.example');
    tokens.be = await customerToken(p, BE, 'form-be@withdraw.example');
    orders.fr = await place(FR, tokens.fr, 'MIEL-500');
    orders.be = await place(BE, tokens.be, 'CALC-SCI');

    const res = await form(FR, orders.fr.id, bearer(tokens.fr));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(String(res.headers['cache-control']), /no-store/);
    const text = textOf(res.rawPayload);
    const { identity } = (await getShop(p.database.db, FR)).profile;
    const office = identity.returnsAddress ?? identity.registeredOffice;
    assert.ok(office, 'the seed names an address');
    const expected = [
      'Modèle de formulaire de rétractation',
      'Annexe à l’article R221-1 du Code de la consommation',
      'Je/Nous (*) vous notifie/notifions (*) par la présente ma/notre (*) rétractation du contrat portant sur la vente du bien (*)/pour la prestation de services (*) ci-dessous',
      'Commandé le (*)',
      'reçu le (*)',
      '25 juin 2026',
      orders.fr.number,
      'Camille Martin',
      '3 rue des Lilas, 66000 Perpignan',
      '(*) Rayez la mention inutile.',
      'Courtesy translation: only the French text is authoritative',
      'Model withdrawal form',
    ];
    expected.push(identity.legalName, `${office.line1}, ${office.postalCode} ${office.city}`);
    for (const words of expected) assert.ok(text.includes(words), `the form says "${words}": ${text.slice(0, 600)}`);
    assert.ok(!text.includes('Biffez'), 'no Belgian wording for a French shop');
    // Staff of the shop read the same form.
    assert.equal((await form(FR, orders.fr.id, staff)).statusCode, 200);
  });

  test('should give a BE shop’s consumer the Belgian wording in French and Dutch', async () => {
    const res = await form(BE, orders.be.id, bearer(tokens.be));
    assert.equal(res.statusCode, 200, res.body);
    const text = textOf(res.rawPayload);
    for (const words of ['Code de droit économique, livre VI, annexe 2', '(*) Biffez la mention inutile.', 'Modelformulier voor herroeping', 'Besteld op (*)', '(*) Doorhalen wat niet van toepassing is.', orders.be.number, 'Camille Martin', 'rue de Fer 1, 4000 Liège', 'only the French or Dutch text is authoritative']) {
      assert.ok(text.includes(words), `the form says "${words}": ${text.slice(0, 600)}`);
    }
    assert.ok(!text.includes('R221-1'), 'no French code for a Belgian shop');
  });

  test('should not show another customer’s form (404), and send anonymous visitors to sign in', async () => {
    const other = await form(FR, orders.fr.id, bearer(tokens.other));
    assert.equal(other.statusCode, 404);
    assert.ok(!other.rawPayload.includes(Buffer.from('Camille')), 'nothing of the order leaks');
    assert.equal((await form(BE, orders.fr.id, bearer(tokens.be))).statusCode, 404, 'another shop’s order is not found');
    const anonymous = await form(FR, orders.fr.id, {});
    assert.equal(anonymous.statusCode, 303);
  });

  test('should have the CGV in force say when the withdrawal period starts (goods: possession, the last lot; services: conclusion)', async () => {
    // Every shop whose terms give the withdrawal right (all sell to consumers).
    const shops = [];
    for (const { slug } of p.shops) if ((await getShop(p.database.db, slug)).profile.withdrawal) shops.push(slug);
    assert.ok(shops.includes(FR) && shops.includes(BE), `shops with the right: ${shops.join(', ')}`);
    for (const shop of shops) {
      const listed = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${shop}/terms` })).json() as { kind: string; version: string }[];
      const inForce = listed.find((d) => d.kind === 'cgv');
      assert.ok(inForce, `${shop} has CGV in force: ${JSON.stringify(listed.map((d) => d.kind))}`);
      const { version } = inForce;
      const cgv = await findTermsVersion(p.database.db, shop, 'cgv', version);
      const body = cgv.body.replace(/\s+/g, ' ');
      for (const words of ['prend physiquement possession du bien', 'à compter de la réception du dernier', 'Pour un service, il court à compter de la conclusion du contrat', 'Le jour de l’événement ne compte pas']) {
        assert.ok(body.includes(words), `${shop} CGV ${version} says "${words}"`);
      }
    }
  });

  test('should give a professional’s order no form: no withdrawal right, nothing attached', async () => {
    const shop = 'distritec';
    const address = { line1: '12 avenue de la Gare', postalCode: '66000', city: 'Perpignan', country: 'FR' };
    const reg = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/customers`, payload: { kind: 'professional', email: 'form-pro@withdraw.example', password: 'correct horse battery', firstName: 'Paul', lastName: 'Froid', companyName: 'Froid Sud SARL', siret: '732 829 320 00074', vatNumber: 'FR40303265045', address } });
    assert.equal(reg.statusCode, 201, reg.body);
    const token = (await p.app.inject({ method: 'POST', url: `/api/v1/shops/${shop}/session`, payload: { email: 'form-pro@withdraw.example', password: 'correct horse battery' } })).json().token;
    const products = (await p.app.inject({ method: 'GET', url: `/api/v1/shops/${shop}/products` })).json().items as { sku: string; stock: number; regulated: boolean }[];
    const product = products.find((x) => x.stock > 2 && !x.regulated);
    assert.ok(product);
    const placed = await place(shop, token, product.sku, { delivery: { mode: 'carrier' }, paymentMethod: 'bank_transfer' });
    assert.equal((await form(shop, placed.id, bearer(token))).statusCode, 404);
    assert.equal((await form(shop, placed.id, staff)).statusCode, 404, 'staff neither: there is no form for this order');
    const queued = await p.database.db.selectFrom('order_events').select('data').where('order_id', '=', placed.id).where('type', '=', 'confirmation_email_queued').executeTakeFirstOrThrow();
    assert.ok(!(queued.data as { attachments: string[] }).attachments.some((f) => f.includes('formulaire-retractation')));
  });

  test('should attach the pre-filled form to the confirmation e-mail received over SMTP, and link it from the order page', async () => {
    const page = await p.app.inject({ method: 'GET', url: `/shops/${FR}/orders/${orders.fr.id}`, headers: bearer(tokens.fr) });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`/shops/${FR}/orders/${orders.fr.id}/withdrawal-form.pdf`), 'the order page links the form');
    assert.match(page.body, /Formulaire de rétractation pré-rempli/);

    // The outbox sends on its next run; moving the clock runs it.
    const move = await p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: staff, payload: { now: '2026-06-25T10:05:00+02:00' } });
    assert.equal(move.statusCode, 200, move.body);
    for (const [shop, order, to] of [[FR, orders.fr, 'form-fr'], [BE, orders.be, 'form-be']] as const) {
      let raw = '';
      for (let i = 0; i < 50 && !raw; i++) {
        raw = smtp.messages.find((m) => new RegExp(`^To: ${to}@withdraw\\.example`, 'm').test(m) && m.includes(order.number)) ?? '';
        if (!raw) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(raw, `the confirmation of ${order.number} reached the SMTP server`);
      const pdf = attachment(raw, `${shop}-formulaire-retractation-${order.number}.pdf`);
      assert.ok(pdf, `the confirmation of ${order.number} carries the form`);
      const queued = await p.database.db.selectFrom('order_events').select('data').where('order_id', '=', order.id).where('type', '=', 'confirmation_email_queued').executeTakeFirstOrThrow();
      assert.ok((queued.data as { attachments: string[] }).attachments.includes(`${shop}-formulaire-retractation-${order.number}.pdf`), 'the evidence names the form sent');
      const text = textOf(pdf);
      for (const words of [order.number, 'Camille Martin', shop === FR ? 'Rayez la mention inutile' : 'Biffez la mention inutile']) assert.ok(text.includes(words), `the attached form says "${words}"`);
    }
  });
});
