/**
 * The outbox's e-mails as they are (or will be) sent: a row stores a reference (issue 9), so a
 * test reads the rendered subject, text and attachments rather than the row's columns.
 */
import { type Kysely, sql } from 'kysely';
import type { DB, EmailAttachment } from '../../src/db/schema.ts';
import { renderOutboxEmail } from '../../src/notifications/outbox.ts';
import { emailTemplates } from '../../src/platform/email-templates.ts';

export type OutboxEmail = { id: string; status: string; to_address: string; subject: string; text_body: string; attachments: EmailAttachment[]; bytes: number };

/** Every e-mail to `to`, oldest first, rendered; `bytes` is the stored row's size. */
export async function outboxEmails(db: Kysely<DB>, to: string): Promise<OutboxEmail[]> {
  const rows = await db.selectFrom('outbox').selectAll().select(sql<number>`pg_column_size(outbox.*)`.as('bytes')).where('to_address', '=', to).orderBy('created_at').execute();
  return Promise.all(
    rows.map(async (row) => {
      const email = await renderOutboxEmail(db, emailTemplates, row);
      return { id: row.id, status: row.status, to_address: row.to_address, subject: email.subject, text_body: email.text, attachments: email.files, bytes: Number(row.bytes) };
    }),
  );
}

/** The first e-mail to `to`. */
export async function outboxEmail(db: Kysely<DB>, to: string): Promise<OutboxEmail> {
  const [mail] = await outboxEmails(db, to);
  if (!mail) throw new Error(`no e-mail to ${to}`);
  return mail;
}
