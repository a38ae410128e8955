/**
 * SQL of the accounts capability. Every function takes the executor first (STYLE.md §2) and every
 * query on shop data is scoped by shop id.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { precompile } from '../db/precompiled.ts';
import type { ActorKind, DB, NewCustomer } from '../db/schema.ts';
import { forgetHolderTokens } from './token-cache.ts';

type Exec = Kysely<DB> | Transaction<DB>;

export function insertCustomer(db: Exec, customer: NewCustomer) {
  return db.insertInto('customers').values(customer).returning(['id']).executeTakeFirstOrThrow();
}

/** A member (never a guest: a guest has no password and signs in nowhere, 0023). */
export function findCustomerByEmail(db: Exec, shopId: string, email: string) {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .where('guest', '=', false)
    .executeTakeFirst();
}

/** A guest becomes a member: a password, and the row joins the members (whose e-mails are unique, 0023). */
export function upgradeGuest(db: Exec, shopId: string, id: string, passwordHash: string) {
  return db.updateTable('customers').set({ password_hash: passwordHash, guest: false }).where('shop_id', '=', shopId).where('id', '=', id).where('guest', '=', true).returning(['id', 'first_name', 'last_name']).executeTakeFirst();
}

/** A guest's details typed again at checkout: only a guest row is ever rewritten this way. */
export function updateGuest(db: Exec, shopId: string, id: string, values: Pick<NewCustomer, 'email' | 'first_name' | 'last_name' | 'address' | 'language'>) {
  return db.updateTable('customers').set(values).where('shop_id', '=', shopId).where('id', '=', id).where('guest', '=', true).returning(['id']).executeTakeFirst();
}

export function findCustomer(db: Exec, shopId: string, id: string) {
  return db.selectFrom('customers').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
}

export function listCustomers(db: Exec, shopId: string, limit: number) {
  return db
    .selectFrom('customers')
    .select(['id', 'kind', 'email', 'first_name', 'last_name', 'company_name', 'created_at', 'guest'])
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

/** Where sign-in failures and known callers are counted: a shop's customers or staff, or the operators. */
export type SignInRealm = { shopId: string; realm: ActorKind };

/** Failures in the window by this address (any account) and on this account (any address). */
export async function countSignInFailures(db: Exec, where: SignInRealm, email: string, ip: string, since: Date) {
  const byEmail = sql<boolean>`lower(email) = ${email.toLowerCase()}`;
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => [
      eb.fn.countAll<string>().filterWhere('ip', '=', ip).as('address_count'),
      eb.fn.max('at').filterWhere('ip', '=', ip).as('address_latest'),
      eb.fn.countAll<string>().filterWhere(byEmail).as('account_count'),
      eb.fn.max('at').filterWhere(byEmail).as('account_latest'),
    ])
    .where('shop_id', '=', where.shopId)
    .where('realm', '=', where.realm)
    .where('at', '>', since)
    .where((eb) => eb.or([eb('ip', '=', ip), byEmail]))
    .executeTakeFirstOrThrow();
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return {
    byAddress: { count: Number(row.address_count), latest: date(row.address_latest) },
    byAccount: { count: Number(row.account_count), latest: date(row.account_latest) },
  };
}

export function recordFailure(db: Exec, where: SignInRealm, email: string, ip: string, at: Date) {
  return db.insertInto('login_failures').values({ shop_id: where.shopId, realm: where.realm, email, ip, at }).execute();
}

/** Forgets the typos of the caller who just signed in; failures from other addresses still count. */
export function clearFailuresOf(db: Exec, where: SignInRealm, email: string, ip: string) {
  return db
    .deleteFrom('login_failures')
    .where('shop_id', '=', where.shopId)
    .where('realm', '=', where.realm)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .where('ip', '=', ip)
    .execute();
}

export async function isKnownCaller(db: Exec, where: SignInRealm, accountId: string, callerHashes: string[]): Promise<boolean> {
  const row = await db
    .selectFrom('known_sign_ins')
    .select('caller_hash')
    .where('shop_id', '=', where.shopId)
    .where('realm', '=', where.realm)
    .where('account_id', '=', accountId)
    .where('caller_hash', 'in', callerHashes)
    .executeTakeFirst();
  return row !== undefined;
}

