/**
 * The withdrawal function's entry on the customer's order page (Directive 2011/83 art. 11a:
 * prominent and available throughout the period): the clearly labelled link while something can
 * be withdrawn and the period runs (before delivery too: the consumer may already withdraw).
 */
import type { Kysely } from 'kysely';
import { offeredOn } from '../../aftersale/eligibility.ts';
import { findOrder } from '../../aftersale/queries.ts';
import { orderEligibility, todayIn } from '../../aftersale/service.ts';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Lang } from '../../kernel/i18n/index.ts';
import type { Shop } from '../../shops/service.ts';
import { WithdrawalEntry } from './views/withdrawal-pages.tsx';

export async function withdrawalEntry(deps: { db: Kysely<DB>; clock: Clock }, lang: Lang, shop: Shop, orderId: string) {
  const order = await findOrder(deps.db, shop.slug, orderId);
  if (!order) return null;
  const today = todayIn(deps.clock, shop);
  const options = await orderEligibility(deps.db, shop, order, today);
  if (!options.applies || !offeredOn(options, today)) return null;
  return <WithdrawalEntry lang={lang} href={`/shops/${shop.slug}/orders/${orderId}/withdrawal`} endsOn={options.period.endsOn?.toString() ?? null} />;
}
