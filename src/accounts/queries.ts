/**
 * SQL of the accounts capability. Every function takes the executor first (STYLE.md §2) and every
 * query on shop data is scoped by shop id.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { ActorKind, DB, NewCustomer } from '../db/schema.ts';

type Exec = Kysely<DB> | Transaction<DB>;

export function insertCustomer(db: Exec, customer: NewCustomer) {
  return db.insertInto('customers').values(customer).returning(['id']).executeTakeFirstOrThrow();
}

export function findCustomerByEmail(db: Exec, shopId: string, email: string) {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export function findCustomer(db: Exec, shopId: string, id: string) {
  return db.selectFrom('customers').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
}

export function listCustomers(db: Exec, shopId: string, limit: number) {
  return db
    .selectFrom('customers')
    .select(['id', 'kind', 'email', 'first_name', 'last_name', 'company_name', 'created_at'])
    .where('shop_id', '=', shopId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export function findStaffByEmail(db: Exec, shopId: string, email: string) {
  return db
    .selectFrom('staff')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export function findOperatorByEmail(db: Exec, email: string) {
  return db.selectFrom('operators').selectAll().where(sql<string>`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
}

export function countRecentFailures(db: Exec, shopId: string, email: string, since: Date) {
  return db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('shop_id', '=', shopId)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
}

export function recordFailure(db: Exec, shopId: string, email: string, ip: string, at: Date) {
  return db.insertInto('login_failures').values({ shop_id: shopId, email, ip, at }).execute();
}

export function clearFailures(db: Exec, shopId: string, email: string) {
  return db.deleteFrom('login_failures').where('shop_id', '=', shopId).where(sql<string>`lower(email)`, '=', email.toLowerCase()).execute();
}

export function insertSession(
  db: Exec,
  s: { idHash: string; shopId: string | null; actorKind: ActorKind; actorId: string; expiresAt: Date; userAgent: string | null },
) {
  return db
    .insertInto('sessions')
    .values({ id_hash: s.idHash, shop_id: s.shopId, actor_kind: s.actorKind, actor_id: s.actorId, expires_at: s.expiresAt, user_agent: s.userAgent })
    .execute();
}

export function findSession(db: Exec, idHash: string, now: Date) {
  return db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).where('expires_at', '>', now).executeTakeFirst();
}

export function deleteSession(db: Exec, idHash: string) {
  return db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export function deleteCustomerSessions(db: Exec, shopId: string, customerId: string) {
  return db.deleteFrom('sessions').where('shop_id', '=', shopId).where('actor_kind', '=', 'customer').where('actor_id', '=', customerId).execute();
}

export function findApiToken(db: Exec, tokenHash: string, now: Date) {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
}

export function insertApiToken(
  db: Exec,
  t: { tokenHash: string; shopId: string | null; actorKind: ActorKind; actorId: string; label: string; expiresAt: Date | null },
) {
  return db
    .insertInto('api_tokens')
    .values({ token_hash: t.tokenHash, shop_id: t.shopId, actor_kind: t.actorKind, actor_id: t.actorId, label: t.label, expires_at: t.expiresAt })
    .execute();
}

export function insertPasswordReset(db: Exec, r: { tokenHash: string; shopId: string; customerId: string; expiresAt: Date }) {
  return db
    .insertInto('password_resets')
    .values({ token_hash: r.tokenHash, shop_id: r.shopId, customer_id: r.customerId, expires_at: r.expiresAt })
    .execute();
}

/** Claims a reset token once: the update succeeds for exactly one caller. */
export function claimPasswordReset(db: Transaction<DB>, shopId: string, tokenHash: string, now: Date) {
  return db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('shop_id', '=', shopId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['customer_id'])
    .executeTakeFirst();
}

export function updateCustomerPassword(db: Transaction<DB>, shopId: string, customerId: string, passwordHash: string) {
  return db.updateTable('customers').set({ password_hash: passwordHash }).where('shop_id', '=', shopId).where('id', '=', customerId).execute();
}
