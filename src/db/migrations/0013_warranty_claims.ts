/**
 * C14 — the consumer's legal-warranty claims (issue 10 §4), written by the after-sale capability.
 *
 * A claim is kept as the consumer stated it (kind, description, lines) with the dates the law
 * counts from: `delivered_on` (the conformity warranty's 2 years and its presumption run from it,
 * L217-3, L217-7; BE 1649ter), `discovered_on` for a hidden defect (2 years from discovery,
 * C. civ. 1648), and the ends computed when it was opened, so a later change of rules never
 * rewrites what the consumer was told. Staff's decision (the remedy and its day) is kept on the
 * claim; every step is also an event in the order's evidence log. Photos are kept as sent, in
 * their own table (at most 3 of 5 MB each, checked by their first bytes before they get here).
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table warranty_claims (
      shop_id text not null,
      id uuid not null,
      order_id uuid not null,
      kind text not null check (kind in ('conformity', 'hidden_defect')),
      opened_on date not null,
      delivered_on date not null,
      discovered_on date,
      warranty_ends_on date not null,
      presumption_ends_on date,
      presumption boolean not null,
      description text not null,
      lines jsonb not null,
      remedy text check (remedy in ('repair', 'replacement', 'price_reduction', 'refund')),
      decided_on date,
      decision_note text,
      refund_due_on date,
      opened_by text not null,
      opened_at timestamptz not null,
      primary key (shop_id, id),
      foreign key (shop_id, order_id) references orders (shop_id, id)
    );
    create index warranty_claims_order on warranty_claims (shop_id, order_id);
    create table warranty_claim_photos (
      shop_id text not null,
      claim_id uuid not null,
      photo_no int not null check (photo_no between 1 and 3),
      content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
      bytes bytea not null,
      primary key (shop_id, claim_id, photo_no),
      foreign key (shop_id, claim_id) references warranty_claims (shop_id, id)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, 'drop table warranty_claim_photos;\ndrop table warranty_claims;');
}
