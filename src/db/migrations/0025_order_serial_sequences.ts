/**
 * Order numbers from sequences (issue 9): each shop's series per calendar year (issue 11 §9) was a
 * row of `order_counters`, locked by each order from its number to its commit, so a shop's orders
 * queued on one another for their last writes and their commit. A sequence gives numbers without
 * a lock; an order rolled back after taking its number leaves a gap in the order numbers (never in
 * invoice numbers, which stay gapless: LEGAL.md §A8), and placement takes its number only once
 * nothing but a failure of the database itself can refuse the order.
 *
 * `comptoir_next_order_serial(shop, year)` takes the next number of the shop's series for the
 * year; the series' sequence is made by the shop's first order of that year, starting after what
 * `order_counters` gave out before this migration (kept as it was, no longer written).
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

/** The function as this migration made it (0028 gives it back when it is undone). */
export const ORDER_SERIAL_FUNCTION = `
create or replace function comptoir_next_order_serial(p_shop text, p_year integer) returns integer language plpgsql as $$
declare
  -- A name of fixed length whatever the shop's slug.
  series text := format('order_serial_%s_%s', md5(p_shop), p_year);
begin
  return nextval(series::regclass);
exception when undefined_table then
  begin
    execute format('create sequence %I as integer', series);
    perform setval(series::regclass, c.last) from order_counters c where c.shop_id = p_shop and c.year = p_year and c.last > 0;
  exception when duplicate_table or unique_violation then
    null; -- made meanwhile by the shop's other first order of the year, now committed
  end;
  return nextval(series::regclass);
end $$`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, ORDER_SERIAL_FUNCTION);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `drop function comptoir_next_order_serial(text, integer);
    do $$ declare s record; begin
      for s in select sequence_name from information_schema.sequences where sequence_schema = current_schema() and sequence_name like 'order\\_serial\\_%' loop
        execute format('drop sequence %I', s.sequence_name);
      end loop;
    end $$`,
  );
}