export function rememberCallers(db: Exec, where: SignInRealm, accountId: string, callerHashes: string[], at: Date) {
  const rows = callerHashes.map((caller_hash) => ({ shop_id: where.shopId, realm: where.realm, account_id: accountId, caller_hash, last_at: at }));
  return db
    .insertInto('known_sign_ins')
    .values(rows)
    .onConflict((oc) => oc.columns(['shop_id', 'realm', 'account_id', 'caller_hash']).doUpdateSet({ last_at: at }))
    .execute();
}

export function updatePasswordHash(db: Exec, where: SignInRealm, accountId: string, passwordHash: string) {
  if (where.realm === 'customer') {
    return db.updateTable('customers').set({ password_hash: passwordHash }).where('shop_id', '=', where.shopId).where('id', '=', accountId).execute();
  }
  if (where.realm === 'staff') {
    return db.updateTable('staff').set({ password_hash: passwordHash }).where('shop_id', '=', where.shopId).where('id', '=', accountId).execute();
  }
  return db.updateTable('operators').set({ password_hash: passwordHash }).where('id', '=', accountId).execute();
}

export function insertSession(
  db: Exec,
  s: { idHash: string; shopId: string | null; actorKind: ActorKind; actorId: string; openedAt: Date; expiresAt: Date; userAgent: string | null },
) {
  return db
    .insertInto('sessions')
    .values({
      id_hash: s.idHash,
      shop_id: s.shopId,
      actor_kind: s.actorKind,
      actor_id: s.actorId,
      expires_at: s.expiresAt,
      last_seen_at: s.openedAt,
      user_agent: s.userAgent,
    })
    .execute();
}

/** The session row, live or not: whether it is still live is sign-in-rules.ts's `isSessionLive`. */
export function findSession(db: Exec, idHash: string) {
  return db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
}

export function touchSession(db: Exec, idHash: string, now: Date) {
  return db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
}

export function deleteSession(db: Exec, idHash: string) {
  return db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export function deleteCustomerSessions(db: Exec, shopId: string, customerId: string) {
  return db.deleteFrom('sessions').where('shop_id', '=', shopId).where('actor_kind', '=', 'customer').where('actor_id', '=', customerId).execute();
}

/**
 * Revokes every API token of a customer (password reset: ASVS 7.4.3, LEGAL.md T-25), and drops
 * them from this process's token cache (accounts/token-cache.ts) so they stop working at once.
 */
export function revokeCustomerTokens(db: Exec, shopId: string, customerId: string, now: Date) {
  forgetHolderTokens('customer', shopId, customerId);
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('shop_id', '=', shopId)
    .where('actor_kind', '=', 'customer')
    .where('actor_id', '=', customerId)
    .where('revoked_at', 'is', null)
    .execute();
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

/**
 * A live API token with its holder's display name, in one statement: each API request resolves
 * its caller with a single round trip (issue 9), and a revoked token stops working at once.
 * `name` is null when the holder no longer exists (the token then signs no one in).
 */
export function findApiTokenHolder(db: Exec, tokenHash: string, now: Date) {
  return apiTokenHolder.first(db, { tokenHash, now });
}

// Compiled once (src/db/precompiled.ts): it runs on every API request.
const apiTokenHolder = precompile((db, p: { tokenHash: string; now: Date }) =>
  db
    .selectFrom('api_tokens as t')
    .leftJoin('customers as c', (j) => j.on('t.actor_kind', '=', 'customer').onRef('c.shop_id', '=', 't.shop_id').onRef('c.id', '=', 't.actor_id'))
    .leftJoin('staff as s', (j) => j.on('t.actor_kind', '=', 'staff').onRef('s.shop_id', '=', 't.shop_id').onRef('s.id', '=', 't.actor_id'))
    .leftJoin('operators as o', (j) => j.on('t.actor_kind', '=', 'operator').onRef('o.id', '=', 't.actor_id'))
    .select(['t.actor_kind', 't.shop_id', 't.actor_id', 't.expires_at'])
    .select(sql<string | null>`coalesce(c.first_name || ' ' || c.last_name, s.name, o.name)`.as('name'))
    .where('t.token_hash', '=', p.tokenHash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', p.now)])),
);
