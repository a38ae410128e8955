/**
 * Where the time of sending one order confirmation goes (issue 9), part by part, on the rows of
 * real bank-transfer orders at Coopso (CGV PDF, EPC QR code and, for its consumers, the model
 * withdrawal form): the template's text (with its reads), each attachment as the outbox resolves
 * it (cached or not), the whole `renderOutboxEmail`, nodemailer building the MIME message (no
 * network), one SMTP conversation to a local sink, and marking the rows sent. Each part runs
 * alone over every row, so a cache warmed by one row serves the next as it does in the outbox.
 *   npx tsx bench/outbox-parts.ts            (PGlite)
 *   DATABASE_URL=postgres://… npx tsx bench/outbox-parts.ts
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { smtpMailer } from '../src/notifications/mailers.ts';
import { deliverPendingEmails, type OutboxRow, renderOutboxEmail } from '../src/notifications/outbox.ts';
import type { AttachmentRef } from '../src/notifications/templates.ts';
import { emailTemplates } from '../src/platform/email-templates.ts';
import { bearer, startPlatform, type TestPlatform } from '../test/support/platform.ts';
import { customerToken, productIdBySku, termsVersion } from '../test/support/shoppers.ts';

const SHOP = 'coopso';
const ORDERS = Number(process.env.ORDERS ?? 200);

/** bench/smtp-sink.ts in its own process, as bench/outbox.ts runs it: the sink's CPU is not ours. */
async function startSink() {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./smtp-sink.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  return { url: `smtp://127.0.0.1:${chunk.toString().trim()}`, close: () => child.kill('SIGTERM') };
}

