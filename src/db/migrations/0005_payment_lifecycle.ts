/**
 * The rest of an order's money (issue 4): when it is due, deposits, card checkouts through
 * Stripe and their webhook events (each recorded once), refunds (card, or SEPA transfer exported
 * as pain.001 and confirmed by a later statement), customer credit from overpayments, manual
 * matching of statement entries, and statement imports run in the background with their progress.
 * Invoices (issue 4 §1: they show the transfer instructions), numbered without gaps per shop and
 * calendar year (CGI ann. II art. 242 nonies A 7°: "séquence chronologique et continue").
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table orders
      add column payment_due_on date,
      add column payment_reminded_at timestamptz,
      add column deposit_cents bigint check (deposit_cents > 0),
      add column deposit_kind text check (deposit_kind in ('acompte', 'arrhes')),
      add column balance_due_on date,
      add column payment_not_before date,
      add column stock_taken jsonb;

    alter table bank_entries
      add column id uuid not null default gen_random_uuid(),
      add column end_to_end_id text,
      add column debtor_iban text,
      add column matched_by text,
      add column matched_at timestamptz;
    create unique index bank_entries_id on bank_entries (shop_id, id);

    alter table order_payments add column provider_ref text;
    create unique index order_payments_provider_ref on order_payments (shop_id, provider_ref) where provider_ref is not null;

    create table card_checkouts (
      session_id text primary key,
      shop_id text not null,
      order_id uuid not null,
      payment_intent_id text,
      capture text not null check (capture in ('automatic', 'manual')),
      status text not null check (status in ('open', 'authorized', 'captured', 'expired', 'canceled')),
      amount_cents bigint not null check (amount_cents > 0),
      url text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      foreign key (shop_id, order_id) references orders (shop_id, id)
    );
    create index card_checkouts_order on card_checkouts (shop_id, order_id);
    create unique index card_checkouts_intent on card_checkouts (payment_intent_id) where payment_intent_id is not null;

    create table stripe_events (
      event_id text primary key,
      type text not null,
      created_at timestamptz not null,
      received_at timestamptz not null,
      shop_id text,
      order_id uuid,
      outcome text not null
    );

    create table refunds (
      shop_id text not null,
      id uuid not null default gen_random_uuid(),
      order_id uuid not null,
      method text not null check (method in ('card', 'bank_transfer')),
      amount_cents bigint not null check (amount_cents > 0),
      status text not null check (status in ('pending', 'exported', 'confirmed', 'succeeded', 'failed')),
      reason text not null,
      from_credit boolean not null default false,
      creditor_name text,
      creditor_iban text,
      end_to_end_id text,
      provider_ref text,
      payment_file_id text,
      bank_entry_external_id text,
      requested_by text not null,
      requested_at timestamptz not null,
      exported_at timestamptz,
      confirmed_at timestamptz,
      primary key (shop_id, id),
      foreign key (shop_id, order_id) references orders (shop_id, id)
    );
    create index refunds_order on refunds (shop_id, order_id);
    create unique index refunds_end_to_end on refunds (shop_id, end_to_end_id) where end_to_end_id is not null;
    create unique index refunds_provider_ref on refunds (provider_ref) where provider_ref is not null;

    create table customer_credits (
      shop_id text not null,
      id uuid not null default gen_random_uuid(),
      customer_id uuid not null,
      amount_cents bigint not null check (amount_cents <> 0),
      kind text not null check (kind in ('overpayment', 'applied', 'refunded')),
      order_id uuid,
      refund_id uuid,
      created_at timestamptz not null,
      primary key (shop_id, id),
      foreign key (shop_id, customer_id) references customers (shop_id, id)
    );
    create index customer_credits_customer on customer_credits (shop_id, customer_id);

    create table statement_imports (
      shop_id text not null references shops(id),
      id uuid not null default gen_random_uuid(),
      filename text not null,
      document bytea not null,
      status text not null check (status in ('running', 'done', 'failed')),
      total_entries integer not null default 0,
      processed_entries integer not null default 0,
      matched integer not null default 0,
      unmatched integer not null default 0,
      duplicates integer not null default 0,
      ignored integer not null default 0,
      error_code text,
      actor text not null,
      started_at timestamptz not null,
      finished_at timestamptz,
      primary key (shop_id, id)
    );

    create table invoice_counters (
      shop_id text not null references shops(id),
      year integer not null,
      last integer not null,
      primary key (shop_id, year)
    );

    create table invoices (
      shop_id text not null,
      id uuid not null default gen_random_uuid(),
      number text not null,
      order_id uuid not null,
      kind text not null check (kind in ('invoice')),
      issued_on date not null,
      due_on date,
      seller jsonb not null,
      buyer jsonb not null,
      lines jsonb not null,
      totals jsonb not null,
      created_at timestamptz not null,
      primary key (shop_id, id),
      unique (shop_id, number),
      unique (shop_id, order_id),
      foreign key (shop_id, order_id) references orders (shop_id, id)
    );
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `drop table invoices;
    drop table invoice_counters;
    drop table statement_imports;
    drop table customer_credits;
    drop table refunds;
    drop table stripe_events;
    drop table card_checkouts;
    drop index order_payments_provider_ref;
    alter table order_payments drop column provider_ref;
    drop index bank_entries_id;
    alter table bank_entries drop column id, drop column end_to_end_id, drop column debtor_iban, drop column matched_by, drop column matched_at;
    alter table orders drop column payment_due_on, drop column payment_reminded_at, drop column deposit_cents,
      drop column deposit_kind, drop column balance_due_on, drop column payment_not_before, drop column stock_taken`,
  );
}
