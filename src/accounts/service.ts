/**
 * Account use cases: registration, throttled sign-in, sessions, password reset.
 * Each runs in one transaction where it writes more than one row (STYLE.md §4).
 */
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../db/errors.ts';
import type { ActorKind, DB } from '../db/schema.ts';
import type { Clock } from '../kernel/clock.ts';
import { DomainError } from '../kernel/errors.ts';
import { randomToken, sha256Hex } from '../kernel/ids.ts';
import type { Lang } from '../kernel/i18n/index.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import type { Actor } from './actor.ts';
import { passwordResetEmail } from './emails.ts';
import { TooManyAttempts } from './errors.ts';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './passwords.ts';
import * as q from './queries.ts';
import { sessionExpiry, signInWait, THROTTLE_WINDOW_MINUTES } from './sign-in-rules.ts';
import type { Credentials, Registration } from './schema.ts';

export type AccountsDeps = { db: Kysely<DB>; clock: Clock };
export type ShopRef = { id: string; name: string; customerKinds: readonly string[] };

const RESET_MINUTES = 60;

const nowDate = (clock: Clock) => new Date(clock.now().epochMilliseconds);

export async function registerCustomer(deps: AccountsDeps, shop: ShopRef, input: Registration, lang: Lang): Promise<{ id: string }> {
  if (!shop.customerKinds.includes(input.kind)) {
    throw new DomainError('customer_kind_not_allowed', 'refused', { kind: input.kind }, 'kind');
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await q.insertCustomer(deps.db, {
      shop_id: shop.id,
      kind: input.kind,
      email: input.email,
      password_hash: passwordHash,
      first_name: input.firstName,
      last_name: input.lastName,
      company_name: input.companyName ?? null,
      siret: input.siret ?? null,
      vat_number: input.vatNumber ?? null,
      address: JSON.stringify(input.address),
      language: input.language ?? lang,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('email_taken', 'conflict', {}, 'email');
    throw error;
  }
}

export type Who = { kind: 'customer' | 'staff'; shopId: string } | { kind: 'operator' };
export type SignedIn = Exclude<Actor, { kind: 'anonymous' }>;

/** Who is knocking: the source address, and the random device cookie of a browser (null from the API). */
export type Caller = { ip: string; device: string | null };

/** Operators belong to no shop: their failures and known callers are kept under this name. */
export const PLATFORM_REALM = '*platform*';

const NO_ACCOUNT = '00000000-0000-0000-0000-000000000001';
const realmOf = (who: Who): q.SignInRealm => ({ shopId: who.kind === 'operator' ? PLATFORM_REALM : who.shopId, realm: who.kind });
const callerHashes = (caller: Caller) => [sha256Hex(`ip:${caller.ip}`), ...(caller.device ? [sha256Hex(`device:${caller.device}`)] : [])];

function findAccount(deps: AccountsDeps, who: Who, email: string) {
  if (who.kind === 'customer') return q.findCustomerByEmail(deps.db, who.shopId, email);
  if (who.kind === 'staff') return q.findStaffByEmail(deps.db, who.shopId, email);
  return q.findOperatorByEmail(deps.db, email);
}

/**
 * Checks a password, throttled per address and per account as sign-in-rules.ts explains (ASVS
 * 2.2.1): a caller that must wait gets TooManyAttempts before any password is checked. An unknown
 * e-mail is checked against a dummy hash, so it costs the same argon2 work and counts as a failure
 * like a wrong password. A hash made with older parameters is replaced on success.
 */
export async function authenticate(deps: AccountsDeps, who: Who, credentials: Credentials, caller: Caller): Promise<SignedIn> {
  const now = nowDate(deps.clock);
  const realm = realmOf(who);
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
  const failures = await q.countSignInFailures(deps.db, realm, credentials.email, caller.ip, since);
  const row = await findAccount(deps, who, credentials.email);
  // Asked for an unknown e-mail too (with an id no account has), so both cost the same queries.
  const known = await q.isKnownCaller(deps.db, realm, row?.id ?? NO_ACCOUNT, callerHashes(caller));
  const wait = signInWait(failures.byAddress, failures.byAccount, known, now);
  if (wait > 0) throw new TooManyAttempts(wait);

  const valid = row ? await verifyPassword(row.password_hash, credentials.password) : await verifyAgainstDummy(credentials.password);
  if (!row || !valid) {
    await q.recordFailure(deps.db, realm, credentials.email, caller.ip, now);
    throw new DomainError('invalid_credentials', 'unauthenticated');
  }
  await q.clearFailuresOf(deps.db, realm, credentials.email, caller.ip);
  await q.rememberCallers(deps.db, realm, row.id, callerHashes(caller), now);
  if (needsRehash(row.password_hash)) await q.updatePasswordHash(deps.db, realm, row.id, await hashPassword(credentials.password));
  const name = 'first_name' in row ? `${row.first_name} ${row.last_name}` : row.name;
  if (who.kind === 'operator') return { kind: 'operator', id: row.id, name };
  return { kind: who.kind, shopId: who.shopId, id: row.id, name };
}

/** Creates a session and returns the cookie value; only its hash is stored. Lifetimes: sign-in-rules.ts. */
export async function openSession(deps: AccountsDeps, actor: Actor, userAgent: string | null): Promise<string> {
  if (actor.kind === 'anonymous') throw new Error('cannot open a session for nobody');
  const token = randomToken();
  const now = nowDate(deps.clock);
  await q.insertSession(deps.db, {
    idHash: sha256Hex(token),
    shopId: actor.kind === 'operator' ? null : actor.shopId,
    actorKind: actor.kind,
    actorId: actor.id,
    openedAt: now,
    expiresAt: sessionExpiry(actor.kind, now),
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

export async function closeSession(deps: AccountsDeps, token: string): Promise<void> {
  await q.deleteSession(deps.db, sha256Hex(token));
}

/** Issues an API token for an actor (POST /session, `comptoir token create`). */
export async function issueApiToken(deps: AccountsDeps, actor: Exclude<Actor, { kind: 'anonymous' }>, label: string, days: number | null): Promise<string> {
  const token = randomToken('cpt_');
  const now = nowDate(deps.clock);
  await q.insertApiToken(deps.db, {
    tokenHash: sha256Hex(token),
    shopId: actor.kind === 'operator' ? null : actor.shopId,
    actorKind: actor.kind,
    actorId: actor.id,
    label,
    expiresAt: days === null ? null : new Date(now.getTime() + days * 86_400_000),
  });
  return token;
}

/**
 * Sends a reset link when the e-mail belongs to a customer of the shop, and silently does nothing
 * otherwise: the answer must not reveal who has an account (OWASP ASVS 6.4).
 */
export async function requestPasswordReset(deps: AccountsDeps, shop: ShopRef, email: string, baseUrl: string): Promise<void> {
  const customer = await q.findCustomerByEmail(deps.db, shop.id, email);
  if (!customer) return;
  const token = randomToken();
  const now = nowDate(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    await q.insertPasswordReset(trx, {
      tokenHash: sha256Hex(token),
      shopId: shop.id,
      customerId: customer.id,
      expiresAt: new Date(now.getTime() + RESET_MINUTES * 60_000),
    });
    const link = `${baseUrl}/shops/${shop.id}/password/reset?token=${encodeURIComponent(token)}`;
    await enqueueEmail(trx, passwordResetEmail(customer.language, shop, customer.email, link, RESET_MINUTES), now);
  });
}

/**
 * Sets a new password from a valid, unused, unexpired link, and closes every door the old one
 * opened: browser sessions and API tokens alike (ASVS 7.4.3; LEGAL.md T-25).
 */
export async function resetPassword(deps: AccountsDeps, shopId: string, token: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
  const now = nowDate(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const claimed = await q.claimPasswordReset(trx, shopId, sha256Hex(token), now);
    if (!claimed) throw new DomainError('reset_link_invalid', 'refused', {}, 'token');
    await q.updateCustomerPassword(trx, shopId, claimed.customer_id, hash);
    await q.deleteCustomerSessions(trx, shopId, claimed.customer_id);
    await q.revokeCustomerTokens(trx, shopId, claimed.customer_id, now);
  });
}

export type { ActorKind };