async function placeOrders(p: TestPlatform, token: string, n: number): Promise<void> {
  const body = { lines: [{ productId: await productIdBySku(p, SHOP, 'CALC-SCI'), quantity: 1 }], acceptedTerms: { version: await termsVersion(p, SHOP) }, delivery: { mode: 'carrier', address: { line1: 'rue de Fer 1', postalCode: '5000', city: 'Namur', country: 'BE' } }, paymentMethod: 'bank_transfer' };
  await p.database.db.updateTable('products').set({ stock: 1_000_000 }).where('shop_id', '=', SHOP).where('sku', '=', 'CALC-SCI').execute();
  for (let i = 0; i < n; i++) {
    const res = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders`, headers: bearer(token), payload: body });
    if (res.statusCode !== 201) throw new Error(`order: ${res.statusCode} ${res.body}`);
  }
}

/** Mean ms of `part` over the rows, run in order. */
async function timed<T>(rows: readonly T[], part: (row: T) => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  for (const row of rows) await part(row);
  return (performance.now() - started) / rows.length;
}

/** With BENCH_CPU_PROFILE=<file>, a .cpuprofile of the delivery loop alone (read it with bench/cpuprofile-summary.ts). */
async function startProfile(): Promise<(() => Promise<void>) | null> {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!file) return null;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
  };
}

/**
 * The outbox's own loop over every row: wall time and this process's
 * CPU per e-mail, claim, render, SMTP and marking included.
 */
async function wholeDelivery(p: TestPlatform, mailer: ReturnType<typeof smtpMailer>, n: number): Promise<[string, number][]> {
  const profiler = await startProfile();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const sent = await deliverPendingEmails(p.database.db, mailer, 'shop@example.org', () => new Date(), emailTemplates);
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  await profiler?.();
  if (sent !== n) throw new Error(`delivered ${sent} of ${n}`);
  return [
    ['deliverPendingEmails: wall time per e-mail (20 senders)', wall / n],
    ['deliverPendingEmails: this process\'s CPU per e-mail', (used.user + used.system) / 1000 / n],
  ];
}

async function main() {
  const smtp = await startSink();
  const p = await startPlatform({ SMTP_URL: smtp.url });
  try {
    const mailer = smtpMailer(smtp.url);
    // One order sent first: modules loaded, the CGV PDF rendered, as in a server that has been up a while.
    const token = await customerToken(p, SHOP, 'parts@coopso.example');
    await placeOrders(p, token, 1);
    await wholeDelivery(p, mailer, 1);
    await placeOrders(p, token, ORDERS);
    // First, while no cache holds this run's QR codes or forms: the loop as the server runs it.
    const whole = await wholeDelivery(p, mailer, ORDERS);
    await p.database.db.updateTable('outbox').set({ status: 'pending', sent_at: null, attempts: 0 }).where('template', '=', 'order_confirmation').execute();
    const rows = (await p.database.db.selectFrom('outbox').selectAll().where('template', '=', 'order_confirmation').where('status', '=', 'pending').orderBy('created_at').execute()) as OutboxRow[];
    const db = p.database.db;
    const t = emailTemplates;
    const report: [string, number][] = [];
    const render = t.templates.order_confirmation;
    if (!render) throw new Error('no confirmation template');
    const texts = await Promise.all(rows.map((r) => render(db, { shopId: r.shop_id, to: r.to_address, data: r.payload })));
    report.push(['template text (order read + words)', await timed(rows, (r) => render(db, { shopId: r.shop_id, to: r.to_address, data: r.payload }))]);
    const refs = texts.map((e) => e.attachments);
    for (const type of new Set(refs.flat().map((a) => a.type))) {
      const ofType = refs.map((list) => list.find((a) => a.type === type)).filter((a): a is AttachmentRef => a !== undefined);
      const resolve = t.attachments[type];
      if (!resolve) continue;
      report.push([`attachment ${type}`, await timed(ofType, (a) => resolve(db, SHOP, a.id))]);
    }
    report.push(['renderOutboxEmail, whole', await timed(rows, (r) => renderOutboxEmail(db, t, r))]);
    const emails = await Promise.all(rows.map((r) => renderOutboxEmail(db, t, r)));
    const files = emails.flatMap((e) => e.files);
    report.push(['base64 decode of the files, per e-mail', (await timed(files, (f) => Buffer.from(f.contentBase64, 'base64'))) * (files.length / rows.length)]);
    const build = nodemailer.createTransport({ streamTransport: true, buffer: true });
    const message = (e: (typeof emails)[number], r: OutboxRow) => ({ from: 'shop@example.org', to: r.to_address, subject: e.subject, text: e.text, attachments: e.files.map((f) => ({ filename: f.filename, contentType: f.contentType, content: Buffer.from(f.contentBase64, 'base64') })) });
    report.push(['nodemailer MIME build (no network)', await timed(rows.map((r, i) => [r, emails[i]] as const), ([r, e]) => e && build.sendMail(message(e, r)))]);
    report.push(['SMTP send to a local sink (build included)', await timed(rows.map((r, i) => [r, emails[i]] as const), ([r, e]) => e && mailer.send({ ...message(e, r), attachments: e.files }))]);
    const half = Math.floor(rows.length / 2);
    report.push(['UPDATE … sent, one statement per row', await timed(rows.slice(0, half), (r) => db.updateTable('outbox').set({ status: 'sent', sent_at: new Date(), locked_until: null, last_error: null }).where('id', '=', r.id).where('status', '=', 'pending').execute())]);
    const rest = rows.slice(half).map((r) => r.id);
    const started = performance.now();
    await db.updateTable('outbox').set({ status: 'sent', sent_at: new Date(), locked_until: null, last_error: null }).where('id', 'in', rest).where('status', '=', 'pending').execute();
    report.push([`UPDATE … sent, one statement for ${rest.length} rows (per row)`, (performance.now() - started) / rest.length]);
    report.push(...whole);
    await mailer.close();
    const bytes = files.reduce((n, f) => n + f.contentBase64.length, 0) / rows.length;
    const { rows: pg } = await sql<{ v: string }>`select version() as v`.execute(db);
    console.log(`${rows.length} confirmations on ${pg[0]?.v.split(' ').slice(0, 2).join(' ')}; files ${Math.round(bytes)} base64 bytes per e-mail`);
    for (const [part, ms] of report) console.log(`${part.padEnd(60)} ${ms.toFixed(3)} ms`);
  } finally {
    await p.stop();
    smtp.close();
  }
}

await main();
process.exit(0);
