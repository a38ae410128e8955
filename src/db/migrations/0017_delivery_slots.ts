/**
 * Issue 12 §3: pickup points and their slots. The points are the profile's (001 CG §4: Liège, Mons,
 * Dison), written here so slots can name them; the slots are made from each point's opening hours
 * for the weeks ahead (src/delivery/service.ts). `taken` counts the orders holding a slot: an order
 * takes one with a guarded `update … set taken = taken + 1 where taken < capacity` in its
 * transaction, and the check below makes overbooking impossible even to a faulty writer. The order
 * names its slot in its `delivery` (slotId), which a cancellation gives back.
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table pickup_points (
      shop_id text not null references shops (id),
      id text not null,
      name text not null,
      commune text not null,
      address jsonb,
      primary key (shop_id, id)
    );
    create table pickup_slots (
      shop_id text not null,
      id uuid not null,
      point_id text not null,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      capacity int not null check (capacity > 0),
      taken int not null default 0,
      closed_at timestamptz,
      closed_reason text,
      primary key (shop_id, id),
      unique (shop_id, point_id, starts_at),
      foreign key (shop_id, point_id) references pickup_points (shop_id, id),
      check (ends_at > starts_at),
      check (taken >= 0 and taken <= capacity)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, 'drop table pickup_slots;\ndrop table pickup_points;');
}
