/**
 * Creating a group-purchase campaign (issue 12 §1, API `POST /shops/{shop}/campaigns`) or cloning
 * one for next season: spans the catalogue (its products exist; from now on they are sold only
 * inside a campaign's window) and the campaigns capability (the campaign, its caps, minimums and
 * promises), in one transaction.
 */
import type { Kysely } from 'kysely';
import { existingProductIds, markCampaignOnly } from '../catalogue/campaign-products.ts';
import { type CampaignJson, campaignProducts, findCampaign, getCampaign, insertCampaign, type NewCampaign } from '../campaigns/service.ts';
import { nextSeason } from '../campaigns/rules.ts';
import type { CampaignInput, CloneInput } from '../campaigns/schema.ts';
import type { PromiseJson } from '../db/schema-campaigns.ts';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../kernel/clock.ts';
import { DomainError } from '../kernel/errors.ts';
import { isUuid } from '../kernel/ids.ts';
import type { Shop } from '../shops/service.ts';

type Deps = { db: Kysely<DB>; clock: Clock };
const nowOf = (clock: Clock) => new Date(clock.now().epochMilliseconds);

/** The API's input as the campaign's facts (instants parsed; absent values left out). */
export function campaignFacts(input: CampaignInput): NewCampaign {
  return {
    title: input.title,
    opensAt: new Date(input.opensAt),
    closesAt: new Date(input.closesAt),
    minimumQuantity: input.minimumQuantity,
    products: input.products.map((p) => ({ productId: p.productId, cap: p.cap, minimumQuantity: p.minimumQuantity })),
    promises: input.promises.map((p) => ({ ...(p.orderedFrom && { orderedFrom: p.orderedFrom }), ...(p.orderedUntil && { orderedUntil: p.orderedUntil }), ...(p.deliveryFrom && { deliveryFrom: p.deliveryFrom }), deliveryLatestOn: p.deliveryLatestOn })),
  };
}

async function create(deps: Deps, shop: Shop, c: NewCampaign, actor: string): Promise<CampaignJson> {
  const now = nowOf(deps.clock);
  const id = await deps.db.transaction().execute(async (trx) => {
    const ids = c.products.map((p) => p.productId);
    const known = await existingProductIds(trx, shop.slug, ids.filter(isUuid));
    ids.forEach((productId, i) => {
      if (!known.has(productId)) throw new DomainError('unknown_product', 'refused', {}, `products.${i}.productId`);
    });
    const created = await insertCampaign(trx, shop.slug, c, { actor, now });
    await markCampaignOnly(trx, shop.slug, ids);
    return created;
  });
  return getCampaign(deps.db, shop.slug, id, now);
}

export function createCampaign(deps: Deps, shop: Shop, input: CampaignInput, actor: string): Promise<CampaignJson> {
  return create(deps, shop, campaignFacts(input), actor);
}

/** "Rentrée 2027" → "Rentrée 2028": every year in the title moves on by one. */
export function nextSeasonTitle(title: string): string {
  return title.replace(/\b(19|20)(\d\d)\b/g, (year) => String(Number(year) + 1));
}

/** Next season's copy: the same products, caps and minimums, its window and promises one year later (shop's zone). */
export async function cloneCampaign(deps: Deps, shop: Shop, id: string, input: CloneInput, actor: string): Promise<CampaignJson> {
  const source = await findCampaign(deps.db, shop.slug, id);
  const products = await campaignProducts(deps.db, shop.slug, [source.id]);
  const dates = nextSeason({ opensAt: source.opens_at, closesAt: source.closes_at, promises: source.promises as unknown as PromiseJson[] }, shop.timeZone);
  return create(
    deps,
    shop,
    {
      title: input.title ?? nextSeasonTitle(source.title),
      ...dates,
      minimumQuantity: source.minimum_quantity ?? undefined,
      products: products.map((p) => ({ productId: p.product_id, cap: p.cap ?? undefined, minimumQuantity: p.minimum_quantity ?? undefined })),
      clonedFrom: source.id,
    },
    actor,
  );
}
