/**
 * A shop's demo catalogue, from its profile's `demo.products`: inserted the first time only
 * (products are matched by SKU, so staff changes to them survive restarts), bundles linked to the
 * parts they draw their stock from. Called by the demo seed flow (src/flows/seed-demo.ts) inside
 * the transaction that creates or updates the shop.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Profile } from '../shops/profile/schema.ts';
import { insertProductIfAbsent } from './queries.ts';

export async function seedDemoProducts(trx: Transaction<DB>, profile: Profile): Promise<void> {
  for (const p of profile.demo?.products ?? []) {
    await insertProductIfAbsent(trx, {
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
      specialOrder: p.specialOrder ?? false,
      serviceDays: p.serviceDays ?? null,
    });
  }
  await seedBundles(trx, profile);
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
