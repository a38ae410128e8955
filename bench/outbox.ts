/**
 * Outbox drain under load (issue 9): bank-transfer orders at Coopso (each confirmation carries the
 * CGV PDF and an EPC QR code) are placed over HTTP by autocannon, 20 connections for 10 s, while
 * the server's own delivery loop (`startEmailDelivery`, polling every second) sends them to a
 * local SMTP sink (smtp-server, bench/smtp-sink.ts, in its own process) through the real nodemailer transport.
 * Prints orders/s arriving, e-mails/s sent during the load, the backlog when the load stops and
 * how long it takes to drain, and whether delivery keeps up. Also what an order's outbox row
 * stores now against what it stored before (the rendered text and files), and the rendering
 * time taken off the order path (QR PNG per order; the e-mail rendered at send time).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { type OutboxRow, renderOutboxEmail } from '../src/notifications/outbox.ts';
import { epcQrPng } from '../src/payments/epc-qr.ts';
import { emailTemplates } from '../src/platform/email-templates.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../test/support/platform.ts';
import { customerToken, termsVersion } from '../test/support/shoppers.ts';
import type { Row } from './checkout.ts';

const SHOP = 'coopso';
const CONNECTIONS = 20;
const CUSTOMERS = 20;
const DURATION_S = 10;
const DRAIN_LIMIT_S = 120;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** bench/smtp-sink.ts in a child process; resolves once it listens. */
async function startSink() {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./smtp-sink.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  return { url: `smtp://127.0.0.1:${chunk.toString().trim()}`, close: () => child.kill('SIGTERM') };
}

/** Order confirmations enqueued, and sent (the SMTP sink accepted them). */
async function confirmations(p: TestPlatform): Promise<{ queued: number; sent: number }> {
  const { rows } = await sql<{ queued: number; sent: number }>`
    select count(*)::int as queued, (count(*) filter (where status = 'sent'))::int as sent from outbox where template = 'order_confirmation'`.execute(p.database.db);
  return rows[0] ?? { queued: 0, sent: 0 };
}

/** What a confirmation row stores now, and what it stored before issue 9 (its text and files). */
async function rowSizes(p: TestPlatform) {
  const rows = await p.database.db.selectFrom('outbox').selectAll().select(sql<number>`pg_column_size(outbox.*)`.as('bytes')).where('template', '=', 'order_confirmation').limit(50).execute();
  let now = 0;
  let before = 0;
  let renderMs = 0;
  for (const row of rows) {
    now += Number(row.bytes);
    const started = performance.now();
    const email = await renderOutboxEmail(p.database.db, emailTemplates, row as OutboxRow);
    renderMs += performance.now() - started;
    // The old row: the same fixed columns, plus subject, text and every file in base64 (jsonb).
    before += Number(row.bytes) - JSON.stringify(row.payload).length + Buffer.byteLength(email.subject) + Buffer.byteLength(email.text) + email.files.reduce((n, f) => n + f.contentBase64.length + f.filename.length + f.contentType.length + 60, 0);
  }
  const n = Math.max(rows.length, 1);
  return { now: Math.round(now / n), before: Math.round(before / n), renderMs: renderMs / n };
}

/** The EPC QR PNG each transfer order used to render in its transaction (distinct payloads, no cache). */
async function qrRenderMs(): Promise<number> {
  const n = 30;
  const started = performance.now();
  for (let i = 0; i < n; i++) await epcQrPng(`BCD\n002\n1\nSCT\nDEMOBEB0\nCoopso SC\nBE59000001234526\nEUR${(10 + i).toFixed(2)}\n\n${String(100000000000 + i)}\n\n`, { width: 300 });
  return (performance.now() - started) / n;
}

/** On the PostgreSQL server at `databaseUrl`, or on PGlite without one. */
export async function benchOutbox(label: string, databaseUrl: string | undefined): Promise<Row[]> {
  const saved = process.env.DATABASE_URL;
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
  else delete process.env.DATABASE_URL;
  try {
    return await drain(label);
  } finally {
    if (saved) process.env.DATABASE_URL = saved;
    else delete process.env.DATABASE_URL;
  }
}

