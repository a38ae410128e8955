/**
 * Issue 12 §4 (SPEC C10, A-76): volunteer rounds and their run sheets, written by the rounds
 * capability (src/rounds/).
 *
 * A round groups home-delivery orders (mode `volunteer`) of one zone on one day, in the order the
 * volunteer drives them (`position`). Its volunteer is a name and a phone (an e-mail to send the
 * link to, if given): cooperative members deliver without a shop account. The run sheet is
 * reached by a random link: only its SHA-256 is kept (`sheet_token_hash`), with its expiry; a new
 * link replaces the old. A stop keeps the phone and door notes the volunteer sees, and its outcome:
 * delivered (the order's `delivered` event is recorded through the orders' service) or absent,
 * with the time and a note. An order is in at most one round while it is still to deliver or
 * delivered; after an absence it may join another round.
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table volunteer_rounds (
      shop_id text not null references shops (id),
      id uuid not null,
      name text not null,
      zone text not null,
      round_on date not null,
      volunteer_name text,
      volunteer_phone text,
      volunteer_email text,
      sheet_token_hash text,
      sheet_expires_at timestamptz,
      created_by text not null,
      created_at timestamptz not null,
      primary key (shop_id, id)
    );
    create unique index volunteer_rounds_sheet on volunteer_rounds (shop_id, sheet_token_hash) where sheet_token_hash is not null;
    create index volunteer_rounds_day on volunteer_rounds (shop_id, round_on);
    create table round_stops (
      shop_id text not null,
      round_id uuid not null,
      order_id uuid not null,
      position integer not null check (position >= 0),
      phone text,
      door_notes text,
      outcome text check (outcome in ('delivered', 'absent')),
      outcome_at timestamptz,
      outcome_note text,
      primary key (shop_id, round_id, order_id),
      foreign key (shop_id, round_id) references volunteer_rounds (shop_id, id) on delete cascade,
      foreign key (shop_id, order_id) references orders (shop_id, id),
      check ((outcome is null) = (outcome_at is null))
    );
    create unique index round_stops_one_round on round_stops (shop_id, order_id) where outcome is null or outcome = 'delivered';
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    drop table if exists round_stops;
    drop table if exists volunteer_rounds;
    `,
  );
}
