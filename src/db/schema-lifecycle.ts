/** Table types for issue 11: order lifecycle (per-shop order counters, payment disputes); joined into `DB` by src/db/schema.ts. */
import type { ColumnType } from 'kysely';
import type { Timestamp } from './column-types.ts';

/** Each shop's order numbers, per calendar year (issue 11 §9). */
export interface OrderCountersTable {
  shop_id: string;
  year: number;
  /** The last serial given in that shop's series for that year. */
  last: number;
}

/** A payment dispute on an order, open until settled (004 art.2, 003 art.2.6). */
export interface PaymentDisputesTable {
  shop_id: string;
  order_id: string;
  customer_id: string;
  opened_at: Timestamp;
  opened_by: string;
  note: ColumnType<string | null, string | null | undefined, string | null>;
  settled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  settled_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface LifecycleTables {
  order_counters: OrderCountersTable;
  payment_disputes: PaymentDisputesTable;
}
