/** Table types for issue 12: volunteer rounds and run sheets (migration 0019); joined into `DB` by src/db/schema.ts. */
import type { Timestamp } from './column-types.ts';

/** A volunteer round: one zone, one day, one volunteer, one run-sheet link (its hash only). */
export interface VolunteerRoundsTable {
  shop_id: string;
  id: string;
  name: string;
  /** The commune (or zone) the round serves. */
  zone: string;
  /** `YYYY-MM-DD`, the round's day in the shop's zone. */
  round_on: string;
  volunteer_name: string | null;
  volunteer_phone: string | null;
  volunteer_email: string | null;
  /** SHA-256 (hex) of the run sheet's link token; null before a link is made. */
  sheet_token_hash: string | null;
  sheet_expires_at: Date | null;
  created_by: string;
  created_at: Timestamp;
}

/** A stop of a round: one order, its place in the round, what the volunteer sees and records. */
export interface RoundStopsTable {
  shop_id: string;
  round_id: string;
  order_id: string;
  position: number;
  phone: string | null;
  door_notes: string | null;
  outcome: 'delivered' | 'absent' | null;
  outcome_at: Date | null;
  outcome_note: string | null;
}

export interface RoundsTables {
  volunteer_rounds: VolunteerRoundsTable;
  round_stops: RoundStopsTable;
}
