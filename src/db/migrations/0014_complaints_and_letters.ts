/**
 * Issue 10 §5–§6 (SPEC C10, C15, C23): complaints and the registered letters that carry them,
 * written by the after-sale capability.
 *
 * A complaint keeps the window it was judged against (`window_starts_on` … `window_ends_on`, and
 * a shorter contractual limit `contractual_ends_at` where the terms set one in hours: 003 art.7.2),
 * the day it was MADE (`made_on`: sent, or filed online; what the seeds' windows test) and the day
 * the shop received it, whether it was on time and whether a late one is barred (`binding`: not
 * against consumers, A-16, A-45). A goodwill return request keeps the returned value, the
 * compensating order's amount and, once approved in writing, the credit (price less the abatement).
 * A registered letter is kept with the three dates the law counts from (sent, first presented,
 * received) and its tracking number, linked to a complaint or to an order.
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table complaints (
      shop_id text not null,
      id uuid not null,
      order_id uuid not null,
      kind text not null check (kind in ('transport_reserve', 'non_consumer_conformity', 'invoice_dispute', 'goodwill_return_request')),
      customer_kind text not null,
      made_on date not null,
      received_on date not null,
      window_starts_on date,
      window_ends_on date,
      contractual_ends_at timestamptz,
      on_time boolean not null,
      binding boolean not null,
      status text not null check (status in ('open', 'accepted', 'refused', 'closed')),
      note text,
      returned_cents bigint check (returned_cents >= 0),
      compensating_order_cents bigint check (compensating_order_cents >= 0),
      abatement_cents bigint check (abatement_cents >= 0),
      credit_cents bigint check (credit_cents >= 0),
      recorded_by text not null,
      recorded_at timestamptz not null,
      primary key (shop_id, id),
      foreign key (shop_id, order_id) references orders (shop_id, id)
    );
    create index complaints_order on complaints (shop_id, order_id);
    create table registered_letters (
      shop_id text not null,
      id uuid not null,
      direction text not null check (direction in ('in', 'out')),
      complaint_id uuid,
      order_id uuid not null,
      sent_on date not null,
      presented_on date,
      received_on date,
      tracking_number text,
      recorded_by text not null,
      recorded_at timestamptz not null,
      primary key (shop_id, id),
      foreign key (shop_id, order_id) references orders (shop_id, id),
      foreign key (shop_id, complaint_id) references complaints (shop_id, id),
      check (presented_on is null or presented_on >= sent_on),
      check (received_on is null or received_on >= sent_on)
    );
    create index registered_letters_order on registered_letters (shop_id, order_id);
    create index registered_letters_complaint on registered_letters (shop_id, complaint_id);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, 'drop table registered_letters;\ndrop table complaints;');
}
