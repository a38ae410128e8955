/**
 * The customer's order page links to its late-delivery page (issue 11 §4) while the order waits
 * for its goods, and once it ended, to follow a termination's refund (src/web/orders/late-delivery.tsx).
 */
import type { OrderJson } from '../../../flows/order-json.ts';
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import { OPEN_FOR_LATE_DELIVERY } from '../../../orders/late-delivery-rules.ts';
import type { Shop } from '../../../shops/service.ts';

export function LateDeliveryLink({ lang, shop, order }: { lang: Lang; shop: Pick<Shop, 'slug'>; order: Pick<OrderJson, 'id' | 'status'> }) {
  if (![...OPEN_FOR_LATE_DELIVERY, 'cancelled'].includes(order.status)) return null;
  return <p><a href={`/shops/${shop.slug}/orders/${order.id}/late-delivery`}>{t(lang, 'lateDelivery.link')}</a></p>;
}
