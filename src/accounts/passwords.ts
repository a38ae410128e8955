/**
 * Password hashing with argon2id (OWASP ASVS 6.2 / 11.4.2: memory-hard, per-hash salt). The
 * parameters are OWASP's first argon2id configuration, which LEGAL.md T-27 sets as the floor:
 * m = 19 MiB, t = 2, p = 1. They are written into each PHC string, so a hash made with other
 * parameters still verifies and is replaced at the next successful sign-in (`needsRehash`).
 * This size keeps a sign-in near 20 ms of one core, so 20 sign-ins a second fit the machine (T-27).
 */
import argon2 from 'argon2';

export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** True when a stored hash was made with other parameters than today's (or another variant). */
export function needsRehash(hash: string): boolean {
  try {
    return !hash.startsWith('$argon2id$') || argon2.needsRehash(hash, ARGON2_OPTIONS);
  } catch {
    return true;
  }
}

/**
 * A hash of nothing in particular with today's parameters, verified when the e-mail is unknown:
 * an unknown e-mail costs the same argon2 work as a known one, so timing does not tell whether an
 * account exists. The per-address throttle bounds how much of that work one address can cause.
 */
let dummy: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword('comptoir-timing-equaliser');
  await verifyPassword(await dummy, password);
  return false;
}
