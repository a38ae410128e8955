/**
 * Password hashing with argon2id (OWASP ASVS 6.2: memory-hard, per-hash salt). The parameters are
 * the library's defaults (64 MiB, 3 passes, 4 lanes), stored inside each hash so they can grow.
 */
import argon2 from 'argon2';

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash of nothing in particular, checked when the e-mail is unknown so timing does not tell. */
let dummy: Promise<string> | undefined;
export async function burnVerification(password: string): Promise<void> {
  dummy ??= hashPassword('comptoir-timing-equaliser');
  await verifyPassword(await dummy, password);
}
