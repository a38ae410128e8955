/** Table types for issue 12: pickup points and slots (migration 0017); joined into `DB` by src/db/schema.ts. */
import type { ColumnType, Generated } from 'kysely';

type PointAddress = { line1: string; postalCode: string; city: string };

/** A pickup point of a shop's profile, by its id there (001 CG §4: a distribution centre). */
export interface PickupPointsTable {
  shop_id: string;
  id: string;
  name: string;
  commune: string;
  address: ColumnType<PointAddress | null, string | null, string | null>;
}

/** One slot of a point: its times, how many orders it holds and how many it has taken. */
export interface PickupSlotsTable {
  shop_id: string;
  id: string;
  point_id: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  taken: Generated<number>;
  closed_at: Date | null;
  closed_reason: string | null;
}

export interface DeliveryTables {
  pickup_points: PickupPointsTable;
  pickup_slots: PickupSlotsTable;
}
