/** Table types for issue 11 §6 (special orders not collected: storage costs); joined into `DB` by src/db/schema.ts. */
import type { Timestamp } from './column-types.ts';

/** Storage costs staff document on a special order left at the depot (003 art.7.2 "frais supplémentaires"). */
export interface StorageCostsTable {
  shop_id: string;
  id: string;
  order_id: string;
  description: string;
  amount_excl_vat_cents: number;
  vat_rate_bp: number;
  /** Incl. VAT, half-up: the invoice line's total. */
  gross_cents: number;
  /** A justification: the rate applied, the invoice of the warehouse, … */
  document: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
  /** The `storage_costs` invoice that bills it; null until the order is settled. */
  invoice_id: string | null;
}

export interface SpecialOrderTables {
  storage_costs: StorageCostsTable;
}
