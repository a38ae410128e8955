/**
 * Evidence completeness: head hash and count on the order, immutable events and invoices (issue 8 §11).
 *
 * The hash chain shows that no stored event was altered; the order's `evidence_head` and
 * `evidence_count`, written in the same transaction as each append, show that none was removed
 * from its end. Issued invoices and evidence events are kept unchanged for ten years (C. com.
 * L123-22; CGI art. 242 nonies A and LPF L102 B for invoices): triggers refuse UPDATE, DELETE and
 * TRUNCATE from anyone running plain SQL, the owner or a superuser included. The one way out is
 * `comptoir_legal_purge(order_id, reason)`, which logs first in `evidence_purges` (append-only
 * too); the delete trigger lets through only the rows of an order whose purge that same
 * transaction has logged. Disabling the triggers (ALTER TABLE … DISABLE TRIGGER) stays possible
 * for a superuser, as it always is; `comptoir verify` then still detects what was removed.
 */
import { type Kysely, sql } from 'kysely';
import { runScript } from '../script.ts';

/** Refuses any change: evidence events (update), the purge log, and TRUNCATE of all three tables. */
const REFUSE_CHANGE = `
create function comptoir_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'comptoir: % on % refused: this record is kept unchanged (C. com. L123-22)', tg_op, tg_table_name
    using errcode = 'P0001', hint = 'A legal purge goes through comptoir_legal_purge(order_id, reason), which logs it.';
end $$`;

/** True while the current transaction has logged the purge of this order. */
const PURGE_IN_PROGRESS = `
create function comptoir_purge_in_progress(p_shop_id text, p_order_id uuid) returns boolean language sql as $$
  select exists (select 1 from evidence_purges
    where shop_id = p_shop_id and order_id = p_order_id and transaction_id = pg_current_xact_id())
$$`;

const REFUSE_DELETE_UNLESS_PURGED = `
create function comptoir_refuse_delete_unless_purged() returns trigger language plpgsql as $$
begin
  if comptoir_purge_in_progress(old.shop_id, old.order_id) then
    return old;
  end if;
  raise exception 'comptoir: DELETE on % refused: this record is kept unchanged (C. com. L123-22)', tg_table_name
    using errcode = 'P0001', hint = 'A legal purge goes through comptoir_legal_purge(order_id, reason), which logs it.';
end $$`;

/**
 * An issued invoice keeps every mention it was issued with (CGI art. 242 nonies A): number,
 * dates, parties, lines and totals. Columns added later (a status, say) may change.
 */
const REFUSE_INVOICE_CHANGE = `
create function comptoir_refuse_invoice_change() returns trigger language plpgsql as $$
begin
  if (new.shop_id, new.id, new.number, new.order_id, new.kind, new.issued_on, new.due_on, new.seller, new.buyer, new.lines, new.totals, new.created_at)
     is distinct from
     (old.shop_id, old.id, old.number, old.order_id, old.kind, old.issued_on, old.due_on, old.seller, old.buyer, old.lines, old.totals, old.created_at) then
    raise exception 'comptoir: UPDATE of issued invoice % refused: an issued invoice is kept as issued (CGI art. 242 nonies A)', old.number
      using errcode = 'P0001', hint = 'Correct an invoice with a credit note and a new invoice.';
  end if;
  return new;
end $$`;

/**
 * The legal purge: logs who, when, why and how much, then deletes the order's evidence events and
 * invoices and resets its evidence head. Not executable by PUBLIC: the database owner or a
 * superuser runs it (README "Legal purge").
 */
const LEGAL_PURGE = `
create function comptoir_legal_purge(p_order_id uuid, p_reason text) returns evidence_purges language plpgsql as $$
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
      (select count(*) from invoices where shop_id = target.shop_id and order_id = target.id))
    returning * into entry;
  delete from order_events where shop_id = target.shop_id and order_id = target.id;
  delete from invoices where shop_id = target.shop_id and order_id = target.id;
  update orders set evidence_head = null, evidence_count = 0 where shop_id = target.shop_id and id = target.id;
  return entry;
end $$`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table orders
      add column evidence_head text,
      add column evidence_count integer not null default 0 check (evidence_count >= 0);

    update orders o set evidence_head = last.hash, evidence_count = last.n
      from (
        select distinct on (shop_id, order_id) shop_id, order_id, hash, count(*) over (partition by shop_id, order_id) as n
        from order_events order by shop_id, order_id, seq desc
      ) last
      where last.shop_id = o.shop_id and last.order_id = o.id;

    create table evidence_purges (
      id bigint generated always as identity primary key,
      shop_id text not null,
      order_id uuid not null,
      order_number text not null,
      reason text not null,
      events_deleted integer not null,
      invoices_deleted integer not null,
      purged_by text not null default session_user,
      purged_at timestamptz not null default now(),
      transaction_id xid8 not null default pg_current_xact_id()
    );
    create index evidence_purges_order on evidence_purges (shop_id, order_id);
    `,
  );
  for (const fn of [REFUSE_CHANGE, PURGE_IN_PROGRESS, REFUSE_DELETE_UNLESS_PURGED, REFUSE_INVOICE_CHANGE, LEGAL_PURGE]) await sql.raw(fn).execute(db);
  await runScript(
    db,
    `
    revoke all on function comptoir_legal_purge(uuid, text) from public;

    create trigger order_events_no_update before update on order_events for each row execute function comptoir_refuse_change();
    create trigger order_events_no_delete before delete on order_events for each row execute function comptoir_refuse_delete_unless_purged();
    create trigger order_events_no_truncate before truncate on order_events for each statement execute function comptoir_refuse_change();

    create trigger invoices_no_update before update on invoices for each row execute function comptoir_refuse_invoice_change();
    create trigger invoices_no_delete before delete on invoices for each row execute function comptoir_refuse_delete_unless_purged();
    create trigger invoices_no_truncate before truncate on invoices for each statement execute function comptoir_refuse_change();

    create trigger evidence_purges_append_only before update or delete on evidence_purges for each row execute function comptoir_refuse_change();
    create trigger evidence_purges_no_truncate before truncate on evidence_purges for each statement execute function comptoir_refuse_change();
    `,
  );
}

/** Triggers first, so that the earlier migrations' down can drop the tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `drop trigger evidence_purges_no_truncate on evidence_purges;
    drop trigger evidence_purges_append_only on evidence_purges;
    drop trigger invoices_no_truncate on invoices;
    drop trigger invoices_no_delete on invoices;
    drop trigger invoices_no_update on invoices;
    drop trigger order_events_no_truncate on order_events;
    drop trigger order_events_no_delete on order_events;
    drop trigger order_events_no_update on order_events;
    drop function comptoir_legal_purge(uuid, text);
    drop function comptoir_refuse_invoice_change();
    drop function comptoir_refuse_delete_unless_purged();
    drop function comptoir_purge_in_progress(text, uuid);
    drop function comptoir_refuse_change();
    drop table evidence_purges;
    alter table orders drop column evidence_count, drop column evidence_head`,
  );
}
