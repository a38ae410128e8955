/**
 * The transactional outbox: an e-mail is a row written in the same transaction as the change it
 * reports (STYLE.md §16), so nothing acknowledged is lost if the SMTP server is down.
 *
 * A row stores WHAT to send, never the rendered attachments (issue 9): either a short text
 * (subject and body, e.g. a password reset) or a template name and a small JSON payload (the
 * order confirmation: order id, amount asked, link), plus attachment references (a terms version
 * id, an EPC QR payload). The e-mail is rendered at send time by the templates the composition
 * root registers (./templates.ts), so the order's transaction renders no PDF or PNG and writes
 * well under 1 KB. What was sent stays provable without the row: the order's evidence event names
 * the recipient, subject and files, the terms versions are immutable, and the QR payload follows
 * from the order. An e-mail to a customer about one order goes out with that order's signed link,
 * made at send time from the configuration (./order-links.ts): the row never holds the token.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import { insertFromJson } from '../db/insert-from-json.ts';
import { precompile } from '../db/precompiled.ts';
import type { DB, EmailAttachment } from '../db/schema.ts';
import { type OrderLinkRequest, orderLinkOf, signOrderLinks, withOrderLinks } from './order-links.ts';
import type { AttachmentRef, EmailTemplates, RenderedEmail } from './templates.ts';

export type { AttachmentRef } from './templates.ts';

/**
 * `order`: the one order the e-mail is about, to a customer: it is sent with that order's signed
 * link (./order-links.ts), its existing order links signed and, if it has none, a last line added.
 */
type AboutOrder = { order?: OrderLinkRequest };
/** A message whose text is written now; its attachments are references, resolved at send time. */
export type Email = { shopId: string | null; to: string; subject: string; text: string; html?: string; attachments?: AttachmentRef[] } & AboutOrder;
/** A message rendered at send time from `data` by the template `template`. */
export type TemplateEmail = { shopId: string | null; to: string; template: string; data: Record<string, unknown> } & AboutOrder;

type OutboxInsert = { shopId: string | null; to: string; template: string; payload: string; subject: string | null; textBody: string | null; htmlBody: string | null; createdAt: Date };

// Compiled once (src/db/precompiled.ts): every order queues its confirmation. Both kinds of
// message bind every column (a null as a value), so one statement serves them.
const outboxInsert = precompile((db, p: OutboxInsert) =>
  db
    .insertInto('outbox')
    .values({ shop_id: p.shopId, to_address: p.to, template: p.template, payload: p.payload, subject: p.subject, text_body: p.textBody, html_body: p.htmlBody, created_at: p.createdAt })
    .returning('id'),
);

/** The columns an e-mail fills: the message (text, or template and payload) and where it goes. */
function outboxColumns(email: Email | TemplateEmail): Omit<OutboxInsert, 'createdAt' | 'payload'> & { payload: Record<string, unknown> } {
  const orderLink = email.order ? { orderLink: { id: email.order.id, lang: email.order.lang } } : {};
  const message =
    'template' in email
      ? { template: email.template, payload: { ...email.data, ...orderLink }, subject: null, textBody: null, htmlBody: null }
      : { template: 'text', payload: { ...(email.attachments?.length ? { attachments: email.attachments } : {}), ...orderLink }, subject: email.subject, textBody: email.text, htmlBody: email.html ?? null };
  return { shopId: email.shopId, to: email.to, ...message };
}

/** The one INSERT of an e-mail, in the caller's transaction. */
export async function enqueueEmail(db: Kysely<DB> | Transaction<DB>, email: Email | TemplateEmail, now: Date): Promise<{ id: string }> {
  const c = outboxColumns(email);
  const inserted = await outboxInsert.first(db, { ...c, payload: JSON.stringify(c.payload), createdAt: now });
  if (!inserted) throw new Error('e-mail not queued');
  return inserted;
}

/**
 * An e-mail as an outbox row in JSON, its id chosen here, for a caller that writes it in one
 * statement with other rows (`outboxInsertFromJson`, the order's confirmation).
 */
export function outboxRowJson(email: Email | TemplateEmail, now: Date): { id: string; json: Record<string, unknown> } {
  const c = outboxColumns(email);
  const id = randomUUID();
  return { id, json: { id, shop_id: c.shopId, to_address: c.to, template: c.template, payload: c.payload, subject: c.subject, text_body: c.textBody, html_body: c.htmlBody, created_at: now } };
}

