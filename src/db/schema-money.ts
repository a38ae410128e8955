/**
 * Table types of the money side (issue 4): bank statements and their entries, payments, card
 * checkouts and Stripe events, refunds, customer credit, statement imports and invoices. Kept in
 * step with src/db/migrations by hand, like src/db/schema.ts, which gathers them into `DB`.
 */
import type { ColumnType, Generated } from 'kysely';
import type { AddressJson, Json, Timestamp } from './column-types.ts';

/** A bank-statement entry as imported; `external_id` is the bank's id, made unique per account. */
export interface BankEntriesTable {
  shop_id: string;
  external_id: string;
  statement_id: string;
  /** `YYYY-MM-DD` (date columns come back as strings, src/db/connect.ts). */
  booking_date: string | null;
  amount_cents: number;
  credit_debit: 'CRDT' | 'DBIT';
  reference: string | null;
  reference_status: 'found' | 'invalid' | 'none';
  debtor_name: string | null;
  unstructured: string;
  order_id: string | null;
  status: 'matched' | 'unmatched' | 'ignored';
  imported_at: Timestamp;
  /** A stable id for URLs (the bank's id may contain anything). */
  id: Generated<string>;
  /** `Refs/EndToEndId`: on a debit, the id of our own pain.001 refund. */
  end_to_end_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The payer's IBAN on a credit (`RltdPties/DbtrAcct`): where a transfer refund goes back to. */
  debtor_iban: ColumnType<string | null, string | null | undefined, string | null>;
  matched_by: ColumnType<string | null, string | null | undefined, string | null>;
  matched_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface OrderPaymentsTable {
  shop_id: string;
  id: Generated<string>;
  order_id: string;
  method: Generated<string>;
  bank_entry_external_id: string | null;
  amount_cents: number;
  /** `YYYY-MM-DD`. */
  received_on: string;
  recorded_at: Timestamp;
  /** The provider's id of the payment (Stripe PaymentIntent): one payment per intent. */
  provider_ref: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CardCheckoutsTable {
  session_id: string;
  shop_id: string;
  order_id: string;
  payment_intent_id: string | null;
  capture: 'automatic' | 'manual';
  status: 'open' | 'authorized' | 'captured' | 'expired' | 'canceled';
  amount_cents: number;
  url: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StripeEventsTable {
  event_id: string;
  type: string;
  created_at: Timestamp;
  received_at: Timestamp;
  shop_id: string | null;
  order_id: string | null;
  outcome: string;
}

export interface RefundsTable {
  shop_id: string;
  id: Generated<string>;
  order_id: string;
  method: 'card' | 'bank_transfer';
  amount_cents: number;
  status: 'pending' | 'exported' | 'confirmed' | 'succeeded' | 'failed';
  reason: string;
  /** Refunding a customer credit (an overpayment) rather than the order's price. */
  from_credit: Generated<boolean>;
  creditor_name: string | null;
  creditor_iban: string | null;
  end_to_end_id: string | null;
  provider_ref: string | null;
  /** The pain.001 `MsgId` the refund was exported in. */
  payment_file_id: string | null;
  bank_entry_external_id: string | null;
  requested_by: string;
  requested_at: Timestamp;
  exported_at: Date | null;
  confirmed_at: Date | null;
}

export interface CustomerCreditsTable {
  shop_id: string;
  id: Generated<string>;
  customer_id: string;
  /** Positive: credit gained (overpayment); negative: used on an order or refunded. */
  amount_cents: number;
  kind: 'overpayment' | 'applied' | 'refunded';
  order_id: string | null;
  refund_id: string | null;
  created_at: Timestamp;
}

export interface StatementImportsTable {
  shop_id: string;
  id: Generated<string>;
  filename: string;
  /** The file as received: an acknowledged upload survives a restart. */
  document: Uint8Array;
  status: 'running' | 'done' | 'failed';
  total_entries: Generated<number>;
  processed_entries: Generated<number>;
  matched: Generated<number>;
  unmatched: Generated<number>;
  duplicates: Generated<number>;
  ignored: Generated<number>;
  error_code: string | null;
  actor: string;
  started_at: Timestamp;
  finished_at: Date | null;
}

export interface InvoiceCountersTable {
  shop_id: string;
  year: number;
  /** The last number issued in the shop's series for that calendar year. */
  last: number;
}

/**
 * An invoice issued at placement, waiting for its number (migration 0026): written by the order's
 * transaction, numbered into `invoices` right after its commit with the other orders committed
 * meanwhile.
 */
export type InvoiceRequestsTable = Omit<InvoicesTable, 'id' | 'number' | 'kind'>;

export interface InvoicesTable {
  shop_id: string;
  id: Generated<string>;
  /** `F-2026-000001`: unique per shop, consecutive per calendar year (src/invoicing/rules.ts). */
  number: string;
  order_id: string;
  /** The order's invoice (one), or the storage costs of a special order not collected (0022). */
  kind: 'invoice' | 'storage_costs';
  /** `YYYY-MM-DD`, shop-local. */
  issued_on: string;
  due_on: string | null;
  /** Snapshots taken at issue: a later change of the profile or the customer leaves the invoice as issued. */
  seller: Json<InvoiceParty>;
  buyer: Json<InvoiceParty>;
  lines: Json<InvoiceLineJson[]>;
  totals: Json<InvoiceTotalsJson>;
  created_at: Timestamp;
}

export type InvoiceParty = {
  name: string;
  company?: string;
  legalForm?: string;
  address?: AddressJson;
  registrationNumber?: string;
  vatNumber?: string;
};
export type InvoiceLineJson = { sku: string; name: string; quantity: number; unitPriceCents: number; vatRateBp: number; totalCents: number };
export type InvoiceTotalsJson = {
  netCents: number;
  vatCents: number;
  grossCents: number;
  byRate: { rateBp: number; netCents: number; vatCents: number; grossCents: number }[];
};
