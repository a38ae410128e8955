/**
 * Issue 10 §2, SPEC R000-16: services sold like products. A product is `goods` or a `service`
 * covering `service_days` days (a yearly subscription: 365), the coverage the pro rata of
 * L221-25 / VI.51 §3 is measured against; an order line keeps the days it was sold with. The order
 * records when the consumer expressly asked for performance to start during the withdrawal period
 * (L221-25 al. 1; its evidence log holds the same instant) and, when staff record it, the day
 * performance actually started (else the day of conclusion).
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table products add column kind text not null default 'goods';
    alter table products add column service_days integer;
    alter table products add constraint products_kind check (kind in ('goods', 'service'));
    alter table products add constraint products_service_days check (
      (kind = 'service' and service_days between 1 and 3660) or (kind = 'goods' and service_days is null)
    );
    alter table order_lines add column service_days integer;
    alter table order_lines add constraint order_lines_service_days check (service_days is null or service_days >= 1);
    alter table orders add column service_start_requested_at timestamptz;
    alter table orders add column service_started_on date;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table orders drop column service_started_on;
    alter table orders drop column service_start_requested_at;
    alter table order_lines drop constraint order_lines_service_days;
    alter table order_lines drop column service_days;
    alter table products drop constraint products_service_days;
    alter table products drop constraint products_kind;
    alter table products drop column service_days;
    alter table products drop column kind;
  `,
  );
}
