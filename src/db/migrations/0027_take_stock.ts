/**
 * An order's stock taken by one statement (issue 9): the guarded decrement of each product, in the
 * order given (product id order: every order locks its products in that order, so two never
 * deadlock), stopping at the first product short of stock. It was one round trip per product,
 * each adding to the time the order's earlier products stayed locked.
 *
 * Returns 0 when every product's stock was taken, else the 1-based position of the first one
 * short; the caller then rolls back, which gives back what was taken before it.
 */
import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
create function comptoir_take_stock(p_shop text, p_ids uuid[], p_quantities integer[]) returns integer language plpgsql as $$
begin
  for i in 1 .. coalesce(array_length(p_ids, 1), 0) loop
    update products set stock = stock - p_quantities[i] where shop_id = p_shop and id = p_ids[i] and stock >= p_quantities[i];
    if not found then
      return i;
    end if;
  end loop;
  return 0;
end $$;
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, 'drop function comptoir_take_stock(text, uuid[], integer[]);');
}
