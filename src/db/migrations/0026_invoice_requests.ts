/**
 * Invoices at placement numbered after the order's commit, in batches (issue 9). The order's
 * transaction held the shop's invoice counter row from its last statement to its commit, so a
 * shop's orders committed one at a time (the bench: 20 ms of waiting per invoice statement, each
 * holder flushing its commit while the others queued). Now the order's transaction writes an
 * invoice *request* — the invoice as issued, its number left to give — and right after the commit
 * `comptoir_issue_requested_invoices` numbers every request of the shop then committed, in one
 * short transaction: one counter update and one commit for all the orders that came meanwhile.
 *
 * Numbers stay gapless and unique (LEGAL.md §A8): they are given only to committed orders, by one
 * numberer per shop at a time (an advisory lock), from the same `invoice_counters` row the other
 * invoices of the series (on payment, storage costs) take theirs from. Within a batch they follow
 * placement order. A request whose order already has its invoice (issued meanwhile by another
 * path) is dropped, not numbered twice.
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
create table invoice_requests (
  shop_id text not null,
  order_id uuid not null,
  issued_on date not null,
  due_on date,
  seller jsonb not null,
  buyer jsonb not null,
  lines jsonb not null,
  totals jsonb not null,
  created_at timestamptz not null,
  primary key (shop_id, order_id),
  foreign key (shop_id, order_id) references orders (shop_id, id)
);

-- An invoice's number as src/invoicing/rules.ts \`invoiceNumber\` writes it (F-2026-000001): the
-- one format of the numbers the database gives, here and in \`insertNumberedInvoice\`.
create function comptoir_invoice_number(p_prefix text, p_year integer, p_serial integer, p_digits integer) returns text
language sql immutable parallel safe strict
return p_prefix || '-' || p_year || '-' || lpad(p_serial::text, greatest(p_digits, length(p_serial::text)), '0');

create function comptoir_issue_requested_invoices(p_shop text, p_prefix text, p_digits integer) returns integer language plpgsql as $$
declare
  issued integer;
begin
  -- One numberer per shop; the statement below takes its snapshot once the lock is held, so it
  -- sees every request committed by then and none a former holder already numbered.
  perform pg_advisory_xact_lock(hashtextextended('comptoir_invoice_requests:' || p_shop, 0));
  with taken as (
    delete from invoice_requests r where r.shop_id = p_shop returning r.*
  ), ranked as (
    select t.*, extract(year from t.issued_on)::int as year,
      row_number() over (partition by extract(year from t.issued_on) order by t.created_at, t.order_id) as k
    from taken t
    where not exists (select 1 from invoices i where i.shop_id = p_shop and i.order_id = t.order_id and i.kind = 'invoice')
  ), years as (
    select year, count(*)::int as n from ranked group by year
  ), counters as (
    insert into invoice_counters as c (shop_id, year, last) select p_shop, y.year, y.n from years y
    on conflict (shop_id, year) do update set last = c.last + excluded.last
    returning c.year, c.last
  ), inserted as (
    insert into invoices (shop_id, number, order_id, kind, issued_on, due_on, seller, buyer, lines, totals, created_at)
    select p_shop, comptoir_invoice_number(p_prefix, r.year, (c.last - y.n + r.k)::int, p_digits),
      r.order_id, 'invoice', r.issued_on, r.due_on, r.seller, r.buyer, r.lines, r.totals, r.created_at
    from ranked r join years y on y.year = r.year join counters c on c.year = r.year
    returning 1
  )
  select count(*)::int into issued from inserted;
  return issued;
end $$;
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `drop function comptoir_issue_requested_invoices(text, text, integer);
    drop function comptoir_invoice_number(text, integer, integer, integer);
    drop table invoice_requests;`,
  );
}
