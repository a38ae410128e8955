/**
 * The outbox stores what to send, not the rendered attachments; delivery claimed in batches with leases (issue 9).
 *
 * - `template` and `payload`: 'text' rows keep their subject and body (short) and list attachment
 *   references in the payload; template rows (the order confirmation) keep only a small JSON
 *   payload and are rendered at send time, so subject and body become nullable.
 * - `next_attempt_at` (retry with backoff; null = due now) and `locked_until` (the lease of the
 *   worker sending the row); `attempts` already exists.
 * - Pending rows written before keep their files as 'stored' references, sent byte for byte; sent
 *   and failed rows lose their copies of the CGV PDF and QR code (the terms version and the order
 *   still prove them), then the column goes.
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table outbox
      add column template text not null default 'text',
      add column payload jsonb not null default '{}',
      add column next_attempt_at timestamptz,
      add column locked_until timestamptz,
      alter column subject drop not null,
      alter column text_body drop not null;

    update outbox set payload = jsonb_build_object('attachments', (
      select jsonb_agg(jsonb_build_object('type', 'stored', 'id', a->>'filename', 'contentType', a->>'contentType', 'contentBase64', a->>'contentBase64') order by n)
      from jsonb_array_elements(attachments) with ordinality as f(a, n)))
    where status = 'pending' and jsonb_array_length(attachments) > 0;

    alter table outbox drop column attachments;
    alter table outbox add constraint outbox_text_has_body check (template <> 'text' or (subject is not null and text_body is not null));
    create index outbox_sent on outbox (sent_at) where status = 'sent';
    `,
  );
}

/** Back to stored files: template rows cannot be rendered by the older code, so they are dropped. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    drop index outbox_sent;
    alter table outbox drop constraint outbox_text_has_body;
    alter table outbox add column attachments jsonb not null default '[]';
    update outbox set attachments = (
      select coalesce(jsonb_agg(jsonb_build_object('filename', a->>'id', 'contentType', a->>'contentType', 'contentBase64', a->>'contentBase64')), '[]')
      from jsonb_array_elements(payload->'attachments') a where a->>'type' = 'stored')
    where payload ? 'attachments';
    delete from outbox where template <> 'text';
    alter table outbox drop column template, drop column payload, drop column next_attempt_at, drop column locked_until;
    alter table outbox alter column subject set not null, alter column text_body set not null;
    `,
  );
}
