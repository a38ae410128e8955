/**
 * Issue 11 §4–§6 in headless Chromium at DISTRITEC (003, France), with the test clock. Orders of a
 * 384.00 € pump placed and paid on Mon 2026-03-02, no date given: delivery due Wed 04-01 (L216-1).
 * - Staff's force-majeure page (desktop, then phone): a strike declared on Bruno's order from
 *   03-05 (a start in the future refused first, in French); Bruno told over SMTP that either party
 *   may terminate from 05-05 (003 art.17.4, 60 days); a breakdown on Chloé's order from 03-06,
 *   ended on 03-08 from the table, Chloé told twice.
 * - The customer's late-delivery page: on 03-10 Anne's order is not late and nothing can be sent;
 *   on 04-02 Anne gives formal notice until 04-09 (a day not after today refused first), Bruno's
 *   promise is pushed to 04-30 by 29 days of strike, and Fanny, whose date was essential, terminates
 *   at once; on 04-10 Anne terminates (384,00 € due by 04-24), refunded on 04-30: +10 %, 422,40 €;
 *   Bruno may terminate for force majeure on 05-05, not on 05-04 (refund due 05-19).
 * - Staff's formal-notice letters (003 art.7.2): a registered letter sent 03-27, first presented
 *   03-31: termination refused before presentation and while the 8 days run, the letter printed
 *   to PDF, the order closed on 04-10 with the customer told; then a period declared on the whole
 *   shop tells only the customer whose order still waits.
 * axe-core checks every page against WCAG 2.1 A/AA; no page scrolls sideways on a phone.
 * LETTER_PDF=/tmp/letter.pdf keeps the printed letter, to look at (`pdftoppm -png`).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { type BrowserRun, chromiumAvailable, signedInPage, startBrowserRun } from '../support/browser.ts';
import { ADMIN_TOKEN, bearer } from '../support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';
import { startSmtp } from '../support/smtp.ts';

const SHOP = 'distritec';
const SKU = 'POMPE-VIDE-2E';
const PASSWORD = 'correct horse battery';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };
const EMAIL = { anne: 'anne@retard.example', bruno: 'bruno@retard.example', chloe: 'chloe@retard.example', fanny: 'fanny@retard.example', pro: 'achats@froid-retard.example' };
type Who = keyof typeof EMAIL;
const EUR = (s: string) => s.replace(/ /g, '[\\s\\u202f\\u00a0]');

/** A message received over SMTP, its subject and text decoded (RFC 2047 words, quoted-printable). */
function decoded(raw: string): { to: string; subject: string; text: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(unfolded)?.[1] ?? '';
  const words = (s: string) =>
    s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) =>
      enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))), 'latin1').toString('utf8'),
    );
  const body = rest.join('\n\n');
  const plain = /Content-Type: text\/plain[\s\S]*?\r?\n\r?\n([\s\S]*?)(?:\r?\n--|$)/i.exec(body)?.[1] ?? body;
  const qp = Buffer.from(plain.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))), 'latin1').toString('utf8');
  return { to: header('To'), subject: words(header('Subject')), text: qp };
}

