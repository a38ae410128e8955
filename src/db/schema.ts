/**
 * Table types for Kysely, one interface per table, kept in step with src/db/migrations by hand
 * (src/db/migrate.test.ts runs the migrations up and down on a real database).
 * Every table holding shop data leads with `shop_id` (DESIGN.md §9).
 */
import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';
import type { Json, Timestamp } from './column-types.ts';
import type {
  BankEntriesTable,
  CardCheckoutsTable,
  CustomerCreditsTable,
  InvoiceCountersTable,
  InvoiceRequestsTable,
  InvoicesTable,
  OrderPaymentsTable,
  RefundsTable,
  StatementImportsTable,
  StripeEventsTable,
} from './schema-money.ts';
import type {
  ComplaintsTable,
  RegisteredLettersTable,
  WarrantyClaimPhotosTable,
  WarrantyClaimsTable,
  WithdrawalDepreciationPhotosTable,
  WithdrawalsTable,
} from './schema-aftersale.ts';
import type { AccountTables, CustomersTable, StaffTable } from './schema-accounts.ts';
import type { LifecycleTables } from './schema-lifecycle.ts';
import type { DeliveryTables } from './schema-delivery.ts';
import type { CampaignTables } from './schema-campaigns.ts';
import type { RoundsTables } from './schema-rounds.ts';
import type { CreditNoteTables } from './schema-credit-notes.ts';
import type { LateDeliveryTables } from './schema-late-delivery.ts';
import type { SpecialOrderTables } from './schema-special-orders.ts';

export type * from './column-types.ts';
export type * from './schema-accounts.ts';
export type * from './schema-money.ts';
export type * from './schema-aftersale.ts';
export type * from './schema-credit-notes.ts';
export type * from './schema-late-delivery.ts';
export type * from './schema-rounds.ts';
export type * from './schema-campaigns.ts';
export type * from './schema-delivery.ts';
export type * from './schema-lifecycle.ts';

export type LocalizedText = { fr: string; en?: string; nl?: string };