/** The INSERT of `outboxRowJson`'s row, as a part of the caller's statement (src/db/insert-from-json.ts). */
export const outboxInsertFromJson = (row: unknown) =>
  insertFromJson('outbox', ['id', 'shop_id', 'to_address', 'template', 'payload', 'subject', 'text_body', 'html_body', 'created_at'], row, 'one');

export interface Mailer {
  send(message: { from: string; to: string; subject: string; text: string; html?: string | undefined; attachments?: EmailAttachment[] }): Promise<void>;
  /** Ends the connections a mailer keeps open between messages (./mailers.ts), at shutdown. */
  close?(): Promise<void>;
}

export type OutboxRow = { id: string; shop_id: string | null; to_address: string; template: string; payload: Record<string, unknown>; subject: string | null; text_body: string | null; html_body: string | null };

/** The e-mail a row stands for, exactly as it is (or was) sent: text rendered, attachments resolved. */
export async function renderOutboxEmail(db: Kysely<DB>, templates: EmailTemplates, row: OutboxRow): Promise<RenderedEmail & { files: EmailAttachment[] }> {
  let rendered: RenderedEmail;
  if (row.template === 'text') {
    rendered = { subject: row.subject ?? '', text: row.text_body ?? '', ...(row.html_body ? { html: row.html_body } : {}), attachments: (row.payload.attachments as AttachmentRef[] | undefined) ?? [] };
  } else {
    const render = templates.templates[row.template];
    if (!render) throw new Error(`unknown e-mail template ${row.template}`);
    rendered = await render(db, { shopId: row.shop_id, to: row.to_address, data: row.payload });
  }
  // The order's signed link, made now from the configuration (never stored in the row).
  const signing = templates.orderLinks;
  if (signing && row.shop_id) {
    rendered = { ...rendered, text: withOrderLinks(rendered.text, row.shop_id, orderLinkOf(row.payload), signing), ...(rendered.html ? { html: signOrderLinks(rendered.html, row.shop_id, signing) } : {}) };
  }
  const files: EmailAttachment[] = [];
  for (const ref of rendered.attachments) files.push(await resolveAttachment(db, templates, row.shop_id, ref));
  return { ...rendered, files };
}

async function resolveAttachment(db: Kysely<DB>, templates: EmailTemplates, shopId: string | null, ref: AttachmentRef): Promise<EmailAttachment> {
  // Rows written before migration 0010 carry their files; they are sent as they were stored.
  if (ref.type === 'stored') return { filename: ref.id, contentType: ref.contentType ?? 'application/octet-stream', contentBase64: ref.contentBase64 ?? '' };
  const resolve = templates.attachments[ref.type];
  if (!resolve) throw new Error(`unknown attachment type ${ref.type}`);
  return resolve(db, shopId, ref.id);
}

export type DeliveryOptions = {
  /** Rows each sender claims per round trip. */
  batchSize?: number;
  /** How long a claimed row is left to its worker before another may take it (a crashed worker's rows come back). */
  leaseMs?: number;
  /** Senders, each with one SMTP conversation at a time. */
  concurrency?: number;
  maxAttempts?: number;
};

const DEFAULTS = { batchSize: 5, leaseMs: 60_000, concurrency: 20, maxAttempts: 10 };

/** Exponential backoff: 30 s, 1 min, 2 min … capped at 6 h; attempt 10 fails for good (~2 days). */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** (attempts - 1), 6 * 3_600_000);
}

/**
 * Claims due rows in one statement (autocommit): FOR UPDATE SKIP LOCKED lets several workers,
 * in one process or several, each take different rows without waiting; the lease
 * (`locked_until`) keeps a row from being claimed again while it is being sent, and gives it back
 * if its worker dies. `attempts` counts claims, so a row that crashes its worker fails in the end.
 */
async function claimBatch(db: Kysely<DB>, now: Date, options: typeof DEFAULTS): Promise<OutboxRow[]> {
  const leaseEnd = new Date(now.getTime() + options.leaseMs);
  const { rows } = await sql<OutboxRow>`
    update outbox set locked_until = ${leaseEnd}, attempts = attempts + 1
    where id in (
      select id from outbox
      where status = 'pending' and (next_attempt_at is null or next_attempt_at <= ${now}) and (locked_until is null or locked_until <= ${now})
      order by created_at
      limit ${options.batchSize}
      for update skip locked)
    returning id, shop_id, to_address, template, payload, subject, text_body, html_body, attempts`.execute(db);
  return rows;
}

