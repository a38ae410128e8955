/**
 * The sum of an order's payments as a column of a query on `orders` (`paid_cents`): read by
 * orders (the order as API.md shows it), checkout (the order just placed with a credit) and
 * payments (statement matching). Defined beside the table types, so that no capability imports
 * another for a read; payments alone writes `order_payments`.
 */
import type { ExpressionBuilder } from 'kysely';
import type { DB } from './schema.ts';

/** `paid_cents`: a string or a number depending on the driver, so read it with `Number`. */
export const paidCentsColumn = (eb: ExpressionBuilder<DB, 'orders'>) =>
  eb
    .selectFrom('order_payments')
    .select((p) => p.fn.coalesce(p.fn.sum<number>('amount_cents'), p.lit(0)).as('paid'))
    .whereRef('order_payments.shop_id', '=', 'orders.shop_id')
    .whereRef('order_payments.order_id', '=', 'orders.id')
    .as('paid_cents');
