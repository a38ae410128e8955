/**
 * The customer's order page links to its late-delivery page (issue 11 §4) while the order waits
 * for its goods, with the last day of delivery when the order has one (`deadlines.deliveryLatestOn`,
 * without the days of force majeure the late-delivery page adds), and once it ended, to follow a
 * termination's refund (src/web/orders/late-delivery.tsx).
 */
import type { OrderJson } from '../../../flows/order-json.ts';
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import { longDay } from '../../../orders/late-delivery.ts';
import { OPEN_FOR_LATE_DELIVERY } from '../../../orders/late-delivery-rules.ts';
import type { Shop } from '../../../shops/service.ts';

export function LateDeliveryLink({ lang, shop, order }: { lang: Lang; shop: Pick<Shop, 'slug'>; order: Pick<OrderJson, 'id' | 'status'> & { deadlines?: { deliveryLatestOn?: string } } }) {
  const open = OPEN_FOR_LATE_DELIVERY.includes(order.status);
  if (!open && order.status !== 'cancelled') return null;
  const latest = open ? order.deadlines?.deliveryLatestOn : undefined;
  return (
    <p>
      {latest && <>{t(lang, 'lateDelivery.link.due', { date: longDay(lang, latest) })} </>}
      <a href={`/shops/${shop.slug}/orders/${order.id}/late-delivery`}>{t(lang, 'lateDelivery.link')}</a>
    </p>
  );
}