describe('browser: late delivery, force majeure and formal notices, desktop and phone', { skip: !chromiumAvailable && 'Debian chromium not installed' }, () => {
  let run: BrowserRun;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const orders = {} as Record<Who, { id: string; number: string; grossCents: number }>;
  const staffApi = bearer(ADMIN_TOKEN);
  const clock = async (now: string) => {
    const res = await run.platform.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: staffApi, payload: { now } });
    assert.equal(res.statusCode, 200, res.body);
  };
  const fact = async (who: Who, payload: Record<string, unknown>) => {
    const res = await run.platform.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders/${orders[who].id}/events`, headers: staffApi, payload });
    assert.equal(res.statusCode, 201, res.body);
  };
  const mailsTo = async (who: Who) => {
    await run.platform.runDueJobs();
    return smtp.messages.map(decoded).filter((m) => m.to.includes(EMAIL[who]));
  };
  /** A page that fits the phone's width: nothing to scroll sideways (WCAG 1.4.10 reflow). */
  const fitsWidth = async (page: Page, label: string) => {
    await page.waitForLoadState('load');
    const { scroll, width } = (await page.evaluate('({ scroll: document.documentElement.scrollWidth, width: window.innerWidth })')) as { scroll: number; width: number };
    const wide = scroll <= width ? [] : await page.evaluate(`[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > ${width} && ![...e.children].some((c) => c.getBoundingClientRect().right > ${width})).map((e) => e.tagName + '.' + e.className + ': ' + (e.textContent ?? '').slice(0, 60))`);
    assert.ok(scroll <= width, `${label}: ${scroll}px wide in a ${width}px window: ${JSON.stringify(wide)}`);
  };
  const customer = (who: Who, size: { width: number; height: number }) => signedInPage(run, SHOP, EMAIL[who], PASSWORD, size);
  async function staffPage(size: { width: number; height: number }): Promise<Page> {
    const page = await run.newPage();
    page.setDefaultTimeout(10_000);
    await page.setViewportSize(size);
    await page.goto(`${run.base}/shops/${SHOP}/staff/login`);
    await page.fill('#f-email', 'staff@distritec.example');
    await page.fill('#f-password', DEMO_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/staff$/);
    return page;
  }
  const lateDeliveryPage = async (who: Who, size: { width: number; height: number }) => {
    const page = await customer(who, size);
    page.setDefaultTimeout(10_000);
    await page.goto(`${run.base}/shops/${SHOP}/orders/${orders[who].id}/late-delivery`);
    return page;
  };
  const main = (page: Page) => page.locator('main').innerText();

  before(async () => {
    smtp = await startSmtp();
    run = await startBrowserRun({ SMTP_URL: smtp.url, COMPTOIR_TEST_CLOCK: '2026-03-02T10:00:00+01:00' }, { stripe: false });
    const p = run.platform;
    const address = { line1: '12 avenue de la Gare', postalCode: '66000', city: 'Perpignan', country: 'FR' };
    const reg = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/customers`, payload: { kind: 'professional', email: EMAIL.pro, password: PASSWORD, firstName: 'Paul', lastName: 'Froid', companyName: 'Froid Sud SARL', siret: '732 829 320 00074', vatNumber: 'FR40303265045', address } });
    assert.equal(reg.statusCode, 201, reg.body);
    const productId = await productIdBySku(p, SHOP, SKU);
    for (const who of Object.keys(EMAIL) as Who[]) {
      const token = who === 'pro' ? (await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/session`, payload: { email: EMAIL.pro, password: PASSWORD } })).json().token : await customerToken(p, SHOP, EMAIL[who]);
      const placed = await p.app.inject({
        method: 'POST', url: `/api/v1/shops/${SHOP}/orders`, headers: bearer(token),
        payload: { lines: [{ productId, quantity: 1 }], acceptedTerms: { version: await termsVersion(p, SHOP) }, delivery: { mode: 'carrier' }, paymentMethod: 'bank_transfer' },
      });
      assert.equal(placed.statusCode, 201, placed.body);
      const order = placed.json();
      orders[who] = { id: order.id, number: order.number, grossCents: order.totals.grossCents };
      await fact(who, { type: 'payment_received', at: '2026-03-02T10:00:00+01:00', amountCents: order.totals.grossCents });
    }
    assert.equal(orders.anne.grossCents, 38_400, 'the pump costs 384.00 €, carriage forward');
    await clock('2026-03-10T10:00:00+01:00');
  });
  after(async () => {
    await run?.stop();
    await smtp?.close();
  });

  test('should let staff declare a strike on one order, refusing a start in the future, and tell the customer (desktop)', async () => {
    const page = await staffPage(DESKTOP);
    await page.goto(`${run.base}/shops/${SHOP}/staff/force-majeure`);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Force majeure');
    assert.match(await main(page), /Aucune période déclarée\./);
    await run.audit(page, 'force majeure, none declared (desktop)');

    const form = page.getByRole('form', { name: 'Déclarer la période' });
    await form.getByLabel('Cause').selectOption({ label: 'Grève' });
    await form.getByLabel('Début').fill('2026-03-11');
    await form.getByLabel(/Numéro de la commande/).fill(orders.bruno.number);
    await form.getByLabel(/Note interne/).fill('Grève des transporteurs');
    await form.getByRole('button', { name: 'Déclarer la période' }).click();
    const summary = page.locator('.error-summary');
    assert.match(await summary.innerText(), /futur/);
    assert.equal(await summary.getByRole('link').getAttribute('href'), '#f-startsOn', 'the summary leads to the field');
    assert.equal(await form.getByLabel('Début').inputValue(), '2026-03-11', 'what was typed is kept');
    await run.audit(page, 'force majeure, start in the future refused (desktop)');

    await form.getByLabel('Début').fill('2026-03-05');
    await form.getByRole('button', { name: 'Déclarer la période' }).click();
    await page.waitForURL(/\/staff\/force-majeure\?notified=1$/);
    assert.match(await page.locator('main').getByRole('status').innerText(), /^1 client\(s\) prévenu\(s\)\.$/);
    // Reloading the page declares nothing twice.
    await page.reload();
    assert.equal(await page.locator('tbody tr').count(), 1);
    const row = await page.locator('tbody tr').first().innerText();
    assert.match(row, /Grève/);
    assert.match(row, new RegExp(`Commande ${orders.bruno.number}`));
    assert.match(row, /5 mars 2026/);
    assert.match(row, /5 mai 2026/, 'either party may terminate after 60 days (art.17.4)');
    await run.audit(page, 'force majeure declared (desktop)');
    await page.close();

    const [told, ...more] = (await mailsTo('bruno')).filter((m) => /force majeure/.test(m.subject));
    assert.ok(told && more.length === 0, 'one e-mail to Bruno');
    assert.match(told.subject, new RegExp(`^DISTRITEC.* — commande ${orders.bruno.number} : force majeure$`));
    assert.match(told.text, /par un cas de force majeure \(Grève\) depuis le 5 mars 2026/);
    assert.match(told.text, /Si elle dure encore le 5 mai 2026, chacun de nous pourra résoudre le contrat/);
  });

  test('should let staff declare a breakdown and end it from the list on a phone, the customer told of both', async () => {
    const page = await staffPage(PHONE);
    await page.goto(`${run.base}/shops/${SHOP}/staff/force-majeure`);
    const form = page.getByRole('form', { name: 'Déclarer la période' });
    await form.getByLabel('Cause').selectOption({ label: 'Panne de matériel ou de véhicule' });
    await form.getByLabel('Début').fill('2026-03-06');
    await form.getByLabel(/Numéro de la commande/).fill('DIS-2026-999999');
    await form.getByRole('button', { name: 'Déclarer la période' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /Aucune commande de la boutique ne porte le numéro DIS-2026-999999\./);
    assert.equal(await page.locator('.error-summary a').getAttribute('href'), '#f-orderId');
    await fitsWidth(page, 'force majeure, unknown order (phone)');
    await run.audit(page, 'force majeure, unknown order number refused (phone)');
    // Typed in lower case, as staff may: the number is found all the same.
    await form.getByLabel(/Numéro de la commande/).fill(orders.chloe.number.toLowerCase());
    await form.getByRole('button', { name: 'Déclarer la période' }).click();
    assert.match(await page.locator('main').getByRole('status').innerText(), /1 client\(s\) prévenu\(s\)/);
    await fitsWidth(page, 'force majeure (phone)');
    await run.audit(page, 'force majeure, two periods (phone)');

    const end = page.getByRole('form', { name: /Clore la période.*6 mars 2026/ });
    await end.getByLabel('Fin le').fill('2026-03-05');
    await end.getByRole('button', { name: 'Clore la période' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /La fin de la période doit suivre son début/);
    const endField = page.getByRole('form', { name: /Clore la période.*6 mars 2026/ }).getByLabel('Fin le');
    assert.equal(await page.locator('.error-summary a').getAttribute('href'), `#${await endField.getAttribute('id')}`, 'the summary leads to the row’s own field');
    assert.equal(await endField.getAttribute('aria-invalid'), 'true');
    assert.equal(await endField.inputValue(), '2026-03-05', 'what was typed is kept');
    assert.equal((await page.locator('tbody tr', { hasText: 'Panne' }).innerText()).match(/Fin le/g)?.length, 1, 'the field’s name is said once');
    await run.audit(page, 'force majeure, end before the start refused (phone)');
    await page.getByRole('form', { name: /Clore la période.*6 mars 2026/ }).getByLabel('Fin le').fill('2026-03-08');
    await page.getByRole('form', { name: /Clore la période.*6 mars 2026/ }).getByRole('button', { name: 'Clore la période' }).click();
    assert.match(await page.locator('main').getByRole('status').innerText(), /1 client\(s\) prévenu\(s\)/);
    const row = await page.locator('tbody tr', { hasText: 'Panne' }).innerText();
    assert.match(row, /8 mars 2026/);
    await fitsWidth(page, 'force majeure after the end (phone)');
    await run.audit(page, 'force majeure, one period ended (phone)');
    await page.close();

    const mails = (await mailsTo('chloe')).map((m) => m.subject.replace(/^.* — commande /, '')).filter((s) => /force majeure/.test(s)).sort();
    assert.deepEqual(mails, [`${orders.chloe.number} : fin de la force majeure`, `${orders.chloe.number} : force majeure`]);
  });

  test('should tell the customer on 03-10 that delivery is not late yet, and show the strike on Bruno’s order (desktop, phone)', async () => {
    const page = await customer('anne', DESKTOP);
    await page.goto(`${run.base}/shops/${SHOP}/orders/${orders.anne.id}`);
    await page.getByRole('link', { name: 'Livraison en retard ? Vos droits et démarches' }).click();
    await page.waitForURL(/\/late-delivery$/);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), `Retard de livraison — commande ${orders.anne.number}`);
    const text = await main(page);
    assert.match(text, /Livraison due au plus tard le\s+1 avril 2026 \(aucune date annoncée : 30 jours après la conclusion du contrat/);
    assert.match(text, /La livraison n’est pas en retard\./);
    assert.match(text, /Pas possible aujourd’hui : La livraison n’est pas en retard : le vendeur a jusqu’au 1 avril 2026 inclus pour livrer\./);
    assert.equal(await page.locator('main form').count(), 0, 'nothing to send yet');
    await run.audit(page, 'late delivery, not late yet (desktop)');
    await page.close();

    const phone = await lateDeliveryPage('bruno', PHONE);
    const fm = await phone.getByRole('region', { name: 'Force majeure' }).innerText();
    assert.match(fm, /Grève : depuis le 5 mars 2026, en cours/);
    assert.match(fm, /chaque partie peut résoudre le contrat à partir du 5 mai 2026/);
    await fitsWidth(phone, 'late delivery with force majeure (phone)');
    await run.audit(phone, 'late delivery with force majeure (phone)');
    // The same page in English, dates and refusals included.
    await phone.getByRole('link', { name: 'English' }).click();
    await phone.waitForURL(/lang=en/);
    assert.equal(await phone.getByRole('heading', { level: 1 }).innerText(), `Late delivery — order ${orders.bruno.number}`);
    const english = await main(phone);
    assert.match(english, /Strike: since 5 March 2026, ongoing/);
    assert.match(english, /Not possible today: The delivery is not late: the seller has until \d+ (March|April) 2026 inclusive to deliver\./);
    await fitsWidth(phone, 'late delivery in English (phone)');
    await run.audit(phone, 'late delivery in English (phone)');
    await phone.getByRole('link', { name: 'Français' }).click();
    await phone.waitForURL(/lang=fr/);
    await phone.close();
  });

  test('should let Anne give formal notice on 04-02 (a day not after today refused), e-mailed; Bruno’s promise moved by the strike (desktop, phone)', async () => {
    await clock('2026-04-02T10:00:00+02:00');
    const page = await lateDeliveryPage('anne', DESKTOP);
    assert.match(await main(page), /La livraison est en retard\./);
    const notice = page.getByRole('form', { name: 'Mettre le vendeur en demeure de livrer' });
    await notice.getByLabel('Livrer au plus tard le').fill('2026-04-02');
    await notice.getByRole('button', { name: 'Envoyer la mise en demeure' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /Le délai supplémentaire doit se terminer après aujourd’hui/);
    assert.equal(await page.locator('#f-deliverBy').getAttribute('aria-invalid'), 'true');
    await run.audit(page, 'formal notice refused, period too short (desktop)');

    await notice.getByLabel('Livrer au plus tard le').fill('2026-04-09');
    await notice.getByLabel('Message au vendeur (facultatif)').fill('Livrez-moi avant le 9 avril.');
    await notice.getByRole('button', { name: 'Envoyer la mise en demeure' }).click();
    await page.waitForURL(/\/late-delivery\?sent=1$/);
    assert.equal(await page.locator('main').getByRole('status').innerText(), 'Votre mise en demeure a été envoyée : le vendeur doit livrer au plus tard le 9 avril 2026.');
    await page.reload();
    assert.equal(await page.locator('.error-summary').count(), 0, 'reloading sends nothing again');
    const sent = await main(page);
    assert.match(sent, /Mise en demeure envoyée le 2 avril 2026 : livraison exigée au plus tard le 9 avril 2026\./);
    assert.match(await page.getByRole('region', { name: 'Résoudre le contrat' }).innerText(), /Pas possible aujourd’hui : Le délai supplémentaire laissé au vendeur court encore/);
    assert.equal(await page.getByRole('region', { name: 'Mettre le vendeur en demeure de livrer' }).count(), 0, 'the notice is given once; the facts say when');
    await run.audit(page, 'formal notice sent (desktop)');
    await page.close();
    const [ack, ...again] = (await mailsTo('anne')).filter((m) => /mise en demeure/.test(m.subject));
    assert.ok(ack && again.length === 0, 'the notice acknowledged by one e-mail');
    assert.match(ack.text, /était due au plus tard le 1 avril 2026\. Le vendeur doit maintenant livrer au plus tard le 9 avril 2026\./);

    const phone = await lateDeliveryPage('bruno', PHONE);
    const text = await main(phone);
    assert.match(text, /30 avril 2026 \(aucune date annoncée : 30 jours après la conclusion du contrat \(C\. consom\. L216-1\), dont 29 jour\(s\) de force majeure ajoutés\)/);
    assert.match(text, /La livraison n’est pas en retard\./);
    await run.audit(phone, 'late delivery pushed back by force majeure (phone)');
    await phone.close();
  });

  test('should let Fanny, whose date was essential, terminate at once on 04-02 though the pump has left (phone)', async () => {
    await fact('fanny', { type: 'shipped', at: '2026-04-01T09:00:00+02:00' });
    const page = await lateDeliveryPage('fanny', PHONE);
    const region = page.getByRole('region', { name: 'Résoudre le contrat' });
    assert.match(await region.innerText(), /Mettez d’abord le vendeur en demeure/);
    await run.audit(page, 'late delivery with the essential-date termination (phone)');
    const essential = page.getByRole('form', { name: /date de livraison essentielle/ });
    await essential.getByRole('button', { name: 'Résoudre le contrat sans attendre' }).click();
    // Not ticked: the contract goes on, and the page says what is missing, next to the box.
    const missing = await page.locator('.error-summary').innerText();
    assert.match(missing, /Cochez la case pour confirmer que vous mettez fin au contrat\./);
    assert.equal(await page.locator('#f-confirm').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('.error-summary a').getAttribute('href'), '#f-confirm');
    assert.match(await page.locator('#f-confirm-error').innerText(), /Cochez la case/);
    assert.match(await main(page), /Mettez d’abord le vendeur en demeure/);
    await run.audit(page, 'essential-date termination not confirmed (phone)');
    await essential.getByLabel(/La date de livraison était essentielle pour moi/).check();
    await essential.getByRole('button', { name: 'Résoudre le contrat sans attendre' }).click();
    await page.waitForLoadState();
    const done = await main(page);
    assert.match(done, /Contrat résolu le 2 avril 2026 \(date de livraison essentielle dépassée\)\./);
    assert.match(done, new RegExp(`Sommes versées à rembourser\\s+${EUR('384,00 €')}`));
    assert.match(done, /À rembourser au plus tard le\s+16 avril 2026/);
    assert.equal(await page.locator('main form').count(), 0);
    await fitsWidth(page, 'terminated (phone)');
    await run.audit(page, 'contract terminated for an essential date (phone)');
    await page.close();
    const mail = (await mailsTo('fanny')).find((m) => /contrat résolu/.test(m.subject));
    assert.ok(mail);
    assert.match(mail.text, new RegExp(`${EUR('384,00 €')}, toutes les sommes versées, au plus tard le 16 avril 2026`));
  });

  test('should let Anne terminate on 04-10 once the notice has passed, then show the L241-4 surcharge of a refund made on 04-30 (phone, desktop)', async () => {
    await clock('2026-04-10T09:00:00+02:00');
    const page = await lateDeliveryPage('anne', PHONE);
    const form = page.getByRole('form', { name: 'Résoudre le contrat' });
    assert.match(await form.innerText(), /Motif : délai supplémentaire de la mise en demeure écoulé sans livraison/);
    await form.getByLabel('Je confirme vouloir mettre fin au contrat').check();
    await form.getByRole('button', { name: 'Résoudre le contrat' }).click();
    await page.waitForURL(/\/late-delivery$/);
    const done = await main(page);
    assert.match(done, /Contrat résolu le 10 avril 2026 \(délai supplémentaire de la mise en demeure écoulé sans livraison\)\./);
    assert.match(done, /À rembourser au plus tard le\s+24 avril 2026/);
    assert.match(done, /Situation\s+Le contrat est résolu : la livraison n’est plus attendue\./);
    assert.match(done, /Mise en demeure\s+Mise en demeure envoyée le 2 avril 2026/);
    assert.match(done, /Remboursé le\s+pas encore remboursé/);
    await fitsWidth(page, 'terminated after notice (phone)');
    await run.audit(page, 'contract terminated after the notice (phone)');
    await page.close();
    const mail = (await mailsTo('anne')).find((m) => /contrat résolu/.test(m.subject));
    assert.ok(mail);
    assert.match(mail.text, /au plus tard le 24 avril 2026/);

    await clock('2026-04-30T11:00:00+02:00');
    const customerId = (await run.platform.database.db.selectFrom('orders').select('customer_id').where('id', '=', orders.anne.id).executeTakeFirstOrThrow()).customer_id;
    const refund = await run.platform.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/customers/${customerId}/credit/refund`, headers: staffApi, payload: { amountCents: 38_400, iban: 'FR7630006000011234567890189', creditorName: 'Camille Martin' } });
    assert.equal(refund.statusCode, 201, refund.body);
    const desk = await lateDeliveryPage('anne', DESKTOP);
    const r = await desk.getByRole('region', { name: 'Remboursement' }).innerText();
    assert.match(r, /Remboursé le\s+30 avril 2026/);
    assert.match(r, new RegExp(`Total dû\\s+${EUR('422,40 €')} — Remboursement en retard de 6 jour\\(s\\) : majoration de 10 % \\(C\\. consom\\. L241-4\\), soit ${EUR('38,40 €')}\\.`));
    await run.audit(desk, 'refund with the L241-4 surcharge (desktop)');
    await desk.close();
  });

  test('should let Bruno terminate for force majeure from 05-05, not on 05-04 (60 days of strike, art.17.4), with no surcharge (phone)', async () => {
    await clock('2026-05-04T10:00:00+02:00');
    const early = await lateDeliveryPage('bruno', PHONE);
    assert.equal(await early.getByRole('form', { name: 'Résoudre le contrat' }).count(), 0, 'not yet');
    assert.match(await early.getByRole('region', { name: 'Force majeure' }).innerText(), /à partir du 5 mai 2026/);
    await run.audit(early, 'force majeure not yet past its limit (phone)');
    await early.close();

    await clock('2026-05-05T10:00:00+02:00');
    const page = await lateDeliveryPage('bruno', PHONE);
    const form = page.getByRole('form', { name: 'Résoudre le contrat' });
    assert.match(await form.innerText(), /Motif : force majeure au-delà de la durée prévue par les conditions/);
    await form.getByLabel('Je confirme vouloir mettre fin au contrat').check();
    await form.getByRole('button', { name: 'Résoudre le contrat' }).click();
    await page.waitForURL(/\/late-delivery$/);
    const done = await main(page);
    assert.match(done, /Contrat résolu le 5 mai 2026 \(force majeure au-delà de la durée prévue par les conditions\)\./);
    assert.match(done, new RegExp(`Sommes versées à rembourser\\s+${EUR('384,00 €')}`));
    assert.match(done, /À rembourser au plus tard le\s+19 mai 2026/);
    await fitsWidth(page, 'terminated for force majeure (phone)');
    await run.audit(page, 'contract terminated for force majeure (phone)');
    await page.close();
  });
});

describe('browser: staff formal notices by registered letter, desktop and phone', { skip: !chromiumAvailable && 'Debian chromium not installed' }, () => {
  // Kept in the first describe's run would need its clock; this one starts its own platform.
  let run: BrowserRun;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let order = { id: '', number: '' };
  let ginaOrder = '';
  let ginaOrderId = '';
  const staffApi = bearer(ADMIN_TOKEN);
  const clock = async (now: string) => assert.equal((await run.platform.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: staffApi, payload: { now } })).statusCode, 200);
  async function staffPage(size: { width: number; height: number }): Promise<Page> {
    const page = await run.newPage();
    page.setDefaultTimeout(10_000);
    await page.setViewportSize(size);
    await page.goto(`${run.base}/shops/${SHOP}/staff/login`);
    await page.fill('#f-email', 'staff@distritec.example');
    await page.fill('#f-password', DEMO_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/staff$/);
    return page;
  }

  before(async () => {
    smtp = await startSmtp();
    run = await startBrowserRun({ SMTP_URL: smtp.url, COMPTOIR_TEST_CLOCK: '2026-03-02T10:00:00+01:00' }, { stripe: false });
    const p = run.platform;
    const address = { line1: '12 avenue de la Gare', postalCode: '66000', city: 'Perpignan', country: 'FR' };
    const reg = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/customers`, payload: { kind: 'professional', email: EMAIL.pro, password: PASSWORD, firstName: 'Paul', lastName: 'Froid', companyName: 'Froid Sud SARL', siret: '732 829 320 00074', vatNumber: 'FR40303265045', address } });
    assert.equal(reg.statusCode, 201, reg.body);
    const token = (await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/session`, payload: { email: EMAIL.pro, password: PASSWORD } })).json().token;
    const placed = await p.app.inject({
      method: 'POST', url: `/api/v1/shops/${SHOP}/orders`, headers: bearer(token),
      payload: { lines: [{ productId: await productIdBySku(p, SHOP, SKU), quantity: 1 }], acceptedTerms: { version: await termsVersion(p, SHOP) }, delivery: { mode: 'carrier' }, paymentMethod: 'bank_transfer' },
    });
    assert.equal(placed.statusCode, 201, placed.body);
    order = { id: placed.json().id, number: placed.json().number };
    const paid = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders/${order.id}/events`, headers: staffApi, payload: { type: 'payment_received', at: '2026-03-02T10:00:00+01:00', amountCents: placed.json().totals.grossCents } });
    assert.equal(paid.statusCode, 201, paid.body);
    // Another customer's order, still waiting, for a period declared on the whole shop.
    const gina = await customerToken(p, SHOP, 'gina@retard.example');
    const other = await p.app.inject({
      method: 'POST', url: `/api/v1/shops/${SHOP}/orders`, headers: bearer(gina),
      payload: { lines: [{ productId: await productIdBySku(p, SHOP, SKU), quantity: 1 }], acceptedTerms: { version: await termsVersion(p, SHOP) }, delivery: { mode: 'carrier' }, paymentMethod: 'bank_transfer' },
    });
    assert.equal(other.statusCode, 201, other.body);
    ginaOrder = other.json().number;
    ginaOrderId = other.json().id;
    await clock('2026-04-02T10:00:00+02:00');
  });
  after(async () => {
    await run?.stop();
    await smtp?.close();
  });

  test('should record a letter sent 03-27, refuse termination until the 8 days from its first presentation have run, and print the letter (desktop)', async () => {
    const page = await staffPage(DESKTOP);
    await page.goto(`${run.base}/shops/${SHOP}/staff/orders/${order.id}`);
    await page.getByRole('link', { name: 'Mises en demeure par lettre recommandée' }).click();
    await page.waitForURL(/\/formal-notices$/);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), `Mises en demeure — commande ${order.number}`);
    assert.match(await page.locator('main').innerText(), /Aucune mise en demeure\./);
    await run.audit(page, 'formal notices, none (desktop)');

    const form = page.getByRole('form', { name: 'Enregistrer une lettre recommandée de mise en demeure' });
    await form.getByLabel('Motif').selectOption({ label: 'Marchandise non retirée' });
    await form.getByLabel('Envoyée le').fill('2026-04-03');
    await form.getByLabel('Numéro de suivi').fill('1A00000000017');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /futur/);
    await run.audit(page, 'formal notice dated in the future refused (desktop)');
    await form.getByLabel('Envoyée le').fill('2026-03-27');
    await form.getByLabel('Somme réclamée (euros)').fill('douze');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    assert.equal(await page.locator('.error-summary a').getAttribute('href'), '#f-amount', 'the summary leads to the sum typed');
    assert.equal(await form.getByLabel('Somme réclamée (euros)').getAttribute('aria-invalid'), 'true');
    assert.equal(await form.getByLabel('Somme réclamée (euros)').inputValue(), 'douze');
    await run.audit(page, 'formal notice with a sum that is not one (desktop)');
    await form.getByLabel('Somme réclamée (euros)').fill('');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/formal-notices$/);
    const letter = page.getByRole('region', { name: /Marchandise non retirée/ });
    assert.match(await letter.getByRole('heading', { level: 2 }).innerText(), /Marchandise non retirée — 27 mars 2026/);
    assert.match(await letter.innerText(), /Le délai partira de la première présentation de la lettre\./);

    // Closing the order for good asks for a confirmation first.
    await letter.getByRole('button', { name: 'Résoudre le contrat' }).click();
    const box = letter.getByLabel(/Je confirme la clôture de la commande non retirée/);
    assert.match(await page.locator('.error-summary').innerText(), /Cochez la case pour confirmer la résolution du contrat\./);
    assert.equal(await page.locator('.error-summary a').getAttribute('href'), `#${await box.getAttribute('id')}`);
    assert.equal(await box.getAttribute('aria-invalid'), 'true');
    await run.audit(page, 'termination not confirmed (desktop)');
    await box.check();
    await letter.getByRole('button', { name: 'Résoudre le contrat' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /La lettre recommandée n’a pas encore été présentée/);
    const presented = letter.getByLabel('Première présentation le');
    assert.equal(await page.locator('.error-summary a').getAttribute('href'), `#${await presented.getAttribute('id')}`, 'the summary leads to this letter’s date, not the new letter’s');
    await run.audit(page, 'termination refused, letter not presented (desktop)');

    // A first presentation before the letter was sent is refused on the letter's own field, what was typed kept.
    await presented.fill('2026-03-26');
    await letter.getByRole('button', { name: 'Enregistrer les dates' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /Une lettre ne peut être présentée ou reçue avant d’avoir été envoyée\./);
    assert.equal(await presented.inputValue(), '2026-03-26');
    assert.equal(await presented.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByRole('form', { name: 'Enregistrer une lettre recommandée de mise en demeure' }).getByLabel('Première présentation le').inputValue(), '', 'the new-letter form stays empty');
    await run.audit(page, 'letter dates out of order (desktop)');
    await presented.fill('2026-03-31');
    await letter.getByRole('button', { name: 'Enregistrer les dates' }).click();
    await page.waitForURL(/\/formal-notices$/);
    const dated = page.getByRole('region', { name: /Marchandise non retirée/ });
    assert.match(await dated.innerText(), /Délai jusqu’au 8 avril 2026 inclus ; résolution possible à partir du 9 avril 2026 si rien n’est réparé\./);
    await dated.getByLabel(/Je confirme/).check();
    await dated.getByRole('button', { name: 'Résoudre le contrat' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /Le délai de la mise en demeure court jusqu’au 8 avril 2026 inclus\./);
    await run.audit(page, 'termination refused, period running (desktop)');

    // The letter as printed: only the letter, on one A4 page, with sender, addressee, date and text.
    await page.goto(`${run.base}/shops/${SHOP}/staff/orders/${order.id}/formal-notices`);
    const pdf = await page.pdf({ format: 'A4' });
    if (process.env.LETTER_PDF) writeFileSync(process.env.LETTER_PDF, pdf);
    assert.equal(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length, 1, 'one letter, one page');
    await page.emulateMedia({ media: 'print' });
    const text = await page.locator('body').innerText();
    await page.emulateMedia({ media: 'screen' });
    for (const expected of ['Lettre recommandée avec accusé de réception', 'Froid Sud SARL', '1A00000000017', '27 mars 2026', 'dans un délai de 8 jours', 'Veuillez agréer']) assert.ok(text.includes(expected), `${expected} in ${text.slice(0, 400)}`);
    assert.match(text, /Lettre recommandée n° 1A00000000017/);
    assert.match(text, /Paul Froid \(Froid Sud SARL\)\n12 avenue de la Gare\n66000 Perpignan\n/, 'the address as the post reads it, no country at home');
    assert.match(text, /salutations distinguées\.\s+DISTRITEC\s*$/, 'signed by the seller');
    for (const absent of ['Enregistrer', 'Résoudre le contrat', 'Première présentation le', 'Mises en demeure —', 'Se déconnecter']) assert.ok(!text.includes(absent), `${absent} is not printed: ${text}`);
    await page.close();
  });

  test('should close the order as not collected on 04-10 and tell the customer (phone)', async () => {
    await clock('2026-04-10T10:00:00+02:00');
    const page = await staffPage(PHONE);
    await page.goto(`${run.base}/shops/${SHOP}/staff/orders/${order.id}/formal-notices`);
    await run.audit(page, 'formal notice, period over (phone)');
    const letter = page.getByRole('region', { name: /Marchandise non retirée/ });
    await letter.getByLabel(/Je confirme/).check();
    await letter.getByRole('button', { name: 'Résoudre le contrat' }).click();
    await page.waitForURL(/\/formal-notices$/);
    assert.equal(await page.getByRole('button', { name: 'Résoudre le contrat' }).count(), 0, 'nothing left to terminate');
    await page.waitForLoadState('load');
    const { scroll, width } = (await page.evaluate('({ scroll: document.documentElement.scrollWidth, width: window.innerWidth })')) as { scroll: number; width: number };
    assert.ok(scroll <= width, `${scroll}px wide in a ${width}px window`);
    await run.audit(page, 'formal notice, order closed (phone)');
    await page.close();
    const status = (await run.platform.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/orders/${order.id}`, headers: staffApi })).json();
    assert.deepEqual([status.status], ['cancelled']);
    await run.platform.runDueJobs();
    const mail = smtp.messages.map(decoded).find((m) => m.to.includes(EMAIL.pro) && /contrat résolu/.test(m.subject));
    assert.ok(mail, 'the customer is told');
    assert.match(mail.text, /n’ayant pas été retirée à la suite de notre mise en demeure du 27 mars 2026, la commande est close le 10 avril 2026/);
  });
  test('should declare a period on the whole shop: only the customers still waiting are told (desktop)', async () => {
    const page = await staffPage(DESKTOP);
    await page.goto(`${run.base}/shops/${SHOP}/staff/force-majeure`);
    const form = page.getByRole('form', { name: 'Déclarer la période' });
    await form.getByLabel('Cause').selectOption({ label: 'Décision des autorités' });
    await form.getByLabel('Début').fill('2026-04-06');
    await form.getByRole('button', { name: 'Déclarer la période' }).click();
    assert.equal(await page.locator('main').getByRole('status').innerText(), '1 client(s) prévenu(s).', 'the closed order’s customer is not told');
    const row = await page.locator('tbody tr').first().innerText();
    assert.match(row, /Décision des autorités\s+Toute la boutique\s+6 avril 2026/);
    await run.audit(page, 'force majeure on the whole shop (desktop)');
    await page.close();
    await run.platform.runDueJobs();
    const mails = smtp.messages.map(decoded);
    assert.ok(mails.some((m) => m.to.includes('gina@retard.example') && m.subject.endsWith(`commande ${ginaOrder} : force majeure`) && /\(Décision des autorités\) depuis le 6 avril 2026/.test(m.text)), 'Gina is told');
    assert.ok(!mails.some((m) => m.to.includes(EMAIL.pro) && /force majeure/.test(m.subject)), 'the closed order’s customer is not');
  });
  test('should print a letter for non-payment with the sum claimed, 15 days from receipt or first presentation (003 art.19) (desktop)', async () => {
    const page = await staffPage(DESKTOP);
    await page.goto(`${run.base}/shops/${SHOP}/staff/orders/${ginaOrderId}/formal-notices`);
    const form = page.getByRole('form', { name: 'Enregistrer une lettre recommandée de mise en demeure' });
    await form.getByLabel('Motif').selectOption({ label: 'Défaut de paiement' });
    await form.getByLabel('Envoyée le').fill('2026-04-07');
    await form.getByLabel('Première présentation le').fill('2026-04-09');
    await form.getByLabel('Somme réclamée (euros)').fill('384,00');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/formal-notices$/);
    const letter = page.getByRole('region', { name: /Défaut de paiement/ });
    assert.match(await letter.innerText(), /Délai jusqu’au 24 avril 2026 inclus ; résolution possible à partir du 25 avril 2026 si rien n’est réparé\./);
    await run.audit(page, 'letter for non-payment (desktop)');
    const pdf = await page.pdf({ format: 'A4' });
    if (process.env.LETTER_PDF) writeFileSync(process.env.LETTER_PDF.replace(/\.pdf$/, '-non-payment.pdf'), pdf);
    assert.equal(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length, 1, 'one letter, one page');
    await page.emulateMedia({ media: 'print' });
    const text = await page.locator('body').innerText();
    assert.match(text, new RegExp(`la somme de ${EUR('384,00 €')} due au titre de la commande ${ginaOrder} du 2 mars 2026 reste impayée`));
    assert.match(text, /dans un délai de 15 jours à compter de la réception ou la première présentation de la présente lettre/);
    assert.match(text, /clause résolutoire de l’article 19 de nos conditions générales de vente\.\n/);
    assert.doesNotMatch(text, /acompte/, 'nothing was paid: no deposit to keep');
    await page.close();
  });
});
