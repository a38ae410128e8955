/**
 * Sign-in throttling per account and per address, token revocation, idle sessions (issue 8 §6, §7).
 *
 * `login_failures` held a scope string ("customer:coopso") in its `shop_id`; it now holds the shop
 * (`*platform*` for operators, who belong to no shop) and `realm` says who was signing in, so the
 * primary key and both lookups lead with the shop (DESIGN.md §9). The old rows are dropped rather
 * than converted: they only ever mattered for 15 minutes.
 *
 * `known_sign_ins` remembers, per account, the callers that have given its right password (a hash
 * of their address, or of the random device cookie set at that sign-in): they are never slowed
 * down by failures on the account from elsewhere (ASVS 2.2.1; LEGAL.md T-26).
 *
 * `sessions.last_seen_at` gives sessions an idle timeout besides their absolute one (T-25).
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    delete from login_failures;
    drop index login_failures_recent;
    alter table login_failures drop constraint login_failures_pkey;
    alter table login_failures add column realm text not null check (realm in ('customer', 'staff', 'operator'));
    alter table login_failures add primary key (shop_id, id);
    create index login_failures_account on login_failures (shop_id, realm, lower(email), at);
    create index login_failures_address on login_failures (shop_id, realm, ip, at);

    create table known_sign_ins (
      shop_id text not null,
      realm text not null check (realm in ('customer', 'staff', 'operator')),
      account_id uuid not null,
      caller_hash text not null,
      last_at timestamptz not null,
      primary key (shop_id, realm, account_id, caller_hash)
    );

    alter table sessions add column last_seen_at timestamptz;
    update sessions set last_seen_at = created_at;
    alter table sessions alter column last_seen_at set not null;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table sessions drop column last_seen_at;
    drop table known_sign_ins;
    delete from login_failures;
    drop index login_failures_address;
    drop index login_failures_account;
    alter table login_failures drop constraint login_failures_pkey;
    alter table login_failures drop column realm;
    alter table login_failures add primary key (id);
    create index login_failures_recent on login_failures (shop_id, lower(email), at);
  `,
  );
}
