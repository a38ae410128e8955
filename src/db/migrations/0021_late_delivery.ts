/**
 * Issue 11 §5: periods of force majeure staff declare on a whole shop (`order_id` null) or on
 * one order, written by the orders capability (src/orders/force-majeure.ts). While one runs, the
 * seller's delivery deadlines are suspended (C. civ. 1218); past the terms' limit either party
 * may terminate (SPEC C24). An open period has no `ends_on` yet. Notices and terminations for late
 * delivery need no table: they are events of the order's evidence log.
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table force_majeure_periods (
      shop_id text not null references shops (id),
      id uuid not null,
      order_id uuid,
      cause text not null,
      starts_on date not null,
      ends_on date,
      note text,
      declared_by text not null,
      declared_at timestamptz not null,
      primary key (shop_id, id),
      foreign key (shop_id, order_id) references orders (shop_id, id),
      check (ends_on is null or ends_on >= starts_on)
    );
    create index force_majeure_periods_shop on force_majeure_periods (shop_id, starts_on);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, 'drop table force_majeure_periods;');
}
