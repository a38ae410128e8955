/**
 * Issue 10 §3 — the depreciation staff may assess when a withdrawn item comes back handled beyond
 * what was needed to try it (L221-23 al. 4; Directive 2011/83 art. 14 §2; CDE VI.51 §2).
 *
 * `due_cents` stays what the shop must refund, now net of the depreciation, and
 * `depreciation_cents` keeps the part withheld, so the sums withdrawn are `due_cents +
 * depreciation_cents` and a late surcharge is counted on the reduced sum. The reason and the photos
 * (at most 3, JPEG/PNG/WebP by their first bytes, checked before they get here) are the seller's
 * proof of the damage; the assessment is also an event in the order's evidence log.
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table withdrawals add column depreciation_cents bigint not null default 0 check (depreciation_cents >= 0);
    alter table withdrawals add column depreciation_reason text;
    create table withdrawal_depreciation_photos (
      shop_id text not null,
      withdrawal_id uuid not null,
      photo_no int not null check (photo_no between 1 and 3),
      content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
      bytes bytea not null,
      primary key (shop_id, withdrawal_id, photo_no),
      foreign key (shop_id, withdrawal_id) references withdrawals (shop_id, id)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, 'drop table withdrawal_depreciation_photos; alter table withdrawals drop column depreciation_reason; alter table withdrawals drop column depreciation_cents;');
}
