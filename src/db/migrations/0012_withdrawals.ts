/**
 * C13 — the consumer's withdrawals (issue 10), written by the after-sale capability.
 *
 * A withdrawal is kept as the consumer stated it (the `statement`: who, which order, which lines
 * and quantities, frozen when confirmed or recorded), with the dates the law counts from:
 * `notified_on` (the day the consumer SENT it: what decides whether it is on time, Annex
 * R221-3), `received_on` (the day the shop was informed: the refund's 14 days run from it,
 * L221-24, CDE VI.50), the period it was judged against, and the later facts staff record
 * (goods back, refund paid) with the staff alerts already sent before the refund falls due.
 * Its id is the confirmation form's token, so a second click on "confirm" finds the first.
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table withdrawals (
      shop_id text not null,
      id uuid not null,
      order_id uuid not null,
      channel text not null check (channel in ('online_form', 'letter', 'email')),
      notified_on date not null,
      notified_at timestamptz,
      received_on date not null,
      period_starts_on date,
      period_ends_on date,
      on_time boolean not null,
      statement jsonb not null,
      whole_order boolean not null,
      due_cents bigint not null check (due_cents >= 0),
      goods_received_on date,
      proof_of_shipment_on date,
      refunded_on date,
      refunded_cents bigint check (refunded_cents >= 0),
      alerted_days_before int,
      recorded_by text not null,
      recorded_at timestamptz not null,
      primary key (shop_id, id),
      foreign key (shop_id, order_id) references orders (shop_id, id)
    );
    create index withdrawals_order on withdrawals (shop_id, order_id);
    create index withdrawals_refund_open on withdrawals (shop_id, received_on) where refunded_on is null and on_time;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, 'drop table withdrawals;');
}
