/**
 * The demo's group purchase (issue 12 §1): for a profile with a yearly campaign (001: "Rentrée",
 * CG §4 dates as month-days, A-08), the campaign of the next school year is created the first time
 * the shop is seeded — at Coopso, "Rentrée 2027" seen from 2026 — with the profile's late-order
 * promise (ordered after 20 August → not before 5 September, at the latest 20 September). Its
 * products are the profile's demo products named RENTREE-*, each given a DEMO supplier and case
 * size through the catalogue. Window, early promise, caps, minimum, suppliers: demo values, not
 * in the seed.
 */
import type { Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { markCampaignOnly, productIdBySku, setSupplier } from '../catalogue/campaign-products.ts';
import { yearlyPromises } from '../campaigns/rules.ts';
import { insertCampaign } from '../campaigns/service.ts';
import type { DB } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import type { Profile } from '../shops/profile/schema.ts';

/** Demo values: each kit's supplier, its ordering address, units per case, and the campaign's cap and minimum for it. */
const DEMO_PRODUCTS: Record<string, { supplier: string; email: string; caseSize: number; cap: number; minimumQuantity?: number }> = {
  'RENTREE-KIT-P1': { supplier: 'Papeteries de Wallonie (démo)', email: 'commandes@papeteries-wallonie.example', caseSize: 10, cap: 600, minimumQuantity: 50 },
  'RENTREE-KIT-S1': { supplier: 'Fournitures Meuse & Sambre (démo)', email: 'achats@fournitures-meuse.example', caseSize: 6, cap: 400 },
};
/** Demo values: the window (1 June → 1 September, local midnight) and the early orders' delivery (25–31 August). */
const DEMO_WINDOW = { opens: '06-01', closes: '09-01' };
const DEMO_EARLY = { deliveryFrom: '08-25', deliveryLatestOn: '08-31' };

export async function seedDemoCampaigns(trx: Transaction<DB>, profile: Profile, now: Date): Promise<void> {
  const yearly = (profile.campaigns ?? []).find((c) => c.yearly);
  if (!yearly || !profile.demo) return;
  // First time only: a shop with any campaign keeps what staff made of it.
  if (await trx.selectFrom('campaigns').select('id').where('shop_id', '=', profile.slug).executeTakeFirst()) return;
  const products: { productId: string; cap: number; minimumQuantity?: number }[] = [];
  for (const [sku, d] of Object.entries(DEMO_PRODUCTS)) {
    const productId = await productIdBySku(trx, profile.slug, sku);
    if (!productId) continue;
    await setSupplier(trx, profile.slug, productId, { supplierName: d.supplier, supplierEmail: d.email, caseSize: d.caseSize });
    products.push({ productId, cap: d.cap, ...(d.minimumQuantity && { minimumQuantity: d.minimumQuantity }) });
  }
  if (products.length === 0) return;
  // The next school year's campaign: this year's until its last delivery day has passed.
  const today = localDate(Temporal.Instant.fromEpochMilliseconds(now.getTime()), profile.timeZone);
  const year = today.toString() <= `${today.year}-${yearly.lateOrdersLatestBy}` ? today.year : today.year + 1;
  const at = (md: string) => new Date(Temporal.PlainDate.from(`${year}-${md}`).toZonedDateTime({ timeZone: profile.timeZone }).epochMilliseconds);
  await insertCampaign(
    trx,
    profile.slug,
    { title: yearly.name.replace('{year}', String(year)), opensAt: at(DEMO_WINDOW.opens), closesAt: at(DEMO_WINDOW.closes), products, promises: yearlyPromises(year, yearly, DEMO_EARLY) },
    { actor: 'system:demo', now },
  );
  await markCampaignOnly(trx, profile.slug, products.map((p) => p.productId));
}
