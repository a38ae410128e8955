/**
 * Loads the profiles into the database: each shop is created or updated from its profile, and a
 * shop's demo section adds a staff account and a small catalogue the first time only (products
 * are matched by SKU, so staff changes to them survive restarts).
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import { hashPassword } from '../accounts/passwords.ts';
import * as catalogue from '../catalogue/queries.ts';
import type { DB } from '../db/schema.ts';
import type { Profile } from './profile/schema.ts';
import { upsertShopRow } from './queries.ts';
import { forgetCachedShops } from './service.ts';

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

export async function seedShops(db: Kysely<DB>, profiles: readonly Profile[], now: Date): Promise<SeededShop[]> {
  const seeded: SeededShop[] = [];
  for (const profile of profiles) {
    await db.transaction().execute(async (trx) => {
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
      for (const p of demo?.products ?? []) {
        await catalogue.insertProductIfAbsent(trx, {
          shopId: profile.slug,
          sku: p.sku,
          name: JSON.stringify(p.name),
          description: JSON.stringify(p.description ?? { fr: '' }),
          unitPriceCents: p.unitPriceCents,
          vatRateBp: p.vatRateBp,
          stock: p.stock,
          maxPerOrder: p.maxPerOrder ?? null,
          withdrawable: p.withdrawable,
          withdrawalException: p.withdrawalException ?? null,
          regulated: (p.regulated?.length ?? 0) > 0,
          unit: p.unit ?? 'unit',
          condition: p.condition ?? 'new',
        });
      }
      await seedBundles(trx, profile);
      seeded.push({ slug: profile.slug, name: profile.name, staffEmail: demo?.staff?.email });
    });
    // The profile may have changed: requests read the new one from now on (src/shops/service.ts).
    forgetCachedShops();
  }
  return seeded;
}

/** Links each bundle to the parts it draws its stock from (items that name a SKU). */
async function seedBundles(trx: Transaction<DB>, profile: Profile): Promise<void> {
  const bundles = (profile.demo?.products ?? []).filter((p) => p.bundle?.length && p.bundle.every((b) => b.sku));
  if (bundles.length === 0) return;
  const ids = new Map((await trx.selectFrom('products').select(['id', 'sku']).where('shop_id', '=', profile.slug).execute()).map((r) => [r.sku, r.id]));
  for (const b of bundles) {
    const bundleId = ids.get(b.sku);
    if (!bundleId) continue;
    await trx.updateTable('products').set({ is_bundle: true }).where('shop_id', '=', profile.slug).where('id', '=', bundleId).execute();
    for (const item of b.bundle ?? []) {
      const partId = item.sku ? ids.get(item.sku) : undefined;
      if (!partId) continue;
      await trx
        .insertInto('product_parts')
        .values({ shop_id: profile.slug, bundle_id: bundleId, part_id: partId, quantity: item.quantity })
        .onConflict((oc) => oc.columns(['shop_id', 'bundle_id', 'part_id']).doNothing())
        .execute();
    }
  }
}

/** The instance's first operator, created once with the demo password. */
export async function seedOperator(db: Kysely<DB>): Promise<void> {
  const exists = await db.selectFrom('operators').select('id').where(sql<string>`lower(email)`, '=', OPERATOR_EMAIL).executeTakeFirst();
  if (!exists) {
    await db.insertInto('operators').values({ email: OPERATOR_EMAIL, name: 'Operator', password_hash: await demoPasswordHash() }).execute();
  }
}
