/**
 * Catalogue attributes and bundles, terms versions, carts, orders with their lines and their
 * hash-chained event log (the evidence), and e-mail attachments stored as sent.
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table products
      add column unit text not null default 'unit' check (unit in ('unit', 'metre', 'kilogram')),
      add column condition text not null default 'new' check (condition in ('new', 'second_hand')),
      add column images jsonb not null default '[]',
      add column is_bundle boolean not null default false;

    create table product_parts (
      shop_id text not null,
      bundle_id uuid not null,
      part_id uuid not null,
      quantity integer not null check (quantity > 0),
      primary key (shop_id, bundle_id, part_id),
      foreign key (shop_id, bundle_id) references products (shop_id, id),
      foreign key (shop_id, part_id) references products (shop_id, id),
      check (bundle_id <> part_id)
    );

    create table terms_versions (
      shop_id text not null references shops(id),
      id uuid not null default gen_random_uuid(),
      kind text not null,
      version text not null,
      title text not null,
      language text not null,
      body text not null,
      sha256 text not null,
      effective_from date not null,
      effective_until date,
      published_at timestamptz not null,
      primary key (shop_id, id),
      unique (shop_id, kind, version)
    );

    create table terms_notices (
      shop_id text not null,
      terms_version_id uuid not null,
      customer_id uuid not null,
      notified_at timestamptz not null,
      primary key (shop_id, terms_version_id, customer_id),
      foreign key (shop_id, terms_version_id) references terms_versions (shop_id, id),
      foreign key (shop_id, customer_id) references customers (shop_id, id)
    );

    create table carts (
      shop_id text not null references shops(id),
      id uuid not null default gen_random_uuid(),
      customer_id uuid,
      guest_token_hash text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      primary key (shop_id, id),
      foreign key (shop_id, customer_id) references customers (shop_id, id)
    );
    create unique index carts_customer on carts (shop_id, customer_id) where customer_id is not null;
    create unique index carts_guest on carts (shop_id, guest_token_hash) where guest_token_hash is not null;

    create table cart_lines (
      shop_id text not null,
      cart_id uuid not null,
      product_id uuid not null,
      quantity integer not null check (quantity > 0),
      added_at timestamptz not null,
      primary key (shop_id, cart_id, product_id),
      foreign key (shop_id, cart_id) references carts (shop_id, id) on delete cascade,
      foreign key (shop_id, product_id) references products (shop_id, id)
    );

    create sequence order_number_seq;

    create table orders (
      shop_id text not null references shops(id),
      id uuid not null default gen_random_uuid(),
      number text not null,
      customer_id uuid not null,
      customer_kind text not null,
      status text not null,
      placed_at timestamptz not null,
      net_cents bigint not null,
      vat_cents bigint not null,
      gross_cents bigint not null,
      shipping_cents bigint not null,
      fees_cents bigint not null,
      delivery jsonb not null,
      payment_method text not null,
      payment_status text not null,
      accepted_terms jsonb not null,
      primary key (shop_id, id),
      unique (shop_id, number),
      foreign key (shop_id, customer_id) references customers (shop_id, id)
    );
    create index orders_customer on orders (shop_id, customer_id, placed_at);

    create table order_lines (
      shop_id text not null,
      order_id uuid not null,
      line_no integer not null,
      product_id uuid not null,
      sku text not null,
      name text not null,
      quantity integer not null check (quantity > 0),
      unit_price_cents bigint not null,
      vat_rate_bp integer not null,
      total_cents bigint not null,
      withdrawable boolean not null,
      withdrawal_exception text,
      primary key (shop_id, order_id, line_no),
      foreign key (shop_id, order_id) references orders (shop_id, id)
    );

    create table order_events (
      shop_id text not null,
      order_id uuid not null,
      seq integer not null,
      type text not null,
      at timestamptz not null,
      recorded_at timestamptz not null,
      actor text not null,
      data jsonb not null,
      prev_hash text not null,
      hash text not null,
      primary key (shop_id, order_id, seq),
      foreign key (shop_id, order_id) references orders (shop_id, id)
    );

    alter table outbox add column attachments jsonb not null default '[]';
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `alter table outbox drop column attachments;
    drop table order_events, order_lines, orders, cart_lines, carts, terms_notices, terms_versions, product_parts;
    drop sequence order_number_seq;
    alter table products drop column unit, drop column condition, drop column images, drop column is_bundle`,
  );
}