async function drain(label: string): Promise<Row[]> {
  const rows: Row[] = [];
  const push = (benchmark: string, value: string) => rows.push({ database: label, benchmark: `outbox drain: ${benchmark}`, value });
  const smtp = await startSink();
  const p = await startPlatform({ SMTP_URL: smtp.url });
  let delivery = p.startEmailDelivery();
  try {
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(p.app.server.address() as { port: number }).port}`;
    const version = await termsVersion(p, SHOP);
    const tokens = await Promise.all(Array.from({ length: CUSTOMERS }, (_, i) => customerToken(p, SHOP, `drain-${i}@coopso.example`)));
    const created = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/products`, headers: bearer(ADMIN_TOKEN), payload: { sku: 'BENCH-DRAIN', name: 'Produit BENCH-DRAIN', unitPriceCents: 500, vatRateBp: 600, stock: 10_000_000 } });
    if (created.statusCode !== 201) throw new Error(`product: ${created.statusCode} ${created.body}`);
    const body = JSON.stringify({ lines: [{ productId: created.json().id, quantity: 1 }], acceptedTerms: { version }, delivery: { mode: 'carrier', address: { line1: 'rue de Fer 1', postalCode: '5000', city: 'Namur', country: 'BE' } }, paymentMethod: 'bank_transfer' }); // carrier: a pickup slot holds 40 orders (issue 12 §3)
    const probe = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders`, headers: { ...bearer(tokens[0] as string), 'content-type': 'application/json' }, payload: body });
    if (probe.statusCode !== 201) throw new Error(`a single order fails, nothing to measure: ${probe.statusCode} ${probe.body}`);
    while ((await confirmations(p)).sent < 1) await sleep(50);

    const start = await confirmations(p);
    const started = performance.now();
    const fire = (duration: number) =>
      autocannon({
        url: `${base}/api/v1/shops/${SHOP}/orders`,
        connections: CONNECTIONS,
        workers: 1,
        duration,
        requests: tokens.map((t) => ({ method: 'POST' as const, path: `/api/v1/shops/${SHOP}/orders`, headers: { 'content-type': 'application/json', ...bearer(t) }, body })),
      });
    const load = await fire(DURATION_S);
    const loadS = (performance.now() - started) / 1000;
    const atStop = await confirmations(p);
    const sentDuringLoad = atStop.sent - start.sent;
    const arrived = atStop.queued - start.queued;
    const backlog = atStop.queued - atStop.sent;
    let drainS = 0;
    let end = atStop;
    while (end.sent < end.queued && drainS < DRAIN_LIMIT_S) {
      await sleep(100);
      end = await confirmations(p);
      drainS = (performance.now() - started) / 1000 - loadS;
    }
    const sent = end.sent - start.sent;
    const ordersPerS = arrived / loadS;
    const mailsPerS = sentDuringLoad / loadS;
    push(`orders placed (201) / non-2xx, ${CONNECTIONS} connections ${DURATION_S} s`, `${load['2xx']} / ${load.non2xx}`);
    push('orders/s arriving (confirmations enqueued)', ordersPerS.toFixed(1));
    push('e-mails/s sent during the load', mailsPerS.toFixed(1));
    push('backlog when the load stops (e-mails)', String(backlog));
    push('drained after the load in', `${drainS.toFixed(1)} s (${sent}/${arrived} sent)`);
    push('e-mails/s overall (all sent ÷ load + drain)', (sent / (loadS + drainS)).toFixed(1));
    // Keeping up: what is left when the load stops is at most ~2 s of orders (the 1 s poll plus a batch).
    push('keeps up with orders arriving', backlog <= Math.max(2 * ordersPerS, 50) ? 'yes' : 'NO');
    // Capacity: a backlog built with the loop stopped, then drained with no orders arriving.
    await delivery.stop();
    await fire(5);
    const backlogged = await confirmations(p);
    const drainStarted = performance.now();
    delivery = p.startEmailDelivery();
    let drained = backlogged;
    while (drained.sent < drained.queued && performance.now() - drainStarted < DRAIN_LIMIT_S * 1000) {
      await sleep(50);
      drained = await confirmations(p);
    }
    const capacityS = (performance.now() - drainStarted) / 1000;
    push('drain capacity, no orders arriving', `${((drained.sent - backlogged.sent) / capacityS).toFixed(1)} e-mails/s (${drained.sent - backlogged.sent} in ${capacityS.toFixed(1)} s)`);
    const size = await rowSizes(p);
    push('bytes per confirmation row: now / as stored before issue 9', `${size.now} / ${size.before}`);
    push('e-mail rendered at send time (text, PDF cached, QR), mean', `${size.renderMs.toFixed(2)} ms`);
    push('EPC QR PNG render, now off the order path, mean', `${(await qrRenderMs()).toFixed(2)} ms`);
  } finally {
    await delivery.stop();
    await p.stop();
    smtp.close();
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchOutbox(process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite', process.env.DATABASE_URL);
  for (const r of rows) console.log(`${r.database.padEnd(11)} ${r.benchmark.padEnd(80)} ${r.value}`);
  process.exit(0);
}
