/**
 * Account use cases: registration, sign-in with lock-out, sessions, password reset.
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
import { hashPassword, burnVerification, verifyPassword } from './passwords.ts';
import * as q from './queries.ts';
import { isLoginLocked, LOGIN_WINDOW_MINUTES } from './rules.ts';
import type { Credentials, Registration } from './schema.ts';

export type AccountsDeps = { db: Kysely<DB>; clock: Clock };
export type ShopRef = { id: string; name: string; customerKinds: readonly string[] };

const SESSION_DAYS = 14;
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

type Who = { kind: 'customer' | 'staff'; shopId: string } | { kind: 'operator' };

/**
 * Checks a password; after LOGIN_MAX_FAILURES failures in the window the account is paused,
 * whatever the password, and says for how long. Unknown e-mails cost the same time as known ones.
 */
export async function authenticate(deps: AccountsDeps, who: Who, credentials: Credentials, ip: string): Promise<Actor> {
  const now = nowDate(deps.clock);
  const lockScope = who.kind === 'operator' ? '*operator*' : `${who.kind}:${who.shopId}`;
  const since = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
  const { n } = await q.countRecentFailures(deps.db, lockScope, credentials.email, since);
  if (isLoginLocked(Number(n))) {
    throw new DomainError('too_many_attempts', 'too_many', { minutes: LOGIN_WINDOW_MINUTES });
  }
  const row =
    who.kind === 'customer'
      ? await q.findCustomerByEmail(deps.db, who.shopId, credentials.email)
      : who.kind === 'staff'
        ? await q.findStaffByEmail(deps.db, who.shopId, credentials.email)
        : await q.findOperatorByEmail(deps.db, credentials.email);
  if (!row) await burnVerification(credentials.password);
  if (!row || !(await verifyPassword(row.password_hash, credentials.password))) {
    await q.recordFailure(deps.db, lockScope, credentials.email, ip, now);
    throw new DomainError('invalid_credentials', 'unauthenticated');
  }
  await q.clearFailures(deps.db, lockScope, credentials.email);
  const name = 'first_name' in row ? `${row.first_name} ${row.last_name}` : row.name;
  if (who.kind === 'operator') return { kind: 'operator', id: row.id, name };
  return { kind: who.kind, shopId: who.shopId, id: row.id, name };
}

/** Creates a session and returns the cookie value; only its hash is stored. */
export async function openSession(deps: AccountsDeps, actor: Actor, userAgent: string | null): Promise<string> {
  if (actor.kind === 'anonymous') throw new Error('cannot open a session for nobody');
  const token = randomToken();
  const now = nowDate(deps.clock);
  await q.insertSession(deps.db, {
    idHash: sha256Hex(token),
    shopId: actor.kind === 'operator' ? null : actor.shopId,
    actorKind: actor.kind,
    actorId: actor.id,
    expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000),
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

/** Sets a new password from a valid, unused, unexpired link, and signs out every session. */
export async function resetPassword(deps: AccountsDeps, shopId: string, token: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
  const now = nowDate(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const claimed = await q.claimPasswordReset(trx, shopId, sha256Hex(token), now);
    if (!claimed) throw new DomainError('reset_link_invalid', 'refused', {}, 'token');
    await q.updateCustomerPassword(trx, shopId, claimed.customer_id, hash);
    await q.deleteCustomerSessions(trx, shopId, claimed.customer_id);
  });
}

export type { ActorKind };