/**
 * Delivers the due e-mails: claim a batch (one short transaction), send OUTSIDE any transaction —
 * no connection waits for the mail server, which matters most on PGlite's single connection —
 * then mark the batch's sent rows in one statement, and schedule each failed row's retry with
 * backoff ('failed' after maxAttempts, left for the operator). Delivery is at-least-once, the
 * honest guarantee of any outbox: a worker that dies between the SMTP "250 OK" and the UPDATE
 * leaves rows whose lease expires and which are sent again; that window is the few milliseconds
 * one batch takes to send (one UPDATE per batch instead of one per row: 0.4 ms of round trip per
 * e-mail, issue 9), and two live workers never send one row twice (SKIP LOCKED, then the lease,
 * far longer than one batch).
 */
export async function deliverPendingEmails(db: Kysely<DB>, mailer: Mailer, from: string, now: () => Date, templates: EmailTemplates, opts: DeliveryOptions = {}): Promise<number> {
  const options = { ...DEFAULTS, ...opts };
  let sent = 0;
  // Each sender claims its own few rows and comes back for more: no send waits for the slowest
  // of a batch, and a slow mail server is met with `concurrency` conversations at once.
  const sender = async () => {
    for (;;) {
      const batch = (await claimBatch(db, now(), options)) as (OutboxRow & { attempts: number })[];
      if (batch.length === 0) return;
      const delivered = await sendBatch(db, mailer, from, now, templates, batch, options);
      sent += delivered;
      // A failing server is not hammered: this sender stops at its first failure.
      if (delivered < batch.length) return;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, sender));
  return sent;
}

/**
 * Sends a claimed batch in order, up to its first failure, whose retry is scheduled; the rows
 * after it are given back untried. The sent rows are marked in one statement. Returns how many were sent.
 */
async function sendBatch(db: Kysely<DB>, mailer: Mailer, from: string, now: () => Date, templates: EmailTemplates, batch: readonly (OutboxRow & { attempts: number })[], options: typeof DEFAULTS): Promise<number> {
  const delivered: string[] = [];
  for (const [i, row] of batch.entries()) {
    const failure = await deliverOne(db, mailer, from, templates, row);
    if (!failure) {
      delivered.push(row.id);
      continue;
    }
    await scheduleRetry(db, row, failure.error, now(), options);
    const untried = batch.slice(i + 1).map((r) => r.id);
    if (untried.length) await db.updateTable('outbox').set((eb) => ({ locked_until: null, attempts: eb('attempts', '-', 1) })).where('id', 'in', untried).where('status', '=', 'pending').execute();
    break;
  }
  if (delivered.length) await db.updateTable('outbox').set({ status: 'sent', sent_at: now(), locked_until: null, last_error: null }).where('id', 'in', delivered).where('status', '=', 'pending').execute();
  return delivered.length;
}

/** Renders and sends one row: null when the server took it, else what went wrong. */
async function deliverOne(db: Kysely<DB>, mailer: Mailer, from: string, templates: EmailTemplates, row: OutboxRow): Promise<{ error: unknown } | null> {
  try {
    const email = await renderOutboxEmail(db, templates, row);
    await mailer.send({ from, to: row.to_address, subject: email.subject, text: email.text, html: email.html, ...(email.files.length ? { attachments: email.files } : {}) });
    return null;
  } catch (error) {
    return { error };
  }
}

async function scheduleRetry(db: Kysely<DB>, row: OutboxRow & { attempts: number }, error: unknown, at: Date, options: typeof DEFAULTS): Promise<void> {
  const failed = row.attempts >= options.maxAttempts;
  await db
    .updateTable('outbox')
    .set({ status: failed ? 'failed' : 'pending', last_error: String(error).slice(0, 500), locked_until: null, next_attempt_at: failed ? null : new Date(at.getTime() + retryDelayMs(row.attempts)) })
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .execute();
}

/** For the operator: e-mails waiting, and those given up after maxAttempts (they need a look). */
export async function outboxHealth(db: Kysely<DB>): Promise<{ pending: number; failed: number }> {
  const { rows } = await sql<{ pending: number; failed: number }>`
    select (count(*) filter (where status = 'pending'))::int as pending, (count(*) filter (where status = 'failed'))::int as failed
      from outbox where status <> 'sent'`.execute(db);
  return rows[0] ?? { pending: 0, failed: 0 };
}

/** Sent rows are kept this long, then deleted: the order's evidence event keeps the trace. */
export const SENT_RETENTION_DAYS = 30;

export async function purgeSentEmails(db: Kysely<DB>, now: Date): Promise<number> {
  const before = new Date(now.getTime() - SENT_RETENTION_DAYS * 86_400_000);
  const result = await db.deleteFrom('outbox').where('status', '=', 'sent').where('sent_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
