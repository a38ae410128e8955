/**
 * Issue 4 Done-when 4, in headless Chromium: a Coopso member orders through the pages and pays
 * by bank transfer; the order page gives the account, amount, OGM and EPC QR code; staff upload
 * the bank's CAMT.053 statement through the back office and watch its import finish; the order
 * is then confirmed and paid, with no QR code left, and the customer's payment e-mail arrives
 * over real SMTP. Staff then find the order in "Commandes" and open its page. axe-core checks
 * every page visited against WCAG 2.1 A/AA.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { parsePaymentReference } from '../../src/payments/references.ts';
import { DEMO_PASSWORD } from '../../src/shops/seed.ts';
import { type BrowserRun, chromiumAvailable, startBrowserRun } from '../support/browser.ts';
import { customerToken } from '../support/shoppers.ts';
import { startSmtp } from '../support/smtp.ts';

const EMAIL = 'famille.dupuis@coopso.example';

/** The bank's statement for the day the transfer arrived: one credit quoting the order's OGM. */
function statementFor(amountCents: number, ogm: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
  <GrpHdr><MsgId>COOPSO-E2E-1</MsgId><CreDtTm>2026-03-03T06:00:00+01:00</CreDtTm></GrpHdr>
  <Stmt><Id>E2E-1</Id><ElctrncSeqNb>1</ElctrncSeqNb>
    <Acct><Id><IBAN>BE59000001234526</IBAN></Id><Ccy>EUR</Ccy></Acct>
    <Ntry><Amt Ccy="EUR">${(amountCents / 100).toFixed(2)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
      <BookgDt><Dt>2026-03-02</Dt></BookgDt><ValDt><Dt>2026-03-02</Dt></ValDt><AcctSvcrRef>E2E-1-0001</AcctSvcrRef>
      <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Camille Martin</Nm></Dbtr></RltdPties>
        <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>BBA</Issr></Tp><Ref>${ogm}</Ref></CdtrRefInf></Strd></RmtInf>
      </TxDtls></NtryDtls></Ntry>
  </Stmt></BkToCstmrStmt></Document>`;
}

describe('browser: the Coopso bank-transfer flow, order to e-mail', { skip: !chromiumAvailable && 'Debian chromium not installed' }, () => {
  let run: BrowserRun;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  before(async () => {
    smtp = await startSmtp();
    run = await startBrowserRun({ SMTP_URL: smtp.url });
  });
  after(async () => {
    await run?.stop();
    await smtp?.close();
  });

  async function go(page: Page, label: string, action: () => Promise<unknown>) {
    await action();
    await run.audit(page, label);
  }

  test('should take an order, show the transfer, import the statement and confirm the paid order by e-mail', async () => {
    const { base, platform: p } = run;
    await customerToken(p, 'coopso', EMAIL);
    const customer = await run.newPage();

    // The customer signs in and orders through the pages, paying by bank transfer.
    await go(customer, 'customer login', () => customer.goto(`${base}/shops/coopso/login`));
    await customer.fill('#f-email', EMAIL);
    await customer.fill('#f-password', 'correct horse battery');
    await customer.click('button[type=submit]:has-text("Se connecter")');
    await customer.waitForURL(/\/account$/);
    await run.audit(customer, 'customer account');
    await go(customer, 'shop home', () => customer.goto(`${base}/shops/coopso`));
    const card = customer.locator('.cards > li', { has: customer.locator('h3', { hasText: 'Calculatrice scientifique' }) });
    await card.getByLabel('Quantité').fill('1');
    await card.getByRole('button', { name: 'Ajouter au panier' }).click();
    await customer.waitForURL(/\/cart\?done=added$/);
    await run.audit(customer, 'cart');
    await customer.getByRole('button', { name: 'Passer la commande' }).click();
    await customer.waitForURL(/\/checkout\??$/);
    await run.audit(customer, 'checkout step 1');
    await customer.getByLabel(/^Centre de distribution local/).check();
    await customer.getByLabel('Centre de distribution de Liège, Liège').check();
    await customer.getByLabel('Virement bancaire').check();
    await customer.getByRole('button', { name: 'Continuer vers le récapitulatif' }).click();
    await customer.waitForURL(/\/checkout\/review$/);
    await run.audit(customer, 'review');
    await customer.locator('#f-acceptTerms').check();
    await customer.locator('form:has(#f-acceptTerms) button[type=submit]').click();
    await customer.waitForURL(/\/orders\/[0-9a-f-]{36}\?placed=1$/);
    const orderUrl = customer.url().replace(/\?placed=1$/, '');
    const orderId = orderUrl.split('/').pop() ?? '';

    // The transfer instructions: account, amount, OGM and the QR code image.
    const order = await p.database.db.selectFrom('orders').select(['number', 'gross_cents', 'payment_reference', 'status']).where('id', '=', orderId).executeTakeFirstOrThrow();
    assert.equal(order.status, 'awaiting_payment');
    const check = parsePaymentReference(order.payment_reference ?? '');
    assert.ok(check.ok && check.reference.kind === 'ogm');
    const ogm = check.reference.value;
    const printedOgm = `+++${ogm.slice(0, 3)}/${ogm.slice(3, 7)}/${ogm.slice(7)}+++`;
    const transfer = customer.getByRole('region', { name: 'Payer par virement' });
    const text = await transfer.innerText();
    for (const fact of ['BE59 0000 0123 4526', 'DEMOBEB0', 'Coopso SC (compte de démonstration)', printedOgm, (order.gross_cents / 100).toFixed(2).replace('.', ',')]) {
      assert.ok(text.includes(fact), `the instructions show ${fact}:\n${text}`);
    }
    const qr = transfer.getByRole('img', { name: /QR code de virement/ });
    assert.equal(await qr.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth > 0), true, 'the QR code image loads');
    await run.audit(customer, 'order awaiting its transfer');

    // Staff sign in, upload the bank's statement and watch the import finish.
    const staff = await run.newPage();
    await go(staff, 'staff login', () => staff.goto(`${base}/shops/coopso/staff/login`));
    await staff.fill('#f-email', 'staff@coopso.example');
    await staff.fill('#f-password', DEMO_PASSWORD);
    await staff.click('button[type=submit]');
    await staff.waitForURL(/\/staff$/);
    await run.audit(staff, 'staff dashboard');
    await staff.getByRole('link', { name: 'Relevés bancaires' }).click();
    await staff.waitForURL(/\/staff\/bank$/);
    await run.audit(staff, 'bank statements upload');
    const file = join(tmpdir(), `coopso-camt053-${orderId}.xml`);
    writeFileSync(file, statementFor(order.gross_cents, ogm));
    await staff.getByLabel(/Relevé CAMT\.053/).setInputFiles(file);
    await staff.getByRole('button', { name: 'Importer le relevé' }).click();
    await staff.waitForURL(/\/staff\/bank\/imports\/[0-9a-f-]{36}$/);
    await staff.getByText('Import terminé.').waitFor({ timeout: 15_000 });
    const summary = await staff.locator('main').innerText();
    assert.match(summary, /1 écritures traitées sur 1/);
    assert.match(summary, /Rapprochées\s+1/);
    assert.equal(await staff.locator('progress').getAttribute('value'), '1');
    await run.audit(staff, 'import done');
    await staff.getByRole('link', { name: /Crédits à rapprocher/ }).click();
    await run.audit(staff, 'unmatched queue');
    assert.match(await staff.locator('main').innerText(), /Aucun crédit n’attend de rapprochement/);

    // Back office "Commandes": the paid order is listed; its page offers the facts to record next.
    await go(staff, 'staff dashboard, again', () => staff.goto(`${base}/shops/coopso/staff`));
    await staff.getByRole('link', { name: 'Commandes', exact: true }).click();
    await staff.waitForURL(/\/staff\/orders$/);
    await run.audit(staff, 'staff orders');
    await staff.getByRole('link', { name: order.number, exact: true }).click();
    await staff.waitForURL(/\/staff\/orders\/[0-9a-f-]{36}$/);
    await run.audit(staff, 'staff order');
    assert.ok(await staff.getByLabel('Fait').locator('option[value="shipped"]').count());

    // The customer's order is confirmed and paid; no QR code any more.
    await go(customer, 'order paid', () => customer.goto(orderUrl));
    const paid = await customer.locator('main').innerText();
    assert.equal(await customer.getByRole('region', { name: 'Payer par virement' }).count(), 0, paid);
    assert.equal(await customer.getByRole('img', { name: /QR code/ }).count(), 0);
    const after = await p.database.db.selectFrom('orders').select(['status', 'payment_status']).where('id', '=', orderId).executeTakeFirstOrThrow();
    assert.deepEqual(after, { status: 'accepted', payment_status: 'paid' });
    assert.match(paid, /acceptée|confirmée/i);
    assert.match(paid, /payée/i);
    await customer.screenshot({ path: join(tmpdir(), 'comptoir-coopso-order-paid.png'), fullPage: true });

    // The payment e-mail, delivered over SMTP.
    await p.runDueJobs();
    const mail = smtp.messages.find((m) => m.includes(EMAIL) && m.includes(order.number) && m.includes('2026-03-02'));
    assert.ok(mail, `the payment e-mail reached ${EMAIL}: ${smtp.messages.length} messages`);
  });
});
