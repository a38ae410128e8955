/**
 * Table types of the accounts base (operators, staff, customers, sessions, tokens, sign-in
 * throttling), split from src/db/schema.ts, which joins them into `DB`.
 */
import type { Generated } from 'kysely';
import type { AddressJson, Json, Timestamp } from './column-types.ts';

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
  /** A guest's checkout (0023): no password ('!'), the e-mail not unique, never signs in. */
  guest: Generated<boolean>;
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
  last_seen_at: Timestamp; // platform time of the last request: the idle timeout counts from it
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
  shop_id: string; // the shop, or '*platform*' for operators
  id: Generated<string>;
  realm: ActorKind;
  email: string;
  ip: string;
  at: Timestamp;
}

/** Callers (hash of an address or of a device cookie) that gave an account its right password. */
export interface KnownSignInsTable {
  shop_id: string; // the shop, or '*platform*' for operators
  realm: ActorKind;
  account_id: string;
  caller_hash: string;
  last_at: Timestamp;
}

export interface AccountTables {
  operators: OperatorsTable;
  staff: StaffTable;
  customers: CustomersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  password_resets: PasswordResetsTable;
  login_failures: LoginFailuresTable;
  known_sign_ins: KnownSignInsTable;
}
