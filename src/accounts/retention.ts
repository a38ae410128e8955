/**
 * What sign-in leaves behind is kept only as long as it serves (RGPD art. 5.1.e, storage
 * limitation): failures hold an e-mail and an address and count for 15 minutes; known callers are
 * remembered for as long as the device cookie lives (a year); expired sessions and password-reset
 * links no longer open anything.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

const DAY_MS = 86_400_000;
/** Far beyond the 15-minute window, so a slow job run never forgets a failure that still counts. */
export const FAILURES_KEPT_MS = DAY_MS;
/** The device cookie's max-age (src/accounts/sign-in.ts) plus a margin. */
export const KNOWN_CALLERS_KEPT_MS = 400 * DAY_MS;

export async function purgeSignInRecords(db: Kysely<DB>, now: Date): Promise<void> {
  await db.deleteFrom('login_failures').where('at', '<', new Date(now.getTime() - FAILURES_KEPT_MS)).execute();
  await db.deleteFrom('known_sign_ins').where('last_at', '<', new Date(now.getTime() - KNOWN_CALLERS_KEPT_MS)).execute();
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  await db.deleteFrom('password_resets').where('expires_at', '<', now).execute();
}
