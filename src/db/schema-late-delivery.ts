/** Table types for issue 11 §5 (force majeure periods); joined into `DB` by src/db/schema.ts. */
import type { ColumnType } from 'kysely';
import type { Timestamp } from './column-types.ts';

/** A period of force majeure on a shop (`order_id` null) or on one order; open while `ends_on` is null. */
export interface ForceMajeurePeriodsTable {
  shop_id: string;
  id: string;
  order_id: string | null;
  /** One of the profile's agreed events, or `other` (C. civ. 1218 as staff assess it). */
  cause: string;
  /** `YYYY-MM-DD` in the shop's zone, both ends included. */
  starts_on: string;
  ends_on: ColumnType<string | null, string | null | undefined, string | null>;
  note: string | null;
  declared_by: string;
  declared_at: Timestamp;
}

export interface LateDeliveryTables {
  force_majeure_periods: ForceMajeurePeriodsTable;
}
