/**
 * The transactional outbox: an e-mail is a row written in the same transaction as the change it
 * reports (STYLE.md §16), so nothing acknowledged is lost if the SMTP server is down; the sender
 * job delivers pending rows and records each as sent, with its exact text (the durable medium).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB, EmailAttachment } from '../db/schema.ts';

export type Email = { shopId: string | null; to: string; subject: string; text: string; html?: string; attachments?: EmailAttachment[] };

export function enqueueEmail(db: Kysely<DB> | Transaction<DB>, email: Email, now: Date) {
  return db
    .insertInto('outbox')
    .values({
      shop_id: email.shopId, to_address: email.to, subject: email.subject, text_body: email.text, html_body: email.html ?? null,
      attachments: JSON.stringify(email.attachments ?? []), created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export interface Mailer {
  send(message: { from: string; to: string; subject: string; text: string; html?: string | undefined; attachments?: EmailAttachment[] }): Promise<void>;
}

const MAX_ATTEMPTS = 10;

/**
 * Delivers pending e-mails oldest first. Each row is claimed with FOR UPDATE SKIP LOCKED so
 * several instances never send the same message twice.
 */
export async function deliverPendingEmails(db: Kysely<DB>, mailer: Mailer, from: string, now: () => Date): Promise<number> {
  let sent = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('outbox')
        .selectAll()
        .where('status', '=', 'pending')
        .orderBy('created_at')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row) return false;
      try {
        await mailer.send({ from, to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body ?? undefined, attachments: row.attachments });
        await trx.updateTable('outbox').set({ status: 'sent', sent_at: now(), attempts: row.attempts + 1 }).where('id', '=', row.id).execute();
        sent++;
      } catch (error) {
        const attempts = row.attempts + 1;
        await trx
          .updateTable('outbox')
          .set({ attempts, last_error: String(error).slice(0, 500), status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending' })
          .where('id', '=', row.id)
          .execute();
        return 'stop';
      }
      return true;
    });
    if (done !== true) return sent;
  }
}
