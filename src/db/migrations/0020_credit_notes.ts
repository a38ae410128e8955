/**
 * Credit notes (issue 10 §6, issue 11 §8; LEGAL.md §A8): an issued invoice is never changed;
 * cancelling or reducing it issues a credit note (avoir, note de crédit) that references it, with
 * its own gapless series per shop and calendar year (`credit_note_counters`, taken in the
 * transaction that inserts the note, as `invoice_counters` is). Kept unchanged like invoices:
 * the same triggers refuse UPDATE, DELETE and TRUNCATE, and the legal purge now deletes an
 * order's credit notes before its invoices.
 *
 * A legal-warranty claim (0013) may now be declined, with its reason (issue 10 §4, §6), and keeps
 * the amount staff decided for a price reduction or a refund, which its credit note credits.
 */
import { type Kysely, sql } from 'kysely';
import { runScript } from '../script.ts';

const purge = (creditNotes: boolean) => `
create or replace function comptoir_legal_purge(p_order_id uuid, p_reason text) returns evidence_purges language plpgsql as $$
declare
  target orders%rowtype;
  entry evidence_purges;
begin
  if p_reason is null or length(trim(p_reason)) < 10 then
    raise exception 'comptoir_legal_purge: say why (at least 10 characters), e.g. "RGPD art. 17 erasure, retention ended"';
  end if;
  select * into target from orders where id = p_order_id for update;
  if not found then
    raise exception 'comptoir_legal_purge: no order %', p_order_id;
  end if;
  insert into evidence_purges (shop_id, order_id, order_number, reason, events_deleted, invoices_deleted)
    values (target.shop_id, target.id, target.number, trim(p_reason),
      (select count(*) from order_events where shop_id = target.shop_id and order_id = target.id),
      (select count(*) from invoices where shop_id = target.shop_id and order_id = target.id)${creditNotes ? `
        + (select count(*) from credit_notes where shop_id = target.shop_id and order_id = target.id)` : ''})
    returning * into entry;
  delete from order_events where shop_id = target.shop_id and order_id = target.id;${creditNotes ? `
  delete from credit_notes where shop_id = target.shop_id and order_id = target.id;` : ''}
  delete from invoices where shop_id = target.shop_id and order_id = target.id;
  update orders set evidence_head = null, evidence_count = 0 where shop_id = target.shop_id and id = target.id;
  return entry;
end $$`;

/**
 * The credit notes' own trigger functions (as 0007's for invoices, but not shared with them, so
 * that 0007 can still go down and up on its own): any change refused, a delete let through only
 * within the legal purge of the note's order.
 */
const REFUSE_CHANGE = `
create function comptoir_refuse_credit_note_change() returns trigger language plpgsql as $$
begin
  raise exception 'comptoir: % on credit note refused: an issued credit note is kept as issued (CGI art. 242 nonies A)', tg_op
    using errcode = 'P0001', hint = 'Correct a credit note with a new invoice.';
end $$`;

const REFUSE_DELETE = `
create function comptoir_refuse_credit_note_delete() returns trigger language plpgsql as $$
begin
  if comptoir_purge_in_progress(old.shop_id, old.order_id) then
    return old;
  end if;
  raise exception 'comptoir: DELETE on credit_notes refused: this record is kept unchanged (C. com. L123-22)'
    using errcode = 'P0001', hint = 'A legal purge goes through comptoir_legal_purge(order_id, reason), which logs it.';
end $$`;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const fn of [REFUSE_CHANGE, REFUSE_DELETE]) await sql.raw(fn).execute(db);
  await runScript(
    db,
    `
    create table credit_note_counters (
      shop_id text not null references shops(id),
      year integer not null,
      last integer not null,
      primary key (shop_id, year)
    );

    create table credit_notes (
      shop_id text not null,
      id uuid not null default gen_random_uuid(),
      number text not null,
      invoice_id uuid not null,
      order_id uuid not null,
      issued_on date not null,
      reason text not null check (reason in ('order_cancelled', 'order_refused', 'withdrawal', 'warranty_refund', 'warranty_price_reduction', 'goodwill_return', 'other')),
      source_id text,
      note text,
      seller jsonb not null,
      buyer jsonb not null,
      lines jsonb not null,
      totals jsonb not null,
      created_by text not null,
      created_at timestamptz not null,
      primary key (shop_id, id),
      unique (shop_id, number),
      foreign key (shop_id, invoice_id) references invoices (shop_id, id),
      foreign key (shop_id, order_id) references orders (shop_id, id)
    );
    create index credit_notes_order on credit_notes (shop_id, order_id);
    create unique index credit_notes_source on credit_notes (shop_id, reason, source_id) where source_id is not null;

    create trigger credit_notes_no_update before update on credit_notes for each row execute function comptoir_refuse_credit_note_change();
    create trigger credit_notes_no_delete before delete on credit_notes for each row execute function comptoir_refuse_credit_note_delete();
    create trigger credit_notes_no_truncate before truncate on credit_notes for each statement execute function comptoir_refuse_credit_note_change();

    alter table warranty_claims drop constraint warranty_claims_remedy_check;
    alter table warranty_claims add constraint warranty_claims_remedy_check check (remedy in ('repair', 'replacement', 'price_reduction', 'refund', 'declined'));
    alter table warranty_claims add column decision_amount_cents integer check (decision_amount_cents >= 0);
    `,
  );
  await sql.raw(purge(true)).execute(db);
  await runScript(db, 'revoke all on function comptoir_legal_purge(uuid, text) from public;');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(purge(false)).execute(db);
  await runScript(
    db,
    `alter table warranty_claims drop column decision_amount_cents;
    update warranty_claims set remedy = null, decided_on = null where remedy = 'declined';
    alter table warranty_claims drop constraint warranty_claims_remedy_check;
    alter table warranty_claims add constraint warranty_claims_remedy_check check (remedy in ('repair', 'replacement', 'price_reduction', 'refund'));
    drop trigger credit_notes_no_truncate on credit_notes;
    drop trigger credit_notes_no_delete on credit_notes;
    drop trigger credit_notes_no_update on credit_notes;
    drop table credit_notes;
    drop table credit_note_counters;
    drop function comptoir_refuse_credit_note_delete();
    drop function comptoir_refuse_credit_note_change();`,
  );
}
