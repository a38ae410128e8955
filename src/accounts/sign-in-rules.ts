/**
 * How long a caller must wait before trying a password again, and how long a session lives.
 * Pure: the caller passes `now` and the failures it counted. No I/O.
 *
 * Throttling (OWASP ASVS 2.2.1: anti-automation "without locking the real user out"; LEGAL.md
 * T-26). A hard lock after N failures lets anyone lock anyone out, so the platform never locks an
 * account. It counts failed passwords twice over the last 15 minutes:
 * - per source address, whatever the account: past ADDRESS_FREE_FAILURES each further failure
 *   doubles the address's wait (1 s, 2 s, 4 s … capped), which also bounds the argon2 work one
 *   address can cause, unknown e-mails included;
 * - per account, whatever the address: past ACCOUNT_FREE_FAILURES (≤ 10, T-26) callers the
 *   account has never seen give its right password wait too (doubling, capped lower), which slows
 *   an attack spread over many addresses. A known caller — an address that signed in to this
 *   account before, or a browser carrying the device cookie set at such a sign-in — is never held
 *   back by failures made elsewhere, so the owner still gets in.
 */
import type { ActorKind } from '../db/schema.ts';

export const THROTTLE_WINDOW_MINUTES = 15;
export const ADDRESS_FREE_FAILURES = 5;
export const ADDRESS_MAX_WAIT_SECONDS = THROTTLE_WINDOW_MINUTES * 60;
export const ACCOUNT_FREE_FAILURES = 10;
export const ACCOUNT_MAX_WAIT_SECONDS = 5 * 60;

/** Failures counted in the window, and when the latest happened. */
export type FailureCount = { count: number; latest: Date | null };

/** Seconds still to wait after `free` failures: 1 s after the first one past it, doubling, capped. */
export function secondsToWait(failures: FailureCount, free: number, capSeconds: number, now: Date): number {
  if (failures.count < free || failures.latest === null) return 0;
  const delayMs = Math.min(2 ** (failures.count - free), capSeconds) * 1000;
  const remainingMs = failures.latest.getTime() + delayMs - now.getTime();
  return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0;
}

export function signInWait(byAddress: FailureCount, byAccount: FailureCount, knownCaller: boolean, now: Date): number {
  const addressWait = secondsToWait(byAddress, ADDRESS_FREE_FAILURES, ADDRESS_MAX_WAIT_SECONDS, now);
  const accountWait = knownCaller ? 0 : secondsToWait(byAccount, ACCOUNT_FREE_FAILURES, ACCOUNT_MAX_WAIT_SECONDS, now);
  return Math.max(addressWait, accountWait);
}

/**
 * Session lifetimes (ASVS 7.3.1 idle, 7.3.2 absolute; LEGAL.md T-25): people who run a shop or the
 * platform are signed out after 30 minutes without a request and 12 hours at most; shoppers after
 * 7 days without a visit and 14 days at most.
 */
export const SESSION_LIMITS: Record<ActorKind, { idleMinutes: number; absoluteHours: number }> = {
  customer: { idleMinutes: 7 * 24 * 60, absoluteHours: 14 * 24 },
  staff: { idleMinutes: 30, absoluteHours: 12 },
  operator: { idleMinutes: 30, absoluteHours: 12 },
};

export function sessionExpiry(kind: ActorKind, openedAt: Date): Date {
  return new Date(openedAt.getTime() + SESSION_LIMITS[kind].absoluteHours * 3_600_000);
}

export function isSessionLive(session: { actor_kind: ActorKind; expires_at: Date; last_seen_at: Date }, now: Date): boolean {
  const idleUntil = session.last_seen_at.getTime() + SESSION_LIMITS[session.actor_kind].idleMinutes * 60_000;
  return now < session.expires_at && now.getTime() < idleUntil;
}

/** Writing `last_seen_at` on every request would cost a write per page; a minute's precision is enough. */
export const SESSION_TOUCH_SECONDS = 60;
