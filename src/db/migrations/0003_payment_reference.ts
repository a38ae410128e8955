/**
 * Each order paid by bank transfer carries the structured reference the customer must quote
 * (BE: OGM +++ddd/dddd/ddddd+++, FR: ISO 11649 RF), unique per shop so a credit on a bank
 * statement identifies exactly one order (LEGAL.md §A10).
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `alter table orders add column payment_reference text;
    create unique index orders_payment_reference on orders (shop_id, payment_reference) where payment_reference is not null`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `drop index orders_payment_reference;
    alter table orders drop column payment_reference`);
}
