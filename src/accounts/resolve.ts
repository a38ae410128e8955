/**
 * Resolves the caller from an `Authorization: Bearer` token or the session cookie. The operator
 * token from COMPTOIR_ADMIN_TOKEN is compared in constant time. Sessions expire when idle too.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { sha256Hex } from '../kernel/ids.ts';
import type { Actor } from './actor.ts';
import * as q from './queries.ts';
import { cachedTokenActor, cacheTokenActor } from './token-cache.ts';
import { isSessionLive, SESSION_TOUCH_SECONDS } from './sign-in-rules.ts';

export const ADMIN_ACTOR_ID = '00000000-0000-0000-0000-000000000000';

/** The operator token's hash, computed once per token value rather than on every API request. */
let operatorHash: { token: string; hash: Buffer } | undefined;

/** Whether a bearer token (by its sha256) is the operator token, compared in constant time. */
function isOperatorToken(tokenHash: string, adminToken: string): boolean {
  if (operatorHash?.token !== adminToken) operatorHash = { token: adminToken, hash: Buffer.from(sha256Hex(adminToken)) };
  return timingSafeEqual(Buffer.from(tokenHash), operatorHash.hash);
}

async function nameOf(db: Kysely<DB>, kind: Actor['kind'], shopId: string | null, id: string): Promise<string | undefined> {
  if (kind === 'customer' && shopId) {
    const c = await q.findCustomer(db, shopId, id);
    return c ? `${c.first_name} ${c.last_name}` : undefined;
  }
  if (kind === 'staff' && shopId) {
    const s = await db.selectFrom('staff').select('name').where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
    return s?.name;
  }
  if (kind === 'operator') {
    if (id === ADMIN_ACTOR_ID) return 'operator';
    const o = await db.selectFrom('operators').select('name').where('id', '=', id).executeTakeFirst();
    return o?.name;
  }
  return undefined;
}

function toActor(kind: Actor['kind'], shopId: string | null, id: string, name: string): Actor {
  if (kind === 'operator') return { kind, id, name };
  if ((kind === 'customer' || kind === 'staff') && shopId) return { kind, shopId, id, name };
  return { kind: 'anonymous' };
}

export async function actorFromBearer(db: Kysely<DB>, token: string, adminToken: string | undefined, now: Date): Promise<Actor | null> {
  const hash = sha256Hex(token);
  if (adminToken && isOperatorToken(hash, adminToken)) return { kind: 'operator', id: ADMIN_ACTOR_ID, name: 'operator' };
  const cached = cachedTokenActor(hash, now);
  if (cached) return cached;
  const row = await q.findApiTokenHolder(db, hash, now);
  if (!row) return null;
  const name = row.actor_kind === 'operator' && row.actor_id === ADMIN_ACTOR_ID ? 'operator' : row.name;
  if (name === null) return null;
  const actor = toActor(row.actor_kind, row.shop_id, row.actor_id, name);
  if (actor.kind !== 'anonymous') cacheTokenActor(hash, actor, row.expires_at);
  return actor;
}

/**
 * The actor of a live session, and the session's last activity moved to now (at most once a
 * minute). A session past its idle or absolute limit is deleted: the cookie no longer signs in.
 */
export async function actorFromSession(db: Kysely<DB>, cookie: string, now: Date): Promise<Actor | null> {
  const idHash = sha256Hex(cookie);
  const row = await q.findSession(db, idHash);
  if (!row) return null;
  if (!isSessionLive(row, now)) {
    await q.deleteSession(db, idHash);
    return null;
  }
  if (now.getTime() - row.last_seen_at.getTime() >= SESSION_TOUCH_SECONDS * 1000) await q.touchSession(db, idHash, now);
  const name = await nameOf(db, row.actor_kind, row.shop_id, row.actor_id);
  return name === undefined ? null : toActor(row.actor_kind, row.shop_id, row.actor_id, name);
}
