/**
 * Table types for issue 12: group-purchase campaigns, their products and promises, the supplier
 * orders sent at closing (migration 0018); joined into `DB` by src/db/schema.ts. Written by the
 * campaigns capability (src/campaigns/).
 */
import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from './column-types.ts';

/**
 * A delivery promise by order day (001 online §3.1, CG §4): orders submitted from `orderedFrom`
 * to `orderedUntil` (days in the shop's zone, inclusive, either open) are delivered from
 * `deliveryFrom` (optional) and at the latest on `deliveryLatestOn`.
 */
export type PromiseJson = { orderedFrom?: string; orderedUntil?: string; deliveryFrom?: string; deliveryLatestOn: string };

export interface CampaignsTable {
  shop_id: string;
  id: string;
  title: string;
  opens_at: Timestamp;
  closes_at: Timestamp;
  /** All the campaign's products together, when the campaign needs it to go ahead. */
  minimum_quantity: number | null;
  promises: Json<PromiseJson[]>;
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Known once closed: false when a minimum was not reached and its orders were cancelled. */
  minimum_reached: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  cloned_from: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface CampaignProductsTable {
  shop_id: string;
  campaign_id: string;
  product_id: string;
  cap: number | null;
  minimum_quantity: number | null;
  /** Units ordered within the campaign and not given back by a cancellation. */
  taken: Generated<number>;
}

export interface CampaignDocumentsTable {
  shop_id: string;
  id: string;
  campaign_id: string;
  kind: 'supplier_order';
  supplier: string;
  format: 'csv' | 'pdf';
  filename: string;
  content: Buffer;
  sha256: string;
  created_at: Timestamp;
}

export interface CampaignTables {
  campaigns: CampaignsTable;
  campaign_products: CampaignProductsTable;
  campaign_documents: CampaignDocumentsTable;
}