export interface ShopsTable {
  id: string; // the slug: short, stable, in every URL and every row of the shop
  name: string;
  legal_system: 'FR' | 'BE';
  time_zone: string;
  language: 'fr' | 'en' | 'nl';
  profile: Json<unknown>;
  profile_sha256: string;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface ProductsTable {
  shop_id: string;
  id: Generated<string>;
  sku: string;
  name: Json<LocalizedText>;
  description: Json<LocalizedText>;
  unit_price_cents: number;
  vat_rate_bp: number;
  stock: number;
  max_per_order: number | null;
  withdrawable: boolean;
  withdrawal_exception: string | null;
  regulated: boolean;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  unit: Generated<'unit' | 'metre' | 'kilogram'>;
  condition: Generated<'new' | 'second_hand'>;
  images: ColumnType<string[], string | undefined, string>;
  is_bundle: Generated<boolean>;
  /** SKU and names in every language, unaccented, lower case: what the catalogue search matches (0009). */
  search_text: GeneratedAlways<string>;
  /** Who the shop buys it from, and in cases of how many (0018; supplier orders at a campaign's closing). */
  supplier_name: ColumnType<string | null, string | null | undefined, string | null>;
  supplier_email: ColumnType<string | null, string | null | undefined, string | null>;
  case_size: ColumnType<number | null, number | null | undefined, number | null>;
  /** Sold only inside a campaign's open window (0018; set when a campaign takes it in). */
  campaign_only: Generated<boolean>;
  /** Ordered specially for the customer (0022, 003 art.7.2): not collected, its whole price stays due. */
  special_order: Generated<boolean>;
  /** Goods, or a service covering `service_days` days: the coverage its pro rata is measured against (0024, L221-25). */
  kind: Generated<'goods' | 'service'>;
  service_days: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface ProductPartsTable {
  shop_id: string;
  bundle_id: string;
  part_id: string;
  quantity: number;
}

export interface TermsVersionsTable {
  shop_id: string;
  id: Generated<string>;
  kind: string;
  version: string;
  title: string;
  language: string;
  body: string;
  sha256: string;
  effective_from: string; // YYYY-MM-DD
  effective_until: string | null;
  published_at: Timestamp;
}

export interface TermsNoticesTable {
  shop_id: string;
  terms_version_id: string;
  customer_id: string;
  notified_at: Timestamp;
}

export interface CartsTable {
  shop_id: string;
  id: Generated<string>;
  customer_id: string | null;
  guest_token_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CartLinesTable {
  shop_id: string;
  cart_id: string;
  product_id: string;
  quantity: number;
  added_at: Timestamp;
}

export type AcceptedTermsJson = { kind: string; version: string; sha256: string }[];

export interface OrdersTable {
  shop_id: string;
  id: Generated<string>;
  number: string;
  customer_id: string;
  customer_kind: 'consumer' | 'non_professional' | 'professional';
  status: string;
  placed_at: Timestamp;
  net_cents: number;
  vat_cents: number;
  gross_cents: number;
  shipping_cents: number;
  fees_cents: number;
  delivery: Json<Record<string, unknown>>;
  payment_method: string;
  payment_status: string;
  accepted_terms: Json<AcceptedTermsJson>;
  payment_reference: ColumnType<string | null, string | null | undefined, string | null>;
  /** `YYYY-MM-DD`: the last day to pay before the order is cancelled (profile `paymentWindow`). */
  payment_due_on: ColumnType<string | null, string | null | undefined, string | null>;
  payment_reminded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The share paid in advance, and what it means on cancellation (C. consom. L214-1). */
  deposit_cents: ColumnType<number | null, number | null | undefined, number | null>;
  deposit_kind: ColumnType<'acompte' | 'arrhes' | null, 'acompte' | 'arrhes' | null | undefined, 'acompte' | 'arrhes' | null>;
  /** `YYYY-MM-DD`: when the balance after the deposit is due, once known (delivery, or N days after). */
  balance_due_on: ColumnType<string | null, string | null | undefined, string | null>;
  /** `YYYY-MM-DD`: off-premises consumer contract, no payment before this day (L221-10). */
  payment_not_before: ColumnType<string | null, string | null | undefined, string | null>;
  /** What placing the order took from stock, per product (bundles: their parts), given back exactly on cancellation. */
  stock_taken: ColumnType<StockTakenJson | null, string | null | undefined, string | null>;
  /** The hash and count of the order's evidence chain, set in each append's transaction: a missing last event shows. */
  evidence_head: ColumnType<string | null, string | null | undefined, string | null>;
  evidence_count: ColumnType<number, number | undefined, number>;
  /** When the consumer expressly asked a service to start during the withdrawal period (0024, L221-25); null: not asked. */
  service_start_requested_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** `YYYY-MM-DD`: the day performance started, recorded by staff; null: the day of conclusion. */
  service_started_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export type StockTakenJson = { productId: string; quantity: number }[];

export interface OrderLinesTable {
  shop_id: string;
  order_id: string;
  line_no: number;
  product_id: string;
  sku: string;
  name: string;
  quantity: number;
  unit_price_cents: number;
  vat_rate_bp: number;
  total_cents: number;
  withdrawable: boolean;
  withdrawal_exception: string | null;
  /** A service's coverage in days as sold (0024); null for goods. */
  service_days: ColumnType<number | null, number | null | undefined, number | null>;
  /** The product was a special order when sold (0022, 003 art.7.2): what the customer was shown binds, not the product's flag today. */
  special_order: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface OrderEventsTable {
  shop_id: string;
  order_id: string;
  seq: number;
  type: string;
  /** When the fact happened (may be in the past: a letter received last Tuesday). */
  at: Timestamp;
  /** When the platform recorded it. */
  recorded_at: Timestamp;
  actor: string;
  data: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

/** The log of legal purges (comptoir_legal_purge, migration 0007); append-only. */
export interface EvidencePurgesTable {
  id: Generated<number>;
  shop_id: string;
  order_id: string;
  order_number: string;
  reason: string;
  events_deleted: number;
  invoices_deleted: number;
  purged_by: Generated<string>;
  purged_at: Generated<Date>;
  transaction_id: Generated<string>;
}

export interface OutboxTable {
  shop_id: string | null;
  id: Generated<string>;
  to_address: string;
  subject: string | null; // null for a template row: rendered at send time
  text_body: string | null;
  html_body: string | null;
  template: Generated<string>; // 'text', or the template rendering the row at send time (issue 9)
  payload: ColumnType<Record<string, unknown>, string | undefined, string>; // the template's data, or { attachments: references }
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  next_attempt_at: ColumnType<Date | null, Date | null | undefined, Date | null>; // retry backoff; null = due now
  locked_until: ColumnType<Date | null, Date | null | undefined, Date | null>; // the sending worker's lease
}

/** An attachment as sent (the durable medium of L221-13), content in base64; rendered at send time. */
export type EmailAttachment = { filename: string; contentType: string; contentBase64: string };

export interface IdempotencyKeysTable {
  scope: string; // shop and actor: one client's key never answers another's request
  key: string;
  request_sha256: string;
  status_code: number; // 0 while unanswered
  response_body: string;
  created_at: Generated<Date>;
  claim_id: string | null; // the request holding the unanswered key
  locked_until: ColumnType<Date | null, Date | null | undefined, Date | null>; // its lease (platform time); null once the answer is final
}


export interface PlatformClockTable {
  id: number;
  now: Timestamp;
}

/** Later capabilities declare their tables in their own schema-*.ts, joined here. */
export interface DB extends AccountTables, LifecycleTables, DeliveryTables, CampaignTables, RoundsTables, CreditNoteTables, LateDeliveryTables, SpecialOrderTables {
  shops: ShopsTable;
  products: ProductsTable;
  outbox: OutboxTable;
  idempotency_keys: IdempotencyKeysTable;
  platform_clock: PlatformClockTable;
  product_parts: ProductPartsTable;
  terms_versions: TermsVersionsTable;
  terms_notices: TermsNoticesTable;
  carts: CartsTable;
  cart_lines: CartLinesTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  order_events: OrderEventsTable;
  evidence_purges: EvidencePurgesTable;
  bank_entries: BankEntriesTable;
  order_payments: OrderPaymentsTable;
  card_checkouts: CardCheckoutsTable;
  stripe_events: StripeEventsTable;
  refunds: RefundsTable;
  customer_credits: CustomerCreditsTable;
  statement_imports: StatementImportsTable;
  invoice_counters: InvoiceCountersTable;
  invoice_requests: InvoiceRequestsTable;
  invoices: InvoicesTable;
  withdrawals: WithdrawalsTable;
  complaints: ComplaintsTable;
  registered_letters: RegisteredLettersTable;
  warranty_claims: WarrantyClaimsTable;
  warranty_claim_photos: WarrantyClaimPhotosTable;
  withdrawal_depreciation_photos: WithdrawalDepreciationPhotosTable;
}


export type ShopRow = Selectable<ShopsTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type StaffRow = Selectable<StaffTable>;
export type ProductRow = Selectable<ProductsTable>;
export type ProductUpdate = Updateable<ProductsTable>;
