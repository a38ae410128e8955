/**
 * Issue 11: order lifecycle.
 *
 * `order_counters`: each shop numbers its own orders, per calendar year (§9; one platform-wide
 * sequence gave DISTRITEC's first order the number DIS-2026-000003). Taken in the order's
 * transaction by one `insert … on conflict do update … returning` (src/checkout/queries.ts), the
 * row stays locked until the commit, like the invoice counter. Started from the numbers already
 * given, so no number is given twice.
 *
 * `payment_disputes`: a payment dispute staff record on an order (004 art.2, 003 art.2.6: the
 * seller may refuse a new order of a customer in dispute over the payment of an earlier one),
 * open until settled.
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table order_counters (
      shop_id text not null references shops (id),
      year int not null check (year between 2000 and 9999),
      last int not null check (last >= 1),
      primary key (shop_id, year)
    );
    insert into order_counters (shop_id, year, last)
      select shop_id, split_part(number, '-', 2)::int, max(split_part(number, '-', 3)::int)
      from orders where number ~ '^[A-Z0-9]+-[0-9]{4}-[0-9]{1,9}$'
      group by shop_id, split_part(number, '-', 2)::int;
    create table payment_disputes (
      shop_id text not null,
      order_id uuid not null,
      customer_id uuid not null,
      opened_at timestamptz not null,
      opened_by text not null,
      note text,
      settled_at timestamptz,
      settled_by text,
      primary key (shop_id, order_id),
      foreign key (shop_id, order_id) references orders (shop_id, id)
    );
    create index payment_disputes_open on payment_disputes (shop_id, customer_id) where settled_at is null;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `drop table payment_disputes;
    drop table order_counters;`);
}
