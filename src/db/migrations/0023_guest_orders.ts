/**
 * Issue 10 §1: guest checkout. A guest is a customer row with `guest = true` and no password
 * (`password_hash = '!'`, which no argon2 verification accepts, as a locked /etc/shadow entry);
 * each guest checkout writes its own row, so a guest row holds the orders of that one checkout
 * and an e-mail address typed by someone else never opens them. Only members' e-mails are unique
 * (a guest may register later with the same address, or order again as a guest); sign-in and
 * password reset look members up only (src/accounts/queries.ts). Orders keep referring to
 * `customers`: evidence, invoices and e-mails work as for members.
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table customers add column guest boolean not null default false;
    alter table customers add constraint customers_guest_no_password check (not guest or password_hash = '!');
    drop index customers_email;
    create unique index customers_email on customers (shop_id, lower(email)) where not guest;
    create index customers_guest_email on customers (shop_id, lower(email)) where guest;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    delete from customers where guest and not exists (select 1 from orders o where o.shop_id = customers.shop_id and o.customer_id = customers.id);
    drop index customers_guest_email;
    drop index customers_email;
    create unique index customers_email on customers (shop_id, lower(email));
    alter table customers drop constraint customers_guest_no_password;
    alter table customers drop column guest;
  `,
  );
}
