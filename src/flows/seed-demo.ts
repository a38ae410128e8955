/**
 * Loads the profiles into the database at start-up: each shop is created or updated from its
 * profile (shops), and its demo section adds a staff account (shops) and a small catalogue
 * (catalogue), the first time only. A flow because it spans the shops and the catalogue; each
 * shop is one transaction, so a shop is never left half seeded.
 */
import type { Kysely } from 'kysely';
import { seedDemoProducts } from '../catalogue/demo-products.ts';
import { seedDemoCampaigns } from './seed-demo-campaigns.ts';
import type { DB } from '../db/schema.ts';
import type { Profile } from '../shops/profile/schema.ts';
import { type SeededShop, seedShop } from '../shops/seed.ts';
import { forgetCachedShops } from '../shops/service.ts';

export async function seedShops(db: Kysely<DB>, profiles: readonly Profile[], now: Date): Promise<SeededShop[]> {
  const seeded: SeededShop[] = [];
  for (const profile of profiles) {
    seeded.push(
      await db.transaction().execute(async (trx) => {
        const shop = await seedShop(trx, profile, now);
        await seedDemoProducts(trx, profile);
        await seedDemoCampaigns(trx, profile, now);
        return shop;
      }),
    );
    // The profile may have changed: requests read the new one from now on (src/shops/service.ts).
    forgetCachedShops();
  }
  return seeded;
}
