/**
 * The shops' part of loading the profiles (the whole load is src/flows/seed-demo.ts): each shop's
 * row from its profile, its demo staff account, and the instance's first operator, all with the
 * demo password printed at start-up.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import { hashPassword } from '../accounts/passwords.ts';
import type { DB } from '../db/schema.ts';
import type { Profile } from './profile/schema.ts';
import { upsertShopRow } from './queries.ts';

export const DEMO_PASSWORD = 'comptoir-demo-2026';

/**
 * One argon2id hash of the demo password per process, shared by every demo account: the password
 * is printed at start-up, so a shared salt hides nothing, and each hash costs 64 MiB and a
 * noticeable part of a second (six of them dominated start-up).
 */
let demoHash: Promise<string> | null = null;
const demoPasswordHash = () => {
  demoHash ??= hashPassword(DEMO_PASSWORD);
  return demoHash;
};
export const OPERATOR_EMAIL = 'operator@comptoir.localhost';

export type SeededShop = { slug: string; name: string; staffEmail: string | undefined };

/** The profile's canonical JSON hash: the same profile always gives the same hash. */
export function profileSha256(profile: Profile): string {
  return createHash('sha256').update(JSON.stringify(profile)).digest('hex');
}

/**
 * Creates or updates the shop from its profile and, the first time, its demo staff account. The
 * caller (src/flows/seed-demo.ts) adds the demo catalogue in the same transaction.
 */
export async function seedShop(trx: Transaction<DB>, profile: Profile, now: Date): Promise<SeededShop> {
  await upsertShopRow(trx, {
    id: profile.slug,
    name: profile.name,
    legalSystem: profile.legalSystem,
    timeZone: profile.timeZone,
    language: profile.language,
    profile,
    sha256: profileSha256(profile),
    now,
  });
  const demo = profile.demo;
  if (demo?.staff) {
    const exists = await trx.selectFrom('staff').select('id').where('shop_id', '=', profile.slug).where(sql<string>`lower(email)`, '=', demo.staff.email.toLowerCase()).executeTakeFirst();
    if (!exists) {
      await trx.insertInto('staff').values({ shop_id: profile.slug, email: demo.staff.email, name: demo.staff.name, role: 'manager', password_hash: await demoPasswordHash() }).execute();
    }
  }
  return { slug: profile.slug, name: profile.name, staffEmail: demo?.staff?.email };
}

/** The instance's first operator, created once with the demo password. */
export async function seedOperator(db: Kysely<DB>): Promise<void> {
  const exists = await db.selectFrom('operators').select('id').where(sql<string>`lower(email)`, '=', OPERATOR_EMAIL).executeTakeFirst();
  if (!exists) {
    await db.insertInto('operators').values({ email: OPERATOR_EMAIL, name: 'Operator', password_hash: await demoPasswordHash() }).execute();
  }
}
