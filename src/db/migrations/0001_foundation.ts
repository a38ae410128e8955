/**
 * The platform foundation: shops, people, sessions, tokens, products, outbox.
 * Shop data is keyed (shop_id, id) so the shop leads every primary key and index, ready for
 * sharding by shop (DESIGN.md §9). Money is bigint cents, rates integer basis points.
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table shops (
      id text primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
      name text not null,
      legal_system text not null check (legal_system in ('FR', 'BE')),
      time_zone text not null,
      language text not null check (language in ('fr', 'en', 'nl')),
      profile jsonb not null,
      profile_sha256 text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table operators (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      name text not null,
      password_hash text not null,
      created_at timestamptz not null default now()
    );
    create unique index operators_email on operators (lower(email));

    create table staff (
      shop_id text not null references shops(id),
      id uuid not null default gen_random_uuid(),
      email text not null,
      name text not null,
      password_hash text not null,
      role text not null check (role in ('manager', 'clerk')),
      created_at timestamptz not null default now(),
      primary key (shop_id, id)
    );
    create unique index staff_email on staff (shop_id, lower(email));

    create table customers (
      shop_id text not null references shops(id),
      id uuid not null default gen_random_uuid(),
      kind text not null check (kind in ('consumer', 'non_professional', 'professional')),
      email text not null,
      password_hash text not null,
      first_name text not null,
      last_name text not null,
      company_name text,
      siret text check (siret ~ '^[0-9]{14}$'),
      vat_number text,
      address jsonb not null,
      language text not null default 'fr' check (language in ('fr', 'en', 'nl')),
      created_at timestamptz not null default now(),
      primary key (shop_id, id)
    );
    create unique index customers_email on customers (shop_id, lower(email));

    create table sessions (
      id_hash text primary key,
      shop_id text references shops(id),
      actor_kind text not null check (actor_kind in ('customer', 'staff', 'operator')),
      actor_id uuid not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      user_agent text
    );
    create index sessions_actor on sessions (shop_id, actor_kind, actor_id);

    create table api_tokens (
      token_hash text primary key,
      shop_id text references shops(id),
      actor_kind text not null check (actor_kind in ('customer', 'staff', 'operator')),
      actor_id uuid not null,
      label text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      revoked_at timestamptz
    );

    create table password_resets (
      token_hash text primary key,
      shop_id text not null,
      customer_id uuid not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      foreign key (shop_id, customer_id) references customers (shop_id, id)
    );

    create table login_failures (
      id uuid primary key default gen_random_uuid(),
      shop_id text not null,
      email text not null,
      ip text not null,
      at timestamptz not null
    );
    create index login_failures_recent on login_failures (shop_id, lower(email), at);

    create table products (
      shop_id text not null references shops(id),
      id uuid not null default gen_random_uuid(),
      sku text not null,
      name jsonb not null,
      description jsonb not null,
      unit_price_cents bigint not null check (unit_price_cents >= 0),
      vat_rate_bp integer not null check (vat_rate_bp between 0 and 10000),
      stock integer not null check (stock >= 0),
      max_per_order integer check (max_per_order > 0),
      withdrawable boolean not null default true,
      withdrawal_exception text,
      regulated boolean not null default false,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      primary key (shop_id, id)
    );
    create unique index products_sku on products (shop_id, sku);

    create table outbox (
      shop_id text references shops(id),
      id uuid not null default gen_random_uuid() primary key,
      to_address text not null,
      subject text not null,
      text_body text not null,
      html_body text,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
      attempts integer not null default 0,
      last_error text,
      created_at timestamptz not null,
      sent_at timestamptz
    );
    create index outbox_pending on outbox (created_at) where status = 'pending';

    create table idempotency_keys (
      scope text not null,
      key text not null,
      request_sha256 text not null,
      status_code integer not null,
      response_body text not null,
      created_at timestamptz not null default now(),
      primary key (scope, key)
    );

    create table platform_clock (
      id integer primary key check (id = 1),
      now timestamptz not null
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `drop table platform_clock, idempotency_keys, outbox, products, login_failures, password_resets,
      api_tokens, sessions, customers, staff, operators, shops`,
  );
}
