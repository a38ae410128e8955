/**
 * Issue 12 §1, §5 (SPEC C09): group-purchase campaigns, written by the campaigns capability.
 *
 * A campaign opens and closes at instants; its products carry a per-campaign cap (`taken` counts
 * what orders took, by one guarded update `taken + n <= cap` on the order path) and an optional
 * minimum, and the campaign may carry a minimum of its own (all its products together). Its
 * delivery promises by order day (`promises`, JSON, in order: ordered from/until → delivered from,
 * at the latest on) are what checkout shows and what the order keeps. At closing the supplier
 * purchase orders are stored as sent (`campaign_documents`: CSV and PDF, with their hash), so
 * the e-mail to the supplier attaches the very bytes staff can download.
 *
 * The catalogue's `products` gains the facts a supplier order needs (supplier, its e-mail, the
 * case size) and `campaign_only` (sold only inside a campaign's window): columns added here, but
 * written by the catalogue's service only.
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table products add column supplier_name text;
    alter table products add column supplier_email text;
    alter table products add column case_size integer check (case_size is null or case_size > 0);
    alter table products add column campaign_only boolean not null default false;
    create table campaigns (
      shop_id text not null,
      id uuid not null,
      title text not null,
      opens_at timestamptz not null,
      closes_at timestamptz not null,
      minimum_quantity integer check (minimum_quantity is null or minimum_quantity > 0),
      promises jsonb not null,
      status text not null default 'open' check (status in ('open', 'closed')),
      closed_at timestamptz,
      minimum_reached boolean,
      cloned_from uuid,
      created_by text not null,
      created_at timestamptz not null,
      primary key (shop_id, id),
      check (closes_at > opens_at)
    );
    create index campaigns_due on campaigns (closes_at) where status = 'open';
    create table campaign_products (
      shop_id text not null,
      campaign_id uuid not null,
      product_id uuid not null,
      cap integer check (cap is null or cap > 0),
      minimum_quantity integer check (minimum_quantity is null or minimum_quantity > 0),
      taken integer not null default 0 check (taken >= 0),
      primary key (shop_id, campaign_id, product_id),
      foreign key (shop_id, campaign_id) references campaigns (shop_id, id) on delete cascade,
      foreign key (shop_id, product_id) references products (shop_id, id),
      check (cap is null or taken <= cap)
    );
    create index campaign_products_product on campaign_products (shop_id, product_id);
    create table campaign_documents (
      shop_id text not null,
      id uuid not null,
      campaign_id uuid not null,
      kind text not null check (kind in ('supplier_order')),
      supplier text not null,
      format text not null check (format in ('csv', 'pdf')),
      filename text not null,
      content bytea not null,
      sha256 text not null,
      created_at timestamptz not null,
      primary key (shop_id, id),
      unique (shop_id, campaign_id, kind, supplier, format),
      foreign key (shop_id, campaign_id) references campaigns (shop_id, id) on delete cascade
    );
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    drop table if exists campaign_documents;
    drop table if exists campaign_products;
    drop table if exists campaigns;
    alter table products drop column if exists campaign_only;
    alter table products drop column if exists case_size;
    alter table products drop column if exists supplier_email;
    alter table products drop column if exists supplier_name;
    `,
  );
}
