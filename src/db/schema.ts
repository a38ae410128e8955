/**
 * Table types for Kysely, one interface per table, kept in step with src/db/migrations by hand
 * (src/db/migrate.test.ts runs the migrations up and down on a real database).
 * Every table holding shop data leads with `shop_id` (DESIGN.md §9).
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type AddressJson = { line1: string; postalCode: string; city: string; country: string };
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

export interface OperatorsTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  created_at: Generated<Date>;
}

export interface StaffTable {
  shop_id: string;
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  role: 'manager' | 'clerk';
  created_at: Generated<Date>;
}

export interface CustomersTable {
  shop_id: string;
  id: Generated<string>;
  kind: 'consumer' | 'non_professional' | 'professional';
  email: string;
  password_hash: string;
  first_name: string;
  last_name: string;
  company_name: string | null;
  siret: string | null;
  vat_number: string | null;
  address: Json<AddressJson>;
  language: 'fr' | 'en' | 'nl';
  created_at: Generated<Date>;
}

export type ActorKind = 'customer' | 'staff' | 'operator';

export interface SessionsTable {
  id_hash: string; // sha256 of the cookie value: a stolen database does not yield live sessions
  shop_id: string | null;
  actor_kind: ActorKind;
  actor_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  user_agent: string | null;
}

export interface ApiTokensTable {
  token_hash: string;
  shop_id: string | null; // null: operator token for every shop
  actor_kind: ActorKind;
  actor_id: string;
  label: string;
  created_at: Generated<Date>;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface PasswordResetsTable {
  token_hash: string;
  shop_id: string;
  customer_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface LoginFailuresTable {
  id: Generated<string>;
  shop_id: string;
  email: string;
  ip: string;
  at: Timestamp;
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

export interface OutboxTable {
  shop_id: string | null;
  id: Generated<string>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  attachments: ColumnType<EmailAttachment[], string | undefined, string>;
}

/** An attachment exactly as sent (the durable medium of L221-13), content in base64. */
export type EmailAttachment = { filename: string; contentType: string; contentBase64: string };

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

export interface InvoicesTable {
  shop_id: string;
  id: Generated<string>;
  /** `F-2026-000001`: unique per shop, consecutive per calendar year (src/invoicing/rules.ts). */
  number: string;
  order_id: string;
  kind: 'invoice';
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

export interface IdempotencyKeysTable {
  scope: string; // shop and actor: one client's key never answers another's request
  key: string;
  request_sha256: string;
  status_code: number;
  response_body: string;
  created_at: Generated<Date>;
}

export interface PlatformClockTable {
  id: number;
  now: Timestamp;
}

export interface DB {
  shops: ShopsTable;
  operators: OperatorsTable;
  staff: StaffTable;
  customers: CustomersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  password_resets: PasswordResetsTable;
  login_failures: LoginFailuresTable;
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
  bank_entries: BankEntriesTable;
  order_payments: OrderPaymentsTable;
  card_checkouts: CardCheckoutsTable;
  stripe_events: StripeEventsTable;
  refunds: RefundsTable;
  customer_credits: CustomerCreditsTable;
  statement_imports: StatementImportsTable;
  invoice_counters: InvoiceCountersTable;
  invoices: InvoicesTable;
}

export type ShopRow = Selectable<ShopsTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type StaffRow = Selectable<StaffTable>;
export type ProductRow = Selectable<ProductsTable>;
export type ProductUpdate = Updateable<ProductsTable>;
