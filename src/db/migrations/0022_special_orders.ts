/**
 * Issue 11 §6, 003 art.7.2: goods ordered specially for the customer. A product may be
 * flagged a special order (shown before purchase), and each order line keeps the flag as sold
 * (`order_lines.special_order`: what the customer was shown binds, whatever the product's flag
 * becomes later). When such an order is not collected after the registered letter's period, it
 * is not cancelled with the deposit kept: the customer stays liable for the whole price and the
 * storage costs staff document (`storage_costs`, written by the orders capability,
 * src/orders/special-orders.ts). Those costs are invoiced on an invoice of their own, kind
 * `storage_costs`, in the shop's one series: the order keeps one invoice of kind `invoice`.
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table products add column special_order boolean not null default false;
    alter table order_lines add column special_order boolean not null default false;
    create table storage_costs (
      shop_id text not null references shops (id),
      id uuid not null,
      order_id uuid not null,
      description text not null,
      amount_excl_vat_cents integer not null check (amount_excl_vat_cents > 0),
      vat_rate_bp integer not null check (vat_rate_bp between 0 and 10000),
      gross_cents integer not null check (gross_cents > 0),
      document text,
      recorded_by text not null,
      recorded_at timestamptz not null,
      invoice_id uuid,
      primary key (shop_id, id),
      foreign key (shop_id, order_id) references orders (shop_id, id),
      foreign key (shop_id, invoice_id) references invoices (shop_id, id)
    );
    create index storage_costs_order on storage_costs (shop_id, order_id);
    alter table invoices drop constraint invoices_kind_check;
    alter table invoices add constraint invoices_kind_check check (kind in ('invoice', 'storage_costs'));
    alter table invoices drop constraint invoices_shop_id_order_id_key;
    create unique index invoices_one_per_order on invoices (shop_id, order_id) where kind = 'invoice';
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    drop table storage_costs;
    delete from invoices where kind = 'storage_costs';
    drop index invoices_one_per_order;
    alter table invoices add constraint invoices_shop_id_order_id_key unique (shop_id, order_id);
    alter table invoices drop constraint invoices_kind_check;
    alter table invoices add constraint invoices_kind_check check (kind in ('invoice'));
    alter table order_lines drop column special_order;
    alter table products drop column special_order;
  `,
  );
}
