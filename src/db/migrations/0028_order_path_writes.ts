/**
 * Two costs the database paid on every order (issue 9, measured with the checkout bench):
 *
 * - Taking stock rewrote the product row elsewhere when its page was full: 8–17 % of the bench's
 *   stock updates were not HOT (heap-only), so each of them also inserted into every index of
 *   `products`, the trigram index of the search among them. Pages now keep a fifth free for the new row versions (fillfactor 80),
 *   so a stock update stays on its page and touches no index (stock is in none). The setting
 *   applies to pages written from now on; `VACUUM FULL products` applies it to an existing table.
 * - `comptoir_next_order_serial` caught "no such sequence" around its `nextval`, and a plpgsql
 *   block with an exception handler opens a subtransaction on every call. The handler now guards
 *   only the creation of the year's sequence, once per shop and year.
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';
import { ORDER_SERIAL_FUNCTION } from './0025_order_serial_sequences.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
alter table products set (fillfactor = 80);

create or replace function comptoir_next_order_serial(p_shop text, p_year integer) returns integer language plpgsql as $$
declare
  -- A name of fixed length whatever the shop's slug.
  series text := format('order_serial_%s_%s', md5(p_shop), p_year);
begin
  if to_regclass(series) is null then
    begin
      execute format('create sequence %I as integer', series);
      perform setval(series::regclass, c.last) from order_counters c where c.shop_id = p_shop and c.year = p_year and c.last > 0;
    exception when duplicate_table or unique_violation then
      null; -- made meanwhile by the shop's other first order of the year, now committed
    end;
  end if;
  return nextval(series::regclass);
end $$`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `alter table products reset (fillfactor);\n${ORDER_SERIAL_FUNCTION}`);
}
