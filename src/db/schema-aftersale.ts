/**
 * Tables of the after-sale capability (issue 10): withdrawals and their depreciation photos,
 * complaints and registered letters, legal-warranty claims and their photos. Kept apart from
 * schema.ts so each file stays readable; schema.ts re-exports them and lists them in `DB`.
 */
import type { ColumnType, Generated } from 'kysely';
import type { AddressJson, Json, Timestamp } from './column-types.ts';

/** A consumer's withdrawal (C13, migration 0012), written by the after-sale capability. */
export interface WithdrawalsTable {
  shop_id: string;
  id: string;
  order_id: string;
  channel: 'online_form' | 'letter' | 'email';
  /** `YYYY-MM-DD` dates, in the shop's zone: sent by the consumer, received by the shop. */
  notified_on: string;
  notified_at: Date | null;
  received_on: string;
  period_starts_on: string | null;
  period_ends_on: string | null;
  on_time: boolean;
  statement: Json<WithdrawalStatementJson>;
  whole_order: boolean;
  due_cents: number;
  goods_received_on: string | null;
  proof_of_shipment_on: string | null;
  refunded_on: string | null;
  refunded_cents: number | null;
  /** Staff's assessed depreciation of goods returned damaged (0015), already taken off `due_cents`; its reason. */
  depreciation_cents: Generated<number>;
  depreciation_reason: string | null;
  /** The last staff alert sent before the refund falls due (10, then 3 days before). */
  alerted_days_before: number | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

/** A complaint, reserve, invoice dispute or goodwill return request (issue 10 §5–§6, migration 0014). */
export interface ComplaintsTable {
  shop_id: string;
  id: string;
  order_id: string;
  kind: 'transport_reserve' | 'non_consumer_conformity' | 'invoice_dispute' | 'goodwill_return_request';
  customer_kind: string;
  /** `YYYY-MM-DD` in the shop's zone: made (sent or filed) by the customer, received by the shop. */
  made_on: string;
  received_on: string;
  window_starts_on: string | null;
  window_ends_on: string | null;
  contractual_ends_at: Date | null;
  on_time: boolean;
  binding: boolean;
  status: 'open' | 'accepted' | 'refused' | 'closed';
  note: string | null;
  returned_cents: number | null;
  compensating_order_cents: number | null;
  abatement_cents: number | null;
  credit_cents: number | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

/** A registered letter sent or received about an order or a complaint (migration 0014). */
export interface RegisteredLettersTable {
  shop_id: string;
  id: string;
  direction: 'in' | 'out';
  complaint_id: string | null;
  order_id: string;
  sent_on: string;
  presented_on: string | null;
  received_on: string | null;
  tracking_number: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

/** What the consumer stated, frozen when confirmed: who, which order, which lines and how many. */
export type WithdrawalStatementJson = {
  customer: { name: string; email: string; address: AddressJson | null };
  order: { number: string; placedAt: string };
  lines: { lineNo: number; sku: string; name: string; quantity: number; unitPriceCents: number; service?: WithdrawnServiceJson }[];
};

/**
 * A withdrawn service line (issue 10 §2, L221-25): the request to start, the days supplied until
 * the withdrawal was sent out of the days sold, and what the consumer owes for them.
 */
export type WithdrawnServiceJson = { serviceDays: number; requestedAt: string | null; startedOn: string; suppliedDays: number; owedCents: number };

/** The photos of a depreciation staff assessed on returned goods (at most 3, migration 0015). */
export interface WithdrawalDepreciationPhotosTable {
  shop_id: string;
  withdrawal_id: string;
  photo_no: number;
  content_type: 'image/jpeg' | 'image/png' | 'image/webp';
  bytes: Uint8Array;
}

/** A consumer's legal-warranty claim (C14, migration 0013), written by the after-sale capability. */
export interface WarrantyClaimsTable {
  shop_id: string;
  id: string;
  order_id: string;
  kind: 'conformity' | 'hidden_defect';
  /** `YYYY-MM-DD` dates, in the shop's zone. */
  opened_on: string;
  delivered_on: string;
  discovered_on: string | null;
  warranty_ends_on: string;
  presumption_ends_on: string | null;
  presumption: boolean;
  description: string;
  lines: Json<{ lineNo: number; sku: string; name: string; quantity: number }[]>;
  remedy: 'repair' | 'replacement' | 'price_reduction' | 'refund' | 'declined' | null;
  decided_on: string | null;
  /** The sum a price reduction or a refund gives back, all taxes included (migration 0020); null: the claimed lines in full. */
  decision_amount_cents: ColumnType<number | null, number | null | undefined, number | null>;
  decision_note: string | null;
  refund_due_on: string | null;
  opened_by: string;
  opened_at: Timestamp;
}

/** The photos sent with a claim (at most 3, JPEG/PNG/WebP by their first bytes). */
export interface WarrantyClaimPhotosTable {
  shop_id: string;
  claim_id: string;
  photo_no: number;
  content_type: 'image/jpeg' | 'image/png' | 'image/webp';
  bytes: Buffer;
}
