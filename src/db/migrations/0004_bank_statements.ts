/**
 * Imported bank-statement entries and the payments they bring to orders (issue 4 §2, LEGAL.md
 * §A10). An entry is keyed by its bank's id within the shop, so importing the same statement
 * twice inserts nothing (`on conflict do nothing`, DESIGN.md principle 8); a payment points to
 * the entry that brought it, at most once.
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table bank_entries (
      shop_id text not null references shops(id),
      external_id text not null,
      statement_id text not null,
      booking_date date,
      amount_cents bigint not null check (amount_cents >= 0),
      credit_debit text not null check (credit_debit in ('CRDT', 'DBIT')),
      reference text,
      reference_status text not null check (reference_status in ('found', 'invalid', 'none')),
      debtor_name text,
      unstructured text not null default '',
      order_id uuid,
      status text not null check (status in ('matched', 'unmatched', 'ignored')),
      imported_at timestamptz not null,
      primary key (shop_id, external_id),
      foreign key (shop_id, order_id) references orders (shop_id, id),
      check ((status = 'matched') = (order_id is not null))
    );
    create index bank_entries_queue on bank_entries (shop_id, status, booking_date);

    create table order_payments (
      shop_id text not null,
      id uuid not null default gen_random_uuid(),
      order_id uuid not null,
      method text not null default 'bank_transfer',
      bank_entry_external_id text,
      amount_cents bigint not null check (amount_cents > 0),
      received_on date not null,
      recorded_at timestamptz not null,
      primary key (shop_id, id),
      unique (shop_id, bank_entry_external_id),
      foreign key (shop_id, order_id) references orders (shop_id, id),
      foreign key (shop_id, bank_entry_external_id) references bank_entries (shop_id, external_id)
    );
    create index order_payments_order on order_payments (shop_id, order_id);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `drop table order_payments;
    drop table bank_entries`);
}
