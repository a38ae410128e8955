/**
 * Tables holding shop data lead their primary key and unique indexes with shop_id (DESIGN.md §9,
 * issue 9), so that each shop's rows can be sharded together by shop on Citus later and every
 * lookup names the shop it belongs to.
 *
 * Changed here: `card_checkouts` (key was the Stripe session id; the PaymentIntent index was
 * platform-wide), `password_resets` (key was the token hash), `evidence_purges` (key was an
 * identity) and the `refunds_provider_ref` index. `login_failures` was fixed by 0008.
 *
 * Exceptions, tables with a shop_id column whose key does not lead with it (also listed, with the
 * same reasons, in src/db/shop-keys.test.ts, which fails when a new table breaks the rule):
 * - `sessions`, `api_tokens`: they also hold operators, who belong to no shop (shop_id null), and
 *   are found by the hash of the secret the caller presents, on any path, before any shop is known.
 *   On Citus they stay on the coordinator.
 * - `stripe_events`: an event is claimed by its Stripe id when it is received, before its shop is
 *   known (shop_id is filled in from the event's metadata, and stays null for foreign events).
 * - `outbox`: platform e-mails (to operators) have no shop; its rework into the job table
 *   (0010, issue 9) decides its key.
 * Tables with no shop at all (operators, platform_clock, idempotency_keys whose scope names the
 * shop, shops itself, the migration tables) are platform-wide and out of the rule.
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table card_checkouts drop constraint card_checkouts_pkey;
    alter table card_checkouts add primary key (shop_id, session_id);
    drop index card_checkouts_intent;
    create unique index card_checkouts_intent on card_checkouts (shop_id, payment_intent_id) where payment_intent_id is not null;

    alter table password_resets drop constraint password_resets_pkey;
    alter table password_resets add primary key (shop_id, token_hash);

    alter table evidence_purges drop constraint evidence_purges_pkey;
    alter table evidence_purges add primary key (shop_id, id);

    drop index refunds_provider_ref;
    create unique index refunds_provider_ref on refunds (shop_id, provider_ref) where provider_ref is not null;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    drop index refunds_provider_ref;
    create unique index refunds_provider_ref on refunds (provider_ref) where provider_ref is not null;

    alter table evidence_purges drop constraint evidence_purges_pkey;
    alter table evidence_purges add primary key (id);

    alter table password_resets drop constraint password_resets_pkey;
    alter table password_resets add primary key (token_hash);

    drop index card_checkouts_intent;
    create unique index card_checkouts_intent on card_checkouts (payment_intent_id) where payment_intent_id is not null;
    alter table card_checkouts drop constraint card_checkouts_pkey;
    alter table card_checkouts add primary key (session_id);
  `,
  );
}
